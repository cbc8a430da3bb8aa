// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerentry.h"

#include "gis/geoscontext.h"
#include "gis/wkb.h"

#include <QJsonValue>

namespace GridDesk {

namespace {

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

std::optional<GeoPoint> singlePoint(QByteArrayView wkb)
{
    std::optional<GeoPoint> point;
    int rings = 0;
    auto walked = Wkb::forEachRing(wkb, [&](const Wkb::RingRef &ring) {
        ++rings;
        if (ring.points.size() == 1)
            point = ring.points.front();
    });
    if (!walked || rings != 1)
        return std::nullopt;
    return point;
}

} // namespace

std::optional<GeoPoint> RegisterEntry::anchor() const
{
    if (wkb.isEmpty())
        return std::nullopt;
    if (const auto point = singlePoint(wkb))
        return point;
    GeosContext geos;
    auto geometry = geos.fromWkb(wkb);
    if (!geometry)
        return std::nullopt;
    return geos.pointOnSurface(geometry->get());
}

QJsonObject RegisterEntry::toJson() const
{
    QJsonObject object {{QStringLiteral("code"), code}, {QStringLiteral("kind"), kind},
        {QStringLiteral("name"), name}, {QStringLiteral("grid"), gridCode},
        {QStringLiteral("address"), address}, {QStringLiteral("source"), source},
        {QStringLiteral("verified_by"), verifiedBy},
        {QStringLiteral("verified_at"), isoTime(verifiedAt)},
        {QStringLiteral("fields"), QJsonObject::fromVariantMap(fields)},
        {QStringLiteral("version"), version}, {QStringLiteral("updated_by"), updatedBy},
        {QStringLiteral("updated_at"), isoTime(updatedAt)}};
    if (const auto point = singlePoint(wkb)) {
        object.insert(QStringLiteral("lon"), point->lon);
        object.insert(QStringLiteral("lat"), point->lat);
    } else if (!wkb.isEmpty()) {
        object.insert(QStringLiteral("wkb"), QString::fromLatin1(wkb.toHex()));
    }
    return object;
}

RegisterEntry RegisterEntry::fromJson(const QJsonObject &object)
{
    RegisterEntry entry;
    entry.code = object.value(QStringLiteral("code")).toString();
    entry.kind = object.value(QStringLiteral("kind")).toString();
    entry.name = object.value(QStringLiteral("name")).toString();
    entry.gridCode = object.value(QStringLiteral("grid")).toString();
    entry.address = object.value(QStringLiteral("address")).toString();
    entry.source = object.value(QStringLiteral("source")).toString();
    entry.verifiedBy = object.value(QStringLiteral("verified_by")).toString();
    entry.verifiedAt =
        QDateTime::fromString(object.value(QStringLiteral("verified_at")).toString(), Qt::ISODate);
    entry.fields = object.value(QStringLiteral("fields")).toObject().toVariantMap();
    entry.version = object.value(QStringLiteral("version")).toInt();
    entry.updatedBy = object.value(QStringLiteral("updated_by")).toString();
    entry.updatedAt =
        QDateTime::fromString(object.value(QStringLiteral("updated_at")).toString(), Qt::ISODate);
    if (object.contains(QStringLiteral("lon")))
        entry.wkb = Wkb::point(GeoPoint {object.value(QStringLiteral("lon")).toDouble(),
            object.value(QStringLiteral("lat")).toDouble()});
    else
        entry.wkb = QByteArray::fromHex(object.value(QStringLiteral("wkb")).toString().toLatin1());
    return entry;
}

bool RegisterEntry::sameContent(const RegisterEntry &other) const
{
    // Fields compare through JSON so that 3 read back from the file equals 3.0 from an import.
    return code == other.code && kind == other.kind && name == other.name
        && gridCode == other.gridCode && address == other.address && wkb == other.wkb
        && source == other.source && verifiedBy == other.verifiedBy
        && isoTime(verifiedAt) == isoTime(other.verifiedAt)
        && QJsonObject::fromVariantMap(fields) == QJsonObject::fromVariantMap(other.fields);
}

} // namespace GridDesk
