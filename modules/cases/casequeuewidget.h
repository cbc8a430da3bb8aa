// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "queuefilter.h"

#include "domain/caserecord.h"
#include "domain/compactcaselist.h"

#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace GridDesk {

class CaseFilterProxyModel;
class CaseTableModel;
struct WorkflowSetup;

/// The case queue: the desk's views (my inbox, to register, … overdue, all) with their counts
/// beside a filter box over a sortable table of cases. Selecting a row reports the case; the
/// map can narrow the queue to one grid, which a bar above the table shows with a button to
/// clear it. Counts follow every change of a case and the passing of time.
class CaseQueueWidget : public QWidget
{
    Q_OBJECT

public:
    explicit CaseQueueWidget(QWidget *parent = nullptr);

    void setCaseList(std::shared_ptr<CompactCaseList> cases);
    void setCases(const QList<CaseRecord> &cases);

    /// Units, calendar and limits for the lead unit and deadline columns and the views.
    void setSetup(const WorkflowSetup &setup);
    /// Whose inbox "My inbox" is.
    void setDeskUser(const DeskUser &user);
    DeskUser deskUser() const { return m_user; }
    /// The wall time deadlines are measured at: the overdue view and deadline texts follow it.
    void setNow(const QDateTime &now);

    /// Takes over a case the closed loop changed, or lists a new one, and recounts the views.
    void updateCase(const CaseRecord &record);

    QueueView queueView() const;
    qsizetype viewCount(QueueView view) const { return m_counts[std::size_t(view)]; }
    /// Ctrl+1 … Ctrl+8: one action per view, for menus.
    const QList<QAction *> &viewActions() const { return m_viewActions; }
    /// Offers actions in the table's context menu (right-click makes the row current first).
    void setContextActions(const QList<QAction *> &actions);

    CaseTableModel *model() const { return m_model; }
    CaseFilterProxyModel *proxyModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QListWidget *viewList() const { return m_viewList; }

    /// The case of the current row, if any.
    std::optional<qint64> currentCaseId() const;

public Q_SLOTS:
    void setQueueView(QueueView view);
    /// Shows only cases in codes (a grid and its descendants); label names the grid.
    void setGridFilter(const QStringList &codes, const QString &label);
    void clearGridFilter();
    /// Shows only the cases with ids, in every queue view (it switches to "All"), instead of
    /// a grid's; label says where they come from ("Closure rate, unit BOS").
    void setCaseFilter(const QList<qint64> &ids, const QString &label);
    void clearCaseFilter();
    /// Makes the case current without emitting caseSelected; false when it is not listed.
    bool selectCase(qint64 id);

Q_SIGNALS:
    void caseSelected(qint64 id);
    void gridFilterCleared();
    void queueViewChanged(GridDesk::QueueView view);
    void viewCountsChanged();

private:
    void createTable();
    void createViewList();
    void connectParts();
    void applyFilterText();
    void onCurrentRowChanged(const QModelIndex &current);
    void rebuildFilter(bool refilter);
    void recount();
    void updateViewList();
    void updateCountLabel();

    CaseTableModel *m_model;
    CaseFilterProxyModel *m_proxy;
    QListWidget *m_viewList;
    QLineEdit *m_filterEdit;
    QWidget *m_gridBar;
    QLabel *m_gridLabel;
    QToolButton *m_clearGridButton;
    QLabel *m_countLabel;
    QTableView *m_view;
    QTimer *m_filterDelay;
    QList<QAction *> m_viewActions;
    DeskUser m_user;
    QueueFilter m_filter;
    QueueFilter::Counts m_counts {};
    std::optional<qint64> m_keptCase; // current while the rows are reset
    bool m_selecting = false;
};

} // namespace GridDesk
