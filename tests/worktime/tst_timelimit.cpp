// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "worktime/timelimit.h"

#include "support/testsupport.h"

#include <QCoreApplication>

#include <limits>

using namespace GridDesk;

using Unit = TimeLimit::Unit;
Q_DECLARE_METATYPE(TimeLimit::Unit)

class TestTimeLimit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("amount");
        QTest::addColumn<Unit>("unit");
        QTest::newRow("working hours") << "4h" << 4.0 << Unit::WorkingHours;
        QTest::newRow("working days") << "3d" << 3.0 << Unit::WorkingDays;
        QTest::newRow("calendar hours") << "48ch" << 48.0 << Unit::CalendarHours;
        QTest::newRow("half days") << "1.5d" << 1.5 << Unit::WorkingDays;
        QTest::newRow("quarter hour") << "0.25h" << 0.25 << Unit::WorkingHours;
        QTest::newRow("tenth") << "0.1ch" << 0.1 << Unit::CalendarHours;
        QTest::newRow("largest") << "100000d" << 100000.0 << Unit::WorkingDays;
    }
    void textRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(double, amount);
        QFETCH(Unit, unit);

        const auto limit = TimeLimit::parse(text);
        QVERIFY2(limit, Test::why(limit));
        QCOMPARE(limit->amount, amount);
        QCOMPARE(limit->unit, unit);
        QVERIFY(limit->isValid());
        QCOMPARE(limit->toText(), text);
        QVERIFY(TimeLimit::parse(limit->toText()) == *limit);
    }

    void equivalentSpellingsReadTheSame_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("trailing zero") << "1.50d"
                                       << "1.5d";
        QTest::newRow("leading zero") << "04h"
                                      << "4h";
        QTest::newRow("whole decimal") << "2.0ch"
                                       << "2ch";
        QTest::newRow("surrounding spaces") << "  8h "
                                            << "8h";
    }
    void equivalentSpellingsReadTheSame()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto limit = TimeLimit::parse(text);
        QVERIFY2(limit, Test::why(limit));
        QCOMPARE(limit->toText(), canonical);
    }

    void malformedTextIsRejected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("number only") << "4";
        QTest::newRow("unit only") << "h";
        QTest::newRow("unknown unit") << "4x";
        QTest::newRow("word unit") << "4 hours";
        QTest::newRow("space inside") << "4 h";
        QTest::newRow("upper case") << "4H";
        QTest::newRow("negative") << "-1h";
        QTest::newRow("zero") << "0h";
        QTest::newRow("zero decimal") << "0.0d";
        QTest::newRow("decimal comma") << "1,5d";
        QTest::newRow("exponent") << "1e3h";
        QTest::newRow("bare point") << ".5d";
        QTest::newRow("doubled unit") << "4hh";
        QTest::newRow("too long") << "100001d";
    }
    void malformedTextIsRejected()
    {
        QFETCH(QString, text);
        const auto limit = TimeLimit::parse(text);
        QVERIFY(!limit);
        QCOMPARE(limit.error().code, ErrorCode::InvalidArgument);
        const QString quotedText = QStringLiteral("\"%1\"").arg(text);
        QVERIFY2(limit.error().message.contains(quotedText), qPrintable(limit.error().message));
    }

    void validity_data()
    {
        QTest::addColumn<double>("amount");
        QTest::addColumn<bool>("valid");
        QTest::newRow("positive") << 2.5 << true;
        QTest::newRow("tiny") << 0.001 << true;
        QTest::newRow("zero") << 0.0 << false;
        QTest::newRow("negative") << -1.0 << false;
        QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << false;
        QTest::newRow("infinite") << std::numeric_limits<double>::infinity() << false;
    }
    void validity()
    {
        QFETCH(double, amount);
        QFETCH(bool, valid);
        const TimeLimit limit {amount, Unit::WorkingDays};
        QCOMPARE(limit.isValid(), valid);
        QCOMPARE(limit.toText().isEmpty(), !valid);
    }

    void defaultLimitIsInvalid()
    {
        QVERIFY(!TimeLimit().isValid());
        QCOMPARE(TimeLimit().toText(), QString());
    }
};

GRIDDESK_TEST_MAIN(TestTimeLimit, QCoreApplication)
#include "tst_timelimit.moc"
