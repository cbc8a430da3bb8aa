// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "topology/topologycheck.h"

#include <QFutureWatcher>
#include <QStringList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace GridDesk {

class GridEditSession;
class TopologyFindingsModel;

/// The topology findings of the map being edited: checked around the grids of every edit,
/// and on the whole map on demand, both off the GUI thread. A double-click zooms to a
/// finding; a gap can be closed and an overlap clipped to either side (as undoable edits), or
/// a finding accepted with a reason and the acceptance withdrawn.
class TopologyPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TopologyPanel(GridEditSession *session, QWidget *parent = nullptr);
    ~TopologyPanel() override;

    TopologyFindingsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *checkAllButton() const { return m_checkAll; }
    bool isChecking() const;

public Q_SLOTS:
    /// Checks every grid of the map.
    void checkAll();
    /// Checks what an edit of the grids of codes, nested in parents, can have caused.
    void checkAround(const QStringList &codes, const QStringList &parents);
    /// Forgets every finding (another workspace, a new draft).
    void clear();

    /// The fixes of the finding on row; false when it could not be made (with message).
    bool closeGap(int row);
    bool clipOverlap(int row, bool keepFirst);
    bool acceptFinding(int row, const QString &reason);
    bool withdrawAcceptance(int row);

Q_SIGNALS:
    void checkStarted();
    /// No check runs any more; the list is up to date.
    void checkFinished();
    void zoomRequested(const GridDesk::BoundingBox &extent);
    /// The area of the finding picked in the list, to draw over the map (empty: none).
    void findingHighlighted(const QByteArray &wkb);
    void message(const QString &text);

private:
    using Watcher = QFutureWatcher<Result<QList<TopologyFinding>>>;

    void connectSignals();
    void onFullCheckFinished();
    void onAroundCheckFinished();
    void startAroundCheck();
    void finishIfIdle();
    void readAccepted();
    void updateButtons();
    void updateSummary();
    int currentRow() const;
    QString keepCode(int row, bool keepFirst) const;
    void askForAcceptance();

    GridEditSession *m_session;
    TopologyFindingsModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QPushButton *m_checkAll;
    QPushButton *m_closeGap;
    QPushButton *m_keepFirst;
    QPushButton *m_keepSecond;
    QPushButton *m_accept;
    QPushButton *m_withdraw;
    Watcher m_fullCheck;
    Watcher m_aroundCheck;
    QStringList m_aroundRunning; ///< codes the running check around looks at
    QStringList m_aroundPending; ///< codes edited since, to check next
    QStringList m_parentsRunning; ///< the parents of m_aroundRunning
    QStringList m_parentsPending;
    // A watcher stops running before its finished signal arrives; these last until it has.
    bool m_fullBusy = false;
    bool m_aroundBusy = false;
};

} // namespace GridDesk
