// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgtreemodel.h"

#include "orgdocument.h"
#include "orgterms.h"

#include <QBrush>
#include <QFont>
#include <QMimeData>
#include <QSet>

namespace GridDesk {

namespace {

/// A drag of several units is checked as one: all their moves in one trial chart.
Result<void> moveAll(OrgChart &chart, const QStringList &codes, const QString &parentCode)
{
    for (const QString &code : codes) {
        if (auto moved = chart.moveUnit(code, parentCode); !moved)
            return moved;
    }
    return {};
}

} // namespace

OrgTreeModel::OrgTreeModel(OrgDocument *document, QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(document)
{
    rebuild();
    connect(m_document, &OrgDocument::chartChanged, this, [this] {
        beginResetModel();
        rebuild();
        endResetModel();
    });
}

QString OrgTreeModel::tierLabel(int tier, UnitKind kind)
{
    // A joint-handling unit serves tiers; the tier's name would call it what it is not.
    if (kind == UnitKind::Joint)
        return tr("Tier %1").arg(tier);
    //: %1 is a tier number, %2 its name
    return tr("%1 · %2").arg(tier).arg(tierName(tier));
}

QString OrgTreeModel::mimeType()
{
    return QStringLiteral("application/x-griddesk-org-units");
}

void OrgTreeModel::rebuild()
{
    m_nodes.clear();
    m_top.clear();
    m_nodeOf.clear();
    m_checkedDrop.clear();
    m_dropRefusal.clear();

    const OrgChart &chart = m_document->chart();
    for (const QString &code : chart.childCodes(QString()))
        addSubtree(code, -1, int(m_top.size()));
    // A unit whose parent is missing from the chart would be unreachable; it shows at the top.
    // So does, last, the first unit met of a circle of parents another program wrote.
    if (m_nodes.size() < chart.units().size()) {
        for (const ChartUnit &unit : chart.units()) {
            if (!m_nodeOf.contains(unit.code) && !chart.unit(unit.parentCode))
                addSubtree(unit.code, -1, int(m_top.size()));
        }
        for (const ChartUnit &unit : chart.units())
            addSubtree(unit.code, -1, int(m_top.size()));
    }
}

void OrgTreeModel::addSubtree(const QString &code, int parentNode, int row)
{
    if (m_nodeOf.contains(code))
        return;
    const int number = int(m_nodes.size());
    m_nodes.append(Node {code, parentNode, row, {}});
    m_nodeOf.insert(code, number);
    if (parentNode < 0)
        m_top << number;
    else
        m_nodes[parentNode].children << number;

    const QStringList children = m_document->chart().childCodes(code);
    for (const QString &child : children)
        addSubtree(child, number, int(m_nodes[number].children.size()));
}

const OrgTreeModel::Node *OrgTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    return &m_nodes[int(index.internalId())];
}

QModelIndex OrgTreeModel::indexOf(const QString &code) const
{
    const auto found = m_nodeOf.constFind(code);
    if (found == m_nodeOf.constEnd())
        return {};
    return createIndex(m_nodes[*found].row, 0, quintptr(*found));
}

QString OrgTreeModel::codeAt(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->code : QString();
}

QModelIndex OrgTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= int(Column::Count))
        return {};
    const Node *node = nodeOf(parent);
    if (parent.isValid() && parent.column() != 0)
        return {};
    const QList<int> &rows = node ? node->children : m_top;
    if (row >= rows.size())
        return {};
    return createIndex(row, column, quintptr(rows[row]));
}

QModelIndex OrgTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_nodes[node->parent].row, 0, quintptr(node->parent));
}

int OrgTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *node = nodeOf(parent);
    return int(node ? node->children.size() : m_top.size());
}

int OrgTreeModel::columnCount(const QModelIndex &) const
{
    return int(Column::Count);
}

QString OrgTreeModel::displayText(const QString &code, Column column) const
{
    const OrgChart &chart = m_document->chart();
    const ChartUnit *unit = chart.unit(code);
    if (!unit)
        return {};
    switch (column) {
    case Column::Name:
        return unit->name;
    case Column::Code:
        return unit->code;
    case Column::Tier:
        return tierLabel(unit->tier, unit->kind);
    case Column::Kind:
        return unitKindName(unit->kind);
    case Column::People:
        return QString::number(chart.activePeopleCount(code));
    case Column::Status:
        if (!unit->retired)
            return tr("Active");
        return unit->retiredAt.isValid()
            ? tr("Retired %1").arg(unit->retiredAt.toUTC().toString(QStringLiteral("yyyy-MM-dd")))
            : tr("Retired");
    case Column::Count:
        break;
    }
    return {};
}

QVariant OrgTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return {};
    const ChartUnit *unit = m_document->chart().unit(node->code);
    if (!unit)
        return {};
    const auto column = Column(index.column());

    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return displayText(node->code, column);
    case Qt::DecorationRole:
        if (column == Column::Name)
            return unit->retired ? QColor(Qt::lightGray) : unitColour(*unit);
        return {};
    case Qt::ForegroundRole:
        if (unit->retired)
            return QBrush(Qt::gray);
        return {};
    case Qt::FontRole:
        if (unit->retired) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::People)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        //: %1 is the unit's name and code, %2 its tier's name
        return tr("%1 — %2").arg(unitTitle(*unit), tierName(unit->tier));
    case int(Role::Code):
        return unit->code;
    case int(Role::Retired):
        return unit->retired;
    case int(Role::Tier):
        return unit->tier;
    default:
        return {};
    }
}

bool OrgTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const Node *node = nodeOf(index);
    if (!node || role != Qt::EditRole || Column(index.column()) != Column::Name)
        return false;
    const QString name = value.toString().trimmed();
    const ChartUnit *unit = m_document->chart().unit(node->code);
    if (!unit || name == unit->name)
        return false;
    if (name.isEmpty()) {
        Q_EMIT editRefused(tr("A unit needs a name."));
        return false;
    }

    ChartUnit renamed = *unit;
    renamed.name = name;
    //: %1 is a unit code, %2 the new name
    const auto done = m_document->apply(tr("Rename %1 to %2").arg(unit->code, name),
        [&renamed](OrgChart &chart) { return chart.putUnit(renamed, true); });
    if (!done) {
        Q_EMIT editRefused(done.error().message);
        return false;
    }
    return true;
}

QVariant OrgTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Code:
        return tr("Code");
    case Column::Tier:
        return tr("Tier");
    case Column::Kind:
        return tr("Kind");
    case Column::People:
        return tr("People");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return {};
}

Qt::ItemFlags OrgTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_document->mayEdit() ? Qt::ItemIsDropEnabled : Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const ChartUnit *unit = m_document->chart().unit(codeAt(index));
    const bool editable = m_document->mayEdit() && unit && !unit->retired;
    if (!editable)
        return flags;
    flags |= Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled;
    if (Column(index.column()) == Column::Name)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QStringList OrgTreeModel::mimeTypes() const
{
    return {mimeType()};
}

QMimeData *OrgTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList codes;
    for (const QModelIndex &index : indexes) {
        const QString code = codeAt(index);
        if (!code.isEmpty() && !codes.contains(code))
            codes << code;
    }
    if (codes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(mimeType(), codes.join(u'\n').toUtf8());
    return data;
}

QStringList OrgTreeModel::codesOf(const QMimeData *data)
{
    if (!data || !data->hasFormat(mimeType()))
        return {};
    return QString::fromUtf8(data->data(mimeType())).split(u'\n', Qt::SkipEmptyParts);
}

bool OrgTreeModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &parent) const
{
    const QStringList codes = codesOf(data);
    if (codes.isEmpty() || action != Qt::MoveAction || !m_document->mayEdit())
        return false;
    const QString target = codeAt(parent);

    // A drag hovers over the same row many times; the trial move runs once per target.
    const QString key = codes.join(u',') + u'>' + target;
    if (key == m_checkedDrop)
        return m_dropRefusal.isEmpty();
    m_checkedDrop = key;

    OrgChart trial = m_document->chart();
    const auto moved = moveAll(trial, codes, target);
    m_dropRefusal = moved ? QString() : moved.error().message;
    return moved.has_value();
}

bool OrgTreeModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) {
        if (!m_dropRefusal.isEmpty())
            Q_EMIT editRefused(m_dropRefusal);
        return false;
    }
    const QStringList codes = codesOf(data);
    const QString target = codeAt(parent);
    const auto done = m_document->moveUnits(codes, target);
    if (!done) {
        Q_EMIT editRefused(done.error().message);
        return false;
    }
    return true;
}

Qt::DropActions OrgTreeModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Qt::DropActions OrgTreeModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace GridDesk
