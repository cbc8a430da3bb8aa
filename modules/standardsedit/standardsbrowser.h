// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/standardspdf.h"
#include "standards/standardstree.h"

#include "domain/error.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTemporaryDir;
class QTreeView;

namespace GridDesk {

class StandardsDetail;
class StandardsDocument;
class StandardsFilter;
class StandardsTreeModel;

/// The standards browser of one workspace, a window of its own: the standards tree with a
/// search on the left; breadcrumbs, the category's details, attached standards and history on
/// the right; coverage counts in the status line. Adding, removing, moving and renumbering
/// categories and attaching and detaching standards are undoable steps until Save writes them;
/// the File menu exports the system table and the detail list as CSV or PDF. Roles that may not
/// edit browse the same window read-only with the reason shown.
class StandardsBrowser : public QMainWindow
{
    Q_OBJECT

public:
    enum class Action {
        Save,
        Reload,
        ExportTableCsv,
        ExportTablePdf,
        ExportListCsv,
        ExportListPdf,
        Close,
        Undo,
        Redo,
        AddCategory,
        RemoveCategory,
        MoveCategory,
        Renumber,
        Attach,
        Detach,
        OpenDocument,
        ExpandAll,
        CollapseAll,
        Find,
        Count
    };

    explicit StandardsBrowser(QWidget *parent = nullptr);
    ~StandardsBrowser() override;

    /// Browses the standards tree of the workspace at path as user in role (a workstation role
    /// key).
    Result<void> open(const QString &path, const QString &user, const QString &role);
    void setUser(const QString &user, const QString &role);

    StandardsDocument *document() const { return m_document; }
    StandardsTreeModel *treeModel() const { return m_model; }
    StandardsFilter *filter() const { return m_filter; }
    QTreeView *treeView() const { return m_tree; }
    QLineEdit *searchEdit() const { return m_search; }
    StandardsDetail *detail() const { return m_detail; }
    QWidget *breadcrumbBar() const { return m_crumbs; }
    QLabel *readOnlyBanner() const { return m_banner; }
    QLabel *coverageLabel() const { return m_coverage; }
    QAction *action(Action action) const { return m_actions[int(action)]; }

    /// The selected category's node id, or 0.
    qint64 selectedNode() const;
    /// Selects a category (clearing a search that hides it) and shows it in the detail pane.
    void selectNode(qint64 id);
    bool selectCode(const QString &code);
    /// The codes of the breadcrumbs shown, from the sub-system down.
    QStringList breadcrumbs() const;

    /// The editing steps behind the actions, without their dialogs; false (with the reason
    /// shown) when the tree refused.
    bool addCategory(const QString &parentCode, const NewCategory &category);
    bool removeSelected();
    bool moveSelected(const QString &parentCode);
    bool renumberSelected(const QString &newCode);
    bool attachToSelected(const AttachedStandard &standard, const QString &documentPath);
    bool detachSelected();
    bool save();
    bool exportTo(StandardsPrintout printout, const QString &path);
    /// The document of an attached standard saved to a temporary file, for opening.
    Result<QString> documentFile(qint64 attachedId);
    /// The categories the one coded code may move under, in tree order.
    QStringList allowedParents(const QString &code) const;
    /// The last message shown in the status line (a refusal's reason, a save).
    QString lastMessage() const { return m_lastMessage; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void createActions();
    void createMenus();
    void connectSignals();
    void updateActions();
    void updateTitle();
    void updateCoverage();
    void showTree();
    void showSelected();
    void showBreadcrumbs(qint64 id);
    void showMessage(const QString &text);
    void refuse(const QString &title, const QString &reason);
    void offerReload(const QString &reason);
    QString titleOf(const StandardNode &node) const;

    // The actions with their dialogs (standardsbrowseractions.cpp).
    void askAddCategory();
    void askMove();
    void askRenumber();
    void askAttach();
    void askExport(StandardsPrintout printout, bool pdf);
    void askReload();
    void openSelectedDocument();
    void openDocument(qint64 attachedId);

    StandardsDocument *m_document;
    StandardsTreeModel *m_model;
    StandardsFilter *m_filter;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_search = nullptr;
    QWidget *m_crumbs = nullptr;
    QHBoxLayout *m_crumbLayout = nullptr;
    StandardsDetail *m_detail = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_coverage = nullptr;
    QList<QAction *> m_actions;
    QSet<qint64> m_expanded;
    qint64 m_current = 0;
    QString m_lastMessage;
    std::unique_ptr<QTemporaryDir> m_documents;
};

} // namespace GridDesk
