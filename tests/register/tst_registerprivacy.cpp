// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfixture.h"

#include "org/personaldata.h"
#include "register/registerbook.h"
#include "register/registerprivacy.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

} // namespace

class TestRegisterPrivacy : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

    /// A workspace with one resident (every personal class) and one organisation.
    std::unique_ptr<Workspace> withPeople(
        const QString &name, RegisterEntry &person, RegisterEntry &organisation)
    {
        auto ws = m_fixture.squares(name);
        auto book = RegisterBook::load(*ws);
        person.kind = QStringLiteral("person");
        person.name = QStringLiteral("王小明");
        person.address = QStringLiteral("臺北市中正區忠孝西路一段49號5樓");
        person.wkb = Wkb::point({121.505, 25.005});
        person.fields = {{QStringLiteral("id_number"), QStringLiteral("A123456789")},
            {QStringLiteral("phone"), QStringLiteral("0912345678")},
            {QStringLiteral("care_group"), QStringLiteral("elderly living alone")}};
        organisation.kind = QStringLiteral("organisation");
        organisation.name = QStringLiteral("Sunshine Day Care");
        organisation.address = QStringLiteral("1 Square Road");
        organisation.wkb = Wkb::point({121.515, 25.005});
        organisation.fields = {{QStringLiteral("contact_person"), QStringLiteral("陳美玲")},
            {QStringLiteral("org_type"), QStringLiteral("day care")}};
        auto storedPerson = book->add(person, QStringLiteral("Operator Chen"), AT);
        auto storedOrganisation = book->add(organisation, QStringLiteral("Operator Chen"), AT);
        if (!storedPerson || !storedOrganisation)
            return nullptr;
        person = *storedPerson;
        organisation = *storedOrganisation;
        return ws;
    }

private Q_SLOTS:
    void eachClassIsMaskedItsOwnWay_data()
    {
        QTest::addColumn<PersonalClass>("personal");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("masked");
        QTest::newRow("name") << PersonalClass::Name << "王小明"
                              << "王**";
        QTest::newRow("ID number") << PersonalClass::IdNumber << "A123456789"
                                   << maskIdNumber(QStringLiteral("A123456789"));
        QTest::newRow("phone") << PersonalClass::Phone << "0912345678"
                               << maskPhone(QStringLiteral("0912345678"));
        QTest::newRow("address") << PersonalClass::Address << "忠孝西路一段49號5樓"
                                 << "忠孝西路一******";
        QTest::newRow("not personal") << PersonalClass::None << "day care"
                                      << "day care";
    }

    void eachClassIsMaskedItsOwnWay()
    {
        QFETCH(PersonalClass, personal);
        QFETCH(QString, value);
        QFETCH(QString, masked);
        QCOMPARE(maskPersonal(personal, value), masked);
        if (personal != PersonalClass::None)
            QVERIFY(maskPersonal(personal, value) != value);
    }

    void listsShowPersonalDataMasked()
    {
        RegisterEntry person;
        RegisterEntry organisation;
        auto ws = withPeople(QStringLiteral("masked.gpkg"), person, organisation);
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        QCOMPARE(personalKeys(book->schema(), person),
            QStringList({QStringLiteral("name"), QStringLiteral("address"),
                QStringLiteral("id_number"), QStringLiteral("phone")}));
        QCOMPARE(personalKeys(book->schema(), organisation),
            QStringList {QStringLiteral("contact_person")});

        const RegisterEntry shown = maskedEntry(book->schema(), person);
        QCOMPARE(shown.name, QStringLiteral("王**"));
        QCOMPARE(shown.fields.value(QStringLiteral("id_number")).toString(),
            QStringLiteral("A123**6789"));
        QCOMPARE(
            shown.fields.value(QStringLiteral("phone")).toString(), QStringLiteral("091***5678"));
        QCOMPARE(shown.fields.value(QStringLiteral("care_group")).toString(),
            QStringLiteral("elderly living alone"));
        const QByteArray exported = QJsonDocument(shown.toJson()).toJson();
        for (const QString &secret : {person.name, person.address, QStringLiteral("A123456789"),
                 QStringLiteral("0912345678")})
            QVERIFY2(!exported.contains(secret.toUtf8()), qPrintable(secret));

        const RegisterEntry organisationShown = maskedEntry(book->schema(), organisation);
        QCOMPARE(organisationShown.name, organisation.name);
        QCOMPARE(organisationShown.address, organisation.address);
        QCOMPARE(organisationShown.fields.value(QStringLiteral("contact_person")).toString(),
            QStringLiteral("陳**"));
    }

    void aRevealNeedsTheRightAndAReasonAndIsRecorded()
    {
        RegisterEntry person;
        RegisterEntry organisation;
        auto ws = withPeople(QStringLiteral("reveal.gpkg"), person, organisation);
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        const QList<RegisterEntry> entries {person, organisation};

        auto operatorTry =
            revealEntries(*ws, book->schema(), entries, QStringLiteral("Operator Chen"),
                QStringLiteral("operator"), QStringLiteral("curious"), AT);
        QVERIFY(!operatorTry);
        QCOMPARE(operatorTry.error().code, ErrorCode::Forbidden);
        auto noReason = revealEntries(*ws, book->schema(), entries, QStringLiteral("Leader Wang"),
            QStringLiteral("leader"), QStringLiteral("   "), AT);
        QVERIFY(!noReason);
        QCOMPARE(noReason.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(registerRevealLog(*ws)->size(), 0);

        auto revealed = revealEntries(*ws, book->schema(), entries, QStringLiteral("Leader Wang"),
            QStringLiteral("leader"), QStringLiteral("welfare visit after the typhoon"), AT);
        QVERIFY2(revealed.has_value(), Test::why(revealed).constData());
        QCOMPARE(revealed->first().fields.value(QStringLiteral("id_number")).toString(),
            QStringLiteral("A123456789"));
        auto log = registerRevealLog(*ws);
        QVERIFY(log.has_value());
        QCOMPARE(log->size(), 5); // four values of the resident, the organisation's contact
        QCOMPARE(log->first().revealedBy, QStringLiteral("Leader Wang"));
        QCOMPARE(log->first().role, QStringLiteral("leader"));
        QCOMPARE(log->first().entryCode, person.code);
        QCOMPARE(log->first().field, QStringLiteral("name"));
        QCOMPARE(log->first().reason, QStringLiteral("welfare visit after the typhoon"));
        QCOMPARE(log->first().revealedAt, AT);
        QCOMPARE(log->last().entryCode, organisation.code);
        QCOMPARE(log->last().field, QStringLiteral("contact_person"));

        QSqlQuery tamper(ws->database());
        QVERIFY(!tamper.exec(QStringLiteral("DELETE FROM register_reveals")));
        QVERIFY(!tamper.exec(QStringLiteral("UPDATE register_reveals SET reason = 'x'")));
    }

    void nothingIsRevealedWhenTheLogCannotBeWritten()
    {
        RegisterEntry person;
        RegisterEntry organisation;
        auto ws = withPeople(QStringLiteral("unlogged.gpkg"), person, organisation);
        QVERIFY(ws);
        auto book = RegisterBook::load(*ws);
        QSqlQuery block(ws->database());
        QVERIFY(block.exec(QStringLiteral(
            "CREATE TEMP TRIGGER block_reveals BEFORE INSERT ON register_reveals WHEN "
            "NEW.field = 'phone' BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
        auto revealed = revealEntries(*ws, book->schema(), {person}, QStringLiteral("Leader Wang"),
            QStringLiteral("leader"), QStringLiteral("welfare visit"), AT);
        QVERIFY(!revealed);
        QVERIFY2(revealed.error().message.contains(QStringLiteral("disk full")),
            qPrintable(revealed.error().message));
        QCOMPARE(registerRevealLog(*ws)->size(), 0);
    }
};

GRIDDESK_TEST_MAIN(TestRegisterPrivacy, QCoreApplication)
#include "tst_registerprivacy.moc"
