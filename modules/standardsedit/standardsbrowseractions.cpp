// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "attachstandarddialog.h"
#include "categorydialog.h"
#include "parentchooserdialog.h"
#include "standardsbrowser.h"
#include "standardsdetail.h"
#include "standardsdocument.h"

#include <QAction>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

namespace GridDesk {

void StandardsBrowser::createActions()
{
    m_actions.resize(int(Action::Count));
    const auto make = [this](Action which, const QString &text, const QString &name) {
        auto *created = new QAction(text, this);
        created->setObjectName(name);
        m_actions[int(which)] = created;
        return created;
    };

    make(Action::Save, tr("&Save"), QStringLiteral("saveAction"))->setShortcut(QKeySequence::Save);
    make(Action::Reload, tr("&Reload from workspace"), QStringLiteral("reloadAction"));
    make(Action::ExportTableCsv, tr("Export system table as &CSV…"), QStringLiteral("tableCsv"));
    make(Action::ExportTablePdf, tr("Export system table as &PDF…"), QStringLiteral("tablePdf"));
    make(Action::ExportListCsv, tr("Export detail list as C&SV…"), QStringLiteral("listCsv"));
    make(Action::ExportListPdf, tr("Export detail list as P&DF…"), QStringLiteral("listPdf"));
    make(Action::Close, tr("&Close"), QStringLiteral("closeAction"))
        ->setShortcut(QKeySequence::Close);

    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undoAction"));
    m_actions[int(Action::Undo)] = undo;
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    redo->setObjectName(QStringLiteral("redoAction"));
    m_actions[int(Action::Redo)] = redo;

    make(Action::AddCategory, tr("&Add category…"), QStringLiteral("addCategory"))
        ->setShortcut(Qt::CTRL | Qt::Key_Insert);
    make(Action::RemoveCategory, tr("Re&move category"), QStringLiteral("removeCategory"))
        ->setShortcut(QKeySequence::Delete);
    make(Action::MoveCategory, tr("Mo&ve category to…"), QStringLiteral("moveCategory"))
        ->setShortcut(Qt::CTRL | Qt::Key_M);
    make(Action::Renumber, tr("Re&number…"), QStringLiteral("renumber"))->setShortcut(Qt::Key_F2);
    make(Action::Attach, tr("A&ttach standard…"), QStringLiteral("attachStandard"))
        ->setShortcut(Qt::CTRL | Qt::Key_T);
    make(Action::Detach, tr("&Detach standard"), QStringLiteral("detachStandard"));
    make(Action::OpenDocument, tr("&Open document"), QStringLiteral("openDocument"));
    make(Action::ExpandAll, tr("&Expand all"), QStringLiteral("expandAll"));
    make(Action::CollapseAll, tr("&Collapse all"), QStringLiteral("collapseAll"));
    make(Action::Find, tr("&Find"), QStringLiteral("findAction"))->setShortcut(QKeySequence::Find);
    // The tree's Delete must not fire while the search box edits text.
    action(Action::RemoveCategory)->setShortcutContext(Qt::WidgetShortcut);
    m_tree->addAction(action(Action::RemoveCategory));

    connect(action(Action::Save), &QAction::triggered, this, &StandardsBrowser::save);
    connect(action(Action::Reload), &QAction::triggered, this, &StandardsBrowser::askReload);
    connect(action(Action::ExportTableCsv), &QAction::triggered, this,
        [this] { askExport(StandardsPrintout::SystemTable, false); });
    connect(action(Action::ExportTablePdf), &QAction::triggered, this,
        [this] { askExport(StandardsPrintout::SystemTable, true); });
    connect(action(Action::ExportListCsv), &QAction::triggered, this,
        [this] { askExport(StandardsPrintout::DetailList, false); });
    connect(action(Action::ExportListPdf), &QAction::triggered, this,
        [this] { askExport(StandardsPrintout::DetailList, true); });
    connect(action(Action::Close), &QAction::triggered, this, &QWidget::close);
    connect(
        action(Action::AddCategory), &QAction::triggered, this, &StandardsBrowser::askAddCategory);
    connect(action(Action::RemoveCategory), &QAction::triggered, this,
        &StandardsBrowser::removeSelected);
    connect(action(Action::MoveCategory), &QAction::triggered, this, &StandardsBrowser::askMove);
    connect(action(Action::Renumber), &QAction::triggered, this, &StandardsBrowser::askRenumber);
    connect(action(Action::Attach), &QAction::triggered, this, &StandardsBrowser::askAttach);
    connect(action(Action::Detach), &QAction::triggered, this, &StandardsBrowser::detachSelected);
    connect(action(Action::OpenDocument), &QAction::triggered, this,
        &StandardsBrowser::openSelectedDocument);
    connect(action(Action::ExpandAll), &QAction::triggered, m_tree, &QTreeView::expandAll);
    connect(action(Action::CollapseAll), &QAction::triggered, m_tree, &QTreeView::collapseAll);
    connect(action(Action::Find), &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
}

void StandardsBrowser::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({action(Action::Save), action(Action::Reload)});
    file->addSeparator();
    file->addActions({action(Action::ExportTableCsv), action(Action::ExportTablePdf),
        action(Action::ExportListCsv), action(Action::ExportListPdf)});
    file->addSeparator();
    file->addAction(action(Action::Close));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({action(Action::Undo), action(Action::Redo)});
    edit->addSeparator();
    edit->addActions({action(Action::AddCategory), action(Action::RemoveCategory),
        action(Action::MoveCategory), action(Action::Renumber)});
    edit->addSeparator();
    edit->addActions(
        {action(Action::Attach), action(Action::Detach), action(Action::OpenDocument)});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(
        {action(Action::Find), action(Action::ExpandAll), action(Action::CollapseAll)});

    QToolBar *tools = addToolBar(tr("Standards"));
    tools->setObjectName(QStringLiteral("standardsToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addActions({action(Action::Save), action(Action::Undo), action(Action::Redo)});
    tools->addSeparator();
    tools->addActions({action(Action::AddCategory), action(Action::RemoveCategory),
        action(Action::MoveCategory), action(Action::Renumber)});
    tools->addSeparator();
    tools->addActions({action(Action::ExpandAll), action(Action::CollapseAll)});
    m_detail->attachedToolBar()->addActions(
        {action(Action::Attach), action(Action::Detach), action(Action::OpenDocument)});
}

void StandardsBrowser::askAddCategory()
{
    const StandardNode *node = m_document->tree().node(selectedNode());
    if (!node)
        return;
    CategoryDialog dialog(node->code, this);
    if (dialog.exec() == QDialog::Accepted)
        addCategory(node->code, dialog.category());
}

void StandardsBrowser::askMove()
{
    const StandardNode *node = m_document->tree().node(selectedNode());
    if (!node)
        return;
    QList<QPair<QString, QString>> choices;
    for (const QString &code : allowedParents(node->code))
        choices.append({code, titleOf(*m_document->tree().nodeByCode(code))});
    if (choices.isEmpty()) {
        refuse(tr("Category not moved"), tr("%1 has no other place to go.").arg(node->code));
        return;
    }
    ParentChooserDialog dialog(node->code, choices, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.chosen().isEmpty())
        moveSelected(dialog.chosen());
}

void StandardsBrowser::askRenumber()
{
    const StandardNode *node = m_document->tree().node(selectedNode());
    if (!node)
        return;
    bool ok = false;
    //: %1 is the category's code
    const QString code = QInputDialog::getText(this, tr("Renumber %1").arg(node->code),
        tr("New code under the same parent (its sub-categories are coded anew):"),
        QLineEdit::Normal, node->code, &ok);
    if (ok && code.trimmed() != node->code)
        renumberSelected(code);
}

void StandardsBrowser::askAttach()
{
    const StandardNode *node = m_document->tree().node(selectedNode());
    if (!node)
        return;
    AttachStandardDialog dialog(node->code, titleOf(*node), this);
    if (dialog.exec() == QDialog::Accepted)
        attachToSelected(dialog.standard(), dialog.documentPath());
}

void StandardsBrowser::askExport(StandardsPrintout printout, bool pdf)
{
    const QString suggested = printout == StandardsPrintout::SystemTable
        ? tr("standard-system-table")
        : tr("standard-detail-list");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"),
        suggested + (pdf ? QStringLiteral(".pdf") : QStringLiteral(".csv")),
        pdf ? tr("PDF documents (*.pdf)") : tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(printout, path);
}

void StandardsBrowser::askReload()
{
    if (m_document->isModified()) {
        const auto answer = QMessageBox::question(this, tr("Reload"),
            tr("Reloading drops %n unsaved change(s). Reload anyway?", nullptr,
                m_document->undoStack()->count()));
        if (answer != QMessageBox::Yes)
            return;
    }
    if (auto done = m_document->reload(); !done)
        refuse(tr("Standards tree not reloaded"), done.error().message);
}

void StandardsBrowser::openSelectedDocument()
{
    openDocument(m_detail->selectedAttached());
}

void StandardsBrowser::openDocument(qint64 attachedId)
{
    const auto path = documentFile(attachedId);
    if (!path) {
        refuse(tr("Document not opened"), path.error().message);
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(*path)))
        refuse(tr("Document not opened"),
            tr("No program is set up to open %1; it is saved as %2.")
                .arg(QFileInfo(*path).fileName(), *path));
}

} // namespace GridDesk
