// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casefilterproxymodel.h"

#include "casetablemodel.h"

#include "workflow/terms.h"

#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace GridDesk {

namespace {

using Column = CaseTableModel::Column;
using Text = CompactCaseList::Text;

enum TextMatch : quint8 {
    MATCH_RAW = 1, ///< the text itself contains the filter text
    MATCH_STATE = 2, ///< the name of the state the text is the key of
    MATCH_UNIT = 4, ///< the name of the unit the text is the code of
    MATCH_KNOWN = 8, ///< worked out
};

/// The columns whose text is one of the list's shared texts, with how it is shown.
constexpr std::pair<Text, TextMatch> SHOWN_TEXTS[] = {
    {Text::Category, MATCH_RAW},
    {Text::Grid, MATCH_RAW},
    {Text::Status, MATCH_RAW},
    {Text::Agency, MATCH_RAW},
    {Text::Flags, MATCH_RAW},
    {Text::State, MATCH_STATE},
    {Text::LeadUnit, MATCH_UNIT},
};

} // namespace

CaseFilterProxyModel::CaseFilterProxyModel(QObject *parent)
    : QAbstractProxyModel(parent)
{ }

void CaseFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_cases = qobject_cast<CaseTableModel *>(model);
    Q_ASSERT(m_cases || !model);
    beginResetModel();
    QAbstractProxyModel::setSourceModel(model);
    m_textMatches.clear();
    m_gridAccepted.clear();
    endResetModel();
    refilter();
    if (!m_cases)
        return;

    connect(m_cases, &QAbstractItemModel::dataChanged, this, &CaseFilterProxyModel::onDataChanged);
    connect(
        m_cases, &QAbstractItemModel::rowsInserted, this, &CaseFilterProxyModel::onRowsInserted);
    connect(m_cases, &QAbstractItemModel::modelReset, this, [this] {
        m_textMatches.clear();
        m_gridAccepted.clear();
        refilter();
    });
    // The table model only resets, changes and appends rows; anything else starts over.
    connect(m_cases, &QAbstractItemModel::rowsRemoved, this, &CaseFilterProxyModel::refilter);
    connect(m_cases, &QAbstractItemModel::layoutChanged, this, &CaseFilterProxyModel::refilter);
    connect(m_cases, &QAbstractItemModel::headerDataChanged, this,
        &QAbstractItemModel::headerDataChanged);
}

void CaseFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    // Created times show digits and separators only; other text cannot be in them.
    static const QRegularExpression timeLike(QStringLiteral("^[0-9 :\\-]+$"));
    m_textMayBeTime = timeLike.match(m_text).hasMatch();
    m_textMatches.clear();
    refilter();
}

void CaseFilterProxyModel::setGridFilter(const QStringList &codes)
{
    m_gridCodes = codes;
    m_gridAccepted.clear();
    refilter();
}

void CaseFilterProxyModel::clearGridFilter()
{
    if (!m_gridCodes)
        return;
    m_gridCodes.reset();
    m_gridAccepted.clear();
    refilter();
}

void CaseFilterProxyModel::setCaseFilter(const QSet<qint64> &ids)
{
    m_caseIds = ids;
    refilter();
}

void CaseFilterProxyModel::clearCaseFilter()
{
    if (!m_caseIds)
        return;
    m_caseIds.reset();
    refilter();
}

void CaseFilterProxyModel::setQueueView(QueueView view)
{
    if (view == m_view)
        return;
    m_view = view;
    refilter();
}

void CaseFilterProxyModel::setQueueFilter(const QueueFilter &filter, bool refilter)
{
    m_filter = filter;
    if (refilter && m_view != QueueView::All)
        this->refilter();
}

bool CaseFilterProxyModel::accepts(int sourceRow) const
{
    const bool inView =
        m_view == QueueView::All || m_filter.accepts(m_cases->cases(), sourceRow, m_view);
    const bool listed = !m_caseIds || m_caseIds->contains(m_cases->cases().id(sourceRow));
    return inView && listed && matchesGrid(sourceRow) && matchesText(sourceRow);
}

void CaseFilterProxyModel::matchTexts() const
{
    const CompactCaseList &cases = m_cases->cases();
    const OrgDirectory &units = m_cases->setup().units;
    for (auto index = qsizetype(m_textMatches.size()); index < cases.sharedTextCount(); ++index) {
        const QString &text = cases.sharedText(quint32(index));
        quint8 found = MATCH_KNOWN;
        if (text.contains(m_text, Qt::CaseInsensitive))
            found |= MATCH_RAW;
        const auto state = caseStateFromKey(text);
        if (state && caseStateName(*state).contains(m_text, Qt::CaseInsensitive))
            found |= MATCH_STATE;
        if (units.contains(text) && units.displayName(text).contains(m_text, Qt::CaseInsensitive))
            found |= MATCH_UNIT;
        m_textMatches.push_back(found);
    }
}

bool CaseFilterProxyModel::matchesText(int sourceRow) const
{
    if (m_text.isEmpty())
        return true;
    const CompactCaseList &cases = m_cases->cases();
    if (qsizetype(m_textMatches.size()) != cases.sharedTextCount())
        matchTexts();
    for (const auto &[field, shown] : SHOWN_TEXTS) {
        if (m_textMatches[cases.textIndex(sourceRow, field)] & shown)
            return true;
    }
    if (m_cases->displayText(sourceRow, Column::Id).contains(m_text, Qt::CaseInsensitive))
        return true;
    return m_textMayBeTime && m_cases->displayText(sourceRow, Column::Created).contains(m_text);
}

bool CaseFilterProxyModel::matchesGrid(int sourceRow) const
{
    if (!m_gridCodes)
        return true;
    const CompactCaseList &cases = m_cases->cases();
    // Texts added since the codes were resolved (a case reported into a new grid) need them
    // resolved again.
    if (qsizetype(m_gridAccepted.size()) != cases.sharedTextCount()) {
        m_gridAccepted.assign(std::size_t(cases.sharedTextCount()), false);
        for (const QString &code : *m_gridCodes) {
            if (const auto index = cases.findText(code))
                m_gridAccepted[*index] = true;
        }
    }
    return m_gridAccepted[cases.textIndex(sourceRow, Text::Grid)];
}

bool CaseFilterProxyModel::before(int sourceRow, int otherRow) const
{
    // Rows that sort alike keep the order of the list, in either direction.
    const auto column = Column(m_sortColumn);
    const qint64 key = m_cases->sortKey(sourceRow, column);
    const qint64 other = m_cases->sortKey(otherRow, column);
    if (key != other)
        return m_sortOrder == Qt::AscendingOrder ? key < other : key > other;
    return sourceRow < otherRow;
}

void CaseFilterProxyModel::sortRows(std::vector<int> &rows) const
{
    if (m_sortColumn < 0 || m_sortColumn >= int(Column::Count))
        return;
    // One key per row, worked out once, instead of two per comparison.
    std::vector<std::pair<qint64, int>> keyed;
    keyed.reserve(rows.size());
    const auto column = Column(m_sortColumn);
    for (int row : rows)
        keyed.emplace_back(m_cases->sortKey(row, column), row);
    if (m_sortOrder == Qt::AscendingOrder) {
        std::sort(keyed.begin(), keyed.end());
    } else {
        std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
    }
    for (std::size_t position = 0; position < rows.size(); ++position)
        rows[position] = keyed[position].second;
}

void CaseFilterProxyModel::renumberFrom(std::size_t first)
{
    for (std::size_t position = first; position < m_rows.size(); ++position)
        m_proxyRows[std::size_t(m_rows[position])] = int(position);
}

void CaseFilterProxyModel::refilter()
{
    beginResetModel();
    m_rows.clear();
    m_proxyRows.assign(std::size_t(m_cases ? m_cases->rowCount() : 0), -1);
    if (m_cases) {
        for (int row = 0; row < m_cases->rowCount(); ++row) {
            if (accepts(row))
                m_rows.push_back(row);
        }
        sortRows(m_rows);
        renumberFrom(0);
    }
    endResetModel();
}

void CaseFilterProxyModel::sort(int column, Qt::SortOrder order)
{
    if (!m_cases)
        return;
    m_sortColumn = column;
    m_sortOrder = order;

    // The same rows in a new order: the view keeps its current row and selection.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QList<std::pair<int, int>> sourceCells; // source row and column of each persistent index
    for (const QModelIndex &index : persistent)
        sourceCells << std::pair(m_rows[std::size_t(index.row())], index.column());
    sortRows(m_rows);
    renumberFrom(0);
    QModelIndexList moved;
    for (const auto &[row, column] : std::as_const(sourceCells))
        moved << createIndex(m_proxyRows[std::size_t(row)], column);
    changePersistentIndexList(persistent, moved);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

int CaseFilterProxyModel::insertionPoint(int sourceRow) const
{
    const auto found = std::lower_bound(m_rows.cbegin(), m_rows.cend(), sourceRow,
        [this](int listed, int row) { return before(listed, row); });
    return int(found - m_rows.cbegin());
}

void CaseFilterProxyModel::placeRow(int sourceRow)
{
    const int current = m_proxyRows[std::size_t(sourceRow)];
    const bool wanted = accepts(sourceRow);
    if (current < 0 && !wanted)
        return;

    if (current >= 0 && !wanted) {
        beginRemoveRows({}, current, current);
        m_rows.erase(m_rows.begin() + current);
        m_proxyRows[std::size_t(sourceRow)] = -1;
        renumberFrom(std::size_t(current));
        endRemoveRows();
        return;
    }
    if (current < 0) {
        const int position = m_sortColumn >= 0 ? insertionPoint(sourceRow) : int(m_rows.size());
        beginInsertRows({}, position, position);
        m_rows.insert(m_rows.begin() + position, sourceRow);
        renumberFrom(std::size_t(position));
        endInsertRows();
        return;
    }

    // Still shown: move it when its new sort key puts it elsewhere.
    m_rows.erase(m_rows.begin() + current);
    const int position = m_sortColumn >= 0 ? insertionPoint(sourceRow) : current;
    m_rows.insert(m_rows.begin() + current, sourceRow);
    if (position != current) {
        const int destination = position > current ? position + 1 : position;
        beginMoveRows({}, current, current, {}, destination);
        m_rows.erase(m_rows.begin() + current);
        m_rows.insert(m_rows.begin() + position, sourceRow);
        renumberFrom(std::size_t(std::min(current, position)));
        endMoveRows();
    }
    const int row = m_proxyRows[std::size_t(sourceRow)];
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void CaseFilterProxyModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (topLeft.row() == bottomRight.row()) {
        placeRow(topLeft.row()); // a case the loop changed
        return;
    }
    // The clock moved: deadline texts change, rows and their order stay (the queue rebuilds
    // the filter when the overdue view needs it). Anything wider is a new setup, whose unit
    // names may filter and sort differently.
    const int deadline = int(Column::Deadline);
    if (topLeft.column() == deadline && bottomRight.column() == deadline) {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, deadline), index(rowCount() - 1, deadline));
        return;
    }
    m_textMatches.clear();
    refilter();
}

void CaseFilterProxyModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    // The table model appends: source rows before first keep their numbers.
    if (first != int(m_proxyRows.size())) {
        refilter();
        return;
    }
    m_proxyRows.resize(std::size_t(last + 1), -1);
    for (int row = first; row <= last; ++row)
        placeRow(row);
}

QModelIndex CaseFilterProxyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex CaseFilterProxyModel::parent(const QModelIndex &) const
{
    return {};
}

int CaseFilterProxyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseFilterProxyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_cases ? 0 : m_cases->columnCount();
}

QModelIndex CaseFilterProxyModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_cases || !proxyIndex.isValid() || proxyIndex.row() >= int(m_rows.size()))
        return {};
    return m_cases->index(m_rows[std::size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex CaseFilterProxyModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= int(m_proxyRows.size()))
        return {};
    const int row = m_proxyRows[std::size_t(sourceIndex.row())];
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

} // namespace GridDesk
