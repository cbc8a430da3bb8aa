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

#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

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

/// The stored keys of a vocabulary with their values, for reading millions of rows without
/// building a string or hashing one for each: there are a few dozen keys, told apart by
/// their length and bytes faster than by a hash.
template<typename Enum>
class KeyTable
{
public:
    KeyTable(int count, QString (*key)(Enum))
    {
        for (int i = 0; i < count; ++i)
            m_keys.push_back({key(Enum(i)).toLatin1(), Enum(i)});
    }

    std::optional<Enum> find(QByteArrayView text) const
    {
        for (const auto &[key, value] : m_keys) {
            if (key.size() == text.size()
                && std::memcmp(key.constData(), text.data(), key.size()) == 0)
                return value;
        }
        return std::nullopt;
    }

private:
    std::vector<std::pair<QByteArray, Enum>> m_keys;
};

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
/// and shared by every event that carries it. Keyed by standard strings, whose hash costs a
/// fraction of Qt's for the millions of lookups of a pass.
class DataCache
{
public:
    /// The data of an event of action stored as text; empty when it is not a JSON object.
    std::optional<QJsonObject> data(CaseAction action, QByteArrayView text)
    {
        m_key.assign(1, char('A' + int(action)));
        m_key.append(text.data(), std::size_t(text.size()));
        const auto found = m_known.find(m_key);
        if (found != m_known.end())
            return found->second;
        const QJsonDocument document = QJsonDocument::fromJson(text.toByteArray());
        if (!document.isObject())
            return std::nullopt;
        // Texts met once each (a merge's case id) would only grow the cache.
        if (m_known.size() >= MAX_ENTRIES)
            m_known.clear();
        m_known.emplace(m_key, document.object());
        return document.object();
    }

private:
    static constexpr std::size_t MAX_ENTRIES = 4096;
    std::string m_key;
    std::unordered_map<std::string, QJsonObject> m_known;
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
            // What it was doing is told only when it fails: a step is much cheaper.
            auto step = m_rows.step();
            if (!step)
                return std::unexpected(step.error().at(Tr::tr("Reading the cases")));
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

    QByteArrayView bytes(int column) const { return m_rows.columnBlob(column); }

private:
    SqliteStatement m_rows;
    bool m_ready = false;
};

template<typename Enum>
std::optional<Enum> lookUp(const KeyTable<Enum> &table, const SqliteStatement &row, int column)
{
    return table.find(row.columnBlob(column));
}

const KeyTable<CaseAction> ACTIONS(int(CaseAction::Count), caseActionKey);
const KeyTable<CaseState> STATES(int(CaseState::Count), caseStateKey);

/// The data of row as the case file reads it: of a feedback only whether it was referred.
std::optional<QJsonObject> dataOf(
    const HistoryStream::Batch::Row &row, const char *text, DataCache &cache)
{
    if (row.action == CaseAction::FeedBack)
        return row.referred ? QJsonObject {{QStringLiteral("referred"), true}} : QJsonObject();
    if (!row.hasData)
        return QJsonObject();
    return cache.data(row.action, QByteArrayView(text + row.data, row.dataSize));
}

} // namespace

void HistoryStream::Batch::clear()
{
    m_rows.clear();
    m_cases.clear();
    m_text.resize(0); // keeps its capacity, as the vectors do, for the next batch
}

/// What a decoder keeps from one batch to the next.
struct HistoryStream::Decoder::Parsed
{
    DataCache data;
    QByteArray lastAt;
    CaseTime lastTime;
    Case current;
};

HistoryStream::Decoder::Decoder()
    : m_parsed(std::make_unique<Parsed>())
{ }

HistoryStream::Decoder::~Decoder() = default;

Result<void> HistoryStream::Decoder::decode(
    const Batch &batch, const std::function<void(const Case &)> &visit)
{
    Parsed &parsed = *m_parsed;
    Case &current = parsed.current;
    const char *text = batch.m_text.constData();
    for (const Batch::CaseRows &rows : batch.m_cases) {
        current.events.clear();
        current.events.reserve(rows.rowCount);
        for (qsizetype i = rows.firstRow; i < rows.firstRow + rows.rowCount; ++i) {
            const Batch::Row &row = batch.m_rows[std::size_t(i)];
            // Events of one case often share their time: the last one read is kept.
            const QByteArrayView at(text + row.at, row.atSize);
            if (at != QByteArrayView(parsed.lastAt)) {
                const std::optional<CaseTime> time = parseTime(at);
                if (!time) {
                    return fail(ErrorCode::InvalidRow,
                        Tr::tr("Case %1 has an event at \"%2\", which is not a time.")
                            .arg(row.caseId)
                            .arg(QString::fromUtf8(at)));
                }
                parsed.lastAt = at.toByteArray();
                parsed.lastTime = *time;
            }
            const std::optional<QJsonObject> data = dataOf(row, text, parsed.data);
            if (!data) {
                return fail(ErrorCode::InvalidRow,
                    Tr::tr("Event %1 of case %2 holds data that is not a JSON object.")
                        .arg(row.sequence)
                        .arg(row.caseId));
            }

            CaseEvent event;
            event.caseId = row.caseId;
            event.sequence = row.sequence;
            event.action = row.action;
            event.to = row.to;
            event.at = parsed.lastTime;
            if (row.hasFrom)
                event.from = row.from;
            event.data = *data;
            current.events << std::move(event);
        }
        current.category = QString::fromUtf8(text + rows.category, rows.categorySize);
        current.gridCode = QString::fromUtf8(text + rows.grid, rows.gridSize);
        visit(current);
    }
    return {};
}

namespace {

/// One pass over the events: keeps their rows, case by case, in batches.
class BatchReader
{
public:
    BatchReader(SqliteStatement events, CaseRows caseRows, const QString &cutoff,
        qsizetype batchSize, const std::function<Result<void>(HistoryStream::Batch &batch)> &take)
        : m_events(std::move(events))
        , m_caseRows(std::move(caseRows))
        , m_cutoff(cutoff.toLatin1())
        , m_batchSize(batchSize)
        , m_take(take)
    { }

    Result<qint64> run(HistoryStream::Batch &batch)
    {
        if (auto started = m_caseRows.start(); !started)
            return std::unexpected(started.error());
        while (true) {
            auto step = m_events.step();
            if (!step) {
                return std::unexpected(
                    step.error().at(Tr::tr("Reading the history of case %1").arg(m_caseId)));
            }
            if (!*step)
                break;
            const qint64 caseId = m_events.columnInt(CaseId);
            if (caseId != m_caseId) {
                if (auto finished = finishCase(batch); !finished)
                    return std::unexpected(finished.error());
                m_caseId = caseId;
                m_cut = false;
                m_kept = 0;
            }
            if (m_cut)
                continue;
            if (auto kept = keepRow(batch); !kept)
                return std::unexpected(kept.error());
        }
        if (auto finished = finishCase(batch); !finished)
            return std::unexpected(finished.error());
        if (batch.caseCount() > 0) {
            if (auto taken = m_take(batch); !taken)
                return std::unexpected(taken.error());
        }
        return m_visited;
    }

private:
    /// Keeps the current row as the next event of the current case, unless it happened at or
    /// after the cutoff; then so do the case's later ones.
    Result<void> keepRow(HistoryStream::Batch &batch)
    {
        const QByteArrayView at = m_events.columnBlob(At);
        if (!m_cutoff.isEmpty() && at.first(std::min<qsizetype>(at.size(), 19)) >= m_cutoff) {
            m_cut = true; // what came later had not happened at the report's end
            return {};
        }

        HistoryStream::Batch::Row row;
        row.caseId = m_caseId;
        row.sequence = int(m_events.columnInt(Sequence));
        const std::optional<CaseAction> action = lookUp(ACTIONS, m_events, Action);
        const std::optional<CaseState> to = lookUp(STATES, m_events, To);
        if (!action || !to || row.sequence != m_kept + 1) {
            return fail(ErrorCode::InvalidRow,
                Tr::tr("Event %1 of case %2 cannot be read: unknown action or state, or out of "
                       "order.")
                    .arg(row.sequence)
                    .arg(m_caseId));
        }
        row.action = *action;
        row.to = *to;
        if (!m_events.columnIsNull(From)) {
            const std::optional<CaseState> from = lookUp(STATES, m_events, From);
            row.hasFrom = from.has_value();
            row.from = from.value_or(CaseState::Reported);
        }
        row.referred = row.action == CaseAction::FeedBack && !m_events.columnIsNull(Referred)
            && m_events.columnInt(Referred) != 0;
        row.hasData = row.action != CaseAction::FeedBack && !m_events.columnIsNull(Data);
        row.at = append(batch, at);
        row.atSize = at.size();
        if (row.hasData) {
            const QByteArrayView data = m_events.columnBlob(Data);
            row.data = append(batch, data);
            row.dataSize = data.size();
        }

        if (m_kept == 0) {
            HistoryStream::Batch::CaseRows rows;
            rows.firstRow = qsizetype(batch.m_rows.size());
            batch.m_cases.push_back(rows);
        }
        batch.m_rows.push_back(row);
        ++batch.m_cases.back().rowCount;
        ++m_kept;
        return {};
    }

    /// Adds the case row's category and grid to the case read last, and hands the batch
    /// over once it is full. Cases whose first event lies after the cutoff had not been
    /// reported yet: they are not kept.
    Result<void> finishCase(HistoryStream::Batch &batch)
    {
        if (m_caseId == 0 || m_kept == 0)
            return {};
        auto found = m_caseRows.seek(m_caseId);
        if (!found)
            return std::unexpected(found.error());
        HistoryStream::Batch::CaseRows &rows = batch.m_cases.back();
        if (*found) {
            const QByteArrayView category = m_caseRows.bytes(1);
            rows.category = append(batch, category);
            rows.categorySize = category.size();
            const QByteArrayView grid = m_caseRows.bytes(2);
            rows.grid = append(batch, grid);
            rows.gridSize = grid.size();
        }
        ++m_visited;
        m_kept = 0;
        if (batch.caseCount() < m_batchSize)
            return {};
        auto taken = m_take(batch);
        batch.clear();
        return taken;
    }

    static qsizetype append(HistoryStream::Batch &batch, QByteArrayView bytes)
    {
        const qsizetype at = batch.m_text.size();
        batch.m_text.append(bytes);
        return at;
    }

    SqliteStatement m_events;
    CaseRows m_caseRows;
    QByteArray m_cutoff;
    qsizetype m_batchSize = 0;
    const std::function<Result<void>(HistoryStream::Batch &batch)> &m_take;
    qint64 m_caseId = 0;
    bool m_cut = false;
    int m_kept = 0; // events of the current case kept so far
    qint64 m_visited = 0;
};

} // namespace

Result<qint64> HistoryStream::forEachBatch(const Workspace &workspace, const QString &cutoff,
    qsizetype batchSize, const std::function<Result<void>(Batch &batch)> &take)
{
    auto events = SqliteStatement::prepare(workspace.connection(), EVENTS_SQL);
    if (!events)
        return std::unexpected(events.error());
    auto caseRows = SqliteStatement::prepare(workspace.connection(), CASES_SQL);
    if (!caseRows)
        return std::unexpected(caseRows.error());
    BatchReader reader(std::move(*events), CaseRows(std::move(*caseRows)), cutoff, batchSize, take);
    Batch batch;
    return reader.run(batch);
}

Result<qint64> HistoryStream::forEachCase(const Workspace &workspace, const QString &cutoff,
    const std::function<void(const Case &)> &visit)
{
    constexpr qsizetype BATCH_SIZE = 1024;
    Decoder decoder;
    return forEachBatch(workspace, cutoff, BATCH_SIZE,
        [&](const Batch &batch) { return decoder.decode(batch, visit); });
}

} // namespace GridDesk
