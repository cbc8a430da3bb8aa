// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casetablemodel.h"

#include "domain/displaytime.h"
#include "workflow/terms.h"

#include <QBrush>
#include <QCollator>
#include <QColor>
#include <QLocale>

#include <algorithm>
#include <numeric>

namespace GridDesk {

namespace {

QString timeText(const QDateTime &wallTime)
{
    if (!wallTime.isValid())
        return {};
    return displayDateTime(wallTime);
}

bool isClosed(const QString &status)
{
    return status.trimmed().compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0;
}

using Text = CompactCaseList::Text;

/// The shared text a column shows, for the columns that show one.
std::optional<Text> sharedTextOf(CaseTableModel::Column column)
{
    using Column = CaseTableModel::Column;
    switch (column) {
    case Column::State:
        return Text::State;
    case Column::Channel:
        return Text::Source;
    case Column::Category:
        return Text::Category;
    case Column::LeadUnit:
        return Text::LeadUnit;
    case Column::Grid:
        return Text::Grid;
    case Column::Status:
        return Text::Status;
    case Column::Agency:
        return Text::Agency;
    case Column::Flags:
        return Text::Flags;
    default:
        return std::nullopt;
    }
}

} // namespace

CaseTableModel::CaseTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_cases(std::make_shared<CompactCaseList>())
    , m_now(QDateTime::currentDateTime())
{ }

void CaseTableModel::setCaseList(std::shared_ptr<CompactCaseList> cases)
{
    beginResetModel();
    m_cases = cases ? std::move(cases) : std::make_shared<CompactCaseList>();
    dropRanks();
    m_idKeys.clear();
    m_stateOfText.clear();
    endResetModel();
}

void CaseTableModel::setCases(const QList<CaseRecord> &cases)
{
    setCaseList(std::make_shared<CompactCaseList>(CompactCaseList::fromRecords(cases)));
}

void CaseTableModel::setSetup(const WorkflowSetup &setup)
{
    m_setup = setup;
    dropRanks();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void CaseTableModel::setNow(const QDateTime &now)
{
    m_now = now;
    const int column = int(Column::Deadline);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
}

int CaseTableModel::updateCase(const CaseRecord &record)
{
    if (const auto row = rowOf(record.id)) {
        m_cases->updateWorkflow(*row, record);
        rowChanged(*row);
        return *row;
    }

    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_cases->append(record);
    endInsertRows();
    return row;
}

void CaseTableModel::rowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

std::optional<int> CaseTableModel::rowOf(qint64 id) const
{
    const auto row = m_cases->rowOf(id);
    if (!row)
        return std::nullopt;
    return int(*row);
}

int CaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cases->size());
}

int CaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    const int row = index.row();
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::ForegroundRole:
        return foreground(row, column);
    case Qt::BackgroundRole:
        return background(row, column);
    case int(Role::Sort):
        return sortValue(row, column);
    case int(Role::CaseId):
        return m_cases->id(row);
    case int(Role::GridCode):
        return m_cases->gridCode(row);
    case int(Role::StateKey):
        return m_cases->state(row);
    case int(Role::DeadlineState):
        return int(deadline(row).state);
    default:
        return {};
    }
}

std::optional<CaseState> CaseTableModel::state(int row) const
{
    // Read per shared text once: sorting by deadline asks for the state millions of times.
    const quint32 index = m_cases->textIndex(row, Text::State);
    for (auto next = qsizetype(m_stateOfText.size()); next < m_cases->sharedTextCount(); ++next) {
        const auto found = caseStateFromKey(m_cases->sharedText(quint32(next)));
        m_stateOfText.push_back(found ? qint8(*found) : qint8(-1));
    }
    const qint8 found = m_stateOfText[index];
    return found < 0 ? std::nullopt : std::optional(CaseState(found));
}

bool CaseTableModel::showsDeadline(int row) const
{
    // A closed case waits only for an optional evaluation: its clock is not shown as work.
    const auto current = state(row);
    return current && stageOf(*current) && *current != CaseState::Closed
        && m_cases->deadlineMsecs(row) != CompactCaseList::NO_TIME;
}

DeadlineShown CaseTableModel::deadline(int row) const
{
    if (!showsDeadline(row))
        return {};
    const Stage stage = *stageOf(*state(row));
    const bool workingTime = m_setup.categories.limit(m_cases->category(row), stage).unit
        != TimeLimit::Unit::CalendarHours;
    return describeDeadline(m_setup.calendar, m_setup.warningFractions,
        m_cases->stageStartedWallTime(row), m_cases->deadlineWallTime(row), m_now,
        m_cases->isSuspended(row), workingTime);
}

QString CaseTableModel::displayText(int row, Column column) const
{
    switch (column) {
    case Column::Id: {
        const QString external = m_cases->externalId(row);
        return external.isEmpty() ? QString::number(m_cases->id(row)) : external;
    }
    case Column::State: {
        const auto current = state(row);
        const QString name = current ? caseStateName(*current) : m_cases->state(row);
        //: %1 is a case state; a unit asked for more time and a manager must decide
        return m_cases->hasPendingExtension(row) ? tr("%1, extension asked").arg(name) : name;
    }
    case Column::Channel:
        return channelName(m_cases->source(row));
    case Column::Deadline:
        return deadline(row).text;
    case Column::Category:
        return m_cases->category(row);
    case Column::LeadUnit:
        return m_setup.units.displayName(m_cases->leadUnit(row));
    case Column::Created:
        return timeText(m_cases->createdWallTime(row));
    case Column::Grid:
        return m_cases->gridCode(row);
    case Column::Status:
        return m_cases->status(row);
    case Column::Agency:
        return m_cases->agency(row);
    case Column::Flags:
        return m_cases->flagsText(row);
    case Column::Count:
        break;
    }
    return {};
}

QVariant CaseTableModel::sortValue(int row, Column column) const
{
    switch (column) {
    case Column::Id:
        return idSortKey(row);
    case Column::Created:
        // Cases without a date sort before every dated case (an invalid QDateTime).
        return m_cases->createdWallTime(row);
    case Column::Deadline:
        return showsDeadline(row) ? m_cases->deadlineWallTime(row) : QDateTime();
    default:
        return displayText(row, column);
    }
}

QVariant CaseTableModel::toolTip(int row, Column column) const
{
    switch (column) {
    case Column::Category:
        if (!m_cases->descriptor(row).isEmpty())
            return m_cases->descriptor(row);
        return {};
    case Column::Id: {
        const QString address = m_cases->address(row);
        return address.isEmpty() ? QVariant() : QVariant(address);
    }
    case Column::Deadline: {
        const QString tip = deadline(row).toolTip;
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Column::LeadUnit: {
        QStringList names;
        for (const QString &code : m_cases->coUnits(row))
            names << m_setup.units.displayName(code);
        //: %1 lists the units handling a joint case with the lead unit
        return names.isEmpty() ? QVariant() : QVariant(tr("Jointly with %1").arg(names.join(", ")));
    }
    default:
        return {};
    }
}

QVariant CaseTableModel::foreground(int row, Column column) const
{
    if (column == Column::Status && !isClosed(m_cases->status(row)))
        return QBrush(QColor(0xb0, 0x1c, 0x14));
    if (column != Column::Deadline)
        return {};
    const QColor colour = deadline(row).foreground();
    return colour.isValid() ? QVariant(QBrush(colour)) : QVariant();
}

QVariant CaseTableModel::background(int row, Column column) const
{
    if (column != Column::Deadline)
        return {};
    const QColor colour = deadline(row).background();
    return colour.isValid() ? QVariant(QBrush(colour)) : QVariant();
}

qint64 CaseTableModel::idSortKey(int row) const
{
    // The column shows the source's id when there is one; sort by it as a number then. Keys
    // are worked out once per row, since a sort asks for them millions of times.
    for (auto next = qsizetype(m_idKeys.size()); next < m_cases->size(); ++next) {
        bool numeric = false;
        const qint64 external = m_cases->externalId(next).toLongLong(&numeric);
        m_idKeys.push_back(numeric ? external : m_cases->id(next));
    }
    return m_idKeys[std::size_t(row)];
}

qint64 CaseTableModel::deadlineSortKey(int row) const
{
    // Cases without a running deadline come after every case that has one.
    return showsDeadline(row) ? m_cases->deadlineMsecs(row) : std::numeric_limits<qint64>::max();
}

QString CaseTableModel::rankText(Column column, const QString &text) const
{
    if (column == Column::Channel)
        return channelName(text);
    return column == Column::LeadUnit ? m_setup.units.displayName(text) : text;
}

const std::vector<quint32> &CaseTableModel::ranks(Column column) const
{
    std::vector<quint32> &ranks = m_ranks[std::size_t(column)];
    const auto count = std::size_t(m_cases->sharedTextCount());
    if (ranks.size() == count)
        return ranks;

    std::vector<quint32> order(count);
    std::iota(order.begin(), order.end(), 0u);
    if (column == Column::State) {
        // States sort in the order of the loop, not by their names.
        std::vector<int> position(count);
        for (std::size_t index = 0; index < count; ++index) {
            const auto found = caseStateFromKey(m_cases->sharedText(quint32(index)));
            position[index] = found ? int(*found) : int(CaseState::Count);
        }
        std::stable_sort(order.begin(), order.end(),
            [&](quint32 a, quint32 b) { return position[a] < position[b]; });
    } else {
        // Names sort as the interface language sorts them (Chinese by pinyin where the
        // system's collation knows it), through sort keys made once per text.
        QCollator collator(QLocale {});
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        collator.setNumericMode(true);
        std::vector<QCollatorSortKey> keys;
        keys.reserve(count);
        for (std::size_t index = 0; index < count; ++index)
            keys.push_back(collator.sortKey(rankText(column, m_cases->sharedText(quint32(index)))));
        std::stable_sort(order.begin(), order.end(),
            [&](quint32 a, quint32 b) { return keys[a].compare(keys[b]) < 0; });
    }
    ranks.assign(count, 0);
    for (std::size_t position = 0; position < count; ++position)
        ranks[order[position]] = quint32(position);
    return ranks;
}

void CaseTableModel::dropRanks()
{
    for (std::vector<quint32> &ranks : m_ranks)
        ranks.clear();
}

qint64 CaseTableModel::sortKey(int row, Column column) const
{
    switch (column) {
    case Column::Id:
        return idSortKey(row);
    case Column::Created:
        return m_cases->createdMsecs(row);
    case Column::Deadline:
        return deadlineSortKey(row);
    default:
        break;
    }
    const auto text = sharedTextOf(column);
    if (!text)
        return 0;
    return ranks(column)[m_cases->textIndex(row, *text)];
}

QVariant CaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (Column(section)) {
    case Column::Id:
        return tr("Case");
    case Column::State:
        return tr("State");
    case Column::Channel:
        return tr("Channel");
    case Column::Deadline:
        return tr("Deadline");
    case Column::Category:
        return tr("Category");
    case Column::LeadUnit:
        return tr("Lead unit");
    case Column::Created:
        return tr("Created");
    case Column::Grid:
        return tr("Grid");
    case Column::Status:
        return tr("Status");
    case Column::Agency:
        return tr("Agency");
    case Column::Flags:
        return tr("Flags");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
