// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "compactcaselist.h"

#include <QTimeZone>

#include <algorithm>

namespace GridDesk {

CompactCaseList::CompactCaseList()
{
    m_texts << QString();
    m_textIndex.insert(QString(), 0);
}

CompactCaseList CompactCaseList::fromRecords(const QList<CaseRecord> &records)
{
    CompactCaseList list;
    list.reserve(records.size());
    for (const CaseRecord &record : records)
        list.append(record);
    return list;
}

void CompactCaseList::reserve(qsizetype count)
{
    m_rows.reserve(std::size_t(count));
}

void CompactCaseList::append(const CaseRecord &record)
{
    if (!m_rows.empty() && record.id < m_rows.back().id)
        m_idsAscending = false;

    Row row;
    row.id = record.id;
    row.createdMsecs = record.created.isValid() ? toMsecs(record.created.wallTime()) : NO_TIME;
    m_utf8 += record.externalId.toUtf8();
    row.externalIdEnd = m_utf8.size();
    m_utf8 += record.address.toUtf8();
    row.addressEnd = m_utf8.size();

    row.shared[int(Text::Descriptor)] = intern(record.descriptor);
    row.shared[int(Text::Status)] = intern(record.status);
    row.shared[int(Text::Agency)] = intern(record.agency);
    row.shared[int(Text::Source)] = intern(record.source);
    row.shared[int(Text::Grid)] = intern(record.gridCode);
    row.shared[int(Text::Flags)] =
        record.flags.isEmpty() ? 0 : intern(record.flags.join(QStringLiteral(", ")));
    m_rows.push_back(row);
    updateWorkflow(size() - 1, record);
}

void CompactCaseList::updateWorkflow(qsizetype row, const CaseRecord &record)
{
    Row &entry = m_rows[std::size_t(row)];
    entry.shared[int(Text::Category)] = intern(record.category);
    entry.shared[int(Text::State)] = intern(record.state);
    entry.shared[int(Text::LeadUnit)] = intern(record.leadUnit);
    entry.shared[int(Text::CaseTypes)] = intern(record.caseTypes);
    entry.stageStartedMsecs =
        record.stageStarted.isValid() ? toMsecs(record.stageStarted.wallTime()) : NO_TIME;
    entry.deadlineMsecs = record.deadline.isValid() ? toMsecs(record.deadline.wallTime()) : NO_TIME;
    setMark(row, SUSPENDED, record.suspended);
    setCoUnits(row, record.coUnits);
    setMark(row, EXTENSION_PENDING, record.extensionPending);
}

void CompactCaseList::setCoUnits(qsizetype row, const QStringList &units)
{
    m_rows[std::size_t(row)].shared[int(Text::CoUnits)] = intern(units.join(u','));
}

void CompactCaseList::setExtensionPending(qsizetype row, bool pending)
{
    setMark(row, EXTENSION_PENDING, pending);
}

void CompactCaseList::setMark(qsizetype row, quint8 bit, bool on)
{
    quint8 &marks = m_rows[std::size_t(row)].marks;
    marks = on ? quint8(marks | bit) : quint8(marks & ~bit);
}

QStringList CompactCaseList::coUnits(qsizetype row) const
{
    const QString &joined = text(row, Text::CoUnits);
    return joined.isEmpty() ? QStringList() : joined.split(u',');
}

std::optional<quint32> CompactCaseList::findText(const QString &text) const
{
    const auto found = m_textIndex.constFind(text);
    if (found == m_textIndex.cend())
        return std::nullopt;
    return *found;
}

qint64 CompactCaseList::toMsecs(const QDateTime &wallTime)
{
    if (wallTime.timeSpec() == Qt::UTC)
        return wallTime.toMSecsSinceEpoch();
    // Only the date and time shown count, whatever spec the QDateTime carries.
    return QDateTime(wallTime.date(), wallTime.time(), QTimeZone::utc()).toMSecsSinceEpoch();
}

quint32 CompactCaseList::intern(const QString &text)
{
    const auto found = m_textIndex.constFind(text);
    if (found != m_textIndex.cend())
        return *found;
    const auto index = quint32(m_texts.size());
    m_texts << text;
    m_textIndex.insert(text, index);
    return index;
}

qint64 CompactCaseList::rowStart(qsizetype row) const
{
    return row == 0 ? 0 : m_rows[std::size_t(row - 1)].addressEnd;
}

QString CompactCaseList::externalId(qsizetype row) const
{
    const qint64 start = rowStart(row);
    const qint64 end = m_rows[std::size_t(row)].externalIdEnd;
    return QString::fromUtf8(m_utf8.constData() + start, end - start);
}

QString CompactCaseList::address(qsizetype row) const
{
    const Row &entry = m_rows[std::size_t(row)];
    return QString::fromUtf8(
        m_utf8.constData() + entry.externalIdEnd, entry.addressEnd - entry.externalIdEnd);
}

QDateTime CompactCaseList::fromMsecs(qint64 msecs)
{
    if (msecs == NO_TIME)
        return {};
    // The same kind of QDateTime as CaseTime keeps, so that sorting and display agree with it.
    return QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::utc());
}

QDateTime CompactCaseList::createdWallTime(qsizetype row) const
{
    return fromMsecs(m_rows[std::size_t(row)].createdMsecs);
}

QDateTime CompactCaseList::stageStartedWallTime(qsizetype row) const
{
    return fromMsecs(m_rows[std::size_t(row)].stageStartedMsecs);
}

QDateTime CompactCaseList::deadlineWallTime(qsizetype row) const
{
    return fromMsecs(m_rows[std::size_t(row)].deadlineMsecs);
}

std::optional<qsizetype> CompactCaseList::rowOf(qint64 id) const
{
    // Workspaces hand their cases over in id order; any other order falls back to a scan.
    if (m_idsAscending) {
        const auto after = std::upper_bound(m_rows.cbegin(), m_rows.cend(), id,
            [](qint64 wanted, const Row &row) { return wanted < row.id; });
        if (after == m_rows.cbegin() || std::prev(after)->id != id)
            return std::nullopt;
        return qsizetype(std::prev(after) - m_rows.cbegin());
    }
    const auto found = std::find_if(
        m_rows.crbegin(), m_rows.crend(), [id](const Row &row) { return row.id == id; });
    if (found == m_rows.crend())
        return std::nullopt;
    return qsizetype(m_rows.crend() - found - 1);
}

} // namespace GridDesk
