// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagram/orgdiagram.h"
#include "orgedit/addunitdialog.h"
#include "orgedit/groupdialog.h"
#include "orgedit/orgdocument.h"
#include "orgedit/orgeditor.h"
#include "orgedit/orgtreefilter.h"
#include "orgedit/orgtreemodel.h"
#include "orgedit/orgtreeview.h"
#include "orgedit/peoplemodel.h"
#include "orgedit/unitdetailform.h"

#include "orgeditfixture.h"

#include "org/personaldata.h"
#include "storage/workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolTip>
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

/// Answers the next modal dialog of type T with answer once it shows, while the caller goes on
/// to open it (and block in its event loop). Returns a flag that turns true once answered, so
/// the test can check that the dialog came at all.
template<typename T>
std::shared_ptr<bool> whenModal(std::function<void(T *)> answer)
{
    auto answered = std::make_shared<bool>(false);
    auto *poll = new QTimer;
    auto waited = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, [poll, answer, answered, waited] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog && ++*waited < 500)
            return;
        poll->stop();
        poll->deleteLater();
        if (dialog) {
            *answered = true;
            answer(dialog);
        }
    });
    poll->start(10);
    return answered;
}

/// Drags with real mouse events on the drawn chart's viewport from the middle of one unit's box
/// to the middle of another's.
void dragInDiagram(OrgDiagram *diagram, const QString &from, const QString &to)
{
    QWidget *view = diagram->viewport();
    // The whole small chart in view, so both boxes can be reached.
    diagram->fitToView();
    const QPoint start = diagram->visualRect(from).center();
    const QPoint end = diagram->visualRect(to).center();
    QVERIFY(view->rect().contains(start));
    QVERIFY(view->rect().contains(end));
    QTest::mousePress(view, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 5; ++step)
        QTest::mouseMove(view, start + (end - start) * step / 5);
    QTest::mouseRelease(view, Qt::LeftButton, {}, end);
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("test file not written");
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
        // A workspace per test and data row.
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        m_path = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction())
            + (tag.isEmpty() ? QString() : "-" + tag) + ".gpkg");
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

    void addUnitDialogChecksAsYouType()
    {
        OrgEditor &editor = openEditor();
        editor.selectUnit("S9");
        QStringList reasons;
        auto answered = whenModal<AddUnitDialog>([&reasons](AddUnitDialog *dialog) {
            // The tier below the parent's, and a free code, to begin with.
            reasons << dialog->tierBox()->currentData().toString() << dialog->codeEdit()->text();
            QTest::keyClicks(dialog->nameEdit(), "Runway post");
            reasons << QString::number(dialog->okButton()->isEnabled());

            dialog->codeEdit()->clear();
            QTest::keyClicks(dialog->codeEdit(), "S1");
            reasons << dialog->reasonLabel()->text()
                    << QString::number(dialog->okButton()->isEnabled());
            dialog->codeEdit()->clear();
            QTest::keyClicks(dialog->codeEdit(), "G 9");
            reasons << dialog->reasonLabel()->text()
                    << QString::number(dialog->okButton()->isEnabled());
            QTest::keyClick(dialog->codeEdit(), Qt::Key_Backspace);
            QTest::keyClick(dialog->codeEdit(), Qt::Key_Backspace);
            QTest::keyClicks(dialog->codeEdit(), "9");

            dialog->tierBox()->setCurrentIndex(dialog->tierBox()->findData(2));
            reasons << dialog->reasonLabel()->text()
                    << QString::number(dialog->okButton()->isEnabled());
            dialog->tierBox()->setCurrentIndex(dialog->tierBox()->findData(6));
            reasons << dialog->reasonLabel()->text()
                    << QString::number(dialog->okButton()->isEnabled())
                    << QString::number(dialog->reasonLabel()->isVisible());
            dialog->okButton()->click();
        });
        editor.action(OrgEditor::Action::AddUnit)->trigger();
        QVERIFY(*answered);

        QCOMPARE(reasons.value(0), QStringLiteral("4"));
        QCOMPARE(reasons.value(1), QStringLiteral("S9-01"));
        QCOMPARE(reasons.value(2), QStringLiteral("1"));
        QVERIFY2(reasons.value(3).contains("already has a unit S1"), qPrintable(reasons.value(3)));
        QCOMPARE(reasons.value(4), QStringLiteral("0"));
        QVERIFY2(reasons.value(5).contains("no spaces"), qPrintable(reasons.value(5)));
        QCOMPARE(reasons.value(6), QStringLiteral("0"));
        QVERIFY2(reasons.value(7).contains("never inverted"), qPrintable(reasons.value(7)));
        QCOMPARE(reasons.value(8), QStringLiteral("0"));
        QCOMPARE(reasons.value(9), QString());
        QCOMPARE(reasons.value(10), QStringLiteral("1"));
        QCOMPARE(reasons.value(11), QStringLiteral("0"));

        const ChartUnit *added = editor.document()->chart().unit("G9");
        QVERIFY(added);
        QCOMPARE(added->tier, 6);
        QCOMPARE(added->name, QStringLiteral("Runway post"));
        QCOMPARE(added->parentCode, QStringLiteral("S9"));
        QCOMPARE(editor.selectedUnit(), QStringLiteral("G9"));
        editor.document()->undoStack()->undo();
        QVERIFY(!editor.document()->chart().unit("G9"));
    }

    void addUnitDialogAddsAJointUnit()
    {
        OrgEditor &editor = openEditor();
        editor.selectUnit("C");
        auto answered = whenModal<AddUnitDialog>([](AddUnitDialog *dialog) {
            QCOMPARE(dialog->kindBox()->currentData().toInt(), int(UnitKind::Joint));
            QCOMPARE(dialog->tierBox()->currentData().toInt(), 2);
            dialog->codeEdit()->setText("J2");
            QTest::keyClicks(dialog->nameEdit(), "Civil affairs bureau");
            dialog->okButton()->click();
        });
        editor.action(OrgEditor::Action::AddJointUnit)->trigger();
        QVERIFY(*answered);
        const ChartUnit *added = editor.document()->chart().unit("J2");
        QVERIFY(added);
        QCOMPARE(added->kind, UnitKind::Joint);
        QCOMPARE(added->linkedUnits, QStringList {"C"});
    }

    void cancelledAddUnitDialogChangesNothing()
    {
        OrgEditor &editor = openEditor();
        editor.selectUnit("S9");
        auto answered = whenModal<AddUnitDialog>([](AddUnitDialog *dialog) {
            QTest::keyClicks(dialog->nameEdit(), "Never added");
            dialog->reject();
        });
        editor.action(OrgEditor::Action::AddUnit)->trigger();
        QVERIFY(*answered);
        QCOMPARE(editor.document()->undoStack()->count(), 0);
        QVERIFY(editor.document()->chart().findUnits("Never added").isEmpty());
    }

    void groupIsSetUpEditedAndDissolved()
    {
        OrgEditor &editor = openEditor();
        OrgDocument *document = editor.document();
        const qint64 zhang = document->chart().findPeople("Zhang Min").value(0);
        editor.selectUnit("D1");
        QVERIFY(editor.action(OrgEditor::Action::AddGroup)->isEnabled());

        // Set up: a leading group of the district with its street and Zhang Min.
        auto answered = whenModal<GroupDialog>([zhang](GroupDialog *dialog) {
            QTest::keyClicks(dialog->nameEdit(), "East district leading group");
            auto *kind = dialog->findChild<QComboBox *>();
            kind->setCurrentIndex(kind->findData(int(GroupKind::Leading)));
            for (QListWidget *list : {dialog->unitList(), dialog->peopleList()}) {
                for (int row = 0; row < list->count(); ++row) {
                    QListWidgetItem *item = list->item(row);
                    const QVariant key = item->data(Qt::UserRole + 1);
                    if (key.toString() == "S1" || key.toLongLong() == zhang)
                        item->setCheckState(Qt::Checked);
                }
            }
            dialog->accept();
        });
        editor.action(OrgEditor::Action::AddGroup)->trigger();
        QVERIFY(*answered);
        QCOMPARE(document->chart().groups().size(), 1);
        OrgGroup group = document->chart().groups().first();
        QCOMPARE(group.kind, GroupKind::Leading);
        QCOMPARE(group.unitCode, QStringLiteral("D1"));
        QCOMPARE(group.memberUnits, (QStringList {"D1", "S1"}));
        QCOMPARE(group.memberPeople, QList<qint64> {zhang});

        // Edit: the group shows in the unit's details; rename it.
        QListWidget *groups = editor.detailForm()->groupList();
        QCOMPARE(groups->count(), 1);
        groups->setCurrentRow(0);
        QVERIFY(editor.action(OrgEditor::Action::EditGroup)->isEnabled());
        answered = whenModal<GroupDialog>([](GroupDialog *dialog) {
            QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("East district leading group"));
            dialog->nameEdit()->setText("East district leading group for the grid");
            dialog->accept();
        });
        editor.action(OrgEditor::Action::EditGroup)->trigger();
        QVERIFY(*answered);
        QCOMPARE(document->chart().group(group.id)->name,
            QStringLiteral("East district leading group for the grid"));

        // Dissolve, after a question.
        editor.detailForm()->groupList()->setCurrentRow(0);
        answered = whenModal<QMessageBox>(
            [](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        editor.action(OrgEditor::Action::DissolveGroup)->trigger();
        QVERIFY(*answered);
        QVERIFY(document->chart().group(group.id)->dissolved);
        QCOMPARE(document->undoStack()->count(), 3);

        // Each step undoes on its own.
        document->undoStack()->undo();
        QVERIFY(!document->chart().group(group.id)->dissolved);
        document->undoStack()->undo();
        QCOMPARE(
            document->chart().group(group.id)->name, QStringLiteral("East district leading group"));
        document->undoStack()->undo();
        QVERIFY(document->chart().groups().isEmpty());
    }

    void dissolvingAskedAndDeclinedChangesNothing()
    {
        OrgEditor &editor = openEditor();
        OrgGroup group;
        group.name = "Harbour coordination group";
        group.unitCode = "S1";
        group.memberUnits = {"S1"};
        QVERIFY(editor.putGroup(group));
        editor.selectUnit("S1");
        editor.detailForm()->groupList()->setCurrentRow(0);
        auto answered =
            whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::No)->click(); });
        editor.action(OrgEditor::Action::DissolveGroup)->trigger();
        QVERIFY(*answered);
        QVERIFY(!editor.document()->chart().groups().first().dissolved);
        QCOMPARE(editor.document()->undoStack()->count(), 1);
    }

    void importsDivisionsAsOneStep()
    {
        OrgEditor &editor = openEditor();
        const int before = int(editor.document()->chart().units().size());
        QVERIFY(editor.importDivisions(Test::dataPath("org/divisions"), "440303000000"));
        const OrgChart &chart = editor.document()->chart();
        QVERIFY(chart.unit("440303000000"));
        const int added = int(chart.units().size()) - before;
        QVERIFY2(added > 10, qPrintable(QString::number(added)));
        QVERIFY(editor.importReportBox());
        QVERIFY(editor.importReportBox()->isVisible());
        QVERIFY2(editor.importReportBox()->text().startsWith(QString::number(added) + " added"),
            qPrintable(editor.importReportBox()->text()));
        QCOMPARE(editor.document()->undoStack()->count(), 1);

        editor.document()->undoStack()->undo();
        QCOMPARE(int(editor.document()->chart().units().size()), before);
    }

    void missingDivisionFolderIsRefused()
    {
        OrgEditor &editor = openEditor();
        QVERIFY(!editor.importDivisions(m_dir.filePath("no-such-folder")));
        QVERIFY(editor.findChild<QMessageBox *>("refusalBox"));
        QCOMPARE(editor.document()->undoStack()->count(), 0);
    }

    void csvImportReportsRefusedRows()
    {
        OrgEditor &editor = openEditor();
        const QString path = m_dir.filePath("units-with-errors.csv");
        writeFile(path,
            "code,name,tier,parent_code\n"
            "V7,Pier community,4,S1\n"
            "X1,Upside-down district,2,S1\n"
            "Y1,Lost community,4,NOWHERE\n");
        QVERIFY(editor.importCsv(path, false));
        QVERIFY(editor.document()->chart().unit("V7"));
        QVERIFY(!editor.document()->chart().unit("X1"));
        QVERIFY(!editor.document()->chart().unit("Y1"));

        QMessageBox *report = editor.importReportBox();
        QVERIFY(report);
        QCOMPARE(report->icon(), QMessageBox::Warning);
        QVERIFY2(report->text().contains("2 row(s) refused")
                || report->text().contains("2 rows refused"),
            qPrintable(report->text()));
        const QString detail = report->detailedText();
        QVERIFY2(detail.contains("Line 3") && detail.contains("X1"), qPrintable(detail));
        QVERIFY2(detail.contains("Line 4") && detail.contains("NOWHERE"), qPrintable(detail));
        report->close();

        editor.document()->undoStack()->undo();
        QVERIFY(!editor.document()->chart().unit("V7"));
    }

    void peopleCsvImportsAndUnreadableFileIsRefused()
    {
        OrgEditor &editor = openEditor();
        const QString path = m_dir.filePath("people.csv");
        writeFile(path, "name,post,unit_code\nSun Li,grid_patroller,V1\n");
        QVERIFY(editor.importCsv(path, true));
        QCOMPARE(editor.document()->chart().findPeople("Sun Li").size(), 1);
        QCOMPARE(editor.importReportBox()->icon(), QMessageBox::Information);

        QVERIFY(!editor.importCsv(m_dir.filePath("missing.csv"), true));
        QCOMPARE(editor.document()->undoStack()->count(), 1);
    }

    void exportsUnitsAndMaskedPeople()
    {
        OrgEditor &editor = openEditor();
        const QString units = m_dir.filePath("out-units.csv");
        QVERIFY(editor.exportCsv(units, false));
        QFile unitFile(units);
        QVERIFY(unitFile.open(QIODevice::ReadOnly));
        const QByteArray unitText = unitFile.readAll();
        QVERIFY(unitText.startsWith("code,name,tier,parent_code"));
        QVERIFY(unitText.contains("S9,Airport street sub-centre,3,C"));

        const QString people = m_dir.filePath("out-people.csv");
        QVERIFY(editor.exportCsv(people, true));
        QFile peopleFile(people);
        QVERIFY(peopleFile.open(QIODevice::ReadOnly));
        const QByteArray peopleText = peopleFile.readAll();
        QVERIFY(peopleText.contains("Li Wei"));
        QVERIFY(!peopleText.contains("13812345678"));
        QVERIFY(peopleText.contains("138****5678"));
        QVERIFY2(editor.statusBar()->currentMessage().contains("masked"),
            qPrintable(editor.statusBar()->currentMessage()));

        // Round trip: the exported units read back without a refused row.
        QVERIFY(editor.importCsv(units, false));
        QVERIFY(editor.importReportBox()->detailedText().isEmpty());

        QVERIFY(!editor.exportCsv(m_dir.filePath("no-such-folder/units.csv"), false));
        QVERIFY(editor.findChild<QMessageBox *>("refusalBox"));
    }

    void closingWithUnsavedChangesAsks_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<bool>("savedInWorkspace");
        QTest::addColumn<bool>("keptInEditor");
        QTest::newRow("save") << int(QMessageBox::Save) << true << true << true;
        QTest::newRow("discard") << int(QMessageBox::Discard) << true << false << false;
        QTest::newRow("cancel") << int(QMessageBox::Cancel) << false << false << true;
    }

    void closingWithUnsavedChangesAsks()
    {
        QFETCH(int, button);
        QFETCH(bool, closed);
        QFETCH(bool, savedInWorkspace);
        QFETCH(bool, keptInEditor);
        OrgEditor &editor = openEditor();
        editor.selectUnit("S9");
        QVERIFY(editor.addUnit("S9", UnitKind::Tier, "V9", "Runway community"));

        QString question;
        auto answered = whenModal<QMessageBox>([button, &question](QMessageBox *box) {
            question = box->text();
            box->button(QMessageBox::StandardButton(button))->click();
        });
        QCOMPARE(editor.close(), closed);
        QVERIFY(*answered);
        QVERIFY2(question.contains("1 unsaved change"), qPrintable(question));
        QCOMPARE(editor.isVisible(), !closed);
        QCOMPARE(bool(editor.document()->chart().unit("V9")), keptInEditor);
        QCOMPARE(editor.isWindowModified(), !closed);

        auto workspace = Workspace::open(m_path);
        QVERIFY(workspace.has_value());
        auto chart = OrgChart::load(**workspace);
        QVERIFY(chart.has_value());
        QCOMPARE(bool(chart->unit("V9")), savedInWorkspace);
    }

    void closingWithoutChangesDoesNotAsk()
    {
        OrgEditor &editor = openEditor();
        QVERIFY(editor.close());
        QVERIFY(!editor.isVisible());
    }

    void dragOnTheDrawnChartMovesThroughTheDocument()
    {
        OrgEditor &editor = openEditor();
        editor.centreTabs()->setCurrentWidget(editor.diagram());
        QVERIFY(QTest::qWaitForWindowExposed(editor.diagram()));
        dragInDiagram(editor.diagram(), "S9", "D1");
        QCOMPARE(editor.document()->chart().unit("S9")->parentCode, QStringLiteral("D1"));
        QCOMPARE(editor.document()->undoStack()->count(), 1);
        QVERIFY(editor.isWindowModified());
        // The tree follows.
        QCOMPARE(editor.treeModel()->codeAt(editor.treeModel()->indexOf("S9").parent()),
            QStringLiteral("D1"));

        editor.document()->undoStack()->undo();
        QCOMPARE(editor.document()->chart().unit("S9")->parentCode, QStringLiteral("C"));
        QVERIFY(!editor.isWindowModified());
    }

    void refusedDragOnTheDrawnChartChangesNothing()
    {
        OrgEditor &editor = openEditor();
        editor.centreTabs()->setCurrentWidget(editor.diagram());
        QVERIFY(QTest::qWaitForWindowExposed(editor.diagram()));
        QSignalSpy requested(editor.diagram(), &OrgDiagram::moveRequested);
        dragInDiagram(editor.diagram(), "D1", "S9");
        // The drag did happen: the diagram says why it refused the drop.
        QVERIFY2(QToolTip::text().contains("never inverted"), qPrintable(QToolTip::text()));
        QCOMPARE(requested.size(), 0);
        QCOMPARE(editor.document()->chart().unit("D1")->parentCode, QStringLiteral("C"));
        QCOMPARE(editor.document()->undoStack()->count(), 0);
        QVERIFY(!editor.isWindowModified());
    }

    /// At 1600 x 1000, the tree's columns hold their longest texts and the people table shows
    /// every column, the numbers last, without scrolling.
    void wideWindowShowsEveryColumnWhole()
    {
        OrgEditor &editor = openEditor();
        editor.resize(1600, 1000);
        QTest::qWait(20);

        OrgTreeView *tree = editor.treeView();
        const QFontMetrics metrics(tree->font());
        for (int tier = 1; tier <= 6; ++tier) {
            const QString label = OrgTreeModel::tierLabel(tier, UnitKind::Tier);
            QVERIFY2(metrics.horizontalAdvance(label)
                    < tree->columnWidth(int(OrgTreeModel::Column::Tier)),
                qPrintable(label));
        }
        const QHeaderView *treeHeader = tree->header();
        QVERIFY2(treeHeader->length() <= tree->viewport()->width(),
            qPrintable(QStringLiteral("%1 > %2")
                           .arg(treeHeader->length())
                           .arg(tree->viewport()->width())));

        editor.centreTabs()->setCurrentWidget(editor.peopleView());
        editor.selectUnit("C");
        QTest::qWait(20);
        QTableView *people = editor.peopleView();
        QVERIFY(people->model()->rowCount() > 0);
        const QHeaderView *header = people->horizontalHeader();
        const int id = int(PeopleModel::Column::IdNumber);
        QVERIFY2(header->sectionViewportPosition(id) + header->sectionSize(id)
                <= people->viewport()->width(),
            qPrintable(QStringLiteral("ID number column ends at %1 of %2")
                           .arg(header->sectionViewportPosition(id) + header->sectionSize(id))
                           .arg(people->viewport()->width())));
        QVERIFY(!people->horizontalScrollBar()->isVisible());
        const QString number = people->model()->index(0, id).data().toString();
        QVERIFY2(QFontMetrics(people->font()).horizontalAdvance(number) < header->sectionSize(id),
            qPrintable(number));
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
