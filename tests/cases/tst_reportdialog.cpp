// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/reportdialog.h"

#include "support/testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>

using namespace GridDesk;

class TestReportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksWhatAndWhere_data();
    void checksWhatAndWhere();
    void submitsTheCase();
    void mapPickFillsTheLocation();

private:
    static CategoryTree categories();
};

CategoryTree TestReportDialog::categories()
{
    return *CategoryTree::build({
        {QStringLiteral("road"), {}, CategoryKind::Event, QStringLiteral("Road damage"), {}, {}},
        {QStringLiteral("lamp"), {}, CategoryKind::Component, QStringLiteral("Street lamp"), {},
            {}},
    });
}

void TestReportDialog::checksWhatAndWhere_data()
{
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("problem"); // part of the message; empty: none
    QTest::newRow("no category") << ""
                                 << "1 Main St"
                                 << ""
                                 << "category";
    QTest::newRow("unknown category") << "Graffiti"
                                      << "1 Main St"
                                      << ""
                                      << "category";
    QTest::newRow("nowhere") << "lamp"
                             << ""
                             << ""
                             << "Say where";
    QTest::newRow("bad location") << "lamp"
                                  << ""
                                  << "121.5"
                                  << "longitude, latitude";
    QTest::newRow("out of range") << "lamp"
                                  << ""
                                  << "200, 25"
                                  << "longitude, latitude";
    QTest::newRow("address only") << "lamp"
                                  << "1 Main St"
                                  << ""
                                  << "";
    QTest::newRow("location only") << "Street lamp (lamp)"
                                   << ""
                                   << "121.56 24.98"
                                   << "";
}

void TestReportDialog::checksWhatAndWhere()
{
    QFETCH(QString, category);
    QFETCH(QString, address);
    QFETCH(QString, location);
    QFETCH(QString, problem);
    ReportDialog dialog(categories());
    dialog.findChild<QComboBox *>(QStringLiteral("category"))->setEditText(category);
    dialog.findChild<QLineEdit *>(QStringLiteral("address"))->setText(address);
    dialog.findChild<QLineEdit *>(QStringLiteral("location"))->setText(location);
    if (problem.isEmpty())
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    else
        QVERIFY2(dialog.problem().contains(problem), qPrintable(dialog.problem()));
}

void TestReportDialog::submitsTheCase()
{
    ReportDialog dialog(categories());
    QSignalSpy submitted(&dialog, &ReportDialog::submitted);
    auto *submit = dialog.findChild<QPushButton *>(QStringLiteral("submit"));
    QTest::mouseClick(submit, Qt::LeftButton);
    QCOMPARE(submitted.size(), 0);
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("message"))->isHidden());

    auto *category = dialog.findChild<QComboBox *>(QStringLiteral("category"));
    category->setCurrentIndex(category->findData(QStringLiteral("road")));
    dialog.findChild<QLineEdit *>(QStringLiteral("description"))->setText(QStringLiteral("Crack"));
    dialog.findChild<QLineEdit *>(QStringLiteral("location"))
        ->setText(QStringLiteral("121.5654, 25.0330"));
    auto *channel = dialog.findChild<QComboBox *>(QStringLiteral("channel"));
    channel->setCurrentIndex(channel->findData(QStringLiteral("video")));
    QTest::mouseClick(submit, Qt::LeftButton);
    QCOMPARE(submitted.size(), 1);
    const auto record = submitted.at(0).at(0).value<CaseRecord>();
    QCOMPARE(record.category, QStringLiteral("road"));
    QCOMPARE(record.descriptor, QStringLiteral("Crack"));
    QCOMPARE(record.source, QStringLiteral("video"));
    QVERIFY(record.location);
    QCOMPARE(record.location->lon, 121.5654);
    QCOMPARE(record.location->lat, 25.0330);
}

void TestReportDialog::mapPickFillsTheLocation()
{
    ReportDialog dialog(categories());
    QSignalSpy picking(&dialog, &ReportDialog::pickOnMapRequested);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("pickOnMap")), Qt::LeftButton);
    QCOMPARE(picking.size(), 1);
    dialog.setLocation(GeoPoint {121.5, 25.0});
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("location"))->text(),
        QStringLiteral("121.500000, 25.000000"));
    QCOMPARE(dialog.record().location->lat, 25.0);
}

GRIDDESK_TEST_MAIN(TestReportDialog, QApplication)

#include "tst_reportdialog.moc"
