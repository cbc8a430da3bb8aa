// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QHash>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <span>
#include <vector>

namespace GridDesk {

/// One shown unit of the drawn org chart, with its box in scene coordinates (pixels at 100 %).
struct OrgDiagramBox
{
    QString code;
    QString name;
    int tier = 0;
    int row = 0; ///< tier - 1, unless the chart inverts a tier (then one below the parent)
    UnitKind kind = UnitKind::Tier;
    bool retired = false;
    int people = 0; ///< active people of the unit itself
    int parent = -1; ///< index of the parent's box; -1 for a top unit
    int firstChild = 0; ///< into OrgDiagramLayout::children()
    int childCount = 0; ///< children shown under the box
    int hiddenChildren = 0; ///< children hidden because the box is collapsed
    QRectF rect;

    bool expandable() const { return childCount + hiddenChildren > 0; }
};

/// A dashed link from a joint-handling unit to a tier unit it serves; both are box indices.
struct OrgDiagramJointLink
{
    int joint = -1;
    int served = -1;
};

/// The geometry of the drawn org chart: a top-down tidy tree with one row per tier (a skipped
/// tier leaves its row empty and the link runs through it), siblings in code order, each parent
/// centred over its first and last child, subtrees packed as close as their rows allow and no
/// two boxes or a box and a link overlapping. No painting and no widgets: computed from a chart,
/// the expansion state and whether retired units show. Not thread-safe; a value type.
class OrgDiagramLayout
{
public:
    static constexpr qreal BOX_WIDTH = 176.0;
    static constexpr qreal BOX_HEIGHT = 72.0;
    static constexpr qreal SIBLING_GAP = 18.0;
    static constexpr qreal ROW_GAP = 56.0;

    /// Takes the units and the people counts of chart; keeps the expansion state of codes that
    /// are still in it. Call update() afterwards.
    void setChart(const OrgChart &chart);
    int unitCount() const { return int(m_units.size()); } ///< every unit of the chart

    /// Whether retired units (and what lies under them) are shown; hidden by default.
    void setShowRetired(bool show) { m_showRetired = show; }
    bool showRetired() const { return m_showRetired; }

    /// Units of this tier or below start collapsed; 7 (the default) leaves every unit expanded.
    void setCollapseFromTier(int tier) { m_collapseFromTier = tier; }
    int collapseFromTier() const { return m_collapseFromTier; }
    void setExpanded(const QString &code, bool expanded);
    bool isExpanded(const QString &code) const;
    /// Expands every ancestor of code so that it shows; false when the chart has no such unit.
    bool reveal(const QString &code);
    /// Forgets every unit expanded or collapsed by hand.
    void resetExpansion() { m_expansion.clear(); }

    /// Recomputes the boxes from the chart and the state above.
    void update();

    const std::vector<OrgDiagramBox> &boxes() const { return m_boxes; } ///< depth first, by code
    /// The box index of a shown unit; -1 when the unit is hidden or unknown.
    int indexOf(const QString &code) const { return m_index.value(code, -1); }
    std::span<const int> children(int box) const; ///< shown children, in code order
    const std::vector<OrgDiagramJointLink> &jointLinks() const { return m_jointLinks; }
    QRectF bounds() const { return m_bounds; } ///< of every box; empty when nothing shows
    int rowCount() const { return int(m_rows.size()); }
    static qreal rowTop(int row) { return row * (BOX_HEIGHT + ROW_GAP); }

    /// The boxes whose rectangle meets area, appended to found.
    void boxesIn(const QRectF &area, std::vector<int> &found) const;
    /// The parents whose links to their children cross area, appended to found.
    void familiesIn(const QRectF &area, std::vector<int> &found) const;
    /// The box under point; -1 when there is none.
    int boxAt(const QPointF &point) const;
    /// The rectangle holding the links from box to its shown children (empty without them).
    QRectF familyRect(int box) const;
    /// Whether box is ancestor or lies under it, among shown boxes.
    bool isWithin(int box, int ancestor) const;

private:
    struct Unit
    {
        QString code;
        QString name;
        QString parentCode;
        int tier = 0;
        UnitKind kind = UnitKind::Tier;
        bool retired = false;
        int people = 0;
        QStringList linked;
        std::vector<int> children; ///< unit indices, by code
    };
    /// Boxes of one row (or families of one parent row), by left edge, with the running maximum
    /// of their right edges so that a range search can stop early.
    struct RowIndex
    {
        std::vector<int> items;
        std::vector<qreal> left;
        std::vector<qreal> rightSoFar;
    };

    bool shows(const Unit &unit) const;
    bool expandedUnit(int unit) const;
    int addBoxes(int unit, int parentBox, int parentRow);
    void placeSubtree(int box);
    std::vector<qreal> packSiblings(
        std::span<const int> siblings, int parentRow, qreal *left, qreal *right);
    void placeAbsolute();
    void buildIndexes();
    void buildJointLinks();
    static void search(const RowIndex &index, qreal from, qreal to, std::vector<int> &found);

    std::vector<Unit> m_units;
    QHash<QString, int> m_unitIndex;
    QHash<QString, bool> m_expansion;
    bool m_showRetired = false;
    int m_collapseFromTier = 7;

    std::vector<OrgDiagramBox> m_boxes;
    std::vector<int> m_childList;
    std::vector<qreal> m_offset; ///< each box's centre relative to its parent's
    std::vector<qreal> m_contour; ///< per box and row: left and right edge from its centre
    QHash<QString, int> m_index;
    std::vector<RowIndex> m_rows;
    std::vector<RowIndex> m_families;
    std::vector<OrgDiagramJointLink> m_jointLinks;
    QRectF m_bounds;
};

} // namespace GridDesk
