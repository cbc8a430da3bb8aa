// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/displaytime.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QLocale>

using namespace GridDesk;

class TestDisplayTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void theInterfaceLanguageWritesTheMoment_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QString>("written");
        QTest::newRow("no language") << QLocale::c() << QStringLiteral("2026-03-04 09:05");
        QTest::newRow("Chinese") << QLocale(QLocale::Chinese, QLocale::China)
                                 << QStringLiteral("2026/3/4 09:05");
    }

    void theInterfaceLanguageWritesTheMoment()
    {
        QFETCH(QLocale, locale);
        QFETCH(QString, written);
        QLocale::setDefault(locale);
        const QDateTime at(QDate(2026, 3, 4), QTime(9, 5, 42));
        QCOMPARE(displayDateTime(at), written);
        QCOMPARE(displayDateTime(QDateTime()), QString());
    }

    void englishHasTheMonthFirstAndTheWholeYear()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QString written = displayDateTime(QDateTime(QDate(2026, 3, 4), QTime(21, 5)));
        QVERIFY2(written.startsWith(QLatin1String("3/4/2026 9:05")), qPrintable(written));
        QVERIFY2(written.endsWith(QLatin1String("PM")), qPrintable(written));
        // A date edit shows what the text shows.
        QCOMPARE(QLocale().toString(QDateTime(QDate(2026, 3, 4), QTime(21, 5)),
                     displayDateTimeFormat()),
            written);
    }
};

GRIDDESK_TEST_MAIN(TestDisplayTime, QCoreApplication)

#include "tst_displaytime.moc"
