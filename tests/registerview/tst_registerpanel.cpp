// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "register/registerfixture.h"

#include "register/registerbook.h"
#include "register/registerimport.h"
#include "register/registerprivacy.h"
#include "registerview/registerpanel.h"
#include "registerview/registertablemodel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

RegisterEntry entryAt(const QString &kind, const QString &name, const GeoPoint &point)
{
    RegisterEntry entry;
    entry.kind = kind;
    entry.name = name;
    entry.wkb = Wkb::point(point);
    return entry;
}

} // namespace

class TestRegisterPanel : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

    QString squaresWithEntries(const QString &name)
    {
        auto ws = m_fixture.squares(name);
        auto book = RegisterBook::load(*ws);
        RegisterEntry resident =
            entryAt(QStringLiteral("person"), QStringLiteral("王小明"), {121.505, 25.005});
        resident.address = QStringLiteral("忠孝西路一段49號5樓");
        resident.fields.insert(QStringLiteral("id_number"), QStringLiteral("A123456789"));
        RegisterEntry home = entryAt(
            QStringLiteral("organisation"), QStringLiteral("Sunshine Day Care"), {121.506, 25.006});
        home.address = QStringLiteral("1 Square Road");
        const RegisterEntry hydrant =
            entryAt(QStringLiteral("thing"), QStringLiteral("Hydrant 12"), {121.515, 25.005});
        auto added = book->add(resident, QStringLiteral("Operator Chen"), AT);
        auto homeAdded = book->add(home, QStringLiteral("Operator Chen"), AT);
        const bool stored = added && homeAdded
            && book->add(hydrant, QStringLiteral("Operator Chen"), AT)
            && book->verify(homeAdded->code, QStringLiteral("Patroller Zhao"), AT);
        return stored ? ws->path() : QString();
    }

private Q_SLOTS:
    void aGridsPageShowsItsRegisterMasked()
    {
        const QString path = squaresWithEntries(QStringLiteral("page.gpkg"));
        QVERIFY(!path.isEmpty());
        RegisterPanel panel;
        QAbstractItemModelTester tester(
            panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setClock(AT.addDays(10));
        panel.setWorkspace(path);
        panel.setUser(QStringLiteral("Operator Chen"), QStringLiteral("operator"));
        panel.showGrid(QStringLiteral("SQ-W"), QStringLiteral("West square"));

        QCOMPARE(Test::dumpModel(*panel.model()),
            QStringLiteral("Code|Kind|Name|Address|Grid|Last verified\n"
                           "OR-000001|Organisations 组织|Sunshine Day Care|1 Square Road|SQ-W|"
                           "Patroller Zhao, 2026-03-01\n"
                           "PE-000001|People 人|王**|忠孝西路一******|SQ-W|never"));
        QVERIFY2(panel.countsText().contains(QStringLiteral("人 People 1")),
            qPrintable(panel.countsText()));
        QVERIFY(panel.countsText().contains(QStringLiteral("物 Things 0")));
        QVERIFY2(panel.countsText().contains(QStringLiteral("1 due a visit")),
            qPrintable(panel.countsText()));
        QCOMPARE(
            panel.model()->index(1, 0).data(int(RegisterTableModel::Role::Stale)).toBool(), true);
        QCOMPARE(
            panel.model()->index(0, 0).data(int(RegisterTableModel::Role::Stale)).toBool(), false);

        panel.showGrid({});
        QCOMPARE(panel.model()->rowCount(), 3);
        QVERIFY(panel.countsText().contains(QStringLiteral("2 due a visit")));

        // Narrowed to one kind, or to the entries due a visit.
        auto *kind = panel.findChild<QComboBox *>(QStringLiteral("registerKind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("thing")));
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.model()->index(0, 0).data().toString(), QStringLiteral("TH-000001"));
        kind->setCurrentIndex(0);
        panel.findChild<QCheckBox *>(QStringLiteral("registerStaleOnly"))->setChecked(true);
        QCOMPARE(panel.model()->rowCount(), 2);
        QVERIFY(!panel.findChild<QPushButton *>(QStringLiteral("registerReveal"))->isEnabled());
    }

    void onlyTheRightRoleRevealsAndTheRevealIsRecorded()
    {
        const QString path = squaresWithEntries(QStringLiteral("reveal.gpkg"));
        RegisterPanel panel;
        panel.setClock(AT.addDays(10));
        panel.setWorkspace(path);
        panel.setUser(QStringLiteral("Operator Chen"), QStringLiteral("operator"));
        panel.showGrid(QStringLiteral("SQ-W"));
        QVERIFY(!panel.mayReveal());
        QSignalSpy messages(&panel, &RegisterPanel::message);
        QVERIFY(!panel.revealWith(QStringLiteral("curious")));
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first().first().toString().contains(QStringLiteral("operator")));

        panel.setUser(QStringLiteral("Leader Wang"), QStringLiteral("leader"));
        QVERIFY(panel.mayReveal());
        QVERIFY(panel.revealWith(QStringLiteral("welfare visit")));
        QVERIFY(panel.isRevealed());
        QCOMPARE(panel.model()->index(1, int(RegisterTableModel::Column::Name)).data().toString(),
            QStringLiteral("王小明"));
        // The stale mark stays on the revealed rows.
        QCOMPARE(
            panel.model()->index(1, 0).data(int(RegisterTableModel::Role::Stale)).toBool(), true);

        auto ws = Workspace::open(path);
        auto log = registerRevealLog(**ws);
        QCOMPARE(log->size(), 3); // the resident's name, address and ID number
        QCOMPARE(log->first().revealedBy, QStringLiteral("Leader Wang"));
        QCOMPARE(log->first().reason, QStringLiteral("welfare visit"));

        // Looking elsewhere masks again.
        panel.showGrid(QStringLiteral("SQ-W"));
        QVERIFY(!panel.isRevealed());
        QCOMPARE(panel.model()->index(1, int(RegisterTableModel::Column::Name)).data().toString(),
            QStringLiteral("王**"));
    }

    void screenshot()
    {
        const QString registry =
            Test::taipeiRegistry(QStringLiteral("socl_welfare_organization_plc.geojson"));
        if (!QFile::exists(registry))
            QSKIP("the shared data folder with Taipei's registers is not beside this checkout");
        const QString path = m_fixture.taipeiCopy(QStringLiteral("screenshot.gpkg"));
        {
            auto ws = Workspace::open(path);
            RegisterImportOptions options;
            options.kind = QStringLiteral("organisation");
            options.importedBy = QStringLiteral("Supervisor Li");
            options.skipRefused = true;
            options.mapping = *RegisterMapping::load(
                Test::taipeiMapping(QStringLiteral("socl_welfare_organization_plc.json")));
            QVERIFY(importRegister(**ws, registry, options));
            options.kind = QStringLiteral("thing");
            options.mapping = *RegisterMapping::load(
                Test::taipeiMapping(QStringLiteral("youbike_sub_stn_1.json")));
            QVERIFY(importRegister(
                **ws, Test::taipeiRegistry(QStringLiteral("youbike_sub_stn_1.geojson")), options));
        }
        RegisterPanel panel;
        panel.setWorkspace(path);
        panel.setUser(QStringLiteral("Supervisor Li"), QStringLiteral("supervisor"));
        panel.showGrid(QStringLiteral("6300500"), QStringLiteral("中正區 (6300500)"));
        QVERIFY(panel.model()->rowCount() > 10);
        panel.resize(900, 520);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(panel.grab().save(QDir(folder).filePath(QStringLiteral("grid-register.png"))));
    }
};

GRIDDESK_TEST_MAIN(TestRegisterPanel, QApplication)
#include "tst_registerpanel.moc"
