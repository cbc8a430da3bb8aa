// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/casetablemodel.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>

using namespace GridDesk;
using Column = CaseTableModel::Column;
using Role = CaseTableModel::Role;

class TestCaseTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester();
    void dump();
    void sortValuesAreRaw();
    void rowOf();
    void resetOnSetCases();
};

namespace {
QString dumpModel(const QAbstractItemModel &model)
{
    QStringList lines;
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal).toString();
    lines << header.join(QLatin1Char('|'));
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column)
            cells << model.index(row, column).data().toString();
        lines << cells.join(QLatin1Char('|'));
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

void TestCaseTableModel::passesModelTester()
{
    CaseTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCases(Test::fixtureCases());
    model.setCases({});
    model.setCases(Test::fixtureCases());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(Column::Count));
}

void TestCaseTableModel::dump()
{
    CaseTableModel model;
    model.setCases(Test::fixtureCases());
    const QString expected =
        QStringLiteral("Case|Category|Status|Created|Grid|Agency|Flags\n"
                       "900|Noise - Residential|Open|2011-03-02 09:30|101|NYPD|\n"
                       "80|Street Light Condition|Closed|2011-01-15 09:30|102|DOT|\n"
                       "1000|Blocked Driveway|Closed|2010-12-31 09:30||NYPD|no_location\n"
                       "7|Illegal Parking|Assigned|2011-02-01 09:30|101|NYPD|");
    QCOMPARE(dumpModel(model), expected);
}

void TestCaseTableModel::sortValuesAreRaw()
{
    CaseTableModel model;
    model.setCases(Test::fixtureCases());
    const QVariant id = model.index(1, int(Column::Id)).data(int(Role::Sort));
    QCOMPARE(id.typeId(), QMetaType::LongLong);
    QCOMPARE(id.toLongLong(), 80);
    const QVariant created = model.index(0, int(Column::Created)).data(int(Role::Sort));
    QCOMPARE(created.typeId(), QMetaType::QDateTime);
    QCOMPARE(created.toDateTime().date(), QDate(2011, 3, 2));
    QCOMPARE(model.index(3, int(Column::Agency)).data(int(Role::CaseId)).toLongLong(), 4);
    QCOMPARE(model.index(0, int(Column::Status)).data(int(Role::GridCode)).toString(),
        QStringLiteral("101"));
}

void TestCaseTableModel::rowOf()
{
    CaseTableModel model;
    model.setCases(Test::fixtureCases());
    QCOMPARE(model.rowOf(3), std::optional<int>(2));
    QCOMPARE(model.rowOf(99), std::nullopt);
}

void TestCaseTableModel::resetOnSetCases()
{
    CaseTableModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setCases(Test::fixtureCases());
    QCOMPARE(reset.size(), 1);
}

GRIDDESK_TEST_MAIN(TestCaseTableModel, QGuiApplication)

#include "tst_casetablemodel.moc"
