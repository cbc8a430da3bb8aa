// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "screenplacement.h"

#include <QGuiApplication>
#include <QScreen>

#include <cmath>
#include <limits>

namespace GridDesk {

namespace {

QList<QScreen *> screensPrimaryFirst()
{
    QList<QScreen *> screens = QGuiApplication::screens();
    QScreen *primary = QGuiApplication::primaryScreen();
    if (primary && screens.removeOne(primary))
        screens.prepend(primary);
    return screens;
}

double distance(const QPoint &a, const QPoint &b)
{
    return std::hypot(double(a.x() - b.x()), double(a.y() - b.y()));
}

qint64 overlap(const QRect &a, const QRect &b)
{
    const QRect common = a.intersected(b);
    return common.isEmpty() ? 0 : qint64(common.width()) * common.height();
}

/// The monitor the window belonged to, by name and geometry, by name, or by geometry alone.
int sameScreen(const WindowPlace &place, const QList<ScreenArea> &screens)
{
    const auto find = [&](auto matches) {
        for (int i = 0; i < screens.size(); ++i) {
            if (matches(screens[i]))
                return i;
        }
        return -1;
    };
    const bool named = !place.screenName.isEmpty();
    const bool located = place.screenGeometry.isValid();
    int found = -1;
    if (named && located) {
        found = find([&](const ScreenArea &screen) {
            return screen.name == place.screenName && screen.geometry == place.screenGeometry;
        });
    }
    if (found < 0 && named)
        found = find([&](const ScreenArea &screen) { return screen.name == place.screenName; });
    if (found < 0 && located) {
        found =
            find([&](const ScreenArea &screen) { return screen.geometry == place.screenGeometry; });
    }
    return found;
}

/// The monitor that covers most of where the window's monitor (or, without one, the window)
/// was; else the nearest; the earlier in the list when several are equal.
int nearestScreen(const WindowPlace &place, const QList<ScreenArea> &screens)
{
    const QRect was = place.screenGeometry.isValid() ? place.screenGeometry : place.geometry;
    int best = 0;
    qint64 bestOverlap = 0;
    for (int i = 0; i < screens.size(); ++i) {
        const qint64 covered = overlap(was, screens[i].geometry);
        if (covered > bestOverlap) {
            best = i;
            bestOverlap = covered;
        }
    }
    if (bestOverlap > 0)
        return best;

    double bestDistance = std::numeric_limits<double>::max();
    for (int i = 0; i < screens.size(); ++i) {
        const double away = distance(was.center(), screens[i].geometry.center());
        if (away < bestDistance) {
            best = i;
            bestDistance = away;
        }
    }
    return best;
}

/// The window's offset within its old monitor, carried to the new one and scaled with it.
QRect carriedOver(const WindowPlace &place, const ScreenArea &screen)
{
    const QRect &old = place.screenGeometry;
    if (!old.isValid())
        return place.geometry;
    const double scaleX = double(screen.geometry.width()) / old.width();
    const double scaleY = double(screen.geometry.height()) / old.height();
    const QPoint offset = place.geometry.topLeft() - old.topLeft();
    const QPoint topLeft = screen.geometry.topLeft()
        + QPoint(qRound(offset.x() * qMin(scaleX, 1.0)), qRound(offset.y() * qMin(scaleY, 1.0)));
    return QRect(topLeft, place.geometry.size());
}

} // namespace

QRect fitInto(const QRect &rect, const QRect &area)
{
    if (!area.isValid())
        return rect;
    const QSize size = rect.size().expandedTo(QSize(1, 1)).boundedTo(area.size());
    const int x = qBound(area.left(), rect.x(), area.right() - size.width() + 1);
    const int y = qBound(area.top(), rect.y(), area.bottom() - size.height() + 1);
    return QRect(QPoint(x, y), size);
}

ScreenChoice placeOnScreens(const WindowPlace &place, const QList<ScreenArea> &screens)
{
    ScreenChoice choice;
    if (screens.isEmpty()) {
        choice.geometry = place.geometry;
        return choice;
    }

    const int same = sameScreen(place, screens);
    choice.screen = same >= 0 ? same : nearestScreen(place, screens);
    const ScreenArea &screen = screens[choice.screen];
    const bool unchanged = same >= 0 && screen.geometry == place.screenGeometry;
    choice.moved = !unchanged;

    const QRect wanted = unchanged ? place.geometry : carriedOver(place, screen);
    const QRect area = screen.available.isValid() ? screen.available : screen.geometry;
    choice.geometry = fitInto(wanted, area);
    return choice;
}

QList<ScreenArea> currentScreens()
{
    QList<ScreenArea> areas;
    for (QScreen *screen : screensPrimaryFirst())
        areas.append({screen->name(), screen->geometry(), screen->availableGeometry()});
    return areas;
}

QScreen *screenAt(int index)
{
    return screensPrimaryFirst().value(index);
}

} // namespace GridDesk
