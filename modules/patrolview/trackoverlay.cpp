// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "trackoverlay.h"

#include "domain/displaytime.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace GridDesk {

namespace {

constexpr double PICK_TOLERANCE = 8.0; // pixels
constexpr double MARK_RADIUS = 6.0;

QString clockTime(const QDateTime &time, bool withDate)
{
    const QDateTime utc = time.toUTC();
    return withDate ? displayDateTime(utc) : utc.toString(QStringLiteral("HH:mm"));
}

/// Text on a pale box, so that it reads over any map colour.
void drawLabel(QPainter &painter, const QPointF &anchor, const QString &text, const QColor &edge)
{
    const QFontMetricsF metrics(painter.font());
    QRectF box = metrics.boundingRect(text).adjusted(-4, -2, 4, 2);
    box.moveBottomLeft(anchor + QPointF(MARK_RADIUS + 2, -MARK_RADIUS));
    painter.setPen(QPen(edge, 1));
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(QColor(30, 30, 30));
    painter.drawText(box, Qt::AlignCenter, text);
}

} // namespace

void TrackOverlay::setTracks(const QList<PatrolTrack> &tracks)
{
    m_tracks = tracks;
}

QColor TrackOverlay::colourOf(int index)
{
    static const QList<QColor> colours {QColor(214, 39, 40), QColor(31, 119, 180),
        QColor(148, 103, 189), QColor(255, 127, 14), QColor(23, 190, 207), QColor(140, 86, 75)};
    return colours.at(index % colours.size());
}

void TrackOverlay::paint(QPainter &painter, const MapViewport &viewport)
{
    for (int i = 0; i < m_tracks.size(); ++i)
        paintTrack(painter, viewport, i);
}

void TrackOverlay::paintTrack(QPainter &painter, const MapViewport &viewport, int index) const
{
    const PatrolTrack &track = m_tracks.at(index);
    if (track.points.isEmpty())
        return;
    const QColor colour = colourOf(index);
    const bool highlighted = track.id == m_highlighted;

    QPainterPath path;
    int segment = -1;
    for (const TrackPoint &point : track.points) {
        const QPointF pixel = viewport.toPixel(point.position);
        if (point.segment != segment) {
            path.moveTo(pixel);
            segment = point.segment;
        } else {
            path.lineTo(pixel);
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(255, 255, 255, 200), highlighted ? 8 : 6, Qt::SolidLine,
        Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(path);
    painter.setPen(QPen(colour, highlighted ? 5 : 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(path);

    const QPointF start = viewport.toPixel(track.points.constFirst().position);
    const QPointF end = viewport.toPixel(track.points.constLast().position);
    painter.setPen(QPen(Qt::white, 2));
    painter.setBrush(colour);
    painter.drawEllipse(start, MARK_RADIUS, MARK_RADIUS);
    painter.drawRect(
        QRectF(end - QPointF(MARK_RADIUS, MARK_RADIUS), QSizeF(2 * MARK_RADIUS, 2 * MARK_RADIUS)));
    //: A patrol's start on the map: %1 is the person, %2 a date and time
    drawLabel(painter, start, tr("%1 %2 UTC").arg(track.person, clockTime(track.startedAt, true)),
        colour);
    //: A patrol's end on the map: %1 is a time of day
    drawLabel(painter, end, tr("end %1").arg(clockTime(track.endedAt, false)), colour);
}

QString TrackOverlay::toolTipAt(const QPointF &pixel, const MapViewport &viewport) const
{
    double best = PICK_TOLERANCE;
    const PatrolTrack *found = nullptr;
    int fix = -1;
    for (const PatrolTrack &track : m_tracks) {
        for (int i = 0; i < track.points.size(); ++i) {
            const QPointF at = viewport.toPixel(track.points.at(i).position);
            const double distance = std::hypot(at.x() - pixel.x(), at.y() - pixel.y());
            if (distance <= best) {
                best = distance;
                found = &track;
                fix = i;
            }
        }
    }
    if (!found)
        return {};
    //: %1 person, %2 file, %3 fix number, %4 number of fixes, %5 date and time
    return tr("%1's patrol (%2)\nfix %3 of %4 at %5 UTC")
        .arg(found->person, found->sourceFile)
        .arg(fix + 1)
        .arg(found->points.size())
        .arg(found->points.at(fix).time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
}

} // namespace GridDesk
