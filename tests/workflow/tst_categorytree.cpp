// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "support/testsupport.h"

#include "workflow/categorytree.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTest>

using namespace GridDesk;

namespace {

QJsonArray parse(const char *json)
{
    return QJsonDocument::fromJson(json).array();
}

const char *const TREE = R"([
    {"code": "EV", "kind": "event", "name": "Events", "limits": {"handle": "5d"}},
    {"code": "EV.SAN", "parent": "EV", "name": "Sanitation", "unit": "sanitation",
     "limits": {"accept": "30ch"}},
    {"code": "EV.SAN.DUMP", "parent": "EV.SAN", "name": "Illegal dumping",
     "limits": {"handle": "4h"}},
    {"code": "CO", "kind": "component", "name": "Components"},
    {"code": "CO.LAMP", "parent": "CO", "kind": "component", "name": "Street lamp",
     "unit": "lighting"}
])";

} // namespace

class TestCategoryTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitsComeFromTheNearestCategory()
    {
        auto tree = CategoryTree::fromJson(parse(TREE));
        QVERIFY2(tree, Test::why(tree));
        QCOMPARE(tree->limit(QStringLiteral("EV.SAN.DUMP"), Stage::Handle).toText(), "4h");
        QCOMPARE(tree->limit(QStringLiteral("EV.SAN"), Stage::Handle).toText(), "5d");
        QCOMPARE(tree->limit(QStringLiteral("EV.SAN.DUMP"), Stage::Accept).toText(), "30ch");
        const TimeLimit standard = CategoryTree::standardLimits().value(Stage::Verify);
        QCOMPARE(tree->limit(QStringLiteral("EV.SAN.DUMP"), Stage::Verify), standard);
        QCOMPARE(tree->limit(QStringLiteral("unknown"), Stage::Verify), standard);
    }

    void defaultUnitsAndPaths()
    {
        auto tree = CategoryTree::fromJson(parse(TREE));
        QVERIFY2(tree, Test::why(tree));
        QCOMPARE(tree->defaultUnit(QStringLiteral("EV.SAN.DUMP")), QStringLiteral("sanitation"));
        QCOMPARE(tree->defaultUnit(QStringLiteral("EV")), QString());
        QCOMPARE(tree->path(QStringLiteral("EV.SAN.DUMP")),
            QStringList({"EV.SAN.DUMP", "EV.SAN", "EV"}));
        QCOMPARE(tree->category(QStringLiteral("CO.LAMP"))->kind, CategoryKind::Component);
        QCOMPARE(tree->children(QStringLiteral("EV")).size(), 1);
    }

    void jsonRoundTrip()
    {
        auto tree = CategoryTree::fromJson(parse(TREE));
        QVERIFY2(tree, Test::why(tree));
        auto again = CategoryTree::fromJson(tree->toJson());
        QVERIFY2(again, Test::why(again));
        QCOMPARE(again->toJson(), tree->toJson());
        QCOMPARE(again->categories().first().code, QStringLiteral("CO"));
    }

    void badTreesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no code") << QByteArray(R"([{"name": "x"}])") << "category 1";
        QTest::newRow("twice") << QByteArray(R"([{"code": "A"}, {"code": "A"}])") << "twice";
        QTest::newRow("no parent") << QByteArray(R"([{"code": "A", "parent": "B"}])") << "parent B";
        QTest::newRow("cycle") << QByteArray(
            R"([{"code": "A", "parent": "B"}, {"code": "B", "parent": "A"}])")
                               << "own ancestor";
        QTest::newRow("kind") << QByteArray(R"([{"code": "A", "kind": "thing"}])") << "thing";
        QTest::newRow("stage") << QByteArray(R"([{"code": "A", "limits": {"lunch": "1h"}}])")
                               << "lunch";
        QTest::newRow("limit as number")
            << QByteArray(R"([{"code": "A", "limits": {"handle": 5}}])") << "as text";
        QTest::newRow("limit") << QByteArray(R"([{"code": "A", "limits": {"handle": "soon"}}])")
                               << "soon";
    }

    void badTreesAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto tree = CategoryTree::fromJson(QJsonDocument::fromJson(json).array());
        QVERIFY(!tree);
        QVERIFY2(tree.error().message.contains(message), qPrintable(tree.error().message));
    }
};

GRIDDESK_TEST_MAIN(TestCategoryTree, QCoreApplication)
#include "tst_categorytree.moc"
