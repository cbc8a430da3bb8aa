// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsedit/standardsdocument.h"
#include "standardsedit/standardsfilter.h"
#include "standardsedit/standardstreemodel.h"

#include "standardseditfixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFont>
#include <QUndoStack>

using namespace GridDesk;

namespace {

StandardsTree shippedTree()
{
    auto tree = StandardsTree::shipped();
    if (!tree)
        qFatal("the shipped standards tree does not load: %s", qPrintable(tree.error().message));
    return *tree;
}

/// The codes the filter shows, in tree order.
QStringList visibleCodes(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList codes;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        codes << index.data().toString() << visibleCodes(model, index);
    }
    return codes;
}

} // namespace

class TestStandardsTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTesterThroughEdits()
    {
        StandardsDocument document;
        document.setTree(shippedTree());
        document.setUser(QStringLiteral("Leader Liu"), QStringLiteral("leader"));
        StandardsTreeModel model;
        model.setTree(document.tree());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StandardsFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&document, &StandardsDocument::treeChanged, &model,
            [&] { model.setTree(document.tree()); });

        QCOMPARE(model.rowCount(), 4);
        qint64 added = 0;
        QVERIFY(
            document.apply(QStringLiteral("add"), [&added](StandardsTree &tree) -> Result<void> {
                auto id = tree.addCategory(QStringLiteral("GL251"),
                    {QStringLiteral("新类"), QStringLiteral("New one"), {}, {}});
                added = id.value_or(0);
                if (!id)
                    return Result<void>(std::unexpected(id.error()));
                return Result<void>();
            }));
        filter.setSearch(QStringLiteral("new one"));
        const QString addedCode = model.tree().node(added)->code;
        QCOMPARE(visibleCodes(filter), (QStringList {"GL200", "GL250", "GL251", addedCode}));
        QVERIFY(document.apply(QStringLiteral("move"), [&addedCode](StandardsTree &tree) {
            return tree.moveCategory(addedCode, QStringLiteral("JC100"));
        }));
        QCOMPARE(visibleCodes(filter), (QStringList {"JC100", model.tree().node(added)->code}));
        document.undoStack()->undo();
        document.undoStack()->undo();
        QVERIFY(visibleCodes(filter).isEmpty());
        filter.setSearch({});
        QCOMPARE(model.tree().size(), 153);
        QCOMPARE(visibleCodes(filter).size(), 153);
    }

    void shippedTreeMatchesTheGolden()
    {
        StandardsTreeModel model;
        model.setChinese(false);
        model.setTree(shippedTree());
        QVERIFY(Test::matchesGolden(Test::dumpTree(model), QStringLiteral("shipped_tree_en.txt")));
    }

    void titlesFollowTheLanguage()
    {
        StandardsTreeModel model;
        model.setTree(shippedTree());
        model.setChinese(true);
        const auto title = int(StandardsTreeModel::Column::Title);
        const QModelIndex basics = model.index(0, title);
        QCOMPARE(basics.data().toString(), QStringLiteral("通用基础标准分体系"));
        QCOMPARE(basics.data(Qt::ToolTipRole).toString(),
            QStringLiteral("General basics standards sub-system"));
        model.setChinese(false);
        QCOMPARE(model.index(0, title).data().toString(),
            QStringLiteral("General basics standards sub-system"));
    }

    void unimplementedClausesLookDistinct()
    {
        StandardsTreeModel model;
        model.setTree(shippedTree());
        const auto implemented = int(StandardsTreeModel::Column::ImplementedBy);
        const StandardNode *loop = model.tree().nodeByClause(QStringLiteral("6.4.6.1"));
        QVERIFY(loop);
        const QModelIndex loopIndex = model.indexOf(loop->id, implemented);
        QVERIFY(loopIndex.data().toInt() >= 2);
        QVERIFY(!loopIndex.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(!loopIndex.data(Qt::ForegroundRole).isValid());

        const StandardNode *adapting = model.tree().nodeByClause(QStringLiteral("6.4.6.3"));
        QVERIFY(adapting);
        const QModelIndex quiet = model.indexOf(adapting->id, implemented);
        QCOMPARE(quiet.data().toInt(), 0);
        QVERIFY(quiet.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(quiet.data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.indexOf(adapting->id).data(Qt::ToolTipRole).toString(),
            QStringLiteral("Nothing in GridDesk implements this clause yet."));
    }

    void searchKeepsAncestorsAndFindsAttachedStandards_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("codes");
        QTest::newRow("code") << "GL251-3-2"
                              << QStringList {"GL200", "GL250", "GL251", "GL251-3", "GL251-3-2"};
        QTest::newRow("chinese title")
            << "七步闭环" << QStringList {"TG200", "TG240", "TG246", "TG246-1"};
        QTest::newRow("english title, any case")
            << "SEVEN-STEP closed" << QStringList {"TG200", "TG240", "TG246", "TG246-1"};
        QTest::newRow("attached number") << "gb/t 34300" << QStringList {"JC100", "JC110", "JC112"};
        QTest::newRow("attached title")
            << "grid management specification" << QStringList {"JC100", "JC110", "JC112"};
        QTest::newRow("nothing") << "no such words anywhere" << QStringList {};
    }

    void searchKeepsAncestorsAndFindsAttachedStandards()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, codes);
        StandardsTree tree = shippedTree();
        AttachedStandard standard;
        standard.id = 7;
        standard.nodeId = tree.nodeByCode(QStringLiteral("JC112"))->id;
        standard.number = QStringLiteral("GB/T 34300-2017");
        standard.title = QStringLiteral("City grid management specification");
        tree.setAttached({standard});
        StandardsTreeModel model;
        model.setTree(tree);
        StandardsFilter filter;
        filter.setSourceModel(&model);
        filter.setSearch(search);
        QCOMPARE(visibleCodes(filter), codes);
    }

    void attachedStandardsShowInTheirColumn()
    {
        StandardsTree tree = shippedTree();
        AttachedStandard standard;
        standard.id = 3;
        standard.nodeId = tree.nodeByCode(QStringLiteral("JC112"))->id;
        standard.number = QStringLiteral("DB11/T 1234-2020");
        standard.title = QStringLiteral("Local grid rules");
        tree.setAttached({standard});
        StandardsTreeModel model;
        model.setTree(tree);
        const QModelIndex cell =
            model.indexOf(standard.nodeId, int(StandardsTreeModel::Column::Standards));
        QCOMPARE(cell.data().toInt(), 1);
        QVERIFY(cell.data(Qt::DecorationRole).isValid());
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), QStringLiteral("DB11/T 1234-2020"));
    }
};

GRIDDESK_TEST_MAIN(TestStandardsTreeModel, QApplication)

#include "tst_standardstreemodel.moc"
