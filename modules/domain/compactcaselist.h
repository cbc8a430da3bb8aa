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
/// descriptor, loop state, lead unit, case types, co-handling units) is stored once and shared
/// by every row that has it, the source's id and the address of all rows share one UTF-8
/// buffer, and times are numbers. The closed time and the location are not kept.
///
/// Shared texts have stable indices, so a filter can resolve the texts it wants once and then
/// compare numbers row by row.
///
/// A plain value; fill and update it on one thread, then read it from any number of threads.
class CompactCaseList
{
public:
    /// The texts a row shares with other rows.
    enum class Text {
        Category,
        Descriptor,
        Status,
        Agency,
        Grid,
        Flags,
        State, ///< a state key of the closed loop ("in_handling" …)
        LeadUnit, ///< an org unit code
        CaseTypes, ///< case type keys joined with ","
        CoUnits, ///< codes of the co-handling units joined with ","
        Source, ///< the channel the case came in by ("hotline", "open311", "nyc311" …)
        Count
    };

    CompactCaseList();

    static CompactCaseList fromRecords(const QList<CaseRecord> &records);

    /// Makes room for count rows, so that appending them does not grow the storage in steps.
    void reserve(qsizetype count);
    /// Adds record as the last row.
    void append(const CaseRecord &record);

    /// Takes over what the closed loop changes in a case (state, lead unit, stage start,
    /// deadline, suspension, case types and category) from record, for row.
    void updateWorkflow(qsizetype row, const CaseRecord &record);
    /// What the case row does not carry: the units handling a joint case with the lead unit,
    /// and whether an extension waits for a manager's decision.
    void setCoUnits(qsizetype row, const QStringList &units);
    void setExtensionPending(qsizetype row, bool pending);

    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }

    qint64 id(qsizetype row) const { return m_rows[std::size_t(row)].id; }
    QString externalId(qsizetype row) const;
    const QString &category(qsizetype row) const { return text(row, Text::Category); }
    const QString &descriptor(qsizetype row) const { return text(row, Text::Descriptor); }
    const QString &status(qsizetype row) const { return text(row, Text::Status); }
    const QString &agency(qsizetype row) const { return text(row, Text::Agency); }
    const QString &source(qsizetype row) const { return text(row, Text::Source); }
    QString address(qsizetype row) const;
    const QString &gridCode(qsizetype row) const { return text(row, Text::Grid); }
    /// The flags of the case joined with ", ", as a list shows them; empty when it has none.
    const QString &flagsText(qsizetype row) const { return text(row, Text::Flags); }
    const QString &state(qsizetype row) const { return text(row, Text::State); }
    const QString &leadUnit(qsizetype row) const { return text(row, Text::LeadUnit); }
    const QString &caseTypes(qsizetype row) const { return text(row, Text::CaseTypes); }
    QStringList coUnits(qsizetype row) const;
    bool isSuspended(qsizetype row) const { return mark(row, SUSPENDED); }
    bool hasPendingExtension(qsizetype row) const { return mark(row, EXTENSION_PENDING); }

    /// Wall times as CaseTime::wallTime() gave them; invalid when the case has none.
    QDateTime createdWallTime(qsizetype row) const;
    QDateTime stageStartedWallTime(qsizetype row) const;
    QDateTime deadlineWallTime(qsizetype row) const;

    /// The same times as milliseconds of the wall time read as UTC, for comparing and sorting;
    /// NO_TIME when the case has none.
    qint64 createdMsecs(qsizetype row) const { return m_rows[std::size_t(row)].createdMsecs; }
    qint64 deadlineMsecs(qsizetype row) const { return m_rows[std::size_t(row)].deadlineMsecs; }
    static constexpr qint64 NO_TIME = std::numeric_limits<qint64>::min();
    /// wallTime as the list keeps it: its date and time read as UTC.
    static qint64 toMsecs(const QDateTime &wallTime);

    /// The row of the case with id, if present; the last such row if several have it.
    std::optional<qsizetype> rowOf(qint64 id) const;

    /// The index of the shared text field of row has.
    quint32 textIndex(qsizetype row, Text field) const
    {
        return m_rows[std::size_t(row)].shared[int(field)];
    }
    /// The index of text if any row has it.
    std::optional<quint32> findText(const QString &text) const;
    const QString &sharedText(quint32 index) const { return m_texts[index]; }
    /// Distinct texts the rows share; indices run from 0 (the empty text) below this.
    qsizetype sharedTextCount() const { return m_texts.size(); }

private:
    struct Row
    {
        qint64 id = 0;
        qint64 createdMsecs = NO_TIME;
        qint64 stageStartedMsecs = NO_TIME;
        qint64 deadlineMsecs = NO_TIME;
        qint64 externalIdEnd = 0; // in m_utf8; the external id starts where the row before ends
        qint64 addressEnd = 0;
        quint32 shared[int(Text::Count)] = {};
        quint8 marks = 0;
    };

    static constexpr quint8 SUSPENDED = 1;
    static constexpr quint8 EXTENSION_PENDING = 2;

    const QString &text(qsizetype row, Text field) const
    {
        return m_texts[m_rows[std::size_t(row)].shared[int(field)]];
    }
    bool mark(qsizetype row, quint8 bit) const { return m_rows[std::size_t(row)].marks & bit; }
    void setMark(qsizetype row, quint8 bit, bool on);
    quint32 intern(const QString &text);
    qint64 rowStart(qsizetype row) const;
    static QDateTime fromMsecs(qint64 msecs);

    std::vector<Row> m_rows;
    QByteArray m_utf8; // external id then address of every row, back to back
    QStringList m_texts; // the shared texts; 0 is the empty text
    QHash<QString, quint32> m_textIndex;
    bool m_idsAscending = true;
};

} // namespace GridDesk
