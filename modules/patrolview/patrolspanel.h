// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "trackoverlay.h"

#include "domain/error.h"
#include "patrol/patrolbook.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace GridDesk {

class Workspace;

/// The patrols of a workspace at the desk: import a GPS log as someone's patrol, see every
/// track with its times, for the chosen one the share of each grid it saw and the cases found
/// on it, and how the patrol plans fared from the first patrol's day to the last's. Its
/// overlay draws the tracks on the map. Works on the GUI thread, on its own connection to the
/// workspace file.
class PatrolsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PatrolsPanel(QWidget *parent = nullptr);
    ~PatrolsPanel() override;

    /// Opens the workspace at path and shows its patrols. Fails when it cannot be read.
    Result<void> open(const QString &path);
    /// The person new tracks are imported for unless another is chosen: the desk's user.
    void setUser(const QString &name);

    /// Imports the log at path for the chosen person with the chosen sight distance, shows
    /// what it saw and chooses it; a failure is shown in the panel and returned.
    Result<PatrolImport> importFile(const QString &path);
    /// Chooses the track with id: its grids and cases are listed and the map shows it wider.
    void chooseTrack(qint64 id);

    TrackOverlay *overlay() { return &m_overlay; }
    /// What the panel says now (an import's outcome or why it failed).
    QString message() const;

Q_SIGNALS:
    /// The tracks (or the one chosen) changed: the map should repaint its overlay.
    void tracksChanged();
    /// A track was chosen; extent is the box around it.
    void trackChosen(qint64 id, const GridDesk::BoundingBox &extent);
    void caseRequested(qint64 id);
    void gridRequested(const QString &code);

private:
    void chooseFile();
    Result<void> reload();
    void fillTracks();
    void fillChosen();
    void fillPlans();
    void showMessage(const QString &text, bool failure);

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<PatrolBook> m_book;
    TrackOverlay m_overlay;
    PatrolSummary m_summary;
    qint64 m_chosen = 0;

    QComboBox *m_person;
    QDoubleSpinBox *m_sight;
    QLabel *m_message;
    QTableWidget *m_tracks;
    QTableWidget *m_coverage;
    QTableWidget *m_cases;
    QLabel *m_plansTitle;
    QTableWidget *m_plans;
};

} // namespace GridDesk
