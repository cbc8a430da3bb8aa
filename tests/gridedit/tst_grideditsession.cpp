// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "editorfixture.h"

#include "gridedit/editionsdialog.h"
#include "gridedit/publishdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>

using namespace GridDesk;
using namespace GridDesk::Test;

/// The draft behind the editor: kept in the workspace, discarded, published as an edition.
class TestGridEditSession : public QObject, private EditorFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { prepareWorkspace(); }
    void init() { openEditor(); }
    void cleanup() { closeEditor(); }
    void draftSurvivesRestart();
    void discardDraft();
    void publishWithNoteAndListEdition();
};

void TestGridEditSession::draftSurvivesRestart()
{
    const QString code = QStringLiteral("6300800034");
    QVERIFY(m_editor->subdivide(code, {4, std::nullopt}));
    waitUntilIdle();
    QStringList changed = session()->draftCodes();
    changed.sort();
    QVERIFY(changed.size() >= 2); // the fine grids; the village itself is as it was
    QVERIFY(!changed.contains(code));
    const QString path = session()->path();

    // Another editor on the same workspace, as after a restart, finds the draft as it was.
    cleanup();
    QMainWindow window;
    auto *canvas = new MapCanvas(&window);
    window.setCentralWidget(canvas);
    canvas->setScene(m_scene);
    auto *editor = new GridEditor(&window, canvas);
    editor->setWorkspace(path);
    editor->setEditing(true);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isEditing(), 20000);
    QStringList found = editor->session()->draftCodes();
    found.sort();
    QCOMPARE(found, changed);
    QCOMPARE(editor->session()->grids().size(), 12 + 43 + changed.size());
    QTRY_VERIFY_WITH_TIMEOUT(editor->isSceneCurrent(), 20000);
    QCOMPARE(canvas->scene()->gridWithDescendants(code).size(), changed.size() + 1);
}

void TestGridEditSession::discardDraft()
{
    const QString code = QStringLiteral("6300800034");
    QVERIFY(m_editor->subdivide(code, {4, std::nullopt}));
    waitUntilIdle();
    QVERIFY(session()->hasDraftEdits());

    // The editor asks first: cancelled, the draft stays; confirmed, it goes.
    const auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(0, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            box->button(button)->click();
        });
    };
    answer(QMessageBox::Cancel);
    m_editor->discardAction()->trigger();
    QVERIFY(session()->hasDraftEdits());
    answer(QMessageBox::Discard);
    m_editor->discardAction()->trigger();
    waitUntilIdle();
    QVERIFY(!session()->hasDraftEdits());
    QCOMPARE(session()->grids().size(), 12 + 43);
    QCOMPARE(session()->undoStack()->count(), 0);
    QCOMPARE(m_canvas->scene()->gridWithDescendants(code), QStringList {code});

    // Read again as after a restart, the draft is empty still.
    const QString path = session()->path();
    m_editor->setWorkspace(path);
    m_editor->setEditing(true);
    QTRY_VERIFY_WITH_TIMEOUT(m_editor->isEditing(), 20000);
    QVERIFY(!session()->hasDraftEdits());
    waitUntilIdle();
}

void TestGridEditSession::publishWithNoteAndListEdition()
{
    const QString code = QStringLiteral("6300800022");
    QVERIFY(m_editor->subdivide(code, {4, std::nullopt}));
    waitUntilIdle();

    m_editor->publishAction()->trigger();
    PublishDialog *dialog = m_editor->publishDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->impactTable()->rowCount() >= 1);
    QVERIFY(!dialog->publishButton()->isEnabled());
    QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Fine grids for 6300800022"));
    QVERIFY(dialog->publishButton()->isEnabled());
    QSignalSpy published(m_editor, &GridEditor::published);
    dialog->publishButton()->click();
    QCOMPARE(published.size(), 1);
    const auto edition = published.at(0).at(0).value<GridEdition>();
    QCOMPARE(edition.note, QStringLiteral("Fine grids for 6300800022"));
    QCOMPARE(edition.publishedBy, QStringLiteral("Zhao Min"));
    QVERIFY(!session()->hasDraftEdits());
    QCOMPARE(session()->undoStack()->count(), 0);

    m_editor->editionsAction()->trigger();
    EditionsDialog *editions = m_editor->editionsDialog();
    QVERIFY(editions);
    QTRY_VERIFY(editions->isVisible());
    QTableWidget *table = editions->table();
    QVERIFY(table->rowCount() >= 2);
    QCOMPARE(table->item(0, 0)->text(), QString::number(edition.number));
    QCOMPARE(table->item(0, 3)->text(), edition.note);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Zhao Min"));

    // An older edition is shown read-only, without the fine grids; then back.
    table->selectRow(1);
    QVERIFY(editions->currentEdition() < edition.number);
    for (QPushButton *button : editions->findChildren<QPushButton *>()) {
        if (button->text().contains(QLatin1String("map")))
            button->click();
    }
    QVERIFY(m_editor->isShowingEdition());
    QVERIFY(!m_editor->isEditing());
    QVERIFY(m_canvas->tool() == nullptr);
    const QStringList withFine = m_canvas->scene()->gridWithDescendants(code);
    QCOMPARE(withFine, QStringList {code});
    m_editor->showCurrentMap();
    QVERIFY(!m_editor->isShowingEdition());
}

GRIDDESK_TEST_MAIN(TestGridEditSession, QApplication)

#include "tst_grideditsession.moc"
