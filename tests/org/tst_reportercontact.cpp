// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "org/reportercontact.h"

#include "storage/workspace.h"
#include "support/testsupport.h"

#include <QSqlQuery>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

QJsonObject jane()
{
    return QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Jane")},
        {QStringLiteral("last_name"), QStringLiteral("Doe")},
        {QStringLiteral("email"), QStringLiteral("jane.doe@example.org")},
        {QStringLiteral("phone"), QStringLiteral("2125551234")},
        {QStringLiteral("device_id"), QStringLiteral("IPHONE-7731-AB")},
        {QStringLiteral("account_id"), QStringLiteral("A1")}};
}

/// The lines of the reveal log under code, as "who|role|field|reason".
QStringList logged(Workspace &workspace, const QString &code)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral("SELECT revealed_by, role, field, reason FROM register_reveals "
                                 "WHERE entry_code = ? ORDER BY id"));
    query.addBindValue(code);
    QStringList lines;
    if (!query.exec())
        return {QStringLiteral("query failed")};
    while (query.next()) {
        lines << QStringList {query.value(0).toString(), query.value(1).toString(),
            query.value(2).toString(), query.value(3).toString()}
                     .join(u'|');
    }
    return lines;
}

} // namespace

class TestReporterContact : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void masksEachFieldByItsKind_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("first name") << "first_name"
                                    << "Jane"
                                    << "J***";
        QTest::newRow("Chinese name") << "last_name"
                                      << "王小明"
                                      << "王**";
        QTest::newRow("one letter") << "first_name"
                                    << "J"
                                    << "*";
        QTest::newRow("email") << "email"
                               << "jane.doe@example.org"
                               << "j*******@example.org";
        QTest::newRow("email without @") << "email"
                                         << "janedoe"
                                         << "j******";
        QTest::newRow("phone") << "phone"
                               << "2125551234"
                               << "212***1234";
        QTest::newRow("short phone") << "phone"
                                     << "311"
                                     << "***";
        QTest::newRow("device") << "device_id"
                                << "IPHONE-7731-AB"
                                << "IPHO******1-AB";
        QTest::newRow("unknown key") << "twitter"
                                     << "@jane"
                                     << "*****";
    }

    void masksEachFieldByItsKind()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const QJsonObject masked = maskedContact(QJsonObject {{key, value}});
        QCOMPARE(masked.value(key).toString(), expected);
        QVERIFY(masked.value(key).toString() != value);
    }

    void eventDataKeepsAllButTheContact()
    {
        const QJsonObject data {{QStringLiteral("channel"), QStringLiteral("open311")},
            {QStringLiteral("media_url"), QStringLiteral("https://example.org/p.jpg")},
            {QStringLiteral("contact"), jane()}};
        const QJsonObject masked = withContactMasked(data);
        QCOMPARE(masked.value(QStringLiteral("channel")), data.value(QStringLiteral("channel")));
        QCOMPARE(
            masked.value(QStringLiteral("media_url")), data.value(QStringLiteral("media_url")));
        const QJsonObject contact = masked.value(QStringLiteral("contact")).toObject();
        QCOMPARE(contact.size(), jane().size());
        QCOMPARE(contact.value(QStringLiteral("email")).toString(),
            QStringLiteral("j*******@example.org"));
        // A contact that is not an object is hidden whole; data without one is left alone.
        const QJsonObject odd {{QStringLiteral("contact"), QStringLiteral("call 2125551234")}};
        QCOMPARE(
            withContactMasked(odd).value(QStringLiteral("contact")).toString(), QString(15, u'*'));
        const QJsonObject none {{QStringLiteral("channel"), QStringLiteral("app")}};
        QCOMPARE(withContactMasked(none), none);
    }

    void contactTextNamesEachPart()
    {
        QCOMPARE(contactText(jane()),
            QStringLiteral(
                "Jane Doe, jane.doe@example.org, 2125551234, device IPHONE-7731-AB, account A1"));
        QCOMPARE(contactText(maskedContact(jane())),
            QStringLiteral("J*** D**, j*******@example.org, 212***1234, device IPHO******1-AB, "
                           "account **"));
        QCOMPARE(contactText({}), QString());
    }

    void mayRevealByRole_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("may");
        QTest::newRow("leader") << "leader" << true;
        QTest::newRow("administrator") << "administrator" << true;
        QTest::newRow("operator") << "operator" << false;
        QTest::newRow("supervisor") << "supervisor" << false;
        QTest::newRow("unit handler") << "unit_handler" << false;
        QTest::newRow("system") << "system" << false;
    }

    void mayRevealByRole()
    {
        QFETCH(QString, role);
        QFETCH(bool, may);
        QCOMPARE(mayRevealContact(role), may);
    }

    void aRevealIsRecordedFieldByField()
    {
        auto workspace = Workspace::open(m_dir.filePath(QStringLiteral("reveal.gpkg")));
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        const QString code = contactRevealCode(QStringLiteral("open311"), QStringLiteral("17"));
        QCOMPARE(code, QStringLiteral("case:open311:17"));
        QJsonObject contact = jane();
        contact.insert(QStringLiteral("account_id"), QStringLiteral("  "));
        auto shown = revealContact(**workspace, code, contact, QStringLiteral(" Li Na "),
            QStringLiteral("leader"), QStringLiteral("calling the reporter back"));
        QVERIFY2(shown.has_value(), Test::why(shown).constData());
        QCOMPARE(*shown, contact);
        // One line per value shown, none for the blank one.
        const QStringList lines = logged(**workspace, code);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.first(),
            QStringLiteral("Li Na|leader|contact.first_name|calling the reporter back"));
        QVERIFY(
            lines.contains(QStringLiteral("Li Na|leader|contact.email|calling the reporter back")));
        QVERIFY(!lines.join(u'\n').contains(QStringLiteral("account_id")));
    }

    void refusedRevealsShowAndRecordNothing_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("why");
        QTest::addColumn<int>("code");
        QTest::newRow("operator") << "operator"
                                  << "Chen"
                                  << "curious" << int(ErrorCode::Forbidden);
        QTest::newRow("blank reason") << "leader"
                                      << "Li Na"
                                      << " " << int(ErrorCode::InvalidArgument);
        QTest::newRow("nobody") << "administrator"
                                << ""
                                << "audit" << int(ErrorCode::InvalidArgument);
    }

    void refusedRevealsShowAndRecordNothing()
    {
        QFETCH(QString, role);
        QFETCH(QString, who);
        QFETCH(QString, why);
        QFETCH(int, code);
        auto workspace =
            Workspace::open(m_dir.filePath(QTest::currentDataTag() + QStringLiteral(".gpkg")));
        QVERIFY(workspace.has_value());
        auto shown =
            revealContact(**workspace, QStringLiteral("case:open311:1"), jane(), who, role, why);
        QVERIFY(!shown.has_value());
        QCOMPARE(int(shown.error().code), code);
        QVERIFY(logged(**workspace, QStringLiteral("case:open311:1")).isEmpty());
    }
};

GRIDDESK_TEST_MAIN(TestReporterContact, QCoreApplication)
#include "tst_reportercontact.moc"
