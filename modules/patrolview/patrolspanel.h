// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "trackoverlay.h"

#include "domain/error.h"
#include "patrol/patrolbook.h"

#include <QWidget>

#include <memory>

class QBoxLayout;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace GridDesk {

class PatrolImportJob;
class PatrolSummaryJob;
class PlanPeriodChooser;
class Workspace;
struct GridChoice;

/// The patrols of a workspace at the desk: import a GPS log as someone's patrol (on a worker
/// thread, with its progress and a Cancel), see every track with its times, for the chosen
/// one the share of each grid it saw and the cases found on it, and the patrol plans of the
/// grids: added, edited and removed here, and judged over a period the user chooses. Its
/// overlay draws the tracks on the map. Works on the GUI thread, on its own connection to the
/// workspace file; after an import the tracks are read again on a worker thread of their own
/// (PatrolSummaryJob), while the panel says it is loading them.
class PatrolsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PatrolsPanel(QWidget *parent = nullptr);
    /// Cancels a running import and waits for it to stop.
    ~PatrolsPanel() override;

    /// Opens the workspace at path and shows its patrols, cancelling an import still running
    /// for the one open before. Fails when it cannot be read.
    Result<void> open(const QString &path);
    /// The person new tracks are imported for unless another is chosen: the desk's user.
    void setUser(const QString &name);
    /// The grid chosen on the map, offered first for a new plan; empty for none.
    void setCurrentGrid(const QString &code);

    /// Starts importing the log at path for the chosen person with the chosen sight
    /// distance on a worker thread; importFinished() or importFailed() follows. Returns
    /// false, saying why in the panel, when no workspace is open or an import is running.
    bool importFile(const QString &path);
    /// Stops the running import; nothing of its log is kept.
    void cancelImport();
    bool isImporting() const;
    /// Whether the tracks are being read again after an import.
    bool isLoading() const;
    /// Chooses the track with id: its grids and cases are listed and the map shows it wider.
    void chooseTrack(qint64 id);

    /// Opens the dialog for a new plan; the plan is kept when the dialog is accepted.
    void addPlan();
    /// Opens the dialog for the plan chosen in the list.
    void editPlan();
    /// Asks whether to remove the plan chosen in the list, and removes it when told so.
    void removePlan();

    /// The import running or last run; null before the first. Connect to it from a slot of
    /// importStarted() to follow it from its start.
    PatrolImportJob *importJob() const { return m_import.get(); }
    TrackOverlay *overlay() { return &m_overlay; }
    PlanPeriodChooser *periodChooser() const { return m_period; }
    /// What the panel says now (an import's outcome, its progress or why it failed).
    QString message() const;

Q_SIGNALS:
    /// The tracks (or the one chosen) changed: the map should repaint its overlay.
    void tracksChanged();
    /// A track was chosen; extent is the box around it.
    void trackChosen(qint64 id, const GridDesk::BoundingBox &extent);
    void caseRequested(qint64 id);
    void gridRequested(const QString &code);
    void importStarted(const QString &path);
    /// The log was imported as track id, now shown and chosen: emitted once the tracks have
    /// been read again, after tracksLoaded().
    void importFinished(qint64 id);
    /// The tracks were read again on the worker and are shown (or, when they could not be
    /// read, the panel says why).
    void tracksLoaded();
    /// The log was not imported (message says why); nothing of it was kept.
    void importFailed(const QString &message);
    /// The plans changed (added, edited or removed).
    void plansChanged();

private:
    void buildImportRow(QBoxLayout *layout);
    void buildPlansSection(QBoxLayout *layout);
    void chooseFile();
    void showProgress(ImportStage stage, qint64 done, qint64 total);
    void onImportFinished(const PatrolImport &import);
    void onImportFailed(const Error &error);
    void endImport();
    Result<void> reload();
    /// Reads the tracks again on a worker and chooses track chosenId once they are shown.
    void startLoading(qint64 chosenId);
    void onLoaded(const PatrolSummary &summary, qint64 chosenId);
    void onLoadFailed(const Error &error, qint64 chosenId);
    void endLoading();
    void showSummary(PatrolSummary &&summary);
    void fillTracks();
    void fillChosen();
    /// Lists m_plans, choosing the plan with chosenId again.
    void fillPlans(qint64 chosenId);
    void judgePlans();
    void showPlanDialog(const PatrolPlan &plan);
    void savePlan(const PatrolPlan &plan);
    std::optional<PatrolPlan> chosenPlan() const;
    void showPlanChosen();
    QList<GridChoice> gridChoices() const;
    QStringList peopleNames() const;
    void showMessage(const QString &text, bool failure);

    std::unique_ptr<Workspace> m_workspace;
    QString m_workspacePath;
    std::unique_ptr<PatrolBook> m_book;
    std::unique_ptr<PatrolImportJob> m_import;
    int m_importSerial = 0;
    std::unique_ptr<PatrolSummaryJob> m_loading;
    TrackOverlay m_overlay;
    PatrolSummary m_summary;
    QList<PlanStatus> m_plans;
    qint64 m_chosen = 0;
    QString m_currentGrid;

    QComboBox *m_person;
    QDoubleSpinBox *m_sight;
    QPushButton *m_importButton;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_message;
    QProgressBar *m_loadingBar;
    QTableWidget *m_tracks;
    QTableWidget *m_coverage;
    QTableWidget *m_cases;
    PlanPeriodChooser *m_period;
    QTableWidget *m_planTable;
    QPushButton *m_editPlan;
    QPushButton *m_removePlan;
};

} // namespace GridDesk
