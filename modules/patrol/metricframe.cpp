// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "metricframe.h"

#include "gis/wkb.h"

#include <proj.h>

#include <QCoreApplication>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Patrol)
};
} // namespace

struct MetricFrame::Private
{
    PJ_CONTEXT *context = nullptr;
    PJ *projection = nullptr;

    ~Private()
    {
        if (projection)
            proj_destroy(projection);
        if (context)
            proj_context_destroy(context);
    }
};

MetricFrame::MetricFrame(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

MetricFrame::MetricFrame(MetricFrame &&) noexcept = default;
MetricFrame &MetricFrame::operator=(MetricFrame &&) noexcept = default;
MetricFrame::~MetricFrame() = default;

Result<MetricFrame> MetricFrame::around(const GeoPoint &centre)
{
    auto d = std::make_unique<Private>();
    d->context = proj_context_create();
    proj_log_level(d->context, PJ_LOG_NONE);
    const QByteArray definition =
        QStringLiteral("+proj=tmerc +lat_0=%1 +lon_0=%2 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m")
            .arg(centre.lat, 0, 'f', 9)
            .arg(centre.lon, 0, 'f', 9)
            .toLatin1();
    d->projection = proj_create(d->context, definition.constData());
    if (!d->projection) {
        const int code = proj_context_errno(d->context);
        return fail(ErrorCode::UnknownCrs,
            Tr::tr("No metric projection could be set up around %1, %2 (%3).")
                .arg(centre.lon)
                .arg(centre.lat)
                .arg(QString::fromUtf8(proj_context_errno_string(d->context, code))));
    }
    return MetricFrame(std::move(d));
}

bool MetricFrame::project(std::span<double> xy) const
{
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
        PJ_COORD coordinate = proj_coord(proj_torad(xy[i]), proj_torad(xy[i + 1]), 0, 0);
        coordinate = proj_trans(d->projection, PJ_FWD, coordinate);
        if (coordinate.xy.x == HUGE_VAL)
            return false;
        xy[i] = coordinate.xy.x;
        xy[i + 1] = coordinate.xy.y;
    }
    return true;
}

Result<QByteArray> MetricFrame::project(QByteArray wkb) const
{
    auto done = Wkb::transformInPlace(wkb, [this](std::span<double> xy) { return project(xy); });
    if (!done)
        return std::unexpected(done.error());
    return wkb;
}

} // namespace GridDesk
