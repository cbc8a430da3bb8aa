// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "accounts.h"

#include "audit.h"
#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <optional>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Server)
};

/// Random bytes in a session token: 256 bits, beyond guessing.
constexpr qsizetype TOKEN_BYTES = 32;
/// Characters of a token: TOKEN_BYTES in base64url without padding.
constexpr qsizetype TOKEN_LENGTH = 43;

/// An account as stored, with what only login needs.
struct StoredAccount
{
    Account account;
    QString passwordHash;
    int failedLogins = 0;
};

/// How a login ended: a session, or a refusal that is still committed (the failure count,
/// the lockout and the audit trail must be written even though the login fails).
struct LoginOutcome
{
    std::optional<Session> session;
    std::optional<Error> refusal;
};

QString isoUtc(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromIsoUtc(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

/// A time for people reading a refusal: minutes are what they wait for.
QString shownTime(const QDateTime &at)
{
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

Result<void> exec(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    qCWarning(lcServer) << "account storage:" << doing << "failed:" << query.lastError().text();
    return fail(ErrorCode::Database,
        Tr::tr("%1 failed: %2").arg(doing, query.lastError().text().trimmed()));
}

Result<void> sodiumReady()
{
    // sodium_init() picks its implementations and seeds the generator; it is safe to call
    // more than once, but the answer is the same, so ask once.
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        return fail(ErrorCode::Database,
            Tr::tr("The server's password library (libsodium) could not be started."));
    return {};
}

Result<QString> hashPassword(const QByteArray &password)
{
    char hash[crypto_pwhash_STRBYTES] = {};
    const int hashed = crypto_pwhash_str_alg(hash, password.constData(),
        static_cast<unsigned long long>(password.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
        crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
    if (hashed != 0)
        return fail(ErrorCode::Database,
            Tr::tr("The password could not be hashed: the server is short of memory."));
    return QString::fromLatin1(hash);
}

bool passwordMatches(const QString &hash, const QByteArray &password)
{
    const QByteArray stored = hash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), password.constData(),
               static_cast<unsigned long long>(password.size()))
        == 0;
}

/// Spends the time a real password check takes, so that an unknown name is answered no
/// faster than a known one.
void checkAgainstNobody(const QByteArray &password)
{
    static const QString nobody = [] {
        QByteArray random(TOKEN_BYTES, Qt::Uninitialized);
        randombytes_buf(random.data(), size_t(random.size()));
        return hashPassword(random).value_or(QString());
    }();
    if (!nobody.isEmpty())
        passwordMatches(nobody, password);
}

QString newToken()
{
    QByteArray random(TOKEN_BYTES, Qt::Uninitialized);
    randombytes_buf(random.data(), size_t(random.size()));
    return QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex());
}

bool looksLikeToken(const QString &token)
{
    if (token.size() != TOKEN_LENGTH)
        return false;
    return std::all_of(token.begin(), token.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'_';
    });
}

Result<void> checkName(const QString &name)
{
    if (isBlankText(name))
        return fail(ErrorCode::InvalidArgument, Tr::tr("An account needs a user name."));
    if (name.toUcs4().size() > Accounts::MAX_NAME_LENGTH)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The user name is too long: at most %n characters.", nullptr,
                Accounts::MAX_NAME_LENGTH));
    if (name.trimmed() != name)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The user name \"%1\" starts or ends with a space.").arg(name));
    const bool control = std::any_of(name.begin(), name.end(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph;
    });
    if (control)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The user name \"%1\" holds line breaks, tabs or other control characters.")
                .arg(printableText(name)));
    return {};
}

Result<void> checkPassword(const QByteArray &password)
{
    if (password.size() < Accounts::MIN_PASSWORD_BYTES)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The password is too short: it needs at least %n bytes.", nullptr,
                Accounts::MIN_PASSWORD_BYTES));
    if (password.size() > Accounts::MAX_PASSWORD_BYTES)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The password is too long: at most %n bytes.", nullptr,
                Accounts::MAX_PASSWORD_BYTES));
    return {};
}

Result<void> checkUnit(const Workspace &store, const QString &unitCode)
{
    if (isBlankText(unitCode))
        return fail(ErrorCode::InvalidArgument, Tr::tr("An account needs the code of its unit."));

    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("SELECT COALESCE(d.retired, 0) FROM org_units u LEFT JOIN "
                                 "org_unit_details d ON d.code = u.code WHERE u.code = ?"));
    query.addBindValue(unitCode);
    if (auto read = exec(query, Tr::tr("Looking up the unit %1").arg(unitCode)); !read)
        return read;
    if (!query.next())
        return fail(ErrorCode::NotFound,
            Tr::tr("The unit %1 is not in the server's org chart.").arg(printableText(unitCode)));
    if (query.value(0).toInt() != 0)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The unit %1 is retired; give the account a unit that is still active.")
                .arg(unitCode));
    return {};
}

Result<Role> storedRole(const QString &name, const QString &key)
{
    const std::optional<Role> role = roleFromKey(key);
    if (!role)
        return fail(ErrorCode::Database,
            Tr::tr("The account %1 has the role \"%2\", which the server does not know.")
                .arg(name, key));
    return *role;
}

Result<std::optional<StoredAccount>> findAccount(const Workspace &store, const QString &name)
{
    QSqlQuery query(store.database());
    query.prepare(QStringLiteral("SELECT role, unit_code, disabled, locked_until, password_hash, "
                                 "failed_logins FROM server_users WHERE name = ?"));
    query.addBindValue(name);
    if (auto read = exec(query, Tr::tr("Reading an account")); !read)
        return std::unexpected(read.error());
    if (!query.next())
        return std::optional<StoredAccount>();

    auto role = storedRole(name, query.value(0).toString());
    if (!role)
        return std::unexpected(role.error());
    StoredAccount stored;
    stored.account = Account {name, *role, query.value(1).toString(), query.value(2).toInt() != 0,
        fromIsoUtc(query.value(3))};
    stored.passwordHash = query.value(4).toString();
    stored.failedLogins = query.value(5).toInt();
    return stored;
}

bool isLocked(const Account &account, const QDateTime &now)
{
    return account.lockedUntil.isValid() && account.lockedUntil > now;
}

Result<void> deleteSessions(Workspace &store, const QString &name, int *ended = nullptr)
{
    QSqlQuery remove(store.database());
    remove.prepare(QStringLiteral("DELETE FROM server_sessions WHERE user_name = ?"));
    remove.addBindValue(name);
    if (auto done = exec(remove, Tr::tr("Ending the sessions of %1").arg(name)); !done)
        return done;
    if (ended)
        *ended = remove.numRowsAffected();
    return {};
}

Result<void> deleteExpiredSessions(Workspace &store, const QDateTime &now)
{
    // Times are written in one fixed ISO format, so text order is time order.
    QSqlQuery remove(store.database());
    remove.prepare(QStringLiteral("DELETE FROM server_sessions WHERE expires_at <= ?"));
    remove.addBindValue(isoUtc(now));
    if (auto done = exec(remove, Tr::tr("Deleting expired sessions")); !done)
        return done;
    if (remove.numRowsAffected() > 0)
        qCDebug(lcServer) << "deleted" << remove.numRowsAffected() << "expired sessions";
    return {};
}

Result<void> audit(Workspace &store, const QDateTime &at, const QString &name, const char *what,
    const QString &detail)
{
    return appendAudit(store, AuditEntry {0, at, name, QString::fromLatin1(what), detail});
}

Error wrongCredentials()
{
    return Error {ErrorCode::Unauthorized, Tr::tr("The user name or the password is wrong.")};
}

Error lockedAccount(const QDateTime &until)
{
    return Error {ErrorCode::Forbidden,
        Tr::tr("Too many failed logins: the account is locked until %1. Try again then, or ask "
               "an administrator to reset the password.")
            .arg(shownTime(until))};
}

Error disabledAccount(const QString &name)
{
    return Error {ErrorCode::Unauthorized,
        Tr::tr("The account %1 is disabled; ask an administrator to enable it.").arg(name)};
}

Error invalidSession()
{
    return Error {ErrorCode::Unauthorized, Tr::tr("The session is not valid; log in again.")};
}

Result<LoginOutcome> refuseUnknown(Workspace &store, const QString &name, const QDateTime &now)
{
    const QString tried = name.left(Accounts::MAX_NAME_LENGTH);
    if (auto audited = audit(store, now, tried, "login_failed", QStringLiteral("unknown user"));
        !audited)
        return std::unexpected(audited.error());
    return LoginOutcome {{}, wrongCredentials()};
}

Result<LoginOutcome> refuseLocked(Workspace &store, const Account &account, const QDateTime &now)
{
    const QString detail =
        QStringLiteral("refused: locked until %1").arg(isoUtc(account.lockedUntil));
    if (auto audited = audit(store, now, account.name, "login_locked", detail); !audited)
        return std::unexpected(audited.error());
    return LoginOutcome {{}, lockedAccount(account.lockedUntil)};
}

Result<LoginOutcome> refuseDisabled(Workspace &store, const Account &account, const QDateTime &now)
{
    if (auto audited = audit(store, now, account.name, "login_disabled",
            QStringLiteral("refused: the account is disabled"));
        !audited)
        return std::unexpected(audited.error());
    return LoginOutcome {{}, disabledAccount(account.name)};
}

Result<LoginOutcome> refuseWrongPassword(
    Workspace &store, const StoredAccount &stored, const QDateTime &now)
{
    const int failures = stored.failedLogins + 1;
    const bool locks = failures >= Accounts::LOCKOUT_FAILURES;
    const QDateTime until = now.toUTC().addSecs(
        std::chrono::duration_cast<std::chrono::seconds>(Accounts::LOCKOUT_DURATION).count());

    // A lockout starts the count afresh: once it has passed, the account has its five tries.
    QSqlQuery update(store.database());
    update.prepare(QStringLiteral(
        "UPDATE server_users SET failed_logins = ?, locked_until = ? WHERE name = ?"));
    update.addBindValue(locks ? 0 : failures);
    update.addBindValue(locks ? QVariant(isoUtc(until)) : QVariant(QMetaType(QMetaType::QString)));
    update.addBindValue(stored.account.name);
    if (auto done = exec(update, Tr::tr("Counting a failed login")); !done)
        return std::unexpected(done.error());

    const QString detail = QStringLiteral("wrong password (%1 of %2 before a lockout)")
                               .arg(failures)
                               .arg(Accounts::LOCKOUT_FAILURES);
    if (auto audited = audit(store, now, stored.account.name, "login_failed", detail); !audited)
        return std::unexpected(audited.error());
    if (!locks)
        return LoginOutcome {{}, wrongCredentials()};

    qCWarning(lcServer) << "an account was locked after" << failures << "failed logins";
    if (auto audited = audit(store, now, stored.account.name, "lockout",
            QStringLiteral("locked until %1").arg(isoUtc(until)));
        !audited)
        return std::unexpected(audited.error());
    return LoginOutcome {{}, lockedAccount(until)};
}

Result<LoginOutcome> openSession(
    Workspace &store, const Account &account, const QDateTime &now, std::chrono::seconds lifetime)
{
    const QString token = newToken();
    const QDateTime expiresAt = now.toUTC().addSecs(lifetime.count());

    QSqlQuery insert(store.database());
    insert.prepare(QStringLiteral("INSERT INTO server_sessions (token_hash, user_name, "
                                  "created_at, expires_at) VALUES (?, ?, ?, ?)"));
    insert.addBindValue(tokenHash(token));
    insert.addBindValue(account.name);
    insert.addBindValue(isoUtc(now));
    insert.addBindValue(isoUtc(expiresAt));
    if (auto done = exec(insert, Tr::tr("Opening a session")); !done)
        return std::unexpected(done.error());

    QSqlQuery reset(store.database());
    reset.prepare(QStringLiteral(
        "UPDATE server_users SET failed_logins = 0, locked_until = NULL WHERE name = ?"));
    reset.addBindValue(account.name);
    if (auto done = exec(reset, Tr::tr("Opening a session")); !done)
        return std::unexpected(done.error());

    const QString detail = QStringLiteral("session until %1").arg(isoUtc(expiresAt));
    if (auto audited = audit(store, now, account.name, "login", detail); !audited)
        return std::unexpected(audited.error());
    Account opened = account;
    opened.lockedUntil = {};
    return LoginOutcome {Session {token, expiresAt, opened}, {}};
}

} // namespace

Accounts::Accounts(Workspace &store)
    : m_store(store)
{ }

void Accounts::setSessionLifetime(std::chrono::seconds lifetime)
{
    m_lifetime = std::max(lifetime, std::chrono::seconds(1));
}

Result<void> Accounts::addUser(
    const QString &name, Role role, const QString &unitCode, const QByteArray &password)
{
    if (auto valid = checkName(name); !valid)
        return valid;
    // The system role is for another GridDesk server relaying its own desks' actions; it acts
    // in the role of the person who acted there (see ServerBook).
    if (role == Role::Count)
        return fail(ErrorCode::InvalidArgument, Tr::tr("An account needs a role."));
    if (auto valid = checkPassword(password); !valid)
        return valid;
    if (auto ready = sodiumReady(); !ready)
        return ready;

    // Hashing takes a while; it is done before the write lock is taken.
    const Result<QString> hash = hashPassword(password);
    if (!hash)
        return std::unexpected(hash.error());

    return m_store.transaction([&]() -> Result<void> {
        if (auto unit = checkUnit(m_store, unitCode); !unit)
            return unit;
        auto existing = findAccount(m_store, name);
        if (!existing)
            return std::unexpected(existing.error());
        if (*existing)
            return fail(
                ErrorCode::Conflict, Tr::tr("There is already an account named %1.").arg(name));

        const QString now = isoUtc(QDateTime::currentDateTimeUtc());
        QSqlQuery insert(m_store.database());
        insert.prepare(QStringLiteral(
            "INSERT INTO server_users (name, password_hash, role, unit_code, created_at, "
            "password_changed_at) VALUES (?, ?, ?, ?, ?, ?)"));
        for (const QString &value : {name, *hash, roleKey(role), unitCode, now, now})
            insert.addBindValue(value);
        if (auto done = exec(insert, Tr::tr("Adding the account %1").arg(name)); !done)
            return done;
        return audit(m_store, QDateTime::currentDateTimeUtc(), name, "user_created",
            QStringLiteral("role %1, unit %2").arg(roleKey(role), unitCode));
    });
}

Result<void> Accounts::resetPassword(const QString &name, const QByteArray &password)
{
    if (auto valid = checkPassword(password); !valid)
        return valid;
    if (auto ready = sodiumReady(); !ready)
        return ready;
    const Result<QString> hash = hashPassword(password);
    if (!hash)
        return std::unexpected(hash.error());

    return m_store.transaction([&]() -> Result<void> {
        const QString now = isoUtc(QDateTime::currentDateTimeUtc());
        QSqlQuery update(m_store.database());
        update.prepare(QStringLiteral(
            "UPDATE server_users SET password_hash = ?, password_changed_at = ?, failed_logins = "
            "0, locked_until = NULL WHERE name = ?"));
        update.addBindValue(*hash);
        update.addBindValue(now);
        update.addBindValue(name);
        if (auto done = exec(update, Tr::tr("Resetting the password of %1").arg(name)); !done)
            return done;
        if (update.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound,
                Tr::tr("There is no account named %1.").arg(printableText(name)));

        int ended = 0;
        if (auto done = deleteSessions(m_store, name, &ended); !done)
            return done;
        return audit(m_store, QDateTime::currentDateTimeUtc(), name, "password_reset",
            QStringLiteral("%1 sessions ended").arg(ended));
    });
}

Result<void> Accounts::setDisabled(const QString &name, bool disabled)
{
    return m_store.transaction([&]() -> Result<void> {
        QSqlQuery update(m_store.database());
        update.prepare(QStringLiteral("UPDATE server_users SET disabled = ? WHERE name = ?"));
        update.addBindValue(disabled ? 1 : 0);
        update.addBindValue(name);
        if (auto done = exec(update, Tr::tr("Changing the account %1").arg(name)); !done)
            return done;
        if (update.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound,
                Tr::tr("There is no account named %1.").arg(printableText(name)));

        int ended = 0;
        if (disabled) {
            if (auto done = deleteSessions(m_store, name, &ended); !done)
                return done;
        }
        return audit(m_store, QDateTime::currentDateTimeUtc(), name,
            disabled ? "user_disabled" : "user_enabled",
            disabled ? QStringLiteral("%1 sessions ended").arg(ended) : QString());
    });
}

Result<QList<Account>> Accounts::users() const
{
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT name, role, unit_code, disabled, locked_until FROM "
                                 "server_users ORDER BY name"));
    if (auto read = exec(query, Tr::tr("Reading the accounts")); !read)
        return std::unexpected(read.error());

    QList<Account> accounts;
    while (query.next()) {
        const QString name = query.value(0).toString();
        auto role = storedRole(name, query.value(1).toString());
        if (!role)
            return std::unexpected(role.error());
        accounts << Account {name, *role, query.value(2).toString(), query.value(3).toInt() != 0,
            fromIsoUtc(query.value(4))};
    }
    return accounts;
}

Result<Session> Accounts::login(
    const QString &name, const QByteArray &password, const QDateTime &now)
{
    if (auto ready = sodiumReady(); !ready)
        return std::unexpected(ready.error());

    // The password is checked before the write lock is taken: Argon2id is slow on purpose.
    // An overlong password is not hashed at all, so it cannot be used to load the server.
    auto read = findAccount(m_store, name);
    if (!read)
        return std::unexpected(read.error());
    const bool hashable = password.size() <= MAX_PASSWORD_BYTES;
    std::optional<bool> checked;
    if (!*read && hashable)
        checkAgainstNobody(password);
    if (*read && !isLocked((*read)->account, now))
        checked = hashable && passwordMatches((*read)->passwordHash, password);
    const QString checkedHash = *read ? (*read)->passwordHash : QString();

    auto outcome = m_store.transaction<LoginOutcome>([&]() -> Result<LoginOutcome> {
        if (auto pruned = deleteExpiredSessions(m_store, now); !pruned)
            return std::unexpected(pruned.error());
        // Another server process may have changed the account since it was read.
        auto current = findAccount(m_store, name);
        if (!current)
            return std::unexpected(current.error());
        if (!*current)
            return refuseUnknown(m_store, name, now);
        const StoredAccount &stored = **current;
        if (isLocked(stored.account, now))
            return refuseLocked(m_store, stored.account, now);

        const bool sameHash = checked.has_value() && stored.passwordHash == checkedHash;
        const bool right =
            sameHash ? *checked : hashable && passwordMatches(stored.passwordHash, password);
        if (!right)
            return refuseWrongPassword(m_store, stored, now);
        if (stored.account.disabled)
            return refuseDisabled(m_store, stored.account, now);
        return openSession(m_store, stored.account, now, m_lifetime);
    });
    if (!outcome)
        return std::unexpected(outcome.error());
    // Names stay out of the log; the audit trail has them.
    if (outcome->refusal) {
        qCInfo(lcServer) << "login refused, error code" << int(outcome->refusal->code);
        return std::unexpected(*outcome->refusal);
    }
    qCInfo(lcServer) << "login accepted; session lasts" << m_lifetime.count() << "s";
    return std::move(*outcome->session);
}

Result<Account> Accounts::authenticate(const QString &token, const QDateTime &now) const
{
    if (!looksLikeToken(token))
        return std::unexpected(invalidSession());

    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral(
        "SELECT s.expires_at, u.name, u.role, u.unit_code, u.disabled, u.locked_until FROM "
        "server_sessions s LEFT JOIN server_users u ON u.name = s.user_name WHERE "
        "s.token_hash = ?"));
    query.addBindValue(tokenHash(token));
    if (auto read = exec(query, Tr::tr("Checking a session")); !read)
        return std::unexpected(read.error());
    if (!query.next())
        return std::unexpected(invalidSession());

    // A time that cannot be read counts as past: a session is never extended by a bad row.
    const QDateTime expiresAt = fromIsoUtc(query.value(0));
    if (!expiresAt.isValid() || expiresAt <= now)
        return fail(ErrorCode::Unauthorized, Tr::tr("The session has expired; log in again."));
    if (query.value(1).isNull())
        return fail(
            ErrorCode::Unauthorized, Tr::tr("The account of this session no longer exists."));

    const QString name = query.value(1).toString();
    auto role = storedRole(name, query.value(2).toString());
    if (!role)
        return std::unexpected(role.error());
    const Account account {name, *role, query.value(3).toString(), query.value(4).toInt() != 0,
        fromIsoUtc(query.value(5))};
    if (account.disabled)
        return std::unexpected(disabledAccount(name));
    return account;
}

Result<void> Accounts::logout(const QString &token)
{
    if (!looksLikeToken(token))
        return std::unexpected(invalidSession());

    const QString hash = tokenHash(token);
    return m_store.transaction([&]() -> Result<void> {
        QSqlQuery owner(m_store.database());
        owner.prepare(QStringLiteral("SELECT user_name FROM server_sessions WHERE token_hash = ?"));
        owner.addBindValue(hash);
        if (auto read = exec(owner, Tr::tr("Ending a session")); !read)
            return read;
        if (!owner.next())
            return std::unexpected(invalidSession());
        const QString name = owner.value(0).toString();
        owner.finish();

        QSqlQuery remove(m_store.database());
        remove.prepare(QStringLiteral("DELETE FROM server_sessions WHERE token_hash = ?"));
        remove.addBindValue(hash);
        if (auto done = exec(remove, Tr::tr("Ending a session")); !done)
            return done;
        return audit(m_store, QDateTime::currentDateTimeUtc(), name, "logout", QString());
    });
}

} // namespace GridDesk
