// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/reportdialog.h"

#include "support/testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
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
    void offersTheFindersEntriesAndKeepsTicks();
    void aReporterIsChosenFromThoseFound();

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

void TestReportDialog::offersTheFindersEntriesAndKeepsTicks()
{
    ReportDialog dialog(categories());
    QList<std::pair<std::optional<GeoPoint>, QString>> asked;
    dialog.setEntryFinder([&asked](const std::optional<GeoPoint> &point, const QString &address) {
        asked.append({point, address});
        QList<OfferedEntry> offers;
        if (point)
            offers << OfferedEntry {QStringLiteral("TH-000001"), QStringLiteral("物"),
                QStringLiteral("Lamp 7"), {}, 10.4};
        if (!address.isEmpty())
            offers << OfferedEntry {QStringLiteral("PL-000001"), QStringLiteral("地"),
                QStringLiteral("Station tower"), address, std::nullopt};
        return offers;
    });
    QListWidget *offered = dialog.offeredEntries();
    QCOMPARE(offered->count(), 0);
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("noRegisterEntries"))->isHidden());

    // Typing starts a look-up a moment later, not at every key.
    dialog.findChild<QLineEdit *>(QStringLiteral("location"))
        ->setText(QStringLiteral("121.5654, 25.0330"));
    const qsizetype before = asked.size();
    QTRY_COMPARE(offered->count(), 1);
    QCOMPARE(asked.size(), before + 1);
    QCOMPARE(offered->item(0)->text(), QStringLiteral("物 Lamp 7 · 10 m"));
    offered->item(0)->setCheckState(Qt::Checked);

    dialog.findChild<QLineEdit *>(QStringLiteral("address"))->setText(QStringLiteral("1 Main St"));
    dialog.refreshOffers();
    QCOMPARE(offered->count(), 2);
    QCOMPARE(asked.last().second, QStringLiteral("1 Main St"));
    QCOMPARE(dialog.chosenEntries(), QStringList({QStringLiteral("TH-000001")}));
    offered->item(1)->setCheckState(Qt::Checked);
    QCOMPARE(dialog.chosenEntries(),
        QStringList({QStringLiteral("TH-000001"), QStringLiteral("PL-000001")}));

    // An entry no longer offered is no longer chosen.
    dialog.findChild<QLineEdit *>(QStringLiteral("location"))->clear();
    dialog.refreshOffers();
    QCOMPARE(dialog.chosenEntries(), QStringList({QStringLiteral("PL-000001")}));
}

void TestReportDialog::aReporterIsChosenFromThoseFound()
{
    ReportDialog dialog(categories());
    QStringList asked;
    dialog.setReporterFinder([&asked](const QString &typed) {
        asked << typed;
        return typed.startsWith(QLatin1String("0912"))
            ? QList<OfferedEntry> {{QStringLiteral("PE-000001"), QStringLiteral("人"),
                QStringLiteral("王**"), QStringLiteral("忠孝西路一******"), std::nullopt}}
            : QList<OfferedEntry>();
    });
    auto *reporter = dialog.findChild<QLineEdit *>(QStringLiteral("reporter"));
    QListWidget *matches = dialog.reporterMatches();
    QTest::keyClicks(reporter, QStringLiteral("0912"));
    QTRY_COMPARE(matches->count(), 1);
    QCOMPARE(asked.last(), QStringLiteral("0912"));
    QVERIFY(!matches->isHidden());
    QCOMPARE(dialog.chosenReporter(), QString());

    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(matches->viewport(), Qt::LeftButton, {},
        matches->visualItemRect(matches->item(0)).center());
    QCOMPARE(dialog.chosenReporter(), QStringLiteral("PE-000001"));
    QVERIFY(matches->isHidden());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("reporterChosen"))
                ->text()
                .contains(QLatin1String("PE-000001")));

    // Typing again drops the choice: the reporter is someone else.
    QTest::keyClicks(reporter, QStringLiteral("9"));
    QCOMPARE(dialog.chosenReporter(), QString());
    QTRY_VERIFY(asked.last() == QStringLiteral("09129"));
}

GRIDDESK_TEST_MAIN(TestReportDialog, QApplication)

#include "tst_reportdialog.moc"
