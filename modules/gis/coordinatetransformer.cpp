// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "coordinatetransformer.h"

#include "gcj02.h"

#include <proj.h>

#include <QCoreApplication>

#include <cmath>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::CoordinateTransformer)
};

enum class Kind { Identity, Gcj02, Proj };
} // namespace

struct CoordinateTransformer::Private
{
    Kind kind = Kind::Identity;
    QString name;
    PJ_CONTEXT *context = nullptr;
    PJ *operation = nullptr;

    ~Private()
    {
        if (operation)
            proj_destroy(operation);
        if (context)
            proj_context_destroy(context);
    }
};

CoordinateTransformer::CoordinateTransformer(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

CoordinateTransformer::CoordinateTransformer(CoordinateTransformer &&) noexcept = default;
CoordinateTransformer &CoordinateTransformer::operator=(
    CoordinateTransformer &&) noexcept = default;
CoordinateTransformer::~CoordinateTransformer() = default;

Result<CoordinateTransformer> CoordinateTransformer::toWgs84(const QString &source)
{
    auto d = std::make_unique<Private>();
    const QString trimmed = source.trimmed();
    if (trimmed.isEmpty()) {
        d->name = QStringLiteral("WGS 84");
        return CoordinateTransformer(std::move(d));
    }
    if (trimmed.compare(QLatin1String("gcj02"), Qt::CaseInsensitive) == 0
        || trimmed.compare(QLatin1String("gcj-02"), Qt::CaseInsensitive) == 0) {
        d->kind = Kind::Gcj02;
        d->name = QStringLiteral("GCJ-02");
        return CoordinateTransformer(std::move(d));
    }

    d->context = proj_context_create();
    proj_log_level(d->context, PJ_LOG_NONE);
    const QByteArray definition = trimmed.toUtf8();
    PJ *crs = proj_create(d->context, definition.constData());
    if (!crs) {
        const int code = proj_context_errno(d->context);
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("The coordinate system \"%1\" is not known to PROJ (%2).")
                .arg(trimmed.left(120),
                    QString::fromUtf8(proj_context_errno_string(d->context, code))));
    }
    d->name = QString::fromUtf8(proj_get_name(crs));

    PJ *target = proj_create(d->context, "EPSG:4326");
    PJ *operation = proj_create_crs_to_crs_from_pj(d->context, crs, target, nullptr, nullptr);
    proj_destroy(target);
    proj_destroy(crs);
    if (!operation)
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("No transformation from \"%1\" to WGS84 is known.").arg(d->name));

    // Longitude first on both sides, the order GDAL hands out for vector data.
    d->operation = proj_normalize_for_visualization(d->context, operation);
    proj_destroy(operation);
    if (!d->operation)
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("The transformation from \"%1\" could not be set up.").arg(d->name));
    d->kind = Kind::Proj;
    return CoordinateTransformer(std::move(d));
}

bool CoordinateTransformer::isIdentity() const
{
    return d->kind == Kind::Identity;
}

QString CoordinateTransformer::sourceName() const
{
    return d->name;
}

bool CoordinateTransformer::transform(std::span<double> xy) const
{
    const std::size_t count = xy.size() / 2;
    switch (d->kind) {
    case Kind::Identity:
        return true;
    case Kind::Gcj02:
        for (std::size_t i = 0; i < count; ++i) {
            const GeoPoint wgs = Gcj02::toWgs84(GeoPoint {xy[2 * i], xy[2 * i + 1]});
            xy[2 * i] = wgs.lon;
            xy[2 * i + 1] = wgs.lat;
        }
        return true;
    case Kind::Proj: {
        const std::size_t stride = 2 * sizeof(double);
        proj_trans_generic(d->operation, PJ_FWD, xy.data(), stride, count, xy.data() + 1, stride,
            count, nullptr, 0, 0, nullptr, 0, 0);
        for (double value : xy) {
            if (!std::isfinite(value))
                return false;
        }
        return true;
    }
    }
    return false;
}

} // namespace GridDesk
