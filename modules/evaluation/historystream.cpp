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

// Only the data of the actions whose data the case file or the indicators read is fetched,
// as stored: most of it repeats (a channel and a category, a unit) and is parsed once per
// distinct text. Of a feedback only the referral is taken out, its result being free text.
constexpr const char *EVENTS_SQL =
    "SELECT case_id, sequence, action, at, from_state, to_state, "
    "CASE WHEN action IN ('report', 'register', 'dispatch', 'escalate', 'evaluate', 'merge', "
    "'absorb', 'promise', 'request_extension', 'approve_extension', 'return_visit') THEN data "
    "END, "
    "CASE WHEN action = 'feed_back' THEN json_extract(data, '$.referred') END "
    "FROM case_events ORDER BY case_id, sequence";
constexpr const char *CASES_SQL = "SELECT fid, category, grid_code FROM cases ORDER BY fid";

enum Column { CaseId, Sequence, Action, At, From, To, Data, Referred };

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

/// The data of events already met, by action and stored text: parsed once per distinct text
/// and shared by every event that carries it.
class DataCache
{
public:
    /// The data of the current row of action; empty when the stored text is not a JSON
    /// object.
    std::optional<QJsonObject> data(CaseAction action, const SqliteStatement &row)
    {
        if (action == CaseAction::FeedBack) {
            const bool referred = !row.columnIsNull(Referred) && row.columnInt(Referred) != 0;
            return referred ? QJsonObject {{QStringLiteral("referred"), true}} : QJsonObject();
        }
        if (row.columnIsNull(Data))
            return QJsonObject();

        m_key.clear();
        m_key.append(char('A' + int(action)));
        m_key.append(row.columnBlob(Data));
        const auto found = m_known.constFind(m_key);
        if (found != m_known.constEnd())
            return *found;
        const QJsonDocument document = QJsonDocument::fromJson(row.columnBlob(Data).toByteArray());
        if (!document.isObject())
            return std::nullopt;
        // Texts met once each (a merge's case id) would only grow the cache.
        if (m_known.size() >= MAX_ENTRIES)
            m_known.clear();
        m_known.insert(m_key, document.object());
        return document.object();
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

/// One pass over the events: turns rows into events, case by case.
class EventReader
{
public:
    EventReader(SqliteStatement events, const QString &cutoff)
        : m_events(std::move(events))
        , m_cutoff(cutoff.toLatin1())
    { }

    /// Reads the next row into current, or hands the finished case to done first when the
    /// row is another case's. False at the end of the events.
    Result<bool> next(
        HistoryStream::Case &current, qint64 &currentId, const std::function<Result<void>()> &done)
    {
        auto step = m_events.step();
        if (!step) {
            return std::unexpected(
                step.error().at(Tr::tr("Reading the history of case %1").arg(currentId)));
        }
        if (!*step)
            return false;

        const qint64 caseId = m_events.columnInt(CaseId);
        if (caseId != currentId) {
            if (auto finished = done(); !finished)
                return std::unexpected(finished.error());
            current.events.clear();
            currentId = caseId;
            m_cut = false;
        }
        if (m_cut)
            return true;
        auto read = readEvent(caseId, current.events.size() + 1);
        if (!read)
            return std::unexpected(read.error());
        if (*read)
            current.events << std::move(**read);
        return true;
    }

private:
    /// The event of the current row, expected to be number sequence of caseId; empty when
    /// it happened at or after the cutoff, and so do the case's later ones.
    Result<std::optional<CaseEvent>> readEvent(qint64 caseId, qsizetype sequence)
    {
        const QByteArrayView at = m_events.columnBlob(At);
        if (!m_cutoff.isEmpty() && at.first(std::min<qsizetype>(at.size(), 19)) >= m_cutoff) {
            m_cut = true; // what came later had not happened at the report's end
            return std::nullopt;
        }
        auto time = timeOf(at, caseId);
        if (!time)
            return std::unexpected(time.error());

        CaseEvent event;
        event.caseId = caseId;
        event.sequence = int(m_events.columnInt(Sequence));
        const std::optional<CaseAction> action = lookUp(ACTIONS, Action);
        const std::optional<CaseState> to = lookUp(STATES, To);
        if (!action || !to || event.sequence != sequence) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Event %1 of case %2 cannot be read: unknown action or state, or out of "
                       "order.")
                    .arg(event.sequence)
                    .arg(caseId));
        }
        event.action = *action;
        event.to = *to;
        event.at = *time;
        event.from = m_events.columnIsNull(From) ? std::nullopt : lookUp(STATES, From);
        const std::optional<QJsonObject> data = m_data.data(event.action, m_events);
        if (!data) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Event %1 of case %2 holds data that is not a JSON object.")
                    .arg(event.sequence)
                    .arg(caseId));
        }
        event.data = *data;
        return event;
    }

    /// Events of one case often share their time: the last one read is kept.
    Result<CaseTime> timeOf(QByteArrayView at, qint64 caseId)
    {
        if (at == QByteArrayView(m_lastAt))
            return m_lastTime;
        const std::optional<CaseTime> time = parseTime(at);
        if (!time) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Case %1 has an event at \"%2\", which is not a time.")
                    .arg(caseId)
                    .arg(QString::fromUtf8(at)));
        }
        m_lastAt = at.toByteArray();
        m_lastTime = *time;
        return *time;
    }

    template<typename Enum>
    std::optional<Enum> lookUp(const QHash<QByteArray, Enum> &table, int column) const
    {
        const QByteArrayView key = m_events.columnBlob(column);
        const auto found = table.constFind(QByteArray::fromRawData(key.data(), key.size()));
        return found == table.constEnd() ? std::nullopt : std::optional(*found);
    }

    static inline const auto ACTIONS = keyTable<CaseAction>(int(CaseAction::Count), caseActionKey);
    static inline const auto STATES = keyTable<CaseState>(int(CaseState::Count), caseStateKey);

    SqliteStatement m_events;
    QByteArray m_cutoff;
    bool m_cut = false;
    QByteArray m_lastAt;
    CaseTime m_lastTime;
    DataCache m_data;
};

} // namespace

Result<qint64> HistoryStream::forEachCase(const Workspace &workspace, const QString &cutoff,
    const std::function<void(const Case &)> &visit)
{
    auto events = SqliteStatement::prepare(workspace.connection(), EVENTS_SQL);
    if (!events)
        return std::unexpected(events.error());
    auto caseRows = SqliteStatement::prepare(workspace.connection(), CASES_SQL);
    if (!caseRows)
        return std::unexpected(caseRows.error());
    CaseRows rows(std::move(*caseRows));
    if (auto started = rows.start(); !started)
        return std::unexpected(started.error());

    EventReader reader(std::move(*events), cutoff);
    Case current;
    qint64 currentId = 0;
    qint64 visited = 0;
    // Cases whose first event lies after the cutoff had not been reported yet: not visited.
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
        auto more = reader.next(current, currentId, finish);
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            break;
    }
    if (auto done = finish(); !done)
        return std::unexpected(done.error());
    return visited;
}

} // namespace GridDesk
