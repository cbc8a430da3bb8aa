// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsedit/attachedstandardsmodel.h"
#include "standardsedit/attachstandarddialog.h"
#include "standardsedit/categorydialog.h"
#include "standardsedit/parentchooserdialog.h"
#include "standardsedit/standardsbrowser.h"
#include "standardsedit/standardsdetail.h"
#include "standardsedit/standardsdocument.h"
#include "standardsedit/standardstreemodel.h"

#include "standardseditfixture.h"

#include "standards/standardsstore.h"
#include "storage/workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

using namespace GridDesk;
using Action = StandardsBrowser::Action;

namespace {

QString screenshotDir()
{
    const QString dir = QDir::temp().filePath(QStringLiteral("griddesk-standardsedit-screenshots"));
    QDir().mkpath(dir);
    return dir;
}

QString writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString nodeCode(const StandardsBrowser &browser, qint64 id)
{
    const StandardNode *node = browser.document()->tree().node(id);
    return node ? node->code : QString();
}

} // namespace

class TestStandardsBrowser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    std::vector<std::unique_ptr<StandardsBrowser>> m_browsers;

    QString newWorkspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("ws%1.gpkg").arg(++m_files));
        if (!Workspace::open(path))
            qFatal("cannot create %s", qPrintable(path));
        return path;
    }

    StandardsBrowser &openBrowser(const QString &path, const QString &role = "leader")
    {
        m_browsers.push_back(std::make_unique<StandardsBrowser>());
        StandardsBrowser &browser = *m_browsers.back();
        const auto opened = browser.open(path, QStringLiteral("Liu Yang"), role);
        if (!opened)
            qFatal("cannot open %s: %s", qPrintable(path), qPrintable(opened.error().message));
        browser.treeModel()->setChinese(false);
        browser.show();
        return browser;
    }

    QString refusal(StandardsBrowser &browser)
    {
        auto *box = browser.findChild<QMessageBox *>(QStringLiteral("refusalBox"));
        if (!box)
            return {};
        const QString text = box->text();
        box->close();
        delete box;
        return text;
    }

private Q_SLOTS:
    void cleanup()
    {
        for (auto &browser : m_browsers)
            browser->document()->undoStack()->setClean();
        m_browsers.clear();
    }

    void breadcrumbsFollowTheSelectionAndLeadUp()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        QVERIFY(browser.selectCode(QStringLiteral("GL251-3-2")));
        QCOMPARE(browser.breadcrumbs(),
            (QStringList {"GL200", "GL250", "GL251", "GL251-3", "GL251-3-2"}));
        QCOMPARE(browser.detail()->codeLabel()->text(), QStringLiteral("GL251-3-2"));

        auto *crumb =
            browser.breadcrumbBar()->findChild<QToolButton *>(QStringLiteral("crumb_GL251"));
        QVERIFY(crumb);
        QTest::mouseClick(crumb, Qt::LeftButton);
        QCOMPARE(nodeCode(browser, browser.selectedNode()), QStringLiteral("GL251"));
        QCOMPARE(browser.breadcrumbs(), (QStringList {"GL200", "GL250", "GL251"}));
        const QModelIndex current = browser.treeView()->currentIndex();
        QCOMPARE(current.data().toString(), QStringLiteral("GL251"));
    }

    void detailSaysWhatImplementsAClause()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        QVERIFY(browser.selectCode(QStringLiteral("TG246-1")));
        QVERIFY(browser.detail()->implementedLabel()->text().contains(
            QStringLiteral("modules/workflow/transitions.cpp")));
        QVERIFY(browser.selectCode(QStringLiteral("GL251-3-2")));
        QCOMPARE(browser.detail()->implementedLabel()->text(),
            QStringLiteral("Nothing in GridDesk implements this clause yet."));
    }

    void searchClearsWhenSelectingAHiddenNode()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        browser.searchEdit()->setText(QStringLiteral("GL251-3"));
        QVERIFY(browser.selectCode(QStringLiteral("JC111")));
        QVERIFY(browser.searchEdit()->text().isEmpty());
        QCOMPARE(browser.treeView()->currentIndex().data().toString(), QStringLiteral("JC111"));
    }

    void editsThroughTheActionsUndoAndRedo()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        QVERIFY(browser.selectCode(QStringLiteral("GL251")));
        const int before = browser.document()->tree().size();

        Test::whenDialog<CategoryDialog>([](CategoryDialog *dialog) {
            dialog->titleZhEdit()->setText(QStringLiteral("平台演练"));
            dialog->titleEnEdit()->setText(QStringLiteral("Platform drills"));
            dialog->accept();
        });
        browser.action(Action::AddCategory)->trigger();
        QCOMPARE(browser.document()->tree().size(), before + 1);
        const qint64 added = browser.selectedNode();
        QCOMPARE(nodeCode(browser, added), QStringLiteral("GL251-4"));
        QVERIFY(browser.isWindowModified());

        Test::whenDialog<QInputDialog>([](QInputDialog *dialog) {
            dialog->setTextValue(QStringLiteral("GL251-7"));
            dialog->accept();
        });
        browser.action(Action::Renumber)->trigger();
        QCOMPARE(nodeCode(browser, added), QStringLiteral("GL251-7"));

        QVERIFY(browser.allowedParents(QStringLiteral("GL251-7")).contains("TG240"));
        QVERIFY(!browser.allowedParents(QStringLiteral("GL251-7")).contains("GL251"));
        Test::whenDialog<ParentChooserDialog>([](ParentChooserDialog *dialog) {
            QVERIFY(dialog->choose(QStringLiteral("TG240")));
            dialog->accept();
        });
        browser.action(Action::MoveCategory)->trigger();
        const QString moved = nodeCode(browser, added);
        QVERIFY2(moved.startsWith(QStringLiteral("TG24")), qPrintable(moved));
        QCOMPARE(browser.breadcrumbs(), (QStringList {"TG200", "TG240", moved}));

        browser.action(Action::RemoveCategory)->trigger();
        QVERIFY(!browser.document()->tree().node(added));
        QCOMPARE(nodeCode(browser, browser.selectedNode()), QStringLiteral("TG240"));

        QAction *undo = browser.action(Action::Undo);
        undo->trigger();
        QCOMPARE(nodeCode(browser, added), moved);
        undo->trigger();
        QCOMPARE(nodeCode(browser, added), QStringLiteral("GL251-7"));
        undo->trigger();
        QCOMPARE(nodeCode(browser, added), QStringLiteral("GL251-4"));
        undo->trigger();
        QVERIFY(!browser.document()->tree().node(added));
        QVERIFY(!undo->isEnabled());
        QVERIFY(!browser.isWindowModified());
        browser.action(Action::Redo)->trigger();
        browser.action(Action::Redo)->trigger();
        QCOMPARE(nodeCode(browser, added), QStringLiteral("GL251-7"));
    }

    void refusalsAreShown()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        QVERIFY(browser.selectCode(QStringLiteral("GL200")));
        QVERIFY(!browser.action(Action::RemoveCategory)->isEnabled());
        QVERIFY(!browser.removeSelected());
        QVERIFY(refusal(browser).contains(QStringLiteral("one of the four sub-systems")));

        QVERIFY(browser.selectCode(QStringLiteral("GL251")));
        QVERIFY(!browser.removeSelected());
        QVERIFY(refusal(browser).contains(QStringLiteral("sub-categories")));
        QVERIFY(!browser.renumberSelected(QStringLiteral("GL252")));
        QVERIFY(refusal(browser).contains(QStringLiteral("is taken by")));
        QVERIFY(!browser.document()->isModified());
    }

    void attachWithADocumentSaveAndReadItBack()
    {
        const QString path = newWorkspace();
        const QByteArray content = "%PDF-1.4 grid management specification\n";
        const QString documentPath =
            writeFile(m_dir.filePath(QStringLiteral("GB-T-34300.pdf")), content);
        StandardsBrowser &browser = openBrowser(path);
        QVERIFY(browser.selectCode(QStringLiteral("JC112")));

        Test::whenDialog<AttachStandardDialog>([&documentPath](AttachStandardDialog *dialog) {
            dialog->numberEdit()->setText(QStringLiteral("GB/T 34300-2017"));
            dialog->titleEdit()->setText(QStringLiteral("City grid management specification"));
            dialog->publishedKnown()->setChecked(true);
            dialog->publishedEdit()->setDate(QDate(2017, 9, 7));
            dialog->implementedKnown()->setChecked(true);
            dialog->implementedEdit()->setDate(QDate(2018, 4, 1));
            dialog->documentEdit()->setText(documentPath);
            dialog->accept();
        });
        browser.action(Action::Attach)->trigger();
        QCOMPARE(browser.detail()->attachedModel()->rowCount(), 1);
        QVERIFY(browser.detail()->selectedAttached() < 0);
        QVERIFY(browser.action(Action::OpenDocument)->isEnabled());
        QVERIFY(browser.coverageLabel()->text().contains(QStringLiteral("1 standard")));

        browser.action(Action::Save)->trigger();
        QVERIFY2(!browser.document()->isModified(), qPrintable(browser.lastMessage()));

        StandardsBrowser &again = openBrowser(path, QStringLiteral("operator"));
        const StandardsTree &tree = again.document()->tree();
        const QList<AttachedStandard> attached =
            tree.attached(tree.nodeByCode(QStringLiteral("JC112"))->id);
        QCOMPARE(attached.size(), 1);
        QVERIFY(attached.first().id > 0);
        QCOMPARE(attached.first().implemented, QDate(2018, 4, 1));
        QCOMPARE(attached.first().fileName, QStringLiteral("GB-T-34300.pdf"));
        const auto file = again.documentFile(attached.first().id);
        QVERIFY2(file, Test::why(file));
        QFile read(*file);
        QVERIFY(read.open(QIODevice::ReadOnly));
        QCOMPARE(read.readAll(), content);
        QVERIFY(again.selectCode(QStringLiteral("JC112")));
        QCOMPARE(again.detail()->historyView()->topLevelItemCount(), 1);
    }

    void detachAndRemoveAreSavedTogether()
    {
        const QString path = newWorkspace();
        StandardsBrowser &browser = openBrowser(path);
        QVERIFY(browser.selectCode(QStringLiteral("GL251")));
        QVERIFY(browser.addCategory(QStringLiteral("GL251"), {"演练", "Drills", {}, {}}));
        AttachedStandard standard;
        standard.number = QStringLiteral("Q/GD 003-2024");
        standard.title = QStringLiteral("Drill rules");
        QVERIFY(browser.attachToSelected(standard, {}));
        QVERIFY(browser.save());

        QVERIFY(browser.selectCode(QStringLiteral("GL251-4")));
        browser.detail()->selectAttached(browser.detail()->attachedModel()->standards()[0].id);
        QVERIFY(browser.detachSelected());
        QVERIFY(browser.removeSelected());
        QVERIFY2(browser.save(), qPrintable(browser.lastMessage()));

        StandardsBrowser &again = openBrowser(path, QStringLiteral("operator"));
        QVERIFY(!again.document()->tree().nodeByCode(QStringLiteral("GL251-4")));
        QVERIFY(again.document()->tree().allAttached().isEmpty());
    }

    void theDialogHoldsTheDateRule()
    {
        AttachStandardDialog dialog(QStringLiteral("JC112"), QStringLiteral("Internal"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        dialog.numberEdit()->setText(QStringLiteral("Q/GD 001-2024"));
        dialog.titleEdit()->setText(QStringLiteral("Our rules"));
        QVERIFY(ok->isEnabled());
        dialog.publishedKnown()->setChecked(true);
        dialog.publishedEdit()->setDate(QDate(2024, 5, 1));
        dialog.implementedKnown()->setChecked(true);
        dialog.implementedEdit()->setDate(QDate(2024, 4, 1));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.problem().contains(QStringLiteral("before it is published")));
        dialog.documentEdit()->setText(m_dir.filePath(QStringLiteral("missing.pdf")));
        dialog.implementedEdit()->setDate(QDate(2024, 6, 1));
        QVERIFY(dialog.problem().contains(QStringLiteral("does not exist")));
    }

    void theStoreRulesHoldInMemoryToo()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        QVERIFY(browser.selectCode(QStringLiteral("JC112")));
        AttachedStandard standard;
        standard.number = QStringLiteral("Q/GD 002-2024");
        standard.title = QStringLiteral("Numbering rules");
        QVERIFY(browser.attachToSelected(standard, {}));
        QVERIFY(!browser.attachToSelected(standard, {}));
        QVERIFY(refusal(browser).contains(QStringLiteral("already attached")));
        QVERIFY(!browser.removeSelected());
        QVERIFY(refusal(browser).contains(QStringLiteral("detach them first")));
        browser.detail()->selectAttached(browser.detail()->attachedModel()->standards()[0].id);
        browser.action(Action::Detach)->trigger();
        QCOMPARE(browser.detail()->attachedModel()->rowCount(), 0);
        browser.action(Action::Undo)->trigger();
        QCOMPARE(browser.detail()->attachedModel()->rowCount(), 1);
    }

    void aTreeSavedElsewhereIsNotOverwritten()
    {
        const QString path = newWorkspace();
        StandardsBrowser &mine = openBrowser(path);
        StandardsBrowser &theirs = openBrowser(path, QStringLiteral("administrator"));
        QVERIFY(theirs.selectCode(QStringLiteral("GL251")));
        QVERIFY(theirs.addCategory(QStringLiteral("GL251"), {"甲", "First", {}, {}}));
        QVERIFY(theirs.save());
        QVERIFY(mine.selectCode(QStringLiteral("GL252")));
        QVERIFY(mine.addCategory(QStringLiteral("GL252"), {"乙", "Second", {}, {}}));
        QVERIFY(!mine.save());
        auto *box = mine.findChild<QMessageBox *>(QStringLiteral("conflictBox"));
        QVERIFY(box);
        QVERIFY(mine.document()->isModified());
        box->findChild<QPushButton *>(QStringLiteral("reloadButton"))->click();
        QVERIFY(!mine.document()->isModified());
        QVERIFY(mine.document()->tree().nodeByCode(QStringLiteral("GL251-4")));
    }

    void othersBrowseReadOnly()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace(), QStringLiteral("supervisor"));
        QVERIFY(browser.readOnlyBanner()->isVisible());
        QVERIFY(browser.readOnlyBanner()->text().contains(QStringLiteral("leaders and "
                                                                         "administrators")));
        QVERIFY(browser.selectCode(QStringLiteral("GL251")));
        for (Action which : {Action::AddCategory, Action::RemoveCategory, Action::MoveCategory,
                 Action::Renumber, Action::Attach, Action::Save})
            QVERIFY(!browser.action(which)->isEnabled());
        QVERIFY(browser.action(Action::ExportTableCsv)->isEnabled());
        QVERIFY(!browser.addCategory(QStringLiteral("GL251"), {"丙", "Third", {}, {}}));
        QVERIFY(refusal(browser).contains(QStringLiteral("Read only")));
        QVERIFY(!browser.document()->isModified());
    }

    void exportsTheSystemTableAndDetailList()
    {
        StandardsBrowser &browser = openBrowser(newWorkspace());
        const QString csv = m_dir.filePath(QStringLiteral("table.csv"));
        QVERIFY(browser.exportTo(StandardsPrintout::SystemTable, csv));
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        QVERIFY(table.readAll().contains("GL251-3-2"));
        const QString pdf = m_dir.filePath(QStringLiteral("list.pdf"));
        QVERIFY(browser.exportTo(StandardsPrintout::DetailList, pdf));
        QFile list(pdf);
        QVERIFY(list.open(QIODevice::ReadOnly));
        QVERIFY(list.read(5) == "%PDF-");
    }

    void screenshot()
    {
        const QString path = newWorkspace();
        StandardsBrowser &browser = openBrowser(path);
        QVERIFY(browser.selectCode(QStringLiteral("TG246-1")));
        AttachedStandard standard;
        standard.number = QStringLiteral("GB/T 34300-2017");
        standard.title = QStringLiteral("City grid management specification");
        standard.published = QDate(2017, 9, 7);
        standard.implemented = QDate(2018, 4, 1);
        const QString document =
            writeFile(m_dir.filePath(QStringLiteral("GB-T-34300.pdf")), "%PDF-1.4\n");
        QVERIFY(browser.attachToSelected(standard, document));
        QVERIFY(browser.save());
        browser.resize(1600, 1000);
        QTest::qWait(50);
        const QString file = QDir(screenshotDir()).filePath(QStringLiteral("standards.png"));
        QVERIFY(browser.grab().save(file));
        qInfo("screenshot in %s", qPrintable(file));
    }
};

GRIDDESK_TEST_MAIN(TestStandardsBrowser, QApplication)

#include "tst_standardsbrowser.moc"
