// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "historystream.h"

#include "storage/sqlitestatement.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

// The data keys are taken out in SQL so that no event's JSON is parsed twice: three columns
// hold, by action, the values CaseFile and CaseFacts read.
constexpr const char *EVENTS_SQL =
    "SELECT case_id, sequence, action, at, from_state, to_state, "
    "CASE action WHEN 'report' THEN json_extract(data, '$.channel') "
    "WHEN 'register' THEN json_extract(data, '$.category') "
    "WHEN 'dispatch' THEN json_extract(data, '$.unit') "
    "WHEN 'escalate' THEN json_extract(data, '$.unit') "
    "WHEN 'evaluate' THEN json_extract(data, '$.satisfaction') "
    "WHEN 'feed_back' THEN json_extract(data, '$.referred') "
    "WHEN 'merge' THEN json_extract(data, '$.into') "
    "WHEN 'absorb' THEN json_extract(data, '$.from') "
    "WHEN 'promise' THEN json_extract(data, '$.promised_at') "
    "WHEN 'request_extension' THEN json_extract(data, '$.limit') "
    "WHEN 'approve_extension' THEN json_extract(data, '$.limit') END, "
    "CASE action WHEN 'report' THEN json_extract(data, '$.source') "
    "WHEN 'dispatch' THEN json_extract(data, '$.co_units') END, "
    "CASE action WHEN 'report' THEN json_extract(data, '$.category') END "
    "FROM case_events ORDER BY case_id, sequence";
constexpr const char *CASES_SQL = "SELECT fid, category, grid_code FROM cases ORDER BY fid";

enum Column { CaseId, Sequence, Action, At, From, To, First, Second, Third };

/// Keys of the stored vocabulary to their values, for reading a million rows without
/// building a string for each.
template<typename Enum>
QHash<QByteArray, Enum> keyTable(int count, QString (*key)(Enum))
{
    QHash<QByteArray, Enum> table;
    for (int i = 0; i < count; ++i)
        table.insert(key(Enum(i)).toLatin1(), Enum(i));
    return table;
}

int digits(QByteArrayView text, qsizetype at, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text.at(at + i);
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

/// Reads "YYYY-MM-DDTHH:MM:SS" with an optional "Z" or "±HH:MM", as CaseTime::toIso()
/// writes it, without a regular expression; anything else goes to CaseTime::fromIso().
std::optional<CaseTime> parseTime(QByteArrayView text)
{
    const bool shaped = text.size() >= 19 && text.at(4) == '-' && text.at(7) == '-'
        && text.at(10) == 'T' && text.at(13) == ':' && text.at(16) == ':';
    const bool plain = text.size() == 19;
    if (!shaped || !(plain || (text.size() == 20 && text.at(19) == 'Z')))
        return CaseTime::fromIso(QString::fromUtf8(text));

    const QDate date(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
    const QTime time(digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return plain ? CaseTime::naive(date, time) : CaseTime::withOffset(date, time, 0);
}

QJsonArray textArray(QByteArrayView json)
{
    if (json.isEmpty() || json == "[]")
        return {};
    return QJsonDocument::fromJson(json.toByteArray()).array();
}

/// The data an event of action carries, from the three columns the query took out of it.
QJsonObject eventData(CaseAction action, const SqliteStatement &row)
{
    QJsonObject data;
    auto put = [&](const char *key, int column) {
        if (!row.columnIsNull(column))
            data.insert(QLatin1String(key), row.columnText(column));
    };
    switch (action) {
    case CaseAction::Report:
        put("channel", First);
        put("source", Second);
        put("category", Third);
        break;
    case CaseAction::Register:
        put("category", First);
        break;
    case CaseAction::Dispatch:
        put("unit", First);
        if (const QJsonArray coUnits = textArray(row.columnBlob(Second)); !coUnits.isEmpty())
            data.insert(QLatin1String("co_units"), coUnits);
        break;
    case CaseAction::Escalate:
        put("unit", First);
        break;
    case CaseAction::Evaluate:
        data.insert(QLatin1String("satisfaction"), int(row.columnInt(First)));
        break;
    case CaseAction::FeedBack:
        if (row.columnInt(First) != 0)
            data.insert(QLatin1String("referred"), true);
        break;
    case CaseAction::Merge:
        data.insert(QLatin1String("into"), row.columnInt(First));
        break;
    case CaseAction::Absorb:
        data.insert(QLatin1String("from"), row.columnInt(First));
        break;
    case CaseAction::Promise:
        put("promised_at", First);
        break;
    case CaseAction::RequestExtension:
    case CaseAction::ApproveExtension:
        put("limit", First);
        break;
    default:
        break;
    }
    return data;
}

/// The data of events already met, by action and the three columns: most events carry one
/// of a few hundred combinations (a channel and a category, a unit), and sharing the object
/// built once spares building it again for each of a million events.
class DataCache
{
public:
    QJsonObject data(CaseAction action, const SqliteStatement &row)
    {
        m_key.clear();
        m_key.append(char('A' + int(action)));
        for (int column : {First, Second, Third}) {
            m_key.append('\x1f');
            m_key.append(row.columnBlob(column));
        }
        const auto found = m_known.constFind(m_key);
        if (found != m_known.constEnd())
            return *found;
        // Values met once each (times, ids) would only grow the cache.
        if (m_known.size() >= MAX_ENTRIES)
            m_known.clear();
        const QJsonObject data = eventData(action, row);
        m_known.insert(m_key, data);
        return data;
    }

private:
    static constexpr qsizetype MAX_ENTRIES = 4096;
    QByteArray m_key;
    QHash<QByteArray, QJsonObject> m_known;
};

/// Walks the case rows beside the events, both in id order.
class CaseRows
{
public:
    explicit CaseRows(SqliteStatement statement)
        : m_rows(std::move(statement))
    { }

    /// Moves to the row of caseId; false when there is none.
    Result<bool> seek(qint64 caseId)
    {
        while (m_ready && m_rows.columnInt(0) < caseId) {
            auto step = m_rows.step(Tr::tr("Reading the cases"));
            if (!step)
                return std::unexpected(step.error());
            m_ready = *step;
        }
        return m_ready && m_rows.columnInt(0) == caseId;
    }

    Result<void> start()
    {
        auto step = m_rows.step(Tr::tr("Reading the cases"));
        if (!step)
            return std::unexpected(step.error());
        m_ready = *step;
        return {};
    }

    QString text(int column) const { return m_rows.columnText(column); }

private:
    SqliteStatement m_rows;
    bool m_ready = false;
};

} // namespace

Result<qint64> HistoryStream::forEachCase(const Workspace &workspace, const QString &cutoff,
    const std::function<void(const Case &)> &visit)
{
    static const auto actions = keyTable<CaseAction>(int(CaseAction::Count), caseActionKey);
    static const auto states = keyTable<CaseState>(int(CaseState::Count), caseStateKey);
    auto events = SqliteStatement::prepare(workspace.connection(), EVENTS_SQL);
    if (!events)
        return std::unexpected(events.error());
    auto caseRows = SqliteStatement::prepare(workspace.connection(), CASES_SQL);
    if (!caseRows)
        return std::unexpected(caseRows.error());
    CaseRows rows(std::move(*caseRows));
    if (auto started = rows.start(); !started)
        return std::unexpected(started.error());

    const QByteArray cutoffText = cutoff.toLatin1();
    DataCache dataCache;
    Case current;
    qint64 currentId = 0;
    qint64 visited = 0;
    bool cut = false;
    QByteArray lastAt;
    CaseTime lastTime;

    auto finish = [&]() -> Result<void> {
        if (currentId == 0 || current.events.isEmpty())
            return {};
        auto found = rows.seek(currentId);
        if (!found)
            return std::unexpected(found.error());
        current.category = *found ? rows.text(1) : QString();
        current.gridCode = *found ? rows.text(2) : QString();
        visit(current);
        ++visited;
        return {};
    };

    while (true) {
        auto step = events->step();
        if (!step) {
            return std::unexpected(
                step.error().at(Tr::tr("Reading the history of case %1").arg(currentId)));
        }
        if (!*step)
            break;

        const qint64 caseId = events->columnInt(CaseId);
        if (caseId != currentId) {
            if (auto done = finish(); !done)
                return std::unexpected(done.error());
            current.events.clear();
            currentId = caseId;
            cut = false;
        }
        if (cut)
            continue;

        const QByteArrayView at = events->columnBlob(At);
        if (!cutoffText.isEmpty() && at.first(std::min<qsizetype>(at.size(), 19)) >= cutoffText) {
            cut = true; // what came later had not happened at the report's end
            continue;
        }
        if (at != QByteArrayView(lastAt)) {
            const std::optional<CaseTime> time = parseTime(at);
            if (!time) {
                return fail(ErrorCode::InvalidRow,
                    Tr::tr("Case %1 has an event at \"%2\", which is not a time.")
                        .arg(caseId)
                        .arg(QString::fromUtf8(at)));
            }
            lastAt = at.toByteArray();
            lastTime = *time;
        }

        CaseEvent event;
        event.caseId = caseId;
        event.sequence = int(events->columnInt(Sequence));
        const auto action = actions.constFind(QByteArray::fromRawData(
            events->columnBlob(Action).data(), events->columnBlob(Action).size()));
        const auto to = states.constFind(
            QByteArray::fromRawData(events->columnBlob(To).data(), events->columnBlob(To).size()));
        if (action == actions.constEnd() || to == states.constEnd()
            || event.sequence != current.events.size() + 1) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Event %1 of case %2 cannot be read: unknown action or state, or out of "
                       "order.")
                    .arg(event.sequence)
                    .arg(caseId));
        }
        event.action = *action;
        event.to = *to;
        event.at = lastTime;
        if (!events->columnIsNull(From)) {
            const auto from = states.constFind(QByteArray::fromRawData(
                events->columnBlob(From).data(), events->columnBlob(From).size()));
            if (from != states.constEnd())
                event.from = *from;
        }
        event.data = dataCache.data(event.action, *events);
        current.events << std::move(event);
    }
    if (auto done = finish(); !done)
        return std::unexpected(done.error());
    return visited;
}

} // namespace GridDesk
