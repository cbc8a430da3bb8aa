// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/personaldata.h"

#include "domain/error.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

class QAction;
class QLabel;
class QLineEdit;

class QTabWidget;
class QTableView;
class QUndoView;

namespace GridDesk {

class CoverageFindingsModel;
class OrgDiagram;
class OrgDocument;
class OrgTreeFilter;
class OrgTreeModel;
class OrgTreeView;
class PeopleModel;
class UnitDetailForm;
struct OrgImportReport;

/// The org chart editor of one workspace, a window of its own: the unit tree with a search on
/// the left, the drawn chart and the people of the selected unit in the middle, the unit's
/// details and history on the right, the coverage findings and the undo history below. Every
/// change is an undoable step; Save writes them as the user, and a chart saved elsewhere
/// meanwhile is never overwritten. Roles that may not edit get the same window read-only.
class OrgEditor : public QMainWindow
{
    Q_OBJECT

public:
    enum class Action {
        Save,
        Reload,
        Undo,
        Redo,
        AddUnit,
        AddJointUnit,
        Rename,
        MoveTo,
        MergeInto,
        Retire,
        AddPerson,
        EditPerson,
        PersonLeaves,
        RevealPhone,
        RevealIdNumber,
        AddGroup,
        EditGroup,
        DissolveGroup,
        ImportDivisions,
        ImportUnits,
        ImportPeople,
        ExportUnits,
        ExportPeople,
        ShowRetired,
        Find,
        Count
    };

    explicit OrgEditor(QWidget *parent = nullptr);
    ~OrgEditor() override;

    /// Edits the chart of the workspace at path as user in role (a workstation role key).
    Result<void> open(const QString &path, const QString &user, const QString &role);
    void setUser(const QString &user, const QString &role);

    OrgDocument *document() const { return m_document; }
    OrgTreeModel *treeModel() const { return m_treeModel; }
    OrgTreeFilter *treeFilter() const { return m_filter; }
    OrgTreeView *treeView() const { return m_tree; }
    PeopleModel *peopleModel() const { return m_peopleModel; }
    QTableView *peopleView() const { return m_peopleView; }
    OrgDiagram *diagram() const { return m_diagram; }
    UnitDetailForm *detailForm() const { return m_detail; }
    CoverageFindingsModel *findingsModel() const { return m_findings; }
    QTableView *findingsView() const { return m_findingsView; }
    QLineEdit *searchEdit() const { return m_search; }
    QLabel *readOnlyBanner() const { return m_banner; }
    QTabWidget *centreTabs() const { return m_tabs; }
    QAction *action(Action action) const { return m_actions[int(action)]; }

    QString selectedUnit() const;
    void selectUnit(const QString &code);
    qint64 selectedPerson() const;
    void selectPerson(qint64 id);

    /// The editing steps behind the actions, without their dialogs; false (with message) when
    /// the chart refused.
    bool addUnit(
        const QString &parentCode, UnitKind kind, const QString &code, const QString &name);
    bool addUnit(const ChartUnit &unit);
    bool moveSelectedUnit(const QString &parentCode);
    bool mergeSelectedUnit(const QString &survivor);
    bool retireSelectedUnit();
    bool putPerson(const Person &person);
    bool personLeaves(qint64 id);
    bool revealSelected(PersonalField field, const QString &why);
    bool putGroup(const OrgGroup &group);
    /// Imports the division code tables in folder (of the subtree of rootCode, blank: all) and
    /// shows the report (see importReportBox()); one undoable step.
    bool importDivisions(const QString &folder, const QString &rootCode = QString());
    /// Imports a units or people CSV file and shows the report with the refused rows.
    bool importCsv(const QString &path, bool people);
    /// Writes the units or the people (numbers masked) as CSV to path.
    bool exportCsv(const QString &path, bool people);
    /// The report of the last import, while it is open.
    QMessageBox *importReportBox() const { return m_importReportBox; }
    /// Saves; on a conflict, says so and offers to reload (see conflictBox()).
    bool save();
    /// A newer chart came from the server into the workspace: shown at once when nothing is
    /// being edited, otherwise the next save conflicts and offers to reload.
    void takeChartFromServer();
    /// The question shown after a conflicting save, while it is open.
    QMessageBox *conflictBox() const { return m_conflictBox; }
    /// The parents a unit may move under, by the tier rule.
    QStringList allowedParents(const QString &code) const;
    /// Changes merging retiring into another would carry, in words.
    QString mergeExplanation(const QString &retiring) const;

Q_SIGNALS:
    /// The chart was saved in the workspace (the desk reads its units again).
    void chartSaved();
    void message(const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createWidgets();
    void sizeTreeColumns();
    void createActions();
    void createMenus();
    void connectSignals();
    void updateActions();
    void updateTitle();
    void refreshFindings();
    void showChart();
    void onUnitSelected(const QString &code);
    void onFindingActivated(const QModelIndex &index);
    void search();
    void showMessage(const QString &text);
    void refuse(const QString &title, const QString &reason);
    void rememberExpansion();
    void restoreExpansion();
    void offerReload(const QString &reason);

    // The actions with their dialogs (orgeditoractions.cpp).
    void askAddUnit(UnitKind kind);
    void askMove();
    void askMerge();
    void askRetire();
    void askPerson(bool add);
    void askPersonLeaves();
    void askReveal(PersonalField field);
    void askGroup(bool add);
    void askDissolveGroup();
    void askLinkUnit();
    void askImportDivisions();
    void askImportCsv(bool people);
    void askExportCsv(bool people);
    void askReload();
    void showImportReport(const QString &title, const OrgImportReport &report);
    qint64 currentGroup() const;

    OrgDocument *m_document;
    OrgTreeModel *m_treeModel;
    OrgTreeFilter *m_filter;
    PeopleModel *m_peopleModel;
    CoverageFindingsModel *m_findings;
    OrgTreeView *m_tree = nullptr;
    QLineEdit *m_search = nullptr;
    QTabWidget *m_tabs = nullptr;
    OrgDiagram *m_diagram = nullptr;
    QTableView *m_peopleView = nullptr;
    UnitDetailForm *m_detail = nullptr;
    QTableView *m_findingsView = nullptr;
    QUndoView *m_undoView = nullptr;
    QLabel *m_banner = nullptr;
    QPointer<QMessageBox> m_conflictBox;
    QPointer<QMessageBox> m_importReportBox;
    QList<QAction *> m_actions;
    QString m_current;
    QStringList m_expanded;
    QStringList m_matches;
    int m_match = -1;
    QString m_matchedText;
};

} // namespace GridDesk
