// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgedit/orgdocument.h"
#include "orgedit/peoplemodel.h"

#include "orgeditfixture.h"

#include "org/personaldata.h"
#include "storage/workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTemporaryDir>

using namespace GridDesk;

class TestPeopleModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester()
    {
        OrgDocument document;
        document.setChart(Test::smallChart());
        document.setUser(QStringLiteral("Leader Liu"), QStringLiteral("leader"));
        PeopleModel model(&document);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setUnit(QStringLiteral("V1"));
        QCOMPARE(model.rowCount(), 1);
        model.setUnit({});
        QCOMPARE(model.rowCount(), 5);
    }

    void everyoneIsMaskedInTheGolden()
    {
        OrgDocument document;
        document.setChart(Test::smallChart());
        document.setUser(QStringLiteral("Leader Liu"), QStringLiteral("leader"));
        PeopleModel model(&document);
        QVERIFY(Test::matchesGolden(Test::dumpTree(model), "small_people.txt"));
        // No cell of the dump holds a whole number.
        const QString dump = Test::dumpTree(model);
        QVERIFY(!dump.contains("13812345678"));
        QVERIFY(!dump.contains("440301198001011234"));
    }

    void aRecordedRevealShowsTheNumber()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("people.gpkg");
        {
            auto workspace = Workspace::open(path);
            QVERIFY2(workspace.has_value(), Test::why(workspace).constData());
            OrgChart chart = Test::smallChart();
            QVERIFY(chart.save(**workspace, "setup"));
        }
        OrgDocument document;
        QVERIFY(document.open(path));
        document.setUser(QStringLiteral("Leader Liu"), QStringLiteral("leader"));
        PeopleModel model(&document);
        const qint64 id = document.chart().findPeople("Li Wei").value(0);
        const int row = model.rowOf(id);
        const QModelIndex phone = model.index(row, int(PeopleModel::Column::Phone));
        QCOMPARE(phone.data().toString(), QStringLiteral("138****5678"));

        QVERIFY(!document.reveal(id, PersonalField::Phone, QStringLiteral("  ")));
        QCOMPARE(phone.data().toString(), QStringLiteral("138****5678"));
        auto shown = document.reveal(id, PersonalField::Phone, QStringLiteral("call back"));
        QVERIFY2(shown.has_value(), Test::why(shown).constData());
        QCOMPARE(phone.data().toString(), QStringLiteral("13812345678"));
        QVERIFY(phone.data(int(PeopleModel::Role::Revealed)).toBool());
        const QModelIndex idNumber = model.index(row, int(PeopleModel::Column::IdNumber));
        QCOMPARE(idNumber.data().toString(), maskIdNumber("440301198001011234"));

        auto log = revealLog(*document.workspace());
        QVERIFY(log.has_value());
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().revealedBy, QStringLiteral("Leader Liu"));
        QCOMPARE(log->first().reason, QStringLiteral("call back"));
    }

    void aRoleThatMayNotRevealSeesMasks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("people.gpkg");
        {
            auto workspace = Workspace::open(path);
            QVERIFY(workspace.has_value());
            OrgChart chart = Test::smallChart();
            QVERIFY(chart.save(**workspace, "setup"));
        }
        OrgDocument document;
        QVERIFY(document.open(path));
        document.setUser(QStringLiteral("Supervisor Su"), QStringLiteral("supervisor"));
        const qint64 id = document.chart().findPeople("Li Wei").value(0);
        auto shown = document.reveal(id, PersonalField::Phone, QStringLiteral("curious"));
        QVERIFY(!shown);
        QCOMPARE(shown.error().code, ErrorCode::Forbidden);
        QVERIFY(!document.revealed(id, PersonalField::Phone));
        QCOMPARE(revealLog(*document.workspace())->size(), 0);
    }
};

GRIDDESK_TEST_MAIN(TestPeopleModel, QApplication)
#include "tst_peoplemodel.moc"
