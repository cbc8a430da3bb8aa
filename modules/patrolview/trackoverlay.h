// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "mapview/mapoverlay.h"
#include "patrol/patroltrack.h"

#include <QColor>
#include <QCoreApplication>

namespace GridDesk {

/// Patrol tracks drawn over the map: each a line in a colour of its own, a round mark where
/// it started and a square one where it ended, each labelled with its time (UTC); the track
/// chosen in the patrols panel is drawn wider. Resting the cursor on a track tells whose
/// patrol it is and when its nearest fix was taken.
class TrackOverlay : public MapOverlay
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::TrackOverlay)

public:
    /// The tracks to draw, with their points.
    void setTracks(const QList<PatrolTrack> &tracks);
    const QList<PatrolTrack> &tracks() const { return m_tracks; }
    /// The track drawn wider; 0 for none.
    void setHighlighted(qint64 trackId) { m_highlighted = trackId; }
    qint64 highlighted() const { return m_highlighted; }

    /// The colour of the index-th track: the panel shows the same.
    static QColor colourOf(int index);

    void paint(QPainter &painter, const MapViewport &viewport) override;
    QString toolTipAt(const QPointF &pixel, const MapViewport &viewport) const override;

private:
    void paintTrack(QPainter &painter, const MapViewport &viewport, int index) const;

    QList<PatrolTrack> m_tracks;
    qint64 m_highlighted = 0;
};

} // namespace GridDesk
