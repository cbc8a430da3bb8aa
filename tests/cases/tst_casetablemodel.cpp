// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/casetablemodel.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QCollator>
#include <QGuiApplication>
#include <QSignalSpy>

using namespace GridDesk;
using Column = CaseTableModel::Column;
using ModelRole = CaseTableModel::Role;

class TestCaseTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void passesModelTester();
    void dump();
    void channelNamesTheSource();
    void sortValuesAreRaw();
    void statesSortInLoopOrder();
    void deadlinesSortMostUrgentFirst();
    void deadlineHasColourAndWords();
    void updateChangesTheRowInPlace();
    void updateAddsANewCase();
    void rowOf();
    void resetOnSetCases();
    void namesSortInTheInterfaceLanguage();

private:
    std::unique_ptr<CaseTableModel> m_model;
};

namespace {
/// Rows in the order rowLessThan puts them for column.
QList<qint64> sortedIds(const CaseTableModel &model, Column column)
{
    QList<int> rows;
    for (int row = 0; row < model.rowCount(); ++row)
        rows << row;
    std::stable_sort(
        rows.begin(), rows.end(), [&](int a, int b) { return model.rowLessThan(a, b, column); });
    QList<qint64> ids;
    for (int row : rows)
        ids << model.cases().id(row);
    return ids;
}
} // namespace

void TestCaseTableModel::init()
{
    m_model = std::make_unique<CaseTableModel>();
    m_model->setSetup(Test::fixtureSetup());
    m_model->setNow(Test::fixtureNow());
    m_model->setCases(Test::fixtureCases());
}

void TestCaseTableModel::passesModelTester()
{
    CaseTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCases(Test::fixtureCases());
    model.setCases({});
    model.setCases(Test::fixtureCases());
    model.setSetup(Test::fixtureSetup());
    model.setNow(Test::fixtureNow());
    CaseRecord changed = Test::fixtureCases().at(2);
    changed.state = QStringLiteral("registered");
    model.updateCase(changed);
    changed.id = 5;
    changed.coUnits = {QStringLiteral("street-1")};
    model.updateCase(changed);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(Column::Count));
}

void TestCaseTableModel::dump()
{
    const QString expected = QStringLiteral(
        "Case|State|Channel|Deadline|Category|Lead unit|Created|Grid|Status|Agency|Flags\n"
        "900|In handling||Due in 6 h (50 %)|Noise - Residential|Street one|2011-03-02 09:30|101|"
        "Open|NYPD|\n"
        "80|Closed|||Street Light Condition|Street two|2011-01-15 09:30|102|Closed|DOT|\n"
        "1000|Reported||Overdue 17 h|Blocked Driveway||2010-12-31 09:30||Closed|NYPD|"
        "no_location\n"
        "7|Supervised||Clock stopped|Illegal Parking|Street two|2011-02-01 09:30|101|Assigned|"
        "NYPD|");
    QCOMPARE(Test::dumpModel(*m_model), expected);
}

void TestCaseTableModel::channelNamesTheSource()
{
    QList<CaseRecord> cases = Test::fixtureCases();
    const QStringList sources {QStringLiteral("hotline"), QStringLiteral("open311"),
        QStringLiteral("nyc311"), QStringLiteral("iot")};
    for (qsizetype index = 0; index < cases.size(); ++index)
        cases[index].source = sources.value(index);
    CaseTableModel model;
    model.setCases(cases);
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.displayText(row, Column::Channel);
    QCOMPARE(shown,
        QStringList({QStringLiteral("12345 hotline"), QStringLiteral("Public app (Open311)"),
            QStringLiteral("Hotline export (nyc311)"), QStringLiteral("IoT sensor alarm")}));
    // Sorted by the names shown, not by the keys.
    QCOMPARE(model.sortKey(0, Column::Channel) < model.sortKey(3, Column::Channel), true);
}

void TestCaseTableModel::sortValuesAreRaw()
{
    const QVariant id = m_model->index(1, int(Column::Id)).data(int(ModelRole::Sort));
    QCOMPARE(id.typeId(), QMetaType::LongLong);
    QCOMPARE(id.toLongLong(), 80);
    const QVariant created = m_model->index(0, int(Column::Created)).data(int(ModelRole::Sort));
    QCOMPARE(created.typeId(), QMetaType::QDateTime);
    QCOMPARE(created.toDateTime().date(), QDate(2011, 3, 2));
    QCOMPARE(m_model->index(3, int(Column::Agency)).data(int(ModelRole::CaseId)).toLongLong(), 4);
    QCOMPARE(m_model->index(0, int(Column::Status)).data(int(ModelRole::GridCode)).toString(),
        QStringLiteral("101"));
    QCOMPARE(m_model->index(0, int(Column::Flags)).data(int(ModelRole::StateKey)).toString(),
        QStringLiteral("in_handling"));
}

void TestCaseTableModel::statesSortInLoopOrder()
{
    QCOMPARE(sortedIds(*m_model, Column::State), (QList<qint64> {3, 1, 4, 2}));
    QCOMPARE(sortedIds(*m_model, Column::Id), (QList<qint64> {4, 2, 1, 3}));
    QCOMPARE(sortedIds(*m_model, Column::Category), (QList<qint64> {3, 4, 1, 2}));
    // By the unit's name, not its code; a case without a unit first.
    QCOMPARE(sortedIds(*m_model, Column::LeadUnit), (QList<qint64> {3, 1, 2, 4}));
}

void TestCaseTableModel::deadlinesSortMostUrgentFirst()
{
    // The suspended case keeps its (earliest) deadline; the closed case has none to show.
    QCOMPARE(sortedIds(*m_model, Column::Deadline), (QList<qint64> {3, 4, 1, 2}));
}

void TestCaseTableModel::deadlineHasColourAndWords()
{
    const QModelIndex overdue = m_model->index(2, int(Column::Deadline));
    QCOMPARE(overdue.data(int(ModelRole::DeadlineState)).toInt(), int(DeadlineState::Overdue));
    QVERIFY(overdue.data(Qt::DisplayRole).toString().startsWith(QLatin1String("Overdue")));
    QVERIFY(overdue.data(Qt::BackgroundRole).value<QBrush>().color().isValid());
    QVERIFY(overdue.data(Qt::ToolTipRole).toString().contains(QLatin1String("2026-03-03 17:00")));

    const QModelIndex warning = m_model->index(0, int(Column::Deadline));
    QCOMPARE(warning.data(int(ModelRole::DeadlineState)).toInt(), int(DeadlineState::Warning));
    QVERIFY(warning.data(Qt::ForegroundRole).value<QBrush>().color()
        != overdue.data(Qt::ForegroundRole).value<QBrush>().color());

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->setNow(QDateTime(QDate(2026, 3, 5), QTime(9, 0), Qt::UTC));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(warning.data().toString(), QStringLiteral("Overdue 15 h"));
}

void TestCaseTableModel::updateChangesTheRowInPlace()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    CaseRecord record = Test::fixtureCases().at(2);
    record.state = QStringLiteral("dispatched");
    record.leadUnit = QStringLiteral("street-2");
    record.coUnits = {QStringLiteral("street-1")};
    const int row = m_model->updateCase(record);
    QCOMPARE(row, 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(m_model->index(2, int(Column::State)).data().toString(), QStringLiteral("Dispatched"));
    QCOMPARE(m_model->index(2, int(Column::LeadUnit)).data(Qt::ToolTipRole).toString(),
        QStringLiteral("Jointly with Street one"));

    record.state = QStringLiteral("in_handling");
    record.coUnits.clear();
    record.extensionPending = true;
    m_model->updateCase(record);
    QCOMPARE(m_model->index(2, int(Column::State)).data().toString(),
        QStringLiteral("In handling, extension asked"));
}

void TestCaseTableModel::updateAddsANewCase()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    CaseRecord record;
    record.id = 9;
    record.category = QStringLiteral("Graffiti");
    record.state = QStringLiteral("reported");
    QCOMPARE(m_model->updateCase(record), 4);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(m_model->rowOf(9), std::optional<int>(4));
    QCOMPARE(sortedIds(*m_model, Column::Id).first(), 4);
}

void TestCaseTableModel::rowOf()
{
    QCOMPARE(m_model->rowOf(3), std::optional<int>(2));
    QCOMPARE(m_model->rowOf(99), std::nullopt);
}

void TestCaseTableModel::resetOnSetCases()
{
    CaseTableModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setCases(Test::fixtureCases());
    QCOMPARE(reset.size(), 1);
}

void TestCaseTableModel::namesSortInTheInterfaceLanguage()
{
    // Chinese names sort by their pinyin (Beijing, Guangzhou, Shanghai), not by code points
    // (上 U+4E0A, 北 U+5317, 广 U+5E7F), before Latin ones as Chinese collation has it; numbers
    // in names in numeric order.
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China));
    QList<CaseRecord> cases;
    const QStringList categories {QStringLiteral("上海"), QStringLiteral("北京"),
        QStringLiteral("广州"), QStringLiteral("Street 10"), QStringLiteral("Street 9")};
    for (const QString &category : categories) {
        CaseRecord record;
        record.id = cases.size() + 1;
        record.category = category;
        cases << record;
    }
    CaseTableModel model;
    model.setCases(cases);
    QList<int> rows {0, 1, 2, 3, 4};
    std::sort(rows.begin(), rows.end(), [&model](int a, int b) {
        return model.rowLessThan(a, b, CaseTableModel::Column::Category);
    });
    QStringList sorted;
    for (int row : rows)
        sorted << categories[row];
    QLocale::setDefault(before);
    if (QCollator(QLocale(QLocale::Chinese, QLocale::China))
            .compare(QStringLiteral("北京"), QStringLiteral("上海"))
        > 0)
        QSKIP("The system's collation does not know pinyin order.");
    QCOMPARE(sorted,
        QStringList({QStringLiteral("北京"), QStringLiteral("广州"), QStringLiteral("上海"),
            QStringLiteral("Street 9"), QStringLiteral("Street 10")}));
}

GRIDDESK_TEST_MAIN(TestCaseTableModel, QGuiApplication)

#include "tst_casetablemodel.moc"
