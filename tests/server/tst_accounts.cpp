// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "server/accounts.h"
#include "server/audit.h"

#include "org/orgchart.h"
#include "storage/workspace.h"
#include "support/testsupport.h"

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

const QByteArray PASSWORD = "Chaoyang-dispatch-2026";
const QDateTime MORNING(QDate(2026, 5, 4), QTime(8, 0), Qt::UTC);

ChartUnit unit(const QString &code, int tier, const QString &parent = {})
{
    ChartUnit made;
    made.code = code;
    made.name = QStringLiteral("Unit ") + code;
    made.tier = tier;
    made.parentCode = parent;
    return made;
}

QStringList auditWhats(const Workspace &store)
{
    QStringList whats;
    for (const AuditEntry &entry : auditTrail(store).value_or(QList<AuditEntry>()))
        whats << entry.what;
    return whats;
}

int rowCount(const Workspace &store, const QString &sql)
{
    QSqlQuery query(store.database());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    /// A server workspace whose org chart has a city centre, a district and a retired street.
    std::unique_ptr<Workspace> serverStore(const QString &name = QString())
    {
        const QString file = name.isEmpty() ? QStringLiteral("server%1.gpkg").arg(++m_files) : name;
        auto opened = Workspace::open(m_dir.filePath(file));
        if (!opened)
            qFatal("cannot open %s: %s", qPrintable(file), Test::why(opened).constData());
        OrgChart chart;
        for (const ChartUnit &made :
            {unit("CITY", 1), unit("D1", 2, "CITY"), unit("S9", 3, "D1")}) {
            if (!chart.putUnit(made))
                qFatal("sample chart refused");
        }
        if (!chart.retireUnit(QStringLiteral("S9"), MORNING.addDays(-30))
            || !chart.save(**opened, QStringLiteral("test")))
            qFatal("sample chart not saved");
        return std::move(*opened);
    }

private Q_SLOTS:
    void addsAccountsWithArgon2idHashes()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        auto added = accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD);
        QVERIFY2(added.has_value(), Test::why(added).constData());
        QVERIFY(accounts.addUser("li.na", Role::Leader, "CITY", "another-password").has_value());

        QSqlQuery query(store->database());
        QVERIFY(query.exec("SELECT password_hash FROM server_users ORDER BY name"));
        while (query.next())
            QVERIFY2(query.value(0).toString().startsWith(QLatin1String("$argon2id$")),
                qPrintable(query.value(0).toString()));

        const auto users = accounts.users();
        QVERIFY2(users.has_value(), Test::why(users).constData());
        QCOMPARE(users->size(), 2);
        QCOMPARE(users->at(0).name, QStringLiteral("li.na"));
        QCOMPARE(users->at(0).role, Role::Leader);
        QCOMPARE(users->at(1).unitCode, QStringLiteral("D1"));
        QVERIFY(!users->at(1).disabled);
        QCOMPARE(auditWhats(*store), QStringList({"user_created", "user_created"}));

        auto again = accounts.addUser("wang.fang", Role::Supervisor, "CITY", PASSWORD);
        QVERIFY(!again.has_value());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
    }

    void neitherPasswordNorTokenIsInTheFile()
    {
        const QString path = m_dir.filePath("secrets.gpkg");
        QString token;
        {
            auto store = serverStore("secrets.gpkg");
            Accounts accounts(*store);
            QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
            QVERIFY(!accounts.login("wang.fang", "a-wrong-password-typed", MORNING).has_value());
            auto session = accounts.login("wang.fang", PASSWORD, MORNING);
            QVERIFY2(session.has_value(), Test::why(session).constData());
            token = session->token;
            QVERIFY(accounts.authenticate(token, MORNING).has_value());
        }
        QByteArray bytes;
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            QFile file(path + suffix);
            if (file.open(QIODevice::ReadOnly))
                bytes += file.readAll();
        }
        QVERIFY(bytes.size() > 4096);
        QVERIFY(bytes.contains("wang.fang")); // the search does reach the rows
        QVERIFY(!bytes.contains(PASSWORD));
        QVERIFY(!bytes.contains("a-wrong-password-typed"));
        QCOMPARE(token.size(), 43);
        QVERIFY(!bytes.contains(token.toLatin1()));
        QVERIFY(!bytes.contains(QByteArray::fromBase64(
            token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    }

    void wrongPasswordAndUnknownUserLookAlike()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());

        auto wrongPassword = accounts.login("wang.fang", "not-the-password", MORNING);
        auto unknownUser = accounts.login("zhao.lei", PASSWORD, MORNING);
        QVERIFY(!wrongPassword.has_value());
        QVERIFY(!unknownUser.has_value());
        QCOMPARE(wrongPassword.error().code, ErrorCode::Unauthorized);
        QCOMPARE(unknownUser.error().code, ErrorCode::Unauthorized);
        QCOMPARE(wrongPassword.error().message, unknownUser.error().message);
        QCOMPARE(auditWhats(*store), QStringList({"user_created", "login_failed", "login_failed"}));
        QCOMPARE(auditTrail(*store)->last().userName, QStringLiteral("zhao.lei"));
    }

    void fiveFailuresLockTheAccount()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());

        for (int i = 0; i < Accounts::LOCKOUT_FAILURES - 1; ++i) {
            auto refused = accounts.login("wang.fang", "guess-number-x", MORNING.addSecs(i));
            QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
        }
        auto locking = accounts.login("wang.fang", "guess-number-5", MORNING.addSecs(10));
        QVERIFY(!locking.has_value());
        QCOMPARE(locking.error().code, ErrorCode::Forbidden);
        QVERIFY2(locking.error().message.contains(QLatin1String("2026-05-04 08:15:10 UTC")),
            qPrintable(locking.error().message));

        // Locked: even the right password is refused, and not checked, until the time is up.
        auto stillLocked = accounts.login("wang.fang", PASSWORD, MORNING.addSecs(14 * 60));
        QVERIFY(!stillLocked.has_value());
        QCOMPARE(stillLocked.error().code, ErrorCode::Forbidden);
        QCOMPARE(accounts.users()->first().lockedUntil, MORNING.addSecs(15 * 60 + 10));

        auto afterwards = accounts.login("wang.fang", PASSWORD, MORNING.addSecs(16 * 60));
        QVERIFY2(afterwards.has_value(), Test::why(afterwards).constData());
        QVERIFY(!afterwards->account.lockedUntil.isValid());
        QCOMPARE(auditWhats(*store),
            QStringList({"user_created", "login_failed", "login_failed", "login_failed",
                "login_failed", "login_failed", "lockout", "login_locked", "login"}));
        const AuditEntry lockout = auditTrail(*store)->at(6);
        QCOMPARE(lockout.userName, QStringLiteral("wang.fang"));
        QCOMPARE(lockout.at, MORNING.addSecs(10));
        QVERIFY(lockout.detail.contains(QLatin1String("2026-05-04T08:15:10")));
    }

    void aSuccessResetsTheCount()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        for (int round = 0; round < 2; ++round) {
            for (int i = 0; i < Accounts::LOCKOUT_FAILURES - 1; ++i)
                QCOMPARE(accounts.login("wang.fang", "guess-number-x", MORNING).error().code,
                    ErrorCode::Unauthorized);
            QVERIFY(accounts.login("wang.fang", PASSWORD, MORNING).has_value());
        }
        QVERIFY(!auditWhats(*store).contains(QStringLiteral("lockout")));
    }

    void sessionsExpire()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QCOMPARE(accounts.sessionLifetime(), std::chrono::hours(12));
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        auto session = accounts.login("wang.fang", PASSWORD, MORNING);
        QVERIFY2(session.has_value(), Test::why(session).constData());
        QCOMPARE(session->expiresAt, MORNING.addSecs(12 * 3600));

        auto during = accounts.authenticate(session->token, MORNING.addSecs(12 * 3600 - 1));
        QVERIFY2(during.has_value(), Test::why(during).constData());
        QCOMPARE(during->name, QStringLiteral("wang.fang"));
        QCOMPARE(during->role, Role::Operator);
        QCOMPARE(during->unitCode, QStringLiteral("D1"));
        auto after = accounts.authenticate(session->token, MORNING.addSecs(12 * 3600));
        QVERIFY(!after.has_value());
        QCOMPARE(after.error().code, ErrorCode::Unauthorized);
        QVERIFY(after.error().message.contains(QLatin1String("expired")));

        // The next login clears the expired session away.
        accounts.setSessionLifetime(std::chrono::minutes(30));
        QCOMPARE(rowCount(*store, "SELECT count(*) FROM server_sessions"), 1);
        auto next = accounts.login("wang.fang", PASSWORD, MORNING.addDays(1));
        QVERIFY(next.has_value());
        QCOMPARE(next->expiresAt, MORNING.addDays(1).addSecs(30 * 60));
        QCOMPARE(rowCount(*store, "SELECT count(*) FROM server_sessions"), 1);
        QVERIFY(next->token != session->token);
    }

    void forgedTokensAreRefused_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("short") << "abc";
        QTest::newRow("well-formed, never issued") << QString(43, u'A');
        QTest::newRow("padded") << QString(42, u'A') + u'=';
        QTest::newRow("too long") << QString(44, u'A');
        QTest::newRow("not base64url") << QString(42, u'A') + u'/';
    }

    void forgedTokensAreRefused()
    {
        QFETCH(QString, token);
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        QVERIFY(accounts.login("wang.fang", PASSWORD, MORNING).has_value());
        auto refused = accounts.authenticate(token, MORNING);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
        QCOMPARE(accounts.logout(token).error().code, ErrorCode::Unauthorized);
    }

    void aTokenChangedByOneCharacterIsRefused()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        const QString token = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        QString forged = token;
        forged[20] = forged[20] == u'x' ? u'y' : u'x';
        QVERIFY(accounts.authenticate(token, MORNING).has_value());
        QCOMPARE(accounts.authenticate(forged, MORNING).error().code, ErrorCode::Unauthorized);
        QCOMPARE(
            accounts.authenticate(token.toUpper(), MORNING).error().code, ErrorCode::Unauthorized);
    }

    void logoutEndsTheSession()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        const QString first = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        const QString second = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        QVERIFY(accounts.logout(first).has_value());
        QCOMPARE(accounts.authenticate(first, MORNING).error().code, ErrorCode::Unauthorized);
        QVERIFY(accounts.authenticate(second, MORNING).has_value());
        QCOMPARE(accounts.logout(first).error().code, ErrorCode::Unauthorized);
        QCOMPARE(auditWhats(*store).last(), QStringLiteral("logout"));
    }

    void disablingStopsTheAccount()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        const QString token = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        QVERIFY(accounts.authenticate(token, MORNING).has_value());

        QVERIFY(accounts.setDisabled("wang.fang", true).has_value());
        QCOMPARE(accounts.authenticate(token, MORNING).error().code, ErrorCode::Unauthorized);
        QCOMPARE(rowCount(*store, "SELECT count(*) FROM server_sessions"), 0);
        QVERIFY(accounts.users()->first().disabled);
        auto login = accounts.login("wang.fang", PASSWORD, MORNING);
        QCOMPARE(login.error().code, ErrorCode::Unauthorized);
        QVERIFY2(login.error().message.contains(QLatin1String("disabled")),
            qPrintable(login.error().message));

        QVERIFY(accounts.setDisabled("wang.fang", false).has_value());
        QVERIFY(accounts.login("wang.fang", PASSWORD, MORNING).has_value());
        QCOMPARE(accounts.setDisabled("nobody", true).error().code, ErrorCode::NotFound);
        QVERIFY(auditWhats(*store).contains(QStringLiteral("user_disabled")));
        QVERIFY(auditWhats(*store).contains(QStringLiteral("login_disabled")));
    }

    void authenticateChecksTheAccountItself()
    {
        // Disabled or removed by another program: the session row is still there.
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        QVERIFY(accounts.addUser("li.na", Role::Supervisor, "D1", PASSWORD).has_value());
        const QString wang = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        const QString li = accounts.login("li.na", PASSWORD, MORNING)->token;

        QSqlQuery query(store->database());
        QVERIFY(query.exec("UPDATE server_users SET disabled = 1 WHERE name = 'wang.fang'"));
        QVERIFY(query.exec("DELETE FROM server_users WHERE name = 'li.na'"));
        QCOMPARE(accounts.authenticate(wang, MORNING).error().code, ErrorCode::Unauthorized);
        QCOMPARE(accounts.authenticate(li, MORNING).error().code, ErrorCode::Unauthorized);
    }

    void resettingAPasswordEndsSessionsAndLiftsALock()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        const QString first = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        const QString second = accounts.login("wang.fang", PASSWORD, MORNING)->token;
        for (int i = 0; i < Accounts::LOCKOUT_FAILURES; ++i)
            accounts.login("wang.fang", "guess-number-x", MORNING);
        QCOMPARE(accounts.login("wang.fang", PASSWORD, MORNING).error().code, ErrorCode::Forbidden);

        const QByteArray fresh = "handover-at-20:00";
        QVERIFY(accounts.resetPassword("wang.fang", fresh).has_value());
        QCOMPARE(accounts.authenticate(first, MORNING).error().code, ErrorCode::Unauthorized);
        QCOMPARE(accounts.authenticate(second, MORNING).error().code, ErrorCode::Unauthorized);
        QCOMPARE(
            accounts.login("wang.fang", PASSWORD, MORNING).error().code, ErrorCode::Unauthorized);
        QVERIFY(accounts.login("wang.fang", fresh, MORNING).has_value());
        QCOMPARE(accounts.resetPassword("nobody", fresh).error().code, ErrorCode::NotFound);
        QCOMPARE(
            accounts.resetPassword("wang.fang", "short").error().code, ErrorCode::InvalidArgument);
        QVERIFY(auditWhats(*store).contains(QStringLiteral("password_reset")));
    }

    void unitsMustBeActive_data()
    {
        QTest::addColumn<QString>("unitCode");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown") << "NOPE" << int(ErrorCode::NotFound);
        QTest::newRow("retired") << "S9" << int(ErrorCode::InvalidArgument);
        QTest::newRow("blank") << " " << int(ErrorCode::InvalidArgument);
    }

    void unitsMustBeActive()
    {
        QFETCH(QString, unitCode);
        QFETCH(int, code);
        auto store = serverStore();
        Accounts accounts(*store);
        auto refused = accounts.addUser("wang.fang", Role::Operator, unitCode, PASSWORD);
        QVERIFY(!refused.has_value());
        QCOMPARE(int(refused.error().code), code);
        if (!unitCode.trimmed().isEmpty())
            QVERIFY2(
                refused.error().message.contains(unitCode), qPrintable(refused.error().message));
        QCOMPARE(accounts.users()->size(), 0);
        QCOMPARE(auditTrail(*store)->size(), 0);
    }

    void badAccountsAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("role");
        QTest::addColumn<QByteArray>("password");
        QTest::newRow("no role") << "nobody.at.all" << int(Role::Count) << PASSWORD;
        QTest::newRow("empty name") << "" << int(Role::Operator) << PASSWORD;
        QTest::newRow("blank name")
            << QString::fromUtf8("  \u200b") << int(Role::Operator) << PASSWORD;
        QTest::newRow("65 characters") << QString(65, u'w') << int(Role::Operator) << PASSWORD;
        QTest::newRow("leading space") << " wang" << int(Role::Operator) << PASSWORD;
        QTest::newRow("tab") << "wang\tfang" << int(Role::Operator) << PASSWORD;
        QTest::newRow("line break") << "wang\nfang" << int(Role::Operator) << PASSWORD;
        QTest::newRow("escape") << "wang\x1b[31m" << int(Role::Operator) << PASSWORD;
        QTest::newRow("9-byte password")
            << "wang.fang" << int(Role::Operator) << QByteArray("123456789");
        QTest::newRow("1025-byte password")
            << "wang.fang" << int(Role::Operator) << QByteArray(1025, 'p');
    }

    void badAccountsAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(int, role);
        QFETCH(QByteArray, password);
        auto store = serverStore();
        Accounts accounts(*store);
        auto refused = accounts.addUser(name, Role(role), "D1", password);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(accounts.users()->size(), 0);
    }

    void boundsAreAccepted()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        const QString longest = QString::fromUtf8("网格") + QString(62, u'g');
        QVERIFY(accounts.addUser(longest, Role::UnitHandler, "D1", "1234567890").has_value());
        QVERIFY(accounts.addUser("w", Role::Supervisor, "D1", QByteArray(1024, 'p')).has_value());
        QVERIFY(accounts.login(longest, "1234567890", MORNING).has_value());
        QVERIFY(accounts.login("w", QByteArray(1024, 'p'), MORNING).has_value());
        QCOMPARE(accounts.login("w", QByteArray(1025, 'p'), MORNING).error().code,
            ErrorCode::Unauthorized);
    }

    void theAuditTrailIsAppendOnly()
    {
        auto store = serverStore();
        Accounts accounts(*store);
        QVERIFY(accounts.addUser("wang.fang", Role::Operator, "D1", PASSWORD).has_value());
        QVERIFY(accounts.login("wang.fang", PASSWORD, MORNING).has_value());
        QSqlQuery query(store->database());
        QVERIFY(!query.exec("UPDATE server_audit SET detail = 'nothing happened'"));
        QVERIFY(query.lastError().text().contains(QLatin1String("cannot be changed")));
        QVERIFY(!query.exec("DELETE FROM server_audit"));
        QVERIFY(query.lastError().text().contains(QLatin1String("cannot be deleted")));
        QCOMPARE(auditWhats(*store), QStringList({"user_created", "login"}));

        AuditEntry refused {0, MORNING, "wang.fang", "request_refused", "GET /cases\x1b[2J"};
        QVERIFY(appendAudit(*store, refused).has_value());
        QCOMPARE(auditTrail(*store, 1)->first().detail, QStringLiteral("GET /cases [2J"));
        QCOMPARE(auditTrail(*store, 1)->first().at, MORNING);
        QCOMPARE(appendAudit(*store, AuditEntry {0, MORNING, "x", " ", ""}).error().code,
            ErrorCode::InvalidArgument);
    }
};

GRIDDESK_TEST_MAIN(TestAccounts, QCoreApplication)
#include "tst_accounts.moc"
