// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagramlayout.h"

#include "logging.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace GridDesk {

namespace {

constexpr qreal EMPTY_LEFT = std::numeric_limits<qreal>::infinity();
constexpr qreal EMPTY_RIGHT = -std::numeric_limits<qreal>::infinity();
constexpr qreal HALF_WIDTH = OrgDiagramLayout::BOX_WIDTH / 2.0;

} // namespace

void OrgDiagramLayout::setChart(const OrgChart &chart)
{
    m_units.clear();
    m_unitIndex.clear();
    const QList<ChartUnit> units = chart.units();
    m_units.reserve(std::size_t(units.size()));
    m_unitIndex.reserve(units.size());
    for (const ChartUnit &unit : units) {
        m_unitIndex.insert(unit.code, int(m_units.size()));
        m_units.push_back(Unit {unit.code, unit.name, unit.parentCode, unit.tier, unit.kind,
            unit.retired, 0, unit.linkedUnits, {}});
    }

    // Units come in code order, so children are appended in code order too.
    for (std::size_t index = 0; index < m_units.size(); ++index) {
        const int parent = m_unitIndex.value(m_units[index].parentCode, -1);
        if (parent >= 0 && parent != int(index))
            m_units[std::size_t(parent)].children.push_back(int(index));
    }

    for (const Person &person : chart.people()) {
        const int unit = m_unitIndex.value(person.unitCode, -1);
        if (unit >= 0 && !person.retired)
            ++m_units[std::size_t(unit)].people;
    }

    for (auto it = m_expansion.begin(); it != m_expansion.end();) {
        it = m_unitIndex.contains(it.key()) ? std::next(it) : m_expansion.erase(it);
    }
}

void OrgDiagramLayout::setExpanded(const QString &code, bool expanded)
{
    m_expansion.insert(code, expanded);
}

bool OrgDiagramLayout::isExpanded(const QString &code) const
{
    const int unit = m_unitIndex.value(code, -1);
    return unit >= 0 && expandedUnit(unit);
}

bool OrgDiagramLayout::reveal(const QString &code)
{
    int unit = m_unitIndex.value(code, -1);
    if (unit < 0)
        return false;
    // Bounded by the unit count, so a cycle written by another program cannot hang us.
    for (std::size_t steps = 0; steps < m_units.size(); ++steps) {
        unit = m_unitIndex.value(m_units[std::size_t(unit)].parentCode, -1);
        if (unit < 0)
            break;
        m_expansion.insert(m_units[std::size_t(unit)].code, true);
    }
    return true;
}

bool OrgDiagramLayout::shows(const Unit &unit) const
{
    return m_showRetired || !unit.retired;
}

bool OrgDiagramLayout::expandedUnit(int unit) const
{
    const Unit &found = m_units[std::size_t(unit)];
    return m_expansion.value(found.code, found.tier < m_collapseFromTier);
}

void OrgDiagramLayout::update()
{
    QElapsedTimer timer;
    timer.start();
    m_boxes.clear();
    m_childList.clear();
    m_index.clear();
    m_boxes.reserve(m_units.size());
    m_childList.reserve(m_units.size());

    // Top units: no parent, or a parent the chart does not hold. Units on a cycle are unreachable
    // and left out.
    std::vector<int> roots;
    for (std::size_t unit = 0; unit < m_units.size(); ++unit) {
        const Unit &found = m_units[unit];
        const bool top = found.parentCode.isEmpty() || !m_unitIndex.contains(found.parentCode)
            || found.parentCode == found.code;
        if (top && shows(found))
            roots.push_back(addBoxes(int(unit), -1, -1));
    }

    int rows = 0;
    for (const OrgDiagramBox &box : m_boxes)
        rows = std::max(rows, box.row + 1);
    m_rows.assign(std::size_t(rows), {});
    m_contour.assign(m_boxes.size() * std::size_t(rows) * 2, 0.0);
    m_offset.assign(m_boxes.size(), 0.0);
    for (const int root : roots)
        placeSubtree(root);
    std::vector<qreal> left(std::size_t(rows), EMPTY_LEFT);
    std::vector<qreal> right(std::size_t(rows), EMPTY_RIGHT);
    const std::vector<qreal> rootOffsets = packSiblings(roots, -1, left.data(), right.data());
    for (std::size_t root = 0; root < roots.size(); ++root)
        m_offset[std::size_t(roots[root])] = rootOffsets[root];

    placeAbsolute();
    buildIndexes();
    buildJointLinks();
    m_contour.clear();
    qCDebug(lcOrgDiagram) << "laid out" << m_boxes.size() << "of" << m_units.size() << "units in"
                          << timer.nsecsElapsed() / 1000 << "us";
}

int OrgDiagramLayout::addBoxes(int unit, int parentBox, int parentRow)
{
    const Unit &found = m_units[std::size_t(unit)];
    const int box = int(m_boxes.size());
    // A chart that inverts a tier still draws: the child goes one row below its parent.
    const int row = std::max(std::clamp(found.tier, 1, 6) - 1, parentRow + 1);
    m_boxes.push_back(OrgDiagramBox {found.code, found.name, found.tier, row, found.kind,
        found.retired, found.people, parentBox, 0, 0, 0, {}});
    m_index.insert(found.code, box);

    int shownChildren = 0;
    for (const int child : found.children)
        shownChildren += shows(m_units[std::size_t(child)]) ? 1 : 0;
    if (!expandedUnit(unit)) {
        m_boxes[std::size_t(box)].hiddenChildren = shownChildren;
        return box;
    }

    std::vector<int> childBoxes;
    childBoxes.reserve(std::size_t(shownChildren));
    for (const int child : found.children) {
        if (shows(m_units[std::size_t(child)]))
            childBoxes.push_back(addBoxes(child, box, row));
    }
    OrgDiagramBox &added = m_boxes[std::size_t(box)];
    added.firstChild = int(m_childList.size());
    added.childCount = int(childBoxes.size());
    m_childList.insert(m_childList.end(), childBoxes.begin(), childBoxes.end());
    return box;
}

std::span<const int> OrgDiagramLayout::children(int box) const
{
    const OrgDiagramBox &found = m_boxes[std::size_t(box)];
    return std::span<const int>(m_childList)
        .subspan(std::size_t(found.firstChild), std::size_t(found.childCount));
}

std::vector<qreal> OrgDiagramLayout::packSiblings(
    std::span<const int> siblings, int parentRow, qreal *left, qreal *right)
{
    const std::size_t rows = m_rows.size();
    std::vector<qreal> offsets;
    offsets.reserve(siblings.size());
    for (const int sibling : siblings) {
        qreal *siblingLeft = &m_contour[std::size_t(sibling) * rows * 2];
        qreal *siblingRight = siblingLeft + rows;
        // The rows a link crosses on its way down to a child below a skipped tier are taken by
        // the child's column, so that no other box sits on the link.
        for (int row = parentRow + 1; row < m_boxes[std::size_t(sibling)].row; ++row) {
            siblingLeft[row] = -HALF_WIDTH;
            siblingRight[row] = HALF_WIDTH;
        }

        qreal offset = EMPTY_RIGHT;
        qreal packedRight = EMPTY_RIGHT;
        qreal siblingLeftmost = EMPTY_LEFT;
        for (std::size_t row = 0; row < rows; ++row) {
            packedRight = std::max(packedRight, right[row]);
            siblingLeftmost = std::min(siblingLeftmost, siblingLeft[row]);
            if (right[row] != EMPTY_RIGHT && siblingLeft[row] != EMPTY_LEFT)
                offset = std::max(offset, right[row] + SIBLING_GAP - siblingLeft[row]);
        }
        if (offsets.empty())
            offset = 0.0;
        else if (offset == EMPTY_RIGHT) // no row in common: side by side
            offset = packedRight + SIBLING_GAP - siblingLeftmost;

        offsets.push_back(offset);
        for (std::size_t row = 0; row < rows; ++row) {
            if (siblingLeft[row] == EMPTY_LEFT)
                continue;
            left[row] = std::min(left[row], offset + siblingLeft[row]);
            right[row] = std::max(right[row], offset + siblingRight[row]);
        }
    }
    return offsets;
}

void OrgDiagramLayout::placeSubtree(int box)
{
    const std::size_t rows = m_rows.size();
    const OrgDiagramBox &found = m_boxes[std::size_t(box)];
    qreal *left = &m_contour[std::size_t(box) * rows * 2];
    qreal *right = left + rows;
    std::fill(left, left + rows, EMPTY_LEFT);
    std::fill(right, right + rows, EMPTY_RIGHT);

    const std::span<const int> kids = children(box);
    for (const int child : kids)
        placeSubtree(child);
    if (!kids.empty()) {
        const std::vector<qreal> offsets = packSiblings(kids, found.row, left, right);
        const qreal centre = (offsets.front() + offsets.back()) / 2.0;
        for (std::size_t child = 0; child < kids.size(); ++child)
            m_offset[std::size_t(kids[child])] = offsets[child] - centre;
        for (std::size_t row = 0; row < rows; ++row) {
            left[row] -= centre;
            right[row] -= centre;
        }
    }
    left[found.row] = -HALF_WIDTH;
    right[found.row] = HALF_WIDTH;
}

void OrgDiagramLayout::placeAbsolute()
{
    // Boxes come parents first, so a parent's centre is known before its children's.
    std::vector<qreal> centres(m_boxes.size(), 0.0);
    m_bounds = QRectF();
    for (std::size_t box = 0; box < m_boxes.size(); ++box) {
        OrgDiagramBox &found = m_boxes[box];
        const qreal parentCentre = found.parent < 0 ? 0.0 : centres[std::size_t(found.parent)];
        centres[box] = parentCentre + m_offset[box];
        found.rect = QRectF(centres[box] - HALF_WIDTH, rowTop(found.row), BOX_WIDTH, BOX_HEIGHT);
        m_bounds = m_bounds.isNull() ? found.rect : m_bounds.united(found.rect);
    }
}

QRectF OrgDiagramLayout::familyRect(int box) const
{
    const std::span<const int> kids = children(box);
    if (kids.empty())
        return {};
    const QRectF &parent = m_boxes[std::size_t(box)].rect;
    qreal left = parent.center().x();
    qreal right = left;
    qreal bottom = parent.bottom();
    for (const int child : kids) {
        const QRectF &rect = m_boxes[std::size_t(child)].rect;
        left = std::min(left, rect.center().x());
        right = std::max(right, rect.center().x());
        bottom = std::max(bottom, rect.top());
    }
    return QRectF(QPointF(left - 1.0, parent.bottom()), QPointF(right + 1.0, bottom));
}

void OrgDiagramLayout::buildIndexes()
{
    m_families.assign(m_rows.size(), {});
    std::vector<std::vector<int>> byRow(m_rows.size());
    std::vector<std::vector<int>> familiesByRow(m_rows.size());
    for (std::size_t box = 0; box < m_boxes.size(); ++box) {
        byRow[std::size_t(m_boxes[box].row)].push_back(int(box));
        if (m_boxes[box].childCount > 0)
            familiesByRow[std::size_t(m_boxes[box].row)].push_back(int(box));
    }

    const auto fill = [](RowIndex &index, std::vector<int> items, auto rectOf) {
        std::sort(items.begin(), items.end(),
            [&](int a, int b) { return rectOf(a).left() < rectOf(b).left(); });
        index.items = std::move(items);
        qreal rightSoFar = EMPTY_RIGHT;
        for (const int item : index.items) {
            const QRectF rect = rectOf(item);
            rightSoFar = std::max(rightSoFar, rect.right());
            index.left.push_back(rect.left());
            index.rightSoFar.push_back(rightSoFar);
        }
    };
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        fill(m_rows[row], std::move(byRow[row]),
            [this](int box) { return m_boxes[std::size_t(box)].rect; });
        fill(m_families[row], std::move(familiesByRow[row]),
            [this](int box) { return familyRect(box); });
    }
}

void OrgDiagramLayout::buildJointLinks()
{
    m_jointLinks.clear();
    for (std::size_t box = 0; box < m_boxes.size(); ++box) {
        if (m_boxes[box].kind != UnitKind::Joint)
            continue;
        const Unit &unit = m_units[std::size_t(m_unitIndex.value(m_boxes[box].code))];
        for (const QString &code : unit.linked) {
            const int served = indexOf(code);
            if (served >= 0 && served != int(box))
                m_jointLinks.push_back({int(box), served});
        }
    }
}

void OrgDiagramLayout::search(const RowIndex &index, qreal from, qreal to, std::vector<int> &found)
{
    const auto first = std::lower_bound(index.rightSoFar.begin(), index.rightSoFar.end(), from);
    for (auto at = std::size_t(first - index.rightSoFar.begin()); at < index.items.size(); ++at) {
        if (index.left[at] > to)
            break;
        found.push_back(index.items[at]);
    }
}

void OrgDiagramLayout::boxesIn(const QRectF &area, std::vector<int> &found) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        const qreal top = rowTop(int(row));
        if (top > area.bottom() || top + BOX_HEIGHT < area.top())
            continue;
        const std::size_t before = found.size();
        search(m_rows[row], area.left(), area.right(), found);
        // The running maximum lets a few boxes that end before the area through; drop them.
        found.erase(
            std::remove_if(found.begin() + std::ptrdiff_t(before), found.end(),
                [&](int box) { return m_boxes[std::size_t(box)].rect.right() < area.left(); }),
            found.end());
    }
}

void OrgDiagramLayout::familiesIn(const QRectF &area, std::vector<int> &found) const
{
    for (std::size_t row = 0; row < m_families.size(); ++row) {
        const qreal top = rowTop(int(row)) + BOX_HEIGHT;
        if (top > area.bottom())
            continue;
        const std::size_t before = found.size();
        search(m_families[row], area.left(), area.right(), found);
        found.erase(std::remove_if(found.begin() + std::ptrdiff_t(before), found.end(),
                        [&](int box) { return !familyRect(box).intersects(area); }),
            found.end());
    }
}

int OrgDiagramLayout::boxAt(const QPointF &point) const
{
    const int row = int(std::floor(point.y() / (BOX_HEIGHT + ROW_GAP)));
    if (row < 0 || row >= rowCount())
        return -1;
    std::vector<int> found;
    search(m_rows[std::size_t(row)], point.x(), point.x(), found);
    for (const int box : found) {
        if (m_boxes[std::size_t(box)].rect.contains(point))
            return box;
    }
    return -1;
}

bool OrgDiagramLayout::isWithin(int box, int ancestor) const
{
    for (int current = box; current >= 0; current = m_boxes[std::size_t(current)].parent) {
        if (current == ancestor)
            return true;
    }
    return false;
}

} // namespace GridDesk
