// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desklayout.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::DeskLayout)
};

const char *placeKey(PanelPlace place)
{
    switch (place) {
    case PanelPlace::Hidden:
        return "hidden";
    case PanelPlace::Docked:
        return "docked";
    case PanelPlace::Window:
        return "window";
    }
    return "hidden";
}

QJsonArray rectToJson(const QRect &rect)
{
    return {rect.x(), rect.y(), rect.width(), rect.height()};
}

Error fieldError(const QString &field, const QString &problem)
{
    //: %1 is a field of a saved window layout, %2 what is wrong with it
    return Error {ErrorCode::InvalidArgument, Tr::tr("%1: %2").arg(field, problem)};
}

Result<QRect> rectFromJson(const QJsonValue &value, const QString &field)
{
    const QJsonArray numbers = value.toArray();
    bool numeric = value.isArray() && numbers.size() == 4;
    for (const QJsonValue &number : numbers)
        numeric = numeric && number.isDouble();
    if (!numeric)
        return std::unexpected(fieldError(field, Tr::tr("expected [x, y, width, height]")));
    const QRect rect(
        numbers[0].toInt(), numbers[1].toInt(), numbers[2].toInt(), numbers[3].toInt());
    if (rect.width() <= 0 || rect.height() <= 0)
        return std::unexpected(fieldError(field, Tr::tr("the width and height must be positive")));
    return rect;
}

QJsonObject windowToJson(const WindowPlace &place)
{
    QJsonObject json {{QStringLiteral("geometry"), rectToJson(place.geometry)},
        {QStringLiteral("screen"), place.screenName},
        {QStringLiteral("maximized"), place.maximized},
        {QStringLiteral("fullScreen"), place.fullScreen}};
    if (place.screenGeometry.isValid())
        json.insert(QStringLiteral("screenGeometry"), rectToJson(place.screenGeometry));
    return json;
}

Result<WindowPlace> windowFromJson(const QJsonValue &value, const QString &field)
{
    if (!value.isObject())
        return std::unexpected(fieldError(field, Tr::tr("expected an object")));
    const QJsonObject json = value.toObject();
    WindowPlace place;
    auto geometry =
        rectFromJson(json.value(QStringLiteral("geometry")), field + QLatin1String(".geometry"));
    if (!geometry)
        return std::unexpected(geometry.error());
    place.geometry = *geometry;
    place.screenName = json.value(QStringLiteral("screen")).toString();
    if (json.contains(QStringLiteral("screenGeometry"))) {
        auto screen = rectFromJson(
            json.value(QStringLiteral("screenGeometry")), field + QLatin1String(".screenGeometry"));
        if (!screen)
            return std::unexpected(screen.error());
        place.screenGeometry = *screen;
    }
    place.maximized = json.value(QStringLiteral("maximized")).toBool();
    place.fullScreen = json.value(QStringLiteral("fullScreen")).toBool();
    return place;
}

QJsonObject panelToJson(const PanelLayout &panel)
{
    QJsonObject json {{QStringLiteral("key"), panel.key},
        {QStringLiteral("place"), QLatin1String(placeKey(panel.place))}};
    if (panel.window)
        json.insert(QStringLiteral("window"), windowToJson(*panel.window));
    if (panel.extent && !panel.extent->isEmpty()) {
        const BoundingBox &box = *panel.extent;
        json.insert(
            QStringLiteral("extent"), QJsonArray {box.west, box.south, box.east, box.north});
        json.insert(
            QStringLiteral("mapSize"), QJsonArray {panel.mapSize.width(), panel.mapSize.height()});
    }
    return json;
}

Result<BoundingBox> extentFromJson(const QJsonValue &value, const QString &field)
{
    const QJsonArray numbers = value.toArray();
    bool numeric = value.isArray() && numbers.size() == 4;
    for (const QJsonValue &number : numbers)
        numeric = numeric && number.isDouble();
    if (!numeric)
        return std::unexpected(fieldError(field, Tr::tr("expected [west, south, east, north]")));
    const BoundingBox box {
        numbers[0].toDouble(), numbers[1].toDouble(), numbers[2].toDouble(), numbers[3].toDouble()};
    const bool onEarth = box.west >= -180 && box.east <= 180 && box.south >= -90 && box.north <= 90
        && box.west < box.east && box.south < box.north;
    if (!onEarth)
        return std::unexpected(fieldError(
            field, Tr::tr("west < east and south < north must lie within ±180° and ±90°")));
    return box;
}

Result<PanelLayout> panelFromJson(const QJsonValue &value, const QString &field)
{
    if (!value.isObject())
        return std::unexpected(fieldError(field, Tr::tr("expected an object")));
    const QJsonObject json = value.toObject();
    PanelLayout panel;
    panel.key = json.value(QStringLiteral("key")).toString();
    if (panel.key.isEmpty())
        return std::unexpected(fieldError(field + QLatin1String(".key"), Tr::tr("missing")));

    const QString place = json.value(QStringLiteral("place")).toString();
    const QList<PanelPlace> places {PanelPlace::Hidden, PanelPlace::Docked, PanelPlace::Window};
    const auto known = std::find_if(places.cbegin(), places.cend(),
        [&](PanelPlace candidate) { return place == QLatin1String(placeKey(candidate)); });
    if (known == places.cend()) {
        return std::unexpected(fieldError(field + QLatin1String(".place"),
            Tr::tr("\"%1\" is not one of hidden, docked, window").arg(place)));
    }
    panel.place = *known;

    if (json.contains(QStringLiteral("window"))) {
        auto window =
            windowFromJson(json.value(QStringLiteral("window")), field + QLatin1String(".window"));
        if (!window)
            return std::unexpected(window.error());
        panel.window = *window;
    }
    if (json.contains(QStringLiteral("extent"))) {
        auto extent =
            extentFromJson(json.value(QStringLiteral("extent")), field + QLatin1String(".extent"));
        if (!extent)
            return std::unexpected(extent.error());
        panel.extent = *extent;
        const QJsonArray size = json.value(QStringLiteral("mapSize")).toArray();
        panel.mapSize = QSize(size.at(0).toInt(), size.at(1).toInt());
    }
    return panel;
}

} // namespace

const PanelLayout *DeskLayout::panel(const QString &key) const
{
    for (const PanelLayout &candidate : panels) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

QJsonObject DeskLayout::toJson() const
{
    QJsonArray panelArray;
    for (const PanelLayout &entry : panels)
        panelArray.append(panelToJson(entry));
    return {{QStringLiteral("name"), name},
        {QStringLiteral("mainWindow"), windowToJson(mainWindow)},
        {QStringLiteral("dockState"), QString::fromLatin1(dockState.toBase64())},
        {QStringLiteral("panels"), panelArray}};
}

Result<DeskLayout> DeskLayout::fromJson(const QJsonObject &json)
{
    DeskLayout layout;
    layout.name = json.value(QStringLiteral("name")).toString().trimmed();
    if (layout.name.isEmpty())
        return std::unexpected(fieldError(QStringLiteral("name"), Tr::tr("missing")));

    auto main =
        windowFromJson(json.value(QStringLiteral("mainWindow")), QStringLiteral("mainWindow"));
    if (!main)
        return std::unexpected(main.error());
    layout.mainWindow = *main;
    layout.dockState =
        QByteArray::fromBase64(json.value(QStringLiteral("dockState")).toString().toLatin1());

    const QJsonArray panels = json.value(QStringLiteral("panels")).toArray();
    for (qsizetype i = 0; i < panels.size(); ++i) {
        auto panel = panelFromJson(panels[i], QStringLiteral("panels[%1]").arg(i));
        if (!panel)
            return std::unexpected(panel.error());
        layout.panels.append(*panel);
    }
    return layout;
}

} // namespace GridDesk
