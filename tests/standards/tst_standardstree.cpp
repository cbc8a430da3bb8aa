// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standards/standardstree.h"
#include "standards/traceability.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace GridDesk;

namespace {

/// A clause of the fixture: its number and its heading, empty when the clause is a
/// requirement sentence without one.
struct Clause
{
    QString number;
    QString heading;
};

QList<Clause> fixtureClauses()
{
    QFile file(Test::dataPath(QStringLiteral("standards/clauses.txt")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Clause> clauses;
    for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        clauses << Clause {line.section(u'\t', 0, 0), line.section(u'\t', 1)};
    }
    return clauses;
}

/// The code the scheme gives a clause: JC100/TG200/GL200/GZ300 for sections 5–8, the second
/// and third numbers as digits, deeper numbers appended as "-N".
QString expectedCode(const QString &clause)
{
    const QStringList parts = clause.split(u'.');
    const QString prefix = QStringList {QStringLiteral("JC1"), QStringLiteral("TG2"),
        QStringLiteral("GL2"), QStringLiteral("GZ3")}
                               .at(parts.first().toInt() - 5);
    if (parts.size() == 1)
        return prefix + QStringLiteral("00");
    if (parts.size() == 2)
        return prefix + parts.at(1) + u'0';
    QString code = prefix + parts.at(1) + parts.at(2);
    for (qsizetype i = 3; i < parts.size(); ++i)
        code += u'-' + parts.at(i);
    return code;
}

QString parentClause(const QString &clause)
{
    return clause.contains(u'.') ? clause.section(u'.', 0, -2) : QString();
}

/// The standard's sentences (split at full stops, semicolons, colons and line ends, clause
/// numbers and list marks removed), for checking that no summary copies one.
QSet<QString> standardSentences(const QString &text)
{
    static const QRegularExpression splitter(QStringLiteral("[。；;：:\\n]"));
    static const QRegularExpression lead(QStringLiteral("^[-—\\s]*([0-9.]+\\s*|[a-z0-9]\\)\\s*)?"));
    QSet<QString> sentences;
    for (QString sentence : text.split(splitter)) {
        sentence.remove(lead);
        sentence = sentence.trimmed();
        if (sentence.size() >= 6)
            sentences.insert(sentence);
    }
    return sentences;
}

StandardsTree shippedTree()
{
    auto tree = StandardsTree::shipped();
    if (!tree)
        qFatal("shipped tree: %s", qPrintable(tree.error().message));
    return *tree;
}

} // namespace

class TestStandardsTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyClauseOfTheStandardIsPresentOnce()
    {
        const QList<Clause> clauses = fixtureClauses();
        QVERIFY(clauses.size() > 140);
        const StandardsTree tree = shippedTree();
        QCOMPARE(tree.size(), clauses.size());

        QSet<QString> seen;
        for (qint64 id : tree.preorder()) {
            const QString clause = tree.node(id)->clause;
            QVERIFY2(!seen.contains(clause), qPrintable(clause));
            seen.insert(clause);
        }
        for (const Clause &clause : clauses)
            QVERIFY2(seen.contains(clause.number), qPrintable(clause.number));
    }

    void treeOrderFollowsTheStandard()
    {
        QStringList expected;
        for (const Clause &clause : fixtureClauses())
            expected << clause.number;
        const StandardsTree tree = shippedTree();
        QStringList actual;
        for (qint64 id : tree.preorder())
            actual << tree.node(id)->clause;
        QCOMPARE(actual, expected);
    }

    void codesAreUniqueWellFormedAndFollowTheScheme()
    {
        static const QRegularExpression pattern(
            QStringLiteral("^(JC100|TG200|GL200|GZ300|(JC1|TG2|GL2|GZ3)[1-9]0|"
                           "(JC1|TG2|GL2|GZ3)[1-9][1-9](-[1-9][0-9]*)*)$"));
        const StandardsTree tree = shippedTree();
        QSet<QString> codes;
        for (qint64 id : tree.preorder()) {
            const StandardNode &node = *tree.node(id);
            QVERIFY2(pattern.match(node.code).hasMatch(), qPrintable(node.code));
            QVERIFY(StandardsTree::isWellFormedCode(node.code));
            QVERIFY2(!codes.contains(node.code), qPrintable(node.code));
            codes.insert(node.code);
            QCOMPARE(node.code, expectedCode(node.clause));
            QCOMPARE(tree.nodeByCode(node.code), &node);
        }
        QCOMPARE(tree.nodeByClause(QStringLiteral("6.4.6"))->code, QStringLiteral("TG246"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("7.9"))->code, QStringLiteral("GL290"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("8.7"))->code, QStringLiteral("GZ370"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("6.4.6.1"))->code, QStringLiteral("TG246-1"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("7.5.1.3.1"))->code, QStringLiteral("GL251-3-1"));
    }

    void parentsFollowTheClauseNumbering()
    {
        const StandardsTree tree = shippedTree();
        QCOMPARE(tree.roots().size(), 4);
        for (qint64 id : tree.preorder()) {
            const StandardNode &node = *tree.node(id);
            const QString parent = parentClause(node.clause);
            if (parent.isEmpty()) {
                QCOMPARE(node.parentId, 0);
                continue;
            }
            QVERIFY2(tree.node(node.parentId), qPrintable(node.clause));
            QCOMPARE(tree.node(node.parentId)->clause, parent);
            QCOMPARE(node.depth, node.clause.count(u'.') + 1);
            QCOMPARE(tree.children(node.parentId).at(tree.row(id)), id);
        }
        QCOMPARE(tree.path(tree.nodeByCode(QStringLiteral("GL283-1-1"))->id),
            QStringList({"GL200", "GL280", "GL283", "GL283-1", "GL283-1-1"}));
    }

    void everyNodeHasBothTitlesAndOneSentenceSummaries()
    {
        const StandardsTree tree = shippedTree();
        for (qint64 id : tree.preorder()) {
            const StandardNode &node = *tree.node(id);
            const char *clause = qPrintable(node.clause);
            QVERIFY2(!node.titleZh.isEmpty() && !node.titleEn.isEmpty(), clause);
            QVERIFY2(!node.summaryZh.isEmpty() && !node.summaryEn.isEmpty(), clause);
            QVERIFY2(node.summaryZh.endsWith(u'。') && node.summaryZh.count(u'。') == 1,
                qPrintable(node.clause + u' ' + node.summaryZh));
            QVERIFY2(node.summaryEn.endsWith(u'.') && !node.summaryEn.contains(QLatin1String(". ")),
                qPrintable(node.clause + u' ' + node.summaryEn));
            QVERIFY2(
                !node.titleEn.contains(QRegularExpression(QStringLiteral("[\\x{4e00}-\\x{9fff}]"))),
                clause);
        }
    }

    void headingsAreTheStandards()
    {
        const StandardsTree tree = shippedTree();
        int headings = 0;
        for (const Clause &clause : fixtureClauses()) {
            if (clause.heading.isEmpty())
                continue;
            ++headings;
            QCOMPARE(tree.nodeByClause(clause.number)->titleZh, clause.heading);
        }
        QVERIFY(headings > 60);
        QCOMPARE(
            tree.nodeByClause(QStringLiteral("6.4.1.1"))->titleZh, QStringLiteral("信息员配备"));
    }

    void noSummaryCopiesASentenceOfTheStandard()
    {
        QFile file(QStringLiteral(GRIDDESK_STANDARD_TEXT));
        if (!file.open(QIODevice::ReadOnly))
            QSKIP("The standard's text is not beside this checkout.");
        const QSet<QString> sentences = standardSentences(QString::fromUtf8(file.readAll()));
        QVERIFY(sentences.size() > 200);
        QVERIFY(sentences.contains(QStringLiteral("应为每一个网格配备专兼职信息员")));

        const StandardsTree tree = shippedTree();
        for (qint64 id : tree.preorder()) {
            const StandardNode &node = *tree.node(id);
            QString summary = node.summaryZh;
            summary.chop(1);
            QVERIFY2(!sentences.contains(summary), qPrintable(node.clause));
            for (const QString &sentence : sentences) {
                if (sentence.size() >= 14)
                    QVERIFY2(!node.summaryZh.contains(sentence),
                        qPrintable(node.clause + u' ' + sentence));
            }
        }
    }

    void aCodeThatDisagreesWithItsClauseIsRefused()
    {
        const QByteArray json = R"({"nodes": [{"code": "JC100", "clause": "5",
            "title": {"zh": "a", "en": "a"}, "children": [{"code": "JC120", "clause": "5.1",
            "title": {"zh": "b", "en": "b"}}]}]})";
        auto tree = StandardsTree::fromJson(json);
        QVERIFY(!tree);
        QVERIFY2(tree.error().message.contains(QLatin1String("JC110")),
            qPrintable(tree.error().message));
    }

    void addingACategoryGivesItTheNextCode()
    {
        StandardsTree tree = shippedTree();
        auto id = tree.addCategory(QStringLiteral("TG240"),
            {QStringLiteral("夜间巡查"), QStringLiteral("Night patrols"), {}, {}});
        QVERIFY2(id, Test::why(id).constData());
        QCOMPARE(tree.node(*id)->code, QStringLiteral("TG247"));
        QVERIFY(tree.node(*id)->clause.isEmpty());
        QCOMPARE(tree.pendingChanges().size(), 1);
        QCOMPARE(tree.pendingChanges().first().action, QStringLiteral("add"));

        auto deeper = tree.addCategory(QStringLiteral("TG246-1"),
            {QStringLiteral("子项"), QStringLiteral("Sub-item"), {}, {}});
        QVERIFY(deeper);
        QCOMPARE(tree.node(*deeper)->code, QStringLiteral("TG246-1-1"));
    }

    void aTenthDigitCategoryIsRefused()
    {
        StandardsTree tree = shippedTree();
        // GL200 already has GL210 … GL290: a tenth subsystem has no digit left.
        auto id = tree.addCategory(
            QStringLiteral("GL200"), {QStringLiteral("新"), QStringLiteral("New"), {}, {}});
        QVERIFY(!id);
        QVERIFY2(
            id.error().message.contains(QLatin1String("1 to 9")), qPrintable(id.error().message));
        QVERIFY(tree.pendingChanges().isEmpty());
        auto untitled =
            tree.addCategory(QStringLiteral("GZ300"), {QStringLiteral("新"), {}, {}, {}});
        QVERIFY(!untitled);
    }

    void removalIsRefusedWithTheReason()
    {
        StandardsTree tree = shippedTree();
        auto root = tree.removeCategory(QStringLiteral("TG200"));
        QVERIFY(!root);
        QVERIFY(root.error().message.contains(QLatin1String("sub-system")));
        auto parent = tree.removeCategory(QStringLiteral("TG246"));
        QVERIFY(!parent);
        QVERIFY2(parent.error().message.contains(QLatin1String("4 sub-categories")),
            qPrintable(parent.error().message));

        AttachedStandard standard;
        standard.id = 7;
        standard.nodeId = tree.nodeByCode(QStringLiteral("TG246-4"))->id;
        standard.number = QStringLiteral("GB/T 34300-2017");
        tree.setAttached({standard});
        auto attached = tree.removeCategory(QStringLiteral("TG246-4"));
        QVERIFY(!attached);
        QVERIFY2(attached.error().message.contains(QLatin1String("attached")),
            qPrintable(attached.error().message));
        QCOMPARE(tree.size(), 153);

        QVERIFY(tree.removeCategory(QStringLiteral("TG246-3")));
        QCOMPARE(tree.size(), 152);
        QVERIFY(!tree.nodeByCode(QStringLiteral("TG246-3")));
        QCOMPARE(tree.nodeByCode(QStringLiteral("TG246-4"))->clause, QStringLiteral("6.4.6.4"));
    }

    void renumberingRecodesTheSubtree()
    {
        StandardsTree tree = shippedTree();
        QVERIFY(tree.removeCategory(QStringLiteral("GL280")).error().message.size() > 0);
        const qint64 id = tree.nodeByCode(QStringLiteral("GL283"))->id;
        auto taken = tree.renumber(QStringLiteral("GL283"), QStringLiteral("GL282"));
        QVERIFY(!taken);
        QVERIFY(taken.error().message.contains(QLatin1String("taken")));
        auto elsewhere = tree.renumber(QStringLiteral("GL283"), QStringLiteral("GL296"));
        QVERIFY(!elsewhere);
        auto malformed = tree.renumber(QStringLiteral("GL283"), QStringLiteral("GL2x6"));
        QVERIFY(!malformed);
        QVERIFY2(elsewhere.error().message.contains(QLatin1String("move it")),
            qPrintable(elsewhere.error().message));
        auto tooFar = tree.renumber(QStringLiteral("TG246-1"), QStringLiteral("TG246-1000"));
        QVERIFY(!tooFar);
        QVERIFY2(tooFar.error().message.contains(QLatin1String("from 1 to 999, not 1000")),
            qPrintable(tooFar.error().message));

        auto done = tree.renumber(QStringLiteral("GL283"), QStringLiteral("GL287"));
        QVERIFY2(done, Test::why(done).constData());
        QCOMPARE(tree.node(id)->code, QStringLiteral("GL287"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("7.8.3.1.1"))->code, QStringLiteral("GL287-1-1"));
        QVERIFY(!tree.nodeByCode(QStringLiteral("GL283-1-1")));
        QCOMPARE(tree.children(tree.nodeByCode(QStringLiteral("GL280"))->id).last(), id);
        QCOMPARE(tree.pendingChanges().last().action, QStringLiteral("renumber"));
        QVERIFY(tree.pendingChanges().last().detail.contains(QLatin1String("GL283")));
    }

    void renumberingToItsOwnCodeSaysSo()
    {
        StandardsTree tree = shippedTree();
        auto same = tree.renumber(QStringLiteral("TG246"), QStringLiteral("tg246"));
        QVERIFY(!same);
        QVERIFY2(same.error().message.contains(QLatin1String("already TG246")),
            qPrintable(same.error().message));
        QVERIFY(tree.pendingChanges().isEmpty());
    }

    void titlesAreOneLineOfText_data()
    {
        QTest::addColumn<QString>("titleZh");
        QTest::addColumn<QString>("titleEn");
        QTest::newRow("line break") << QStringLiteral("夜间\n巡查") << QStringLiteral("Night");
        QTest::newRow("carriage return") << QStringLiteral("夜间") << QStringLiteral("Ni\rght");
        QTest::newRow("escape") << QStringLiteral("夜间") << QStringLiteral("\x1b[2JNight");
    }

    void titlesAreOneLineOfText()
    {
        QFETCH(QString, titleZh);
        QFETCH(QString, titleEn);
        StandardsTree tree = shippedTree();
        auto id = tree.addCategory(QStringLiteral("TG240"), {titleZh, titleEn, {}, {}});
        QVERIFY(!id);
        QVERIFY2(
            id.error().message.contains(QLatin1String("one line")), qPrintable(id.error().message));
        QVERIFY(tree.pendingChanges().isEmpty());
    }

    void nodesCutOffByACycleAreNamed()
    {
        QList<StandardNode> nodes;
        const StandardsTree shipped = shippedTree();
        for (qint64 id : shipped.preorder())
            nodes << *shipped.node(id);
        const qint64 tg246 = shipped.nodeByCode(QStringLiteral("TG246"))->id;
        const qint64 tg2461 = shipped.nodeByCode(QStringLiteral("TG246-1"))->id;
        for (StandardNode &node : nodes) {
            if (node.id == tg246)
                node.parentId = tg2461;
        }
        auto tree = StandardsTree::fromNodes(nodes);
        QVERIFY(!tree);
        QVERIFY2(tree.error().message.contains(QLatin1String("6.4.6"))
                && tree.error().message.contains(QLatin1String("6.4.6.1")),
            qPrintable(tree.error().message));
    }

    void movingRecodesAndRefusesCycles()
    {
        StandardsTree tree = shippedTree();
        auto cycle = tree.moveCategory(QStringLiteral("GL283"), QStringLiteral("GL283-1"));
        QVERIFY(!cycle);
        auto root = tree.moveCategory(QStringLiteral("GL200"), QStringLiteral("TG200"));
        QVERIFY(!root);

        auto moved = tree.moveCategory(QStringLiteral("GL283-2"), QStringLiteral("TG240"));
        QVERIFY2(moved, Test::why(moved).constData());
        QCOMPARE(tree.nodeByClause(QStringLiteral("7.8.3.2"))->code, QStringLiteral("TG247"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("7.8.3.2.2"))->code, QStringLiteral("TG247-2"));
        QCOMPARE(tree.nodeByClause(QStringLiteral("7.8.3.2"))->depth, 3);

        // A subsystem moved under a sub-system would need a tenth digit there.
        auto full = tree.moveCategory(QStringLiteral("TG240"), QStringLiteral("GL200"));
        QVERIFY(!full);
        QVERIFY(full.error().message.contains(QLatin1String("GL200")));
        QCOMPARE(tree.nodeByClause(QStringLiteral("6.4"))->code, QStringLiteral("TG240"));
    }

    void everyTracedClauseIsInTheTree()
    {
        const StandardsTree tree = shippedTree();
        QCOMPARE(unknownImplementedClauses(tree), QStringList());
        QVERIFY(!implementationsOf(QStringLiteral("6.4.6.1")).isEmpty());
        QVERIFY(implementationsOf(QStringLiteral("7.4.1")).isEmpty());
        for (const Implementation &part : implementations()) {
            QFile source(QStringLiteral(GRIDDESK_SOURCE_DIR "/") + part.location);
            QVERIFY2(source.exists(), qPrintable(part.location));
        }
    }
};

GRIDDESK_TEST_MAIN(TestStandardsTree, QCoreApplication)
#include "tst_standardstree.moc"
