// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "jsonwriter.h"

#include "domain/caserecord.h"
#include "domain/error.h"
#include "editions/grideditions.h"
#include "org/orgchart.h"
#include "register/registerbook.h"
#include "workflow/caseevent.h"
#include "workflow/workflowengine.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// The sync protocol's messages as JSON, shared by the desk and the server so that both read
// and write them with the same code. modules/sync/PROTOCOL.md describes them for other programs.
namespace GridDesk::Sync {

/// Raised when a message changes in a way an older peer would misread.
inline constexpr int PROTOCOL_VERSION = 1;
/// At most this many commands in one push, and this many cases in one page of the feed.
inline constexpr int MAX_COMMANDS_PER_PUSH = 500;
inline constexpr int MAX_CASES_PER_PAGE = 1000;

/// Why the server did not apply a command, as a stable key ("conflict" …) in the answer.
enum class Refusal {
    Conflict, ///< the case changed since the command was made
    NotAllowed, ///< the case's state does not allow the action
    Forbidden, ///< the account's role may not take the action
    OutsideJurisdiction, ///< the case lies outside the account's unit
    UnknownCase,
    Invalid, ///< a value is missing or malformed
    DuplicateCase, ///< a report for a case the server already has
    IdInUse, ///< another account already sent a command with this id
    DuplicateEntry, ///< a register entry that duplicates another, or takes its code
    Count
};

QString refusalKey(Refusal refusal);
std::optional<Refusal> refusalFromKey(const QString &key);
/// The refusal an error of the workflow or the store stands for.
Refusal refusalFor(ErrorCode code);
/// What the refusal means, in the interface language, for the desk's lists.
QString refusalName(Refusal refusal);

/// How both ends name a case: the channel it came from and its id there. Local row ids differ
/// between machines and never travel.
struct CaseKey
{
    QString source;
    QString externalId;

    bool isValid() const { return !source.isEmpty() && !externalId.isEmpty(); }
    bool operator==(const CaseKey &) const = default;
};

QJsonObject caseKeyJson(const CaseKey &key);
Result<CaseKey> caseKeyFromJson(const QJsonValue &value);

/// A command as a desk sends it: an action (or the report of a new case) with a client-made
/// id and the case version it was based on.
struct Command
{
    enum class Kind { Report, Act };

    QString id;
    Kind kind = Kind::Act;
    CaseKey key;
    ActionRequest request; ///< who, role and unit are taken from the account, not from here
    CaseRecord record; ///< Report: what was reported
    std::optional<CaseKey> into; ///< Merge: the case the duplicate goes into
};

QJsonObject commandJson(const Command &command);
/// Reads a command; InvalidArgument naming the field that is missing or wrong.
Result<Command> commandFromJson(const QJsonValue &value);
/// A new command id: 32 hex digits from a random UUID.
QString newCommandId();
/// True for ids the server takes: 8 to 64 letters, digits, '-' or '_'.
bool isCommandId(const QString &id);

/// A case as the feed carries it: the row and its whole history. Events that name another case
/// (a merge, the duplicate absorbed) name it by key.
struct CaseSnapshot
{
    CaseKey key;
    CaseRecord record;
    QList<CaseEvent> events;
    QHash<qint64, CaseKey> linked; ///< local row ids in the events' data and their keys
};

/// The server's answer to one command.
struct RegisterItem;

struct CommandResult
{
    QString id;
    bool applied = false;
    std::optional<Refusal> refusal; ///< when not applied
    QString reason; ///< the refusal in words, in the server's language
    int version = 0; ///< the case's version after the command (applied) or now (refused)
    bool repeated = false; ///< the command had been answered before; this is that answer
    /// A rejected command's case as the server has it now (when the account may see it), so
    /// that the desk can set its own version of events aside at once.
    std::optional<CaseSnapshot> current;
    /// A rejected register command's entry as the server has it now (when the account may see
    /// it), for the desk to take in at once.
    std::shared_ptr<const RegisterItem> currentEntry;
};

/// keyOf as for snapshotJson(), for the current case of a rejected command.
QJsonObject commandResultJson(
    const CommandResult &result, const std::function<std::optional<CaseKey>(qint64)> &keyOf = {});
Result<CommandResult> commandResultFromJson(const QJsonValue &value);

/// keyOf gives the key of a case the events name by row id ("into", "from").
QJsonObject snapshotJson(
    const CaseSnapshot &snapshot, const std::function<std::optional<CaseKey>(qint64)> &keyOf);
/// Appends the bytes QJsonDocument(snapshotJson(snapshot, keyOf)).toJson(Compact) gives, written
/// straight from the snapshot: what the feed sends for each case.
void writeSnapshotJson(JsonWriter &json, const CaseSnapshot &snapshot,
    const std::function<std::optional<CaseKey>(qint64)> &keyOf);
/// A page of the feed, {"cases": [...], "cursor": cursor, "more": more}, compact, around cases:
/// the snapshots written one after another by writeSnapshotJson() through one JsonWriter.
QByteArray feedPageJson(const QByteArray &cases, qint64 cursor, bool more);
/// Reads a snapshot; the events' case links are left as keys in linked, with the placeholder
/// ids the events' data carries until the reader maps them to its own rows.
Result<CaseSnapshot> snapshotFromJson(const QJsonValue &value);

/// The data key under which the server keeps, in each event it writes, the id of the command
/// the event came from: how a desk knows its own action in the server's history.
inline const QString COMMAND_KEY = QStringLiteral("command");
/// Beside it, for an action a district server relayed: the id of the command its desk sent it,
/// so that the district and its desk know the action as their own.
inline const QString ORIGIN_COMMAND_KEY = QStringLiteral("origin_command");
/// And the relaying server's account.
inline const QString VIA_KEY = QStringLiteral("via");

/// The data keys by which an event names another case.
inline constexpr const char *CASE_LINK_KEYS[] = {"into", "from"};

/// An error body: {"error": key, "message": words}.
QJsonObject errorJson(const QString &key, const QString &message);

/// A supervisor's draft sent for the server to publish as the next grid edition: applied only
/// when it was drawn on the server's newest edition and passes the topology checks there.
struct EditionCommand
{
    QString id;
    int basedOn = 0; ///< the newest edition at the desk when the draft was sent
    CaseTime at;
    QString madeBy;
    EditionChanges changes; ///< the note, the grids, the codes deleted, the lineage
    QList<AcceptedFinding> accepted; ///< topology findings the supervisor accepted, with why
};

/// Whether a command's kind is "edition".
bool isEditionCommand(const QJsonValue &value);
QJsonObject editionCommandJson(const EditionCommand &command);
/// Reads an edition command; InvalidArgument naming the field that is missing or wrong.
Result<EditionCommand> editionCommandFromJson(const QJsonValue &value);

/// A published edition as the server's editions feed carries it.
QJsonObject editionJson(const EditionChanges &changes);
Result<EditionChanges> editionFromJson(const QJsonValue &value);

/// How many editions one answer of the editions feed carries at most.
inline constexpr int MAX_EDITIONS_PER_PAGE = 10;

/// A desk's org chart as it saved it, sent for the server to take as the city's: applied only
/// when it was made on the server's newest revision, keeps the chart's rules and changes
/// nothing outside the account's units.
struct OrgCommand
{
    QString id;
    qint64 basedOn = 0; ///< the server's revision of the chart the desk changed
    CaseTime at;
    QString madeBy;
    OrgParts chart; ///< the whole chart after the change; personal numbers as the desk has them
    QList<OrgChange> changes; ///< what the change did, as the desk recorded it
};

/// Whether a command's kind is "org".
bool isOrgCommand(const QJsonValue &value);
QJsonObject orgCommandJson(const OrgCommand &command);
/// Reads an org command; InvalidArgument naming the field that is missing or wrong.
Result<OrgCommand> orgCommandFromJson(const QJsonValue &value);

/// The org chart as the server hands it to desks: its revision, and when newer than the desk's,
/// the chart with personal numbers masked and the changes since the desk's revision.
struct OrgRevision
{
    qint64 revision = 0;
    std::optional<OrgParts> chart; ///< none when the desk holds this revision already
    QList<OrgChange> changes;
};
QJsonObject orgRevisionJson(const OrgRevision &revision);
/// The units, people and groups of a chart as a command or the org feed carries them.
QJsonObject orgPartsJson(const OrgParts &parts);
Result<OrgRevision> orgRevisionFromJson(const QJsonValue &value);

/// A change of the grid register made at a desk, sent for the server to make on its register:
/// one command per change, in the order they were made, each based on the entry's version
/// before it.
struct RegisterCommand
{
    QString id;
    QString action; ///< "created", "updated", "verified" or "merged"
    int basedOn = 0; ///< the entry's version the change was made on; 0 for a new entry
    QDateTime at; ///< UTC
    QString madeBy;
    QString note;
    RegisterEntry entry; ///< the entry after the change; a merge's entry kept
    QString gone; ///< a merge's entry merged away
};

/// Whether a command's kind is "register".
bool isRegisterCommand(const QJsonValue &value);
QJsonObject registerCommandJson(const RegisterCommand &command);
/// Reads a register command; InvalidArgument naming the field that is missing or wrong.
Result<RegisterCommand> registerCommandFromJson(const QJsonValue &value);

/// An entry of the server's register feed: its new history lines, and the entry as it is now,
/// or none when it is gone (merged into another).
struct RegisterItem
{
    QString code;
    std::optional<RegisterEntry> entry;
    QList<RegisterChange> changes;
};
QJsonObject registerItemJson(const RegisterItem &item);
Result<RegisterItem> registerItemFromJson(const QJsonValue &value);

/// How many history lines one page of the register feed carries at most.
inline constexpr int MAX_REGISTER_LINES_PER_PAGE = 2000;

} // namespace GridDesk::Sync
