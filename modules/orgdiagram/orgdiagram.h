// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "orgdiagramlayout.h"

#include <QAbstractScrollArea>
#include <QPoint>
#include <QString>

namespace GridDesk {

/// The drawn org chart: each unit a box in a top-down tidy tree with a row per tier, coloured
/// by tier, joint-handling units cut at the corners with dashed links to the units they serve,
/// retired units grey and dashed (hidden unless shown). Subtrees collapse with their +/−
/// badge; charts of more than BIG_CHART units start collapsed from the tier that leaves about
/// 150 boxes in view, never hiding the top units' children.
///
/// Painted by hand rather than with QGraphicsView: the boxes live in flat arrays indexed by
/// row, so only the visible part is drawn and an 8 000-unit chart lays out again in a few
/// milliseconds without thousands of scene items. Zoomed out, boxes lose their text.
///
/// Mouse: click selects, double-click activates, a drag on a box asks to move it under the box
/// it is dropped on (the diagram never changes the chart itself), a drag on empty space pans,
/// Ctrl+wheel zooms. Keys: arrows move to the parent, first child and siblings, + and − expand
/// and collapse, Enter activates, Ctrl++, Ctrl+− and Ctrl+0 zoom.
class OrgDiagram : public QAbstractScrollArea
{
    Q_OBJECT

public:
    static constexpr int BIG_CHART = 300;
    static constexpr qreal MIN_ZOOM = 0.02;
    static constexpr qreal MAX_ZOOM = 2.0;

    explicit OrgDiagram(QWidget *parent = nullptr);

    /// Shows chart; keeps the selection, expansion and view of units still in it.
    void setChart(const OrgChart &chart);

    /// The selected unit's code; empty when none. setSelectedUnit() reveals the unit and does
    /// not emit unitSelected(); an unknown code clears the selection.
    QString selectedUnit() const { return m_selected; }
    void setSelectedUnit(const QString &code);

    void setExpanded(const QString &code, bool expanded);
    bool isExpanded(const QString &code) const;
    /// Expands the unit's ancestors and scrolls until its box shows.
    void ensureVisible(const QString &code);

    void setShowRetired(bool show);
    bool showRetired() const { return m_layout.showRetired(); }

    qreal zoom() const { return m_zoom; }
    /// Zooms keeping the scene point under the viewport position anchor still.
    void setZoom(qreal zoom, const QPoint &anchor = QPoint(-1, -1));
    /// Zooms out until the whole diagram fits, at most to 100 %.
    void fitToView();

    /// A shown unit's box in viewport coordinates; empty when hidden.
    QRect visualRect(const QString &code) const;
    /// The code of the unit whose box is at a viewport position; empty for none.
    QString unitAt(const QPoint &position) const;
    const OrgDiagramLayout &diagramLayout() const { return m_layout; }

Q_SIGNALS:
    void unitSelected(const QString &code); ///< by the user's click or keys
    void unitActivated(const QString &code); ///< double-click or Enter
    /// The user dropped the box of code on the box of newParent, and the tier rule allows it.
    void moveRequested(const QString &code, const QString &newParent);
    /// A context menu asked for at globalPos, over a unit or (empty code) over empty space.
    void contextMenuRequested(const QString &code, const QPoint &globalPos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    enum class Gesture { None, Pressed, DraggingBox, Panning };

    /// A unit and where its box was in the viewport, to keep it there across a new layout.
    struct Anchor
    {
        QString code;
        QPointF position;
    };

    QPointF origin() const;
    QPointF toScene(const QPointF &position) const;
    QPointF toView(const QPointF &scene) const;
    QRectF sceneBounds() const;
    void updateScrollBars();
    Anchor anchor() const;
    void relayout(const Anchor &keep);
    void scrollToShow(const QRectF &sceneRect);
    void centreOn(const QPointF &scene, const QPointF &position);

    void select(int box, bool byUser);
    void toggle(int box);
    void navigate(int key);
    void updateDrop(const QPoint &position, const QPoint &globalPosition);
    QString refusal(int dragged, int target) const;
    void endGesture();

    OrgDiagramLayout m_layout;
    bool m_hasChart = false;
    QString m_selected;
    qreal m_zoom = 1.0;

    Gesture m_gesture = Gesture::None;
    QPoint m_pressPosition;
    QPoint m_lastPosition;
    int m_dragged = -1;
    int m_dropTarget = -1;
    bool m_dropAllowed = false;
};

} // namespace GridDesk
