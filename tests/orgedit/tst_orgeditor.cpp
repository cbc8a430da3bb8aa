// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgedit/orgdocument.h"
#include "orgedit/orgeditor.h"
#include "orgedit/orgtreefilter.h"
#include "orgedit/orgtreemodel.h"
#include "orgedit/orgtreeview.h"
#include "orgedit/peoplemodel.h"

#include "orgeditfixture.h"

#include "org/personaldata.h"
#include "storage/workspace.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace GridDesk;

namespace {

void saveChart(const QString &path, const OrgChart &given)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        qFatal("test workspace not opened");
    OrgChart chart = given;
    if (!chart.save(**workspace, QStringLiteral("setup")))
        qFatal("test chart not saved");
}

/// Drags the unit code onto the unit target in the editor's tree through the events a real
/// drop delivers to the viewport. QDrag's own loop waits for a window system the offscreen
/// platform does not have, so the drag's start is replaced by the model's own MIME data.
bool dropOn(OrgEditor &editor, const QString &code, const QString &target)
{
    OrgTreeView *view = editor.treeView();
    const QModelIndex dragged =
        editor.treeFilter()->mapFromSource(editor.treeModel()->indexOf(code));
    const QModelIndex onto =
        editor.treeFilter()->mapFromSource(editor.treeModel()->indexOf(target));
    view->scrollTo(onto);
    const QPoint position = view->visualRect(onto).center();
    std::unique_ptr<QMimeData> data(editor.treeFilter()->mimeData({dragged}));

    QDragEnterEvent enter(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    if (!move.isAccepted()) {
        QDragLeaveEvent leave;
        QApplication::sendEvent(view->viewport(), &leave);
        return false;
    }
    QDropEvent drop(position, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    return drop.isAccepted();
}

QString screenshotDir()
{
    const QString dir = QDir::temp().filePath(QStringLiteral("griddesk-orgedit-screenshots"));
    QDir().mkpath(dir);
    return dir;
}

} // namespace

class TestOrgEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<OrgEditor> m_editor;

    OrgEditor &openEditor(const QString &role = QStringLiteral("leader"))
    {
        m_editor = std::make_unique<OrgEditor>();
        auto opened = m_editor->open(m_path, QStringLiteral("Leader Liu"), role);
        if (!opened)
            qFatal("editor did not open: %s", qPrintable(opened.error().message));
        m_editor->show();
        if (!QTest::qWaitForWindowExposed(m_editor.get()))
            qFatal("editor not exposed");
        m_editor->treeView()->expandAll();
        return *m_editor;
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + ".gpkg");
        saveChart(m_path, Test::smallChart());
    }

    void cleanup()
    {
        if (m_editor) {
            // Closing would ask about unsaved steps; the test's steps go with the editor.
            m_editor->hide();
            m_editor.reset();
        }
    }

    void dragAndDropMovesAUnit()
    {
        OrgEditor &editor = openEditor();
        QVERIFY(dropOn(editor, "S9", "D1"));
        QCOMPARE(editor.document()->chart().unit("S9")->parentCode, QStringLiteral("D1"));
        QCOMPARE(editor.document()->undoStack()->count(), 1);
        QVERIFY(editor.isWindowModified());
        // The tree shows the unit under its new parent.
        const QModelIndex moved = editor.treeModel()->indexOf("S9");
        QCOMPARE(editor.treeModel()->codeAt(moved.parent()), QStringLiteral("D1"));
    }

    void invertingDropIsRefusedWithItsReason()
    {
        OrgEditor &editor = openEditor();
        QSignalSpy refused(editor.treeView(), &OrgTreeView::dropRefused);
        QVERIFY(!dropOn(editor, "D1", "S9"));
        QCOMPARE(refused.size(), 1);
        const QString reason = refused.first().first().toString();
        QVERIFY2(reason.contains("never inverted"), qPrintable(reason));
        QCOMPARE(editor.statusBar()->currentMessage(), reason);
        QCOMPARE(editor.document()->chart().unit("D1")->parentCode, QStringLiteral("C"));
        QCOMPARE(editor.document()->undoStack()->count(), 0);
    }

    void stepsUndoAndRedo()
    {
        OrgEditor &editor = openEditor();
        OrgDocument *document = editor.document();
        QUndoStack *undo = document->undoStack();

        editor.selectUnit("S9");
        QVERIFY(editor.addUnit("S9", UnitKind::Tier, "V9", "Runway community"));
        QCOMPARE(document->chart().unit("V9")->tier, 4);
        QCOMPARE(editor.selectedUnit(), QStringLiteral("V9"));

        editor.selectUnit("V9");
        QVERIFY(editor.allowedParents("V9").contains("S1"));
        QVERIFY(!editor.allowedParents("V9").contains("B1"));
        QVERIFY(editor.moveSelectedUnit("S1"));
        QCOMPARE(document->chart().unit("V9")->parentCode, QStringLiteral("S1"));

        editor.selectUnit("V9");
        QVERIFY(editor.mergeSelectedUnit("V1"));
        QVERIFY(document->chart().unit("V9")->retired);

        editor.selectUnit("S9");
        QVERIFY(editor.retireSelectedUnit());
        QVERIFY(document->chart().unit("S9")->retired);
        QCOMPARE(undo->count(), 4);

        undo->undo();
        QVERIFY(!document->chart().unit("S9")->retired);
        undo->undo();
        QVERIFY(!document->chart().unit("V9")->retired);
        undo->undo();
        QCOMPARE(document->chart().unit("V9")->parentCode, QStringLiteral("S9"));
        undo->undo();
        QVERIFY(!document->chart().unit("V9"));
        QVERIFY(!editor.isWindowModified());

        for (int step = 0; step < 4; ++step)
            undo->redo();
        QVERIFY(document->chart().unit("V9")->retired);
        QVERIFY(document->chart().unit("S9")->retired);
    }

    void retireIsRefusedWhilePeopleRemain()
    {
        OrgEditor &editor = openEditor();
        editor.selectUnit("D1");
        QVERIFY(!editor.retireSelectedUnit());
        QVERIFY(!editor.document()->chart().unit("D1")->retired);
        auto *box = editor.findChild<QMessageBox *>("refusalBox");
        QVERIFY(box);
        QVERIFY2(box->text().contains("D1"), qPrintable(box->text()));
        QCOMPARE(editor.statusBar()->currentMessage(), box->text());
    }

    void saveWritesAndReloadReads()
    {
        OrgEditor &editor = openEditor();
        QSignalSpy saved(&editor, &OrgEditor::chartSaved);
        editor.selectUnit("S9");
        QVERIFY(editor.addUnit("S9", UnitKind::Tier, "V9", "Runway community"));
        QVERIFY(editor.save());
        QCOMPARE(saved.size(), 1);
        QVERIFY(!editor.isWindowModified());

        auto workspace = Workspace::open(m_path);
        QVERIFY(workspace.has_value());
        auto chart = OrgChart::load(**workspace);
        QVERIFY(chart.has_value());
        QCOMPARE(chart->unit("V9")->name, QStringLiteral("Runway community"));
        auto history = OrgChart::history(**workspace, "V9");
        QVERIFY(history.has_value());
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().by, QStringLiteral("Leader Liu"));
    }

    void conflictingSaveOffersReload()
    {
        OrgEditor &editor = openEditor();
        editor.selectUnit("S9");
        QVERIFY(editor.addUnit("S9", UnitKind::Tier, "V9", "Runway community"));

        // Another desk saves the chart meanwhile.
        {
            auto workspace = Workspace::open(m_path);
            QVERIFY(workspace.has_value());
            auto other = OrgChart::load(**workspace);
            QVERIFY(other.has_value());
            QVERIFY(other->putUnit(Test::makeUnit("V8", "Taxiway community", 4, "S9")));
            QVERIFY(other->save(**workspace, "Other desk"));
        }
        QVERIFY(!editor.save());
        QVERIFY(editor.conflictBox());
        QVERIFY(editor.conflictBox()->isVisible());
        QVERIFY(editor.document()->chart().unit("V9"));
        QVERIFY(editor.isWindowModified());

        auto *reload = editor.conflictBox()->findChild<QPushButton *>("reloadButton");
        QVERIFY(reload);
        QVERIFY(reload->text().contains("1"));
        reload->click();
        QVERIFY(!editor.document()->chart().unit("V9"));
        QVERIFY(editor.document()->chart().unit("V8"));
        QVERIFY(!editor.isWindowModified());
    }

    void numbersAreMaskedUntilARecordedReveal()
    {
        OrgEditor &editor = openEditor();
        const qint64 id = editor.document()->chart().findPeople("Li Wei").value(0);
        editor.selectPerson(id);
        QCOMPARE(editor.selectedPerson(), id);
        const QModelIndex phone = editor.peopleModel()->index(
            editor.peopleModel()->rowOf(id), int(PeopleModel::Column::Phone));
        QCOMPARE(phone.data().toString(), QStringLiteral("138****5678"));
        QVERIFY(editor.action(OrgEditor::Action::RevealPhone)->isEnabled());

        QVERIFY(editor.revealSelected(PersonalField::Phone, QStringLiteral("return a call")));
        QCOMPARE(phone.data().toString(), QStringLiteral("13812345678"));
        auto log = revealLog(*editor.document()->workspace());
        QVERIFY(log.has_value());
        QCOMPARE(log->size(), 1);
        QCOMPARE(log->first().reason, QStringLiteral("return a call"));
        QCOMPARE(log->first().role, QStringLiteral("leader"));
    }

    void supervisorEditsButMayNotReveal()
    {
        OrgEditor &editor = openEditor(QStringLiteral("supervisor"));
        const qint64 id = editor.document()->chart().findPeople("Li Wei").value(0);
        editor.selectPerson(id);
        QVERIFY(!editor.action(OrgEditor::Action::RevealPhone)->isEnabled());
        QVERIFY(!editor.revealSelected(PersonalField::Phone, QStringLiteral("curious")));
        QCOMPARE(revealLog(*editor.document()->workspace())->size(), 0);
        QVERIFY(editor.action(OrgEditor::Action::AddUnit)->isEnabled());
    }

    void operatorGetsAReadOnlyEditor()
    {
        OrgEditor &editor = openEditor(QStringLiteral("operator"));
        QVERIFY(editor.readOnlyBanner()->isVisible());
        QVERIFY2(editor.readOnlyBanner()->text().contains("operator"),
            qPrintable(editor.readOnlyBanner()->text()));
        editor.selectUnit("S9");
        for (auto action : {OrgEditor::Action::Save, OrgEditor::Action::AddUnit,
                 OrgEditor::Action::MoveTo, OrgEditor::Action::Retire, OrgEditor::Action::AddPerson,
                 OrgEditor::Action::ImportUnits})
            QVERIFY(!editor.action(action)->isEnabled());
        QVERIFY(!dropOn(editor, "S9", "D1"));
        QVERIFY(!editor.addUnit("S9", UnitKind::Tier, "V9", "Runway community"));
        QVERIFY(!editor.document()->chart().unit("V9"));
    }

    void searchSelectsAndExpandsMatches()
    {
        OrgEditor &editor = openEditor();
        editor.treeView()->collapseAll();
        editor.searchEdit()->setText("Wang Fang");
        QTest::keyClick(editor.searchEdit(), Qt::Key_Return);
        QCOMPARE(editor.selectedUnit(), QStringLiteral("G1"));
        const QModelIndex shown =
            editor.treeFilter()->mapFromSource(editor.treeModel()->indexOf("B1"));
        QVERIFY(editor.treeView()->isExpanded(shown));
    }

    void findingsSelectTheirUnit()
    {
        OrgEditor &editor = openEditor();
        QTableView *view = editor.findingsView();
        QVERIFY(view->model()->rowCount() > 0);
        // The bureau has no head: its finding selects it.
        int row = 0;
        while (row < view->model()->rowCount()
            && !view->model()->index(row, 1).data().toString().contains("S1"))
            ++row;
        QVERIFY(row < view->model()->rowCount());
        Q_EMIT view->doubleClicked(view->model()->index(row, 0));
        QCOMPARE(editor.selectedUnit(), QStringLiteral("S1"));
    }

    void screenshotOfShenzhen()
    {
        OrgChart shenzhen = Test::shenzhenChart();
        for (const Person &person : {Test::makePerson("Huang Li", Post::Decision, "440300000000",
                                         "13812345678", "440301198001011234"),
                 Test::makePerson("Lin Tao", Post::Management, "440300000000", "13987654321",
                     "440303199002025678"),
                 Test::makePerson("Xu Yan", Post::BigData, "440300000000", "13700001111", "")})
            QVERIFY(shenzhen.putPerson(person));
        saveChart(m_dir.filePath("shenzhen.gpkg"), shenzhen);
        m_path = m_dir.filePath("shenzhen.gpkg");
        OrgEditor &editor = openEditor();
        editor.treeView()->collapseAll();
        editor.resize(1600, 1000);
        editor.selectUnit("440303001000");
        QTest::qWait(50);
        const QString file = QDir(screenshotDir()).filePath("orgeditor-shenzhen.png");
        QVERIFY(editor.grab().save(file));
        editor.centreTabs()->setCurrentIndex(1);
        editor.selectUnit("440300000000");
        QVERIFY(editor.grab().save(QDir(screenshotDir()).filePath("orgeditor-people.png")));
        qInfo("screenshots in %s", qPrintable(screenshotDir()));
    }
};

GRIDDESK_TEST_MAIN(TestOrgEditor, QApplication)
#include "tst_orgeditor.moc"
