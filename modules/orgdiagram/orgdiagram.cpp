// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagram.h"

#include "logging.h"
#include "orgdiagramrenderer.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QHash>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

#include <array>
#include <cmath>

namespace GridDesk {

namespace {

constexpr qreal SCENE_MARGIN = 40.0; ///< around the boxes, in scene pixels
constexpr int VIEW_MARGIN = 24; ///< kept around a box scrolled into view, in viewport pixels
constexpr int EDGE_SCROLL = 24; ///< a drag this close to the edge scrolls
constexpr qreal KEY_ZOOM = 1.25;

} // namespace

OrgDiagram::OrgDiagram(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    horizontalScrollBar()->setSingleStep(24);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Org chart"));
}

namespace {

/// For a big chart's first view: the lowest tier at which units start collapsed such that at
/// most FIRST_VIEW boxes show, but never fewer than the top units and their children. Shenzhen
/// (districts at tier 2, streets at 3) shows its 79 streets; Taipei (456 villages at tier 4
/// right under 12 districts) shows the districts.
int firstViewCollapseTier(const OrgChart &chart)
{
    constexpr int FIRST_VIEW = 150;
    // shownBelow[t]: units shown when units of tier t and below start collapsed, that is units
    // whose ancestors all have tiers above t.
    std::array<int, 8> shownBelow {};
    QHash<QString, int> highestAbove; // the largest tier among a unit's ancestors
    const auto ancestorsTier = [&](const ChartUnit &unit, const auto &self) -> int {
        if (const auto known = highestAbove.constFind(unit.code); known != highestAbove.cend())
            return *known;
        highestAbove.insert(unit.code, 7); // a circle of parents ends here
        const ChartUnit *parent = chart.unit(unit.parentCode);
        const int tier = parent ? std::max(parent->tier, self(*parent, self)) : 0;
        highestAbove.insert(unit.code, tier);
        return tier;
    };
    for (const ChartUnit &unit : chart.units()) {
        const int above = std::clamp(ancestorsTier(unit, ancestorsTier), 0, 7);
        for (int tier = above + 1; tier <= 7; ++tier)
            ++shownBelow[std::size_t(tier)];
    }
    int chosen = 2;
    for (int tier = 3; tier <= 7; ++tier) {
        if (shownBelow[std::size_t(tier)] <= FIRST_VIEW)
            chosen = tier;
    }
    return chosen;
}

} // namespace

void OrgDiagram::setChart(const OrgChart &chart)
{
    const bool first = !m_hasChart || m_layout.unitCount() == 0;
    const Anchor keep = first ? Anchor() : anchor();
    endGesture();

    m_layout.setChart(chart);
    if (first) {
        m_layout.resetExpansion();
        m_layout.setCollapseFromTier(
            m_layout.unitCount() > BIG_CHART ? firstViewCollapseTier(chart) : 7);
    }
    if (!chart.unit(m_selected))
        m_selected.clear();
    m_hasChart = true;
    relayout(keep);

    if (first && !m_layout.boxes().empty()) {
        const QRectF top = m_layout.boxes().front().rect;
        centreOn(QPointF(top.center().x(), top.top()),
            QPointF(viewport()->width() / 2.0, VIEW_MARGIN + SCENE_MARGIN * m_zoom));
    }
    qCDebug(lcOrgDiagram) << "showing" << m_layout.boxes().size() << "of" << m_layout.unitCount()
                          << "units";
}

void OrgDiagram::setSelectedUnit(const QString &code)
{
    if (code.isEmpty() || !m_layout.reveal(code)) {
        select(-1, false);
        return;
    }
    if (m_layout.indexOf(code) < 0)
        relayout(anchor());
    select(m_layout.indexOf(code), false);
    if (const int box = m_layout.indexOf(code); box >= 0)
        scrollToShow(m_layout.boxes()[std::size_t(box)].rect);
}

void OrgDiagram::setExpanded(const QString &code, bool expanded)
{
    if (m_layout.isExpanded(code) == expanded)
        return;
    const int box = m_layout.indexOf(code);
    const Anchor keep = box >= 0
        ? Anchor {code, toView(m_layout.boxes()[std::size_t(box)].rect.center())}
        : anchor();
    m_layout.setExpanded(code, expanded);
    relayout(keep);
}

bool OrgDiagram::isExpanded(const QString &code) const
{
    return m_layout.isExpanded(code);
}

void OrgDiagram::ensureVisible(const QString &code)
{
    if (!m_layout.reveal(code))
        return;
    if (m_layout.indexOf(code) < 0)
        relayout(anchor());
    if (const int box = m_layout.indexOf(code); box >= 0)
        scrollToShow(m_layout.boxes()[std::size_t(box)].rect);
}

void OrgDiagram::setShowRetired(bool show)
{
    if (show == m_layout.showRetired())
        return;
    m_layout.setShowRetired(show);
    relayout(anchor());
    if (m_layout.indexOf(m_selected) < 0)
        m_selected.clear();
}

void OrgDiagram::setZoom(qreal zoom, const QPoint &anchorPosition)
{
    const QPointF position = anchorPosition == QPoint(-1, -1)
        ? QPointF(viewport()->width() / 2.0, viewport()->height() / 2.0)
        : QPointF(anchorPosition);
    const QPointF scene = toScene(position);
    m_zoom = std::clamp(zoom, MIN_ZOOM, MAX_ZOOM);
    updateScrollBars();
    centreOn(scene, position);
    viewport()->update();
}

void OrgDiagram::fitToView()
{
    const QRectF bounds = sceneBounds();
    if (bounds.isEmpty())
        return;
    const qreal fit =
        std::min(viewport()->width() / bounds.width(), viewport()->height() / bounds.height());
    setZoom(std::min(fit, 1.0));
}

QRect OrgDiagram::visualRect(const QString &code) const
{
    const int box = m_layout.indexOf(code);
    if (box < 0)
        return {};
    const QRectF rect = m_layout.boxes()[std::size_t(box)].rect;
    return QRectF(toView(rect.topLeft()), toView(rect.bottomRight())).toAlignedRect();
}

QString OrgDiagram::unitAt(const QPoint &position) const
{
    const int box = m_layout.boxAt(toScene(QPointF(position)));
    return box < 0 ? QString() : m_layout.boxes()[std::size_t(box)].code;
}

QRectF OrgDiagram::sceneBounds() const
{
    return m_layout.bounds().adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN);
}

QPointF OrgDiagram::origin() const
{
    // Smaller than the viewport, the diagram sits centred at the top; larger, it scrolls.
    const QSizeF content = sceneBounds().size() * m_zoom;
    const qreal x = content.width() < viewport()->width()
        ? (viewport()->width() - content.width()) / 2.0
        : -horizontalScrollBar()->value();
    const qreal y = content.height() < viewport()->height() ? 0.0 : -verticalScrollBar()->value();
    return QPointF(x, y);
}

QPointF OrgDiagram::toScene(const QPointF &position) const
{
    return sceneBounds().topLeft() + (position - origin()) / m_zoom;
}

QPointF OrgDiagram::toView(const QPointF &scene) const
{
    return origin() + (scene - sceneBounds().topLeft()) * m_zoom;
}

void OrgDiagram::updateScrollBars()
{
    const QSizeF content = sceneBounds().size() * m_zoom;
    const QSize view = viewport()->size();
    horizontalScrollBar()->setRange(0, std::max(0, int(std::ceil(content.width())) - view.width()));
    horizontalScrollBar()->setPageStep(view.width());
    verticalScrollBar()->setRange(0, std::max(0, int(std::ceil(content.height())) - view.height()));
    verticalScrollBar()->setPageStep(view.height());
}

void OrgDiagram::centreOn(const QPointF &scene, const QPointF &position)
{
    const QPointF offset = (scene - sceneBounds().topLeft()) * m_zoom - position;
    horizontalScrollBar()->setValue(int(std::lround(offset.x())));
    verticalScrollBar()->setValue(int(std::lround(offset.y())));
    viewport()->update();
}

OrgDiagram::Anchor OrgDiagram::anchor() const
{
    const QRectF view = QRectF(viewport()->rect());
    if (const int selected = m_layout.indexOf(m_selected); selected >= 0) {
        const QPointF centre = toView(m_layout.boxes()[std::size_t(selected)].rect.center());
        if (view.contains(centre))
            return {m_selected, centre};
    }

    // Otherwise the box nearest the middle of the view stays where it is.
    std::vector<int> shown;
    m_layout.boxesIn(QRectF(toScene(view.topLeft()), toScene(view.bottomRight())), shown);
    Anchor nearest;
    qreal best = std::numeric_limits<qreal>::max();
    for (const int box : shown) {
        const QPointF centre = toView(m_layout.boxes()[std::size_t(box)].rect.center());
        const qreal distance = QLineF(centre, view.center()).length();
        if (distance < best) {
            best = distance;
            nearest = {m_layout.boxes()[std::size_t(box)].code, centre};
        }
    }
    return nearest;
}

void OrgDiagram::relayout(const Anchor &keep)
{
    m_layout.update();
    updateScrollBars();
    if (const int box = m_layout.indexOf(keep.code); box >= 0)
        centreOn(m_layout.boxes()[std::size_t(box)].rect.center(), keep.position);
    viewport()->update();
}

void OrgDiagram::scrollToShow(const QRectF &sceneRect)
{
    const QRectF shown = QRectF(toView(sceneRect.topLeft()), toView(sceneRect.bottomRight()))
                             .adjusted(-VIEW_MARGIN, -VIEW_MARGIN, VIEW_MARGIN, VIEW_MARGIN);
    const QRectF view = QRectF(viewport()->rect());
    qreal dx = 0;
    qreal dy = 0;
    if (shown.left() < view.left() || shown.width() > view.width())
        dx = shown.left() - view.left();
    else if (shown.right() > view.right())
        dx = shown.right() - view.right();
    if (shown.top() < view.top() || shown.height() > view.height())
        dy = shown.top() - view.top();
    else if (shown.bottom() > view.bottom())
        dy = shown.bottom() - view.bottom();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::lround(dx)));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::lround(dy)));
    viewport()->update();
}

void OrgDiagram::select(int box, bool byUser)
{
    const QString code = box < 0 ? QString() : m_layout.boxes()[std::size_t(box)].code;
    const bool changed = code != m_selected;
    m_selected = code;
    viewport()->update();
    if (byUser && changed)
        Q_EMIT unitSelected(code);
}

void OrgDiagram::toggle(int box)
{
    const OrgDiagramBox &found = m_layout.boxes()[std::size_t(box)];
    setExpanded(found.code, found.hiddenChildren > 0);
}

void OrgDiagram::navigate(int key)
{
    const auto &boxes = m_layout.boxes();
    if (boxes.empty())
        return;
    int current = m_layout.indexOf(m_selected);
    if (current < 0) {
        select(0, true);
        scrollToShow(boxes.front().rect);
        return;
    }

    int next = -1;
    if (key == Qt::Key_Up) {
        next = boxes[std::size_t(current)].parent;
    } else if (key == Qt::Key_Down) {
        if (boxes[std::size_t(current)].hiddenChildren > 0) {
            toggle(current);
            current = m_layout.indexOf(m_selected);
        }
        const auto kids = m_layout.children(current);
        next = kids.empty() ? -1 : kids.front();
    } else {
        std::vector<int> siblings;
        if (const int parent = boxes[std::size_t(current)].parent; parent >= 0) {
            const auto kids = m_layout.children(parent);
            siblings.assign(kids.begin(), kids.end());
        } else {
            for (std::size_t box = 0; box < boxes.size(); ++box) {
                if (boxes[box].parent < 0)
                    siblings.push_back(int(box));
            }
        }
        const auto at = std::find(siblings.begin(), siblings.end(), current) - siblings.begin();
        const auto wanted = key == Qt::Key_Left ? at - 1 : at + 1;
        if (wanted >= 0 && wanted < std::ssize(siblings))
            next = siblings[std::size_t(wanted)];
    }
    if (next < 0)
        return;
    select(next, true);
    scrollToShow(m_layout.boxes()[std::size_t(next)].rect);
}

QString OrgDiagram::refusal(int dragged, int target) const
{
    const OrgDiagramBox &unit = m_layout.boxes()[std::size_t(dragged)];
    const OrgDiagramBox &parent = m_layout.boxes()[std::size_t(target)];
    if (m_layout.isWithin(target, dragged))
        return tr("%1 cannot move under %2, which lies within it.").arg(unit.name, parent.name);
    if (parent.retired)
        return tr("%1 cannot move under %2: that unit is retired.").arg(unit.name, parent.name);
    if (parent.tier >= unit.tier)
        //: %1 and %3 are unit names, %2 and %4 their tiers ("Street sub-centre" …)
        return tr("%1 (%2) cannot move under %3 (%4): a unit's tier must be below its "
                  "parent's. Tiers may be skipped, never inverted.")
            .arg(unit.name, tierName(unit.tier), parent.name, tierName(parent.tier));
    if (unit.parent == target)
        return tr("%1 already sits under %2.").arg(unit.name, parent.name);
    return {};
}

void OrgDiagram::updateDrop(const QPoint &position, const QPoint &globalPosition)
{
    // Near an edge the view follows the drag, so that far boxes can be reached.
    const QRect inner =
        viewport()->rect().adjusted(EDGE_SCROLL, EDGE_SCROLL, -EDGE_SCROLL, -EDGE_SCROLL);
    if (!inner.contains(position)) {
        const int dx = position.x() < inner.left()
            ? -EDGE_SCROLL
            : (position.x() > inner.right() ? EDGE_SCROLL : 0);
        const int dy = position.y() < inner.top()
            ? -EDGE_SCROLL
            : (position.y() > inner.bottom() ? EDGE_SCROLL : 0);
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() + dx);
        verticalScrollBar()->setValue(verticalScrollBar()->value() + dy);
    }

    m_lastPosition = position;
    const int target = m_layout.boxAt(toScene(QPointF(position)));
    m_dropTarget = target == m_dragged ? -1 : target;
    const QString why = m_dropTarget < 0 ? QString() : refusal(m_dragged, m_dropTarget);
    m_dropAllowed = m_dropTarget >= 0 && why.isEmpty();

    if (m_dropTarget < 0) {
        viewport()->setCursor(Qt::ClosedHandCursor);
        QToolTip::hideText();
    } else if (m_dropAllowed) {
        viewport()->setCursor(Qt::DragMoveCursor);
        QToolTip::showText(globalPosition,
            tr("Move %1 under %2")
                .arg(m_layout.boxes()[std::size_t(m_dragged)].name,
                    m_layout.boxes()[std::size_t(m_dropTarget)].name),
            viewport());
    } else {
        viewport()->setCursor(Qt::ForbiddenCursor);
        QToolTip::showText(globalPosition, why, viewport());
    }
    viewport()->update();
}

void OrgDiagram::endGesture()
{
    m_gesture = Gesture::None;
    m_dragged = -1;
    m_dropTarget = -1;
    m_dropAllowed = false;
    viewport()->unsetCursor();
    viewport()->update();
}

void OrgDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    const QRectF area(toScene(QPointF(0, 0)), QSizeF(viewport()->size()) / m_zoom);
    OrgDiagramMarks marks {m_layout.indexOf(m_selected), m_dropTarget, m_dropAllowed};
    OrgDiagramRenderer::render(painter, m_layout, area, m_zoom, marks);

    if (m_gesture != Gesture::DraggingBox || m_dragged < 0)
        return;
    // The dragged box follows the pointer, half transparent.
    const OrgDiagramBox &dragged = m_layout.boxes()[std::size_t(m_dragged)];
    const QSizeF size = dragged.rect.size() * std::min(m_zoom, 1.0);
    const QRectF ghost(QPointF(m_lastPosition) + QPointF(8, 8), size);
    painter.setOpacity(0.7);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(OrgDiagramRenderer::tierColour(dragged.tier), 2.0));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRoundedRect(ghost, 4.0, 4.0);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(ghost.adjusted(8, 4, -8, -4), Qt::AlignCenter,
        QFontMetricsF(painter.font()).elidedText(dragged.name, Qt::ElideRight, ghost.width() - 16));
}

void OrgDiagram::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void OrgDiagram::scrollContentsBy(int, int)
{
    viewport()->update();
}

void OrgDiagram::mousePressEvent(QMouseEvent *event)
{
    const QPointF scene = toScene(event->position());
    m_pressPosition = event->position().toPoint();
    m_lastPosition = m_pressPosition;

    // A badge hangs half below its box, so look for it around the point rather than under it.
    std::vector<int> near;
    const qreal reach = OrgDiagramRenderer::BADGE_SIZE;
    m_layout.boxesIn(QRectF(scene - QPointF(reach, reach), QSizeF(2 * reach, 2 * reach)), near);
    for (const int box : near) {
        const OrgDiagramBox &found = m_layout.boxes()[std::size_t(box)];
        const bool onBadge = found.expandable() && m_zoom >= OrgDiagramRenderer::DETAIL_SCALE
            && OrgDiagramRenderer::badgeRect(found.rect).contains(scene);
        if (onBadge && event->button() == Qt::LeftButton) {
            toggle(box);
            return;
        }
    }

    const int box = m_layout.boxAt(scene);
    if (box >= 0)
        select(box, true);
    if (event->button() != Qt::LeftButton)
        return;
    m_gesture = box >= 0 ? Gesture::Pressed : Gesture::Panning;
    m_dragged = box;
    if (m_gesture == Gesture::Panning)
        viewport()->setCursor(Qt::ClosedHandCursor);
}

void OrgDiagram::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint position = event->position().toPoint();
    const bool farEnough =
        (position - m_pressPosition).manhattanLength() >= QApplication::startDragDistance();
    if (m_gesture == Gesture::Pressed && farEnough) {
        m_gesture = Gesture::DraggingBox;
        qCDebug(lcOrgDiagram) << "dragging" << m_layout.boxes()[std::size_t(m_dragged)].code;
    }

    if (m_gesture == Gesture::DraggingBox) {
        updateDrop(position, event->globalPosition().toPoint());
    } else if (m_gesture == Gesture::Panning) {
        const QPoint delta = position - m_lastPosition;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        m_lastPosition = position;
    }
}

void OrgDiagram::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_gesture == Gesture::DraggingBox) {
        updateDrop(event->position().toPoint(), event->globalPosition().toPoint());
        const bool drop = m_dropTarget >= 0 && m_dropAllowed;
        const QString code = m_layout.boxes()[std::size_t(m_dragged)].code;
        const QString parent = drop ? m_layout.boxes()[std::size_t(m_dropTarget)].code : QString();
        if (drop)
            QToolTip::hideText();
        // A refused drop leaves its tooltip up a while, so the reason can be read.
        endGesture();
        if (drop)
            Q_EMIT moveRequested(code, parent);
        return;
    }
    endGesture();
}

void OrgDiagram::mouseDoubleClickEvent(QMouseEvent *event)
{
    const int box = m_layout.boxAt(toScene(event->position()));
    if (box < 0 || event->button() != Qt::LeftButton)
        return;
    const OrgDiagramBox &found = m_layout.boxes()[std::size_t(box)];
    const bool onBadge = found.expandable()
        && OrgDiagramRenderer::badgeRect(found.rect).contains(toScene(event->position()));
    if (!onBadge)
        Q_EMIT unitActivated(found.code);
}

void OrgDiagram::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QAbstractScrollArea::wheelEvent(event);
        return;
    }
    const qreal factor = std::pow(1.0015, event->angleDelta().y());
    setZoom(m_zoom * factor, event->position().toPoint());
    event->accept();
}

void OrgDiagram::keyPressEvent(QKeyEvent *event)
{
    const bool control = event->modifiers() & Qt::ControlModifier;
    const int key = event->key();
    const int selected = m_layout.indexOf(m_selected);
    if (control && (key == Qt::Key_Plus || key == Qt::Key_Equal)) {
        setZoom(m_zoom * KEY_ZOOM);
    } else if (control && key == Qt::Key_Minus) {
        setZoom(m_zoom / KEY_ZOOM);
    } else if (control && key == Qt::Key_0) {
        setZoom(1.0);
    } else if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_Left
        || key == Qt::Key_Right) {
        navigate(key);
    } else if (key == Qt::Key_Home && !m_layout.boxes().empty()) {
        select(0, true);
        scrollToShow(m_layout.boxes().front().rect);
    } else if ((key == Qt::Key_Plus || key == Qt::Key_Minus) && selected >= 0) {
        setExpanded(m_selected, key == Qt::Key_Plus);
    } else if ((key == Qt::Key_Return || key == Qt::Key_Enter) && selected >= 0) {
        Q_EMIT unitActivated(m_selected);
    } else if (key == Qt::Key_Escape && m_gesture != Gesture::None) {
        QToolTip::hideText();
        endGesture();
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void OrgDiagram::contextMenuEvent(QContextMenuEvent *event)
{
    const int selected = m_layout.indexOf(m_selected);
    const bool byKeyboard = event->reason() == QContextMenuEvent::Keyboard && selected >= 0;
    const QPoint position = byKeyboard ? visualRect(m_selected).center() : event->pos();
    const int box = m_layout.boxAt(toScene(QPointF(position)));
    if (box >= 0)
        select(box, true);
    Q_EMIT contextMenuRequested(box < 0 ? QString() : m_layout.boxes()[std::size_t(box)].code,
        viewport()->mapToGlobal(position));
    event->accept();
}

} // namespace GridDesk
