// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "org/personaldata.h"

#include "storage/workspace.h"
#include "support/testsupport.h"

#include <QSqlQuery>
#include <QTemporaryDir>

using namespace GridDesk;

class TestPersonalData : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static Person someone()
    {
        Person person;
        person.id = 7;
        person.name = QStringLiteral("Wang Fang");
        person.post = QStringLiteral("grid_supervisor");
        person.phone = QStringLiteral("13812345678");
        person.idNumber = QStringLiteral("440303199001011234");
        return person;
    }

private Q_SLOTS:
    void masksNumbers_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<bool>("isPhone");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ID number") << "440303199001011234" << false << "4403**********1234";
        QTest::newRow("ID ending in X") << "44030319900101123X" << false << "4403**********123X";
        QTest::newRow("mobile") << "13812345678" << true << "138****5678";
        QTest::newRow("short phone") << "110" << true << "***";
        QTest::newRow("empty") << "" << true << "";
    }

    void masksNumbers()
    {
        QFETCH(QString, number);
        QFETCH(bool, isPhone);
        QFETCH(QString, expected);
        QCOMPARE(isPhone ? maskPhone(number) : maskIdNumber(number), expected);
    }

    void maskedFieldPicksTheField()
    {
        QCOMPARE(maskedField(someone(), PersonalField::Phone), QStringLiteral("138****5678"));
        QCOMPARE(
            maskedField(someone(), PersonalField::IdNumber), QStringLiteral("4403**********1234"));
    }

    void revealIsRecorded()
    {
        auto workspace = Workspace::open(m_dir.filePath("reveal.gpkg"));
        QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
        const QDateTime at(QDate(2026, 5, 4), QTime(9, 30), Qt::UTC);
        auto shown = reveal(**workspace, someone(), PersonalField::IdNumber, "Zhang Wei", "leader",
            "verifying identity for a complaint", at);
        QVERIFY2(shown.has_value(), Test::why(shown).constData());
        QCOMPARE(*shown, QStringLiteral("440303199001011234"));

        auto log = revealLog(**workspace);
        QVERIFY(log.has_value());
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().revealedBy, QStringLiteral("Zhang Wei"));
        QCOMPARE(log->first().role, QStringLiteral("leader"));
        QCOMPARE(log->first().personId, 7);
        QCOMPARE(log->first().field, QStringLiteral("id_number"));
        QCOMPARE(log->first().reason, QStringLiteral("verifying identity for a complaint"));
        QCOMPARE(log->first().revealedAt, at);
    }

    void refusedRevealsRecordNothing_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("why");
        QTest::addColumn<int>("code");
        QTest::newRow("operator") << "operator"
                                  << "curious" << int(ErrorCode::Forbidden);
        QTest::newRow("blank why") << "leader"
                                   << "  " << int(ErrorCode::InvalidArgument);
        QTest::newRow("invisible why") << "administrator" << QString::fromUtf8("\u200b\u200e")
                                       << int(ErrorCode::InvalidArgument);
    }

    void refusedRevealsRecordNothing()
    {
        QFETCH(QString, role);
        QFETCH(QString, why);
        QFETCH(int, code);
        auto workspace =
            Workspace::open(m_dir.filePath(QTest::currentDataTag() + QString(".gpkg")));
        QVERIFY(workspace.has_value());
        auto shown = reveal(**workspace, someone(), PersonalField::Phone, "Zhang Wei", role, why);
        QVERIFY(!shown.has_value());
        QCOMPARE(int(shown.error().code), code);
        QCOMPARE(revealLog(**workspace)->size(), 0);
    }

    void theLogIsAppendOnly()
    {
        auto workspace = Workspace::open(m_dir.filePath("append.gpkg"));
        QVERIFY(workspace.has_value());
        QVERIFY(reveal(**workspace, someone(), PersonalField::Phone, "Zhang Wei", "leader",
            "calling back about case 12")
                    .has_value());
        QSqlQuery query((*workspace)->database());
        QVERIFY(!query.exec("UPDATE personal_data_reveals SET reason = 'nothing'"));
        QVERIFY(!query.exec("DELETE FROM personal_data_reveals"));
        QVERIFY(!query.exec("INSERT INTO personal_data_reveals (revealed_by, role, person_id, "
                            "field, reason, revealed_at) VALUES ('x', 'leader', 1, 'phone', ' ', "
                            "'2026-01-01T00:00:00Z')"));
        QCOMPARE(revealLog(**workspace)->size(), 1);
        QVERIFY(mayReveal("leader"));
        QVERIFY(!mayReveal("unit_handler"));
    }
};

GRIDDESK_TEST_MAIN(TestPersonalData, QCoreApplication)
#include "tst_personaldata.moc"
