// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "domain/text.h"

#include "support/testsupport.h"

#include <QCoreApplication>

using namespace GridDesk;

class TestText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvFieldsAreQuotedAndNeverFormulas_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain") << QStringLiteral("Chaoyang") << QStringLiteral("Chaoyang");
        QTest::newRow("comma") << QStringLiteral("1, 2") << QStringLiteral("\"1, 2\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"")
                               << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("line break") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"x\")")
                                 << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("plus") << QStringLiteral("+1 555") << QStringLiteral("'+1 555");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("empty") << QString() << QString();
    }

    void csvFieldsAreQuotedAndNeverFormulas()
    {
        QFETCH(QString, text);
        QFETCH(QString, field);
        QCOMPARE(csvField(text), field);
    }
};

GRIDDESK_TEST_MAIN(TestText, QCoreApplication)
#include "tst_text.moc"
