// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/grid.h"
#include "server/serverbook.h"
#include "sync/protocol.h"
#include "workflow/terms.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

class QSqlQuery;

#include <chrono>
#include <memory>
#include <optional>

namespace GridDesk {

class RegisterBook;
class Workspace;

/// The ways a report reaches the server without a desk: a civic app through Open311, a video
/// analytics or sensor platform through the alarm webhook, the hotline's work-order exports.
enum class IntakeChannel { Open311, Alarm, Hotline };

QString intakeChannelKey(IntakeChannel channel); ///< "open311", "alarm", "hotline"
std::optional<IntakeChannel> intakeChannelFromKey(const QString &key);

/// A program allowed to file reports through one channel, for one org unit: its reports must
/// lie in the unit's jurisdiction and are filed in the unit's name. It proves itself with a key
/// the server keeps only as a SHA-256.
struct IntakeClient
{
    QString name;
    IntakeChannel channel = IntakeChannel::Open311;
    QString unitCode;
    QString jurisdictionId; ///< the Open311 jurisdiction_id it files under; empty for any
    QDateTime createdAt; ///< UTC
    QDateTime revokedAt; ///< UTC; invalid while the key works

    /// Who the reports it files were made by, as their events name them: "open311:NAME".
    QString actor() const;
};

/// A report as a channel hands it over, already read from its protocol.
struct IntakeReport
{
    QString source; ///< the case's channel: "open311", "video", "sensor", a hotline profile
    QString externalId; ///< empty: the server numbers it
    QString category; ///< a category code; empty for the operator to choose at registering
    QString description;
    QString address;
    std::optional<GeoPoint> location;
    QDateTime reportedAt; ///< UTC; invalid: when it was received
    QJsonObject details; ///< kept with the report's event ("attributes", "device", "level" …)
    QStringList entries; ///< codes of register entries the report concerns (the device)
    QByteArray payload; ///< the raw body it came in
    QString contentType;
};

/// What filing a report did.
struct IntakeOutcome
{
    qint64 caseId = 0;
    Sync::CaseKey key;
    int version = 0; ///< the case's version once filed
    bool folded = false; ///< an alarm folded into an open report instead of a new case
    int alarms = 1; ///< alarms the report holds now
};

/// Refused payloads of one channel for one reason.
struct IntakeRefusalCount
{
    QString channel;
    QString reason;
    qint64 count = 0;
    QDateTime lastAt;
    QString lastDetail;
};

/// An alarm from a sensor or a video analytics platform, read from the webhook's JSON.
struct Alarm
{
    QString deviceId;
    QString type;
    int level = 1; ///< 1 (lowest) to 4
    std::optional<GeoPoint> location; ///< empty: where the device stands in the register
    QDateTime at; ///< UTC, when the device raised it
    QString snapshotUrl;
    /// "video" or "sensor"; empty: video for a device whose register entry's component type
    /// names a camera, sensor otherwise
    QString kind;
    QString description;
    QByteArray image; ///< a picture of the scene, JPEG or PNG; empty without one
    QString imageType; ///< "image/jpeg" or "image/png"
};

/// The reports intake channels file on the server: each becomes a case in the "reported"
/// state through ServerBook (placed in the newest grids, held to the client's jurisdiction),
/// with the channel, the time received and the raw payload (at most MAX_KEPT_PAYLOAD_BYTES of
/// it) kept in its report event, where the desks see them. Alarms of the same device and type
/// that come while their report is open, within the fold window of the one before, are folded
/// into it as "recur" events. Use on the store's thread.
class IntakeBook
{
public:
    /// How much of a raw payload a report keeps; the rest is cut and the cut noted.
    static constexpr qint64 MAX_KEPT_PAYLOAD_BYTES = 16 * 1024;
    /// The largest picture an alarm may carry.
    static constexpr qint64 MAX_ALARM_IMAGE_BYTES = 4 * 1024 * 1024;
    /// Bounds of a client's name, in characters.
    static constexpr int MAX_CLIENT_NAME = 64;

    IntakeBook(Workspace &store, ServerBook &book);
    ~IntakeBook();

    /// Alarms of one device and type closer together than this fold into one report.
    void setFoldWindow(std::chrono::seconds window) { m_foldWindow = window; }
    std::chrono::seconds foldWindow() const { return m_foldWindow; }

    /// Adds a client and returns its key, the only copy there is. Refused for a name that is
    /// blank, too long or taken, for a hotline channel (the feed has no client) and for a unit
    /// the org chart lacks.
    Result<QString> addClient(const IntakeClient &client, const QDateTime &now);
    /// Stops the client's key working. NotFound for an unknown name.
    Result<void> revokeClient(const QString &name, const QDateTime &now);
    Result<QList<IntakeClient>> clients() const;
    /// The client whose key this is, for channel. Refused (Unauthorized) alike for a missing,
    /// unknown or revoked key and a key of another channel.
    Result<IntakeClient> authenticate(IntakeChannel channel, const QString &key) const;

    /// Files report for client, received at receivedAt (UTC).
    Result<IntakeOutcome> file(
        const IntakeClient &client, IntakeReport report, const QDateTime &receivedAt);
    /// Files an alarm: a new report, or a "recur" event on the open report of the same device
    /// and type when the alarm before it came less than foldWindow() earlier. Refused
    /// (NotFound) for a device that is not in the register, (InvalidArgument) for a device
    /// without a place when the alarm gives none.
    Result<IntakeOutcome> fileAlarm(const IntakeClient &client, const Alarm &alarm,
        const QByteArray &payload, const QString &contentType, const QDateTime &receivedAt);

    /// Counts a refused payload of channel under reason (a key such as "malformed"), with a
    /// short detail. Never fails: a count that cannot be written is logged.
    void countRefusal(
        IntakeChannel channel, const QString &reason, const QString &detail, const QDateTime &at);
    Result<QList<IntakeRefusalCount>> refusals() const;

    /// While one lives, the alarms filed share statements prepared once: the device's open
    /// report looked up and kept, the report's number, and through ServerBook::PushScope the
    /// cases' histories. For many alarms filed in one transaction. Scopes nest; the statements
    /// go with the outermost one. Let it end before the store closes.
    class AlarmScope
    {
    public:
        explicit AlarmScope(IntakeBook &intake);
        ~AlarmScope();
        AlarmScope(const AlarmScope &) = delete;
        AlarmScope &operator=(const AlarmScope &) = delete;

    private:
        IntakeBook &m_intake;
        ServerBook::PushScope m_push;
        bool m_owner = false;
    };

    /// Reads an alarm from the webhook's JSON body. Refused (InvalidArgument) naming the field
    /// that is missing or wrong.
    static Result<Alarm> readAlarm(const QByteArray &json, const QDateTime &receivedAt);

private:
    enum class Sql { OpenFold, KeepFold, CountFold, NextNumber };
    struct Statements;
    /// The statement of sql, ready to bind: the AlarmScope's, prepared once, while one lives;
    /// otherwise one prepared now into local.
    QSqlQuery &statement(Sql sql, std::optional<QSqlQuery> &local);

    /// The next number of a channel's own reports, kept in the store.
    Result<qint64> nextNumber(const QString &source);
    /// Folds alarm into the open report caseId (whose key is key), which held count alarms.
    Result<IntakeOutcome> fold(const IntakeClient &client, qint64 caseId, const Sync::CaseKey &key,
        int count, const QDateTime &lastAt, const Alarm &alarm, const QJsonObject &intake,
        const QDateTime &receivedAt);

    Workspace &m_store;
    ServerBook &m_book;
    std::chrono::seconds m_foldWindow {600};
    std::unique_ptr<Statements> m_statements; ///< while an AlarmScope lives
};

/// The intake record a report event keeps: client, time received, content type, the payload's
/// size and the payload itself up to IntakeBook::MAX_KEPT_PAYLOAD_BYTES ("truncated" says when
/// it was cut; a payload that is not UTF-8 text is kept as base64 under "payload_base64").
QJsonObject intakeRecord(const QString &client, const QDateTime &receivedAt,
    const QByteArray &payload, const QString &contentType);

} // namespace GridDesk
