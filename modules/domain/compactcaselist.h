// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "caserecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <vector>

namespace GridDesk {

/// The cases of a workspace as a case list shows them, small enough to keep a million in
/// memory: text that repeats from case to case (category, status, agency, grid, flags,
/// descriptor) is stored once and shared by every row that has it, the source's id and the
/// address of all rows share one UTF-8 buffer, and the created time is a number. The source,
/// the closed time and the location are not kept.
///
/// A plain value; fill it on one thread, then read it from any number of threads.
class CompactCaseList
{
public:
    CompactCaseList();

    static CompactCaseList fromRecords(const QList<CaseRecord> &records);

    /// Makes room for count rows, so that appending them does not grow the storage in steps.
    void reserve(qsizetype count);
    /// Adds record as the last row.
    void append(const CaseRecord &record);

    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }

    qint64 id(qsizetype row) const { return m_rows[std::size_t(row)].id; }
    QString externalId(qsizetype row) const;
    const QString &category(qsizetype row) const { return shared(row, Field::Category); }
    const QString &descriptor(qsizetype row) const { return shared(row, Field::Descriptor); }
    const QString &status(qsizetype row) const { return shared(row, Field::Status); }
    const QString &agency(qsizetype row) const { return shared(row, Field::Agency); }
    QString address(qsizetype row) const;
    const QString &gridCode(qsizetype row) const { return shared(row, Field::Grid); }
    /// The flags of the case joined with ", ", as a list shows them; empty when it has none.
    const QString &flagsText(qsizetype row) const { return shared(row, Field::Flags); }
    /// The wall time the case was created at, as CaseTime::wallTime() gave it; invalid when the
    /// case has no created time.
    QDateTime createdWallTime(qsizetype row) const;

    /// The row of the case with id, if present; the last such row if several have it.
    std::optional<qsizetype> rowOf(qint64 id) const;

    /// Distinct texts the rows share, for diagnostics.
    qsizetype sharedTextCount() const { return m_texts.size(); }

private:
    enum class Field { Category, Descriptor, Status, Agency, Grid, Flags, Count };

    struct Row
    {
        qint64 id = 0;
        qint64 createdMsecs = 0; // wall time as UTC milliseconds; NO_TIME when unknown
        qint64 externalIdEnd = 0; // in m_utf8; the external id starts where the row before ends
        qint64 addressEnd = 0;
        quint32 shared[int(Field::Count)] = {};
    };

    static constexpr qint64 NO_TIME = std::numeric_limits<qint64>::min();

    const QString &shared(qsizetype row, Field field) const
    {
        return m_texts[m_rows[std::size_t(row)].shared[int(field)]];
    }
    quint32 intern(const QString &text);
    qint64 rowStart(qsizetype row) const;

    std::vector<Row> m_rows;
    QByteArray m_utf8; // external id then address of every row, back to back
    QStringList m_texts; // the shared texts; 0 is the empty text
    QHash<QString, quint32> m_textIndex;
    bool m_idsAscending = true;
};

} // namespace GridDesk
