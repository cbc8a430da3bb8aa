// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standards/standardsstore.h"

#include "storage/workspace.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

AttachedStandard standard(const QString &number)
{
    AttachedStandard made;
    made.number = number;
    made.title = QStringLiteral("网格化服务管理规范");
    made.level = StandardLevel::National;
    made.status = StandardStatus::InForce;
    made.published = QDate(2017, 9, 7);
    made.implemented = QDate(2018, 4, 1);
    return made;
}

} // namespace

class TestStandardsStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    std::unique_ptr<Workspace> freshWorkspace()
    {
        auto workspace =
            Workspace::open(m_dir.filePath(QStringLiteral("ws%1.gpkg").arg(++m_files)));
        if (!workspace)
            qFatal("workspace: %s", qPrintable(workspace.error().message));
        return std::move(*workspace);
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void aNewWorkspaceReadsTheShippedTree()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QVERIFY2(tree, Test::why(tree).constData());
        QCOMPARE(tree->size(), 153);
        QVERIFY(!tree->isWorkspaceCopy());
        QVERIFY(tree->allAttached().isEmpty());
    }

    void editsSurviveReopeningWithTheirHistory()
    {
        auto workspace = freshWorkspace();
        const QString path = workspace->path();
        {
            auto tree = StandardsStore::load(*workspace);
            QVERIFY(tree);
            QVERIFY(tree->addCategory(QStringLiteral("TG240"),
                {QStringLiteral("夜间巡查"), QStringLiteral("Night patrols"), {}, {}}));
            QVERIFY(tree->renumber(QStringLiteral("GL283"), QStringLiteral("GL287")));
            QVERIFY(tree->removeCategory(QStringLiteral("TG246-3")));
            auto saved = StandardsStore::save(*workspace, *tree, QStringLiteral("wang"));
            QVERIFY2(saved, Test::why(saved).constData());
            QVERIFY(tree->pendingChanges().isEmpty());
        }
        workspace.reset();
        auto reopened = Workspace::open(path);
        QVERIFY(reopened);
        auto tree = StandardsStore::load(**reopened);
        QVERIFY2(tree, Test::why(tree).constData());
        QVERIFY(tree->isWorkspaceCopy());
        QCOMPARE(tree->size(), 153);
        QCOMPARE(
            tree->nodeByCode(QStringLiteral("TG247"))->titleEn, QStringLiteral("Night patrols"));
        QCOMPARE(
            tree->nodeByClause(QStringLiteral("7.8.3.1.1"))->code, QStringLiteral("GL287-1-1"));
        QVERIFY(!tree->nodeByClause(QStringLiteral("6.4.6.3")));

        auto history = StandardsStore::history(**reopened);
        QVERIFY(history);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).action, QStringLiteral("add"));
        QCOMPARE(history->at(0).code, QStringLiteral("TG247"));
        QCOMPARE(history->at(1).action, QStringLiteral("renumber"));
        QCOMPARE(history->at(2).action, QStringLiteral("remove"));
        for (const StandardsChange &change : *history) {
            QCOMPARE(change.by, QStringLiteral("wang"));
            QVERIFY(change.at.isValid());
            QVERIFY(!change.detail.isEmpty());
        }
    }

    void theHistoryCannotBeRewritten()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QVERIFY(tree->addCategory(
            QStringLiteral("JC100"), {QStringLiteral("甲"), QStringLiteral("A"), {}, {}}));
        QVERIFY(StandardsStore::save(*workspace, *tree, QStringLiteral("li")));
        QSqlQuery query(workspace->database());
        QVERIFY(!query.exec(QStringLiteral("UPDATE standards_history SET by = 'someone'")));
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM standards_history")));
        QCOMPARE(StandardsStore::history(*workspace)->first().by, QStringLiteral("li"));
    }

    void attachingKeepsTheDocumentAndFollowsRenumbering()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        const QByteArray content = QByteArrayLiteral("%PDF-1.4 a standard's text");
        const QString file = writeFile(QStringLiteral("gbt34300.pdf"), content);
        auto id = StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246-1"),
            standard(QStringLiteral("GB/T 34300-2017")), file, QStringLiteral("zhao"));
        QVERIFY2(id, Test::why(id).constData());
        QVERIFY(tree->isWorkspaceCopy());
        QCOMPARE(tree->attached(tree->nodeByCode(QStringLiteral("TG246-1"))->id).size(), 1);
        QCOMPARE(*StandardsStore::document(*workspace, *id), content);

        QVERIFY(tree->renumber(QStringLiteral("TG246"), QStringLiteral("TG247")));
        QVERIFY(StandardsStore::save(*workspace, *tree, QStringLiteral("zhao")));
        auto reread = StandardsStore::load(*workspace);
        QVERIFY(reread);
        const QList<AttachedStandard> attached =
            reread->attached(reread->nodeByCode(QStringLiteral("TG247-1"))->id);
        QCOMPARE(attached.size(), 1);
        QCOMPARE(attached.first().number, QStringLiteral("GB/T 34300-2017"));
        QCOMPARE(attached.first().fileName, QStringLiteral("gbt34300.pdf"));
        QCOMPARE(attached.first().fileSize, content.size());
        QCOMPARE(attached.first().implemented, QDate(2018, 4, 1));
        QCOMPARE(attached.first().level, StandardLevel::National);

        auto history = StandardsStore::history(*workspace, attached.first().nodeId);
        QVERIFY(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().action, QStringLiteral("attach"));
        QCOMPARE(history->first().code, QStringLiteral("TG246-1"));
        QCOMPARE(history->first().by, QStringLiteral("zhao"));
        QCOMPARE(StandardsStore::history(*workspace)->last().action, QStringLiteral("renumber"));
    }

    void attachingIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QDate>("published");
        QTest::addColumn<QDate>("implemented");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown node") << "TG299"
                                      << "GB/T 1-2020" << QDate() << QDate() << "no category TG299";
        QTest::newRow("no number") << "TG246"
                                   << "  " << QDate() << QDate() << "needs a number";
        QTest::newRow("twice") << "TG246"
                               << "gb/t 34300-2017" << QDate() << QDate() << "already attached";
        QTest::newRow("dates inverted")
            << "TG246"
            << "GB/T 2-2020" << QDate(2020, 5, 1) << QDate(2020, 1, 1) << "before it is published";
        QTest::newRow("line break")
            << "TG246"
            << "GB/T 3-2020\nGB/T 4-2020" << QDate() << QDate() << "one line";
        QTest::newRow("terminal escape")
            << "TG246"
            << "GB/T 5-2020\x1b[31m" << QDate() << QDate() << "one line";
    }

    void attachingIsRefusedWithTheReason()
    {
        QFETCH(QString, code);
        QFETCH(QString, number);
        QFETCH(QDate, published);
        QFETCH(QDate, implemented);
        QFETCH(QString, reason);
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QVERIFY(StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246"),
            standard(QStringLiteral("GB/T 34300-2017")), {}, QStringLiteral("zhao")));

        AttachedStandard refused = standard(number);
        refused.published = published;
        refused.implemented = implemented;
        auto id =
            StandardsStore::attach(*workspace, *tree, code, refused, {}, QStringLiteral("zhao"));
        QVERIFY(!id);
        QVERIFY2(id.error().message.contains(reason), qPrintable(id.error().message));
        QCOMPARE(StandardsStore::load(*workspace)->allAttached().size(), 1);
    }

    void aDocumentOverTheLimitIsRefused()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QFile big(m_dir.filePath(QStringLiteral("big.pdf")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(StandardsStore::MAX_DOCUMENT_SIZE + 1));
        big.close();
        auto id = StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246"),
            standard(QStringLiteral("DB11/T 1-2020")), big.fileName(), QStringLiteral("zhao"));
        QVERIFY(!id);
        QVERIFY2(id.error().message.contains(QLatin1String("at most 20 MB")),
            qPrintable(id.error().message));
        auto missing = StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246"),
            standard(QStringLiteral("DB11/T 1-2020")), m_dir.filePath(QStringLiteral("nope.pdf")),
            QStringLiteral("zhao"));
        QVERIFY(!missing);
        QVERIFY(tree->allAttached().isEmpty());
    }

    void aDocumentThatIsNoFileIsRefusedAsSuch()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("folder.pdf")));
        auto id = StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246"),
            standard(QStringLiteral("DB11/T 2-2020")), m_dir.filePath(QStringLiteral("folder.pdf")),
            QStringLiteral("zhao"));
        QVERIFY(!id);
        QVERIFY2(id.error().message.contains(QLatin1String("is a folder")),
            qPrintable(id.error().message));
    }

    void aDocumentJustOverTheLimitSaysByHowMuch()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QFile big(m_dir.filePath(QStringLiteral("just-over.pdf")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(StandardsStore::MAX_DOCUMENT_SIZE + 1));
        big.close();
        auto id = StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246"),
            standard(QStringLiteral("DB11/T 3-2020")), big.fileName(), QStringLiteral("zhao"));
        QVERIFY(!id);
        // "is 20.0 MB; … at most 20 MB" would read as no reason at all.
        QVERIFY2(id.error().message.contains(QLatin1String("20971521 bytes")),
            qPrintable(id.error().message));
        QVERIFY2(id.error().message.contains(QLatin1String("20971520 bytes")),
            qPrintable(id.error().message));
    }

    void aStandardAttachedToAMissingCategoryIsReportedOnLoad()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        QVERIFY(StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246"),
            standard(QStringLiteral("GB/T 9-2020")), {}, QStringLiteral("zhao")));
        QSqlQuery tamper(workspace->database());
        QVERIFY(tamper.exec(QStringLiteral("UPDATE standards_attached SET node_id = 9999")));

        auto loaded = StandardsStore::load(*workspace);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().message.contains(QLatin1String("GB/T 9-2020"))
                && loaded.error().message.contains(QLatin1String("9999")),
            qPrintable(loaded.error().message));
    }

    void aCategoryWithStandardsCannotBeRemovedUntilDetached()
    {
        auto workspace = freshWorkspace();
        auto tree = StandardsStore::load(*workspace);
        auto id = StandardsStore::attach(*workspace, *tree, QStringLiteral("TG246-3"),
            standard(QStringLiteral("Q/GD 001-2024")), {}, QStringLiteral("zhao"));
        QVERIFY(id);
        auto removed = tree->removeCategory(QStringLiteral("TG246-3"));
        QVERIFY(!removed);
        QVERIFY(removed.error().message.contains(QLatin1String("detach them first")));

        QVERIFY(StandardsStore::detach(*workspace, *tree, *id, QStringLiteral("zhao")));
        QVERIFY(tree->removeCategory(QStringLiteral("TG246-3")));
        QVERIFY(StandardsStore::save(*workspace, *tree, QStringLiteral("zhao")));
        auto history = StandardsStore::history(*workspace);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(1).action, QStringLiteral("detach"));
        QVERIFY(!StandardsStore::detach(*workspace, *tree, *id, QStringLiteral("zhao")));
    }

    void savingRefusesToDropANodeWithStandardsInTheFile()
    {
        auto workspace = freshWorkspace();
        auto stale = StandardsStore::load(*workspace);
        auto current = StandardsStore::load(*workspace);
        QVERIFY(StandardsStore::attach(*workspace, *current, QStringLiteral("TG246-3"),
            standard(QStringLiteral("Q/GD 002-2024")), {}, QStringLiteral("desk 1")));

        // Another desk read the tree before the attachment and removes the category: its save
        // is refused because the tree was written since it read it.
        QVERIFY(stale->removeCategory(QStringLiteral("TG246-3")));
        auto saved = StandardsStore::save(*workspace, *stale, QStringLiteral("desk 2"));
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::Conflict);
        QVERIFY(StandardsStore::load(*workspace)->nodeByCode(QStringLiteral("TG246-3")));

        // Even a tree claiming to be current may not drop a category holding standards.
        stale->setRevision(current->revision());
        saved = StandardsStore::save(*workspace, *stale, QStringLiteral("desk 2"));
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.contains(QLatin1String("Q/GD 002-2024")),
            qPrintable(saved.error().message));
        QVERIFY(StandardsStore::load(*workspace)->nodeByCode(QStringLiteral("TG246-3")));
    }

    void twoDesksNeverOverwriteEachOtherUnseen()
    {
        auto workspace = freshWorkspace();
        auto mine = StandardsStore::load(*workspace);
        auto theirs = StandardsStore::load(*workspace);
        QVERIFY(mine.has_value() && theirs.has_value());
        QVERIFY(
            theirs->addCategory(QStringLiteral("TG240"), {"试点事项", "Pilot matters", {}, {}}));
        QVERIFY(StandardsStore::save(*workspace, *theirs, QStringLiteral("desk 2")));

        // Each write of mine is refused until I reload: a save, an attachment, a detachment.
        QVERIFY(mine->addCategory(QStringLiteral("GL280"), {"考评试点", "Evaluation pilot", {}, {}}));
        auto saved = StandardsStore::save(*workspace, *mine, QStringLiteral("desk 1"));
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::Conflict);
        auto attached = StandardsStore::attach(*workspace, *mine, QStringLiteral("TG246"),
            standard(QStringLiteral("Q/GD 003-2024")), {}, QStringLiteral("desk 1"));
        QVERIFY(!attached);
        QCOMPARE(attached.error().code, ErrorCode::Conflict);

        auto reloaded = StandardsStore::load(*workspace);
        QVERIFY(reloaded.has_value());
        QCOMPARE(reloaded->size(), theirs->size());
        auto id = StandardsStore::attach(*workspace, *reloaded, QStringLiteral("TG246"),
            standard(QStringLiteral("Q/GD 003-2024")), {}, QStringLiteral("desk 1"));
        QVERIFY2(id.has_value(), Test::why(id).constData());
        auto detached = StandardsStore::detach(*workspace, *theirs, *id, QStringLiteral("desk 2"));
        QVERIFY(!detached);
        QVERIFY(StandardsStore::detach(*workspace, *reloaded, *id, QStringLiteral("desk 1")));
    }
};

GRIDDESK_TEST_MAIN(TestStandardsStore, QCoreApplication)
#include "tst_standardsstore.moc"
