// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "domain/compactcaselist.h"

#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;

namespace GridDesk {

class CaseFilterProxyModel;
class CaseTableModel;

/// The case queue: a filter box over a sortable table of cases. Selecting a row reports the
/// case; the map can narrow the queue to one grid, which a bar above the table shows with a
/// button to clear it.
class CaseQueueWidget : public QWidget
{
    Q_OBJECT

public:
    explicit CaseQueueWidget(QWidget *parent = nullptr);

    void setCaseList(std::shared_ptr<const CompactCaseList> cases);
    void setCases(const QList<CaseRecord> &cases);

    CaseTableModel *model() const { return m_model; }
    CaseFilterProxyModel *proxyModel() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filterEdit; }

    /// The case of the current row, if any.
    std::optional<qint64> currentCaseId() const;

public Q_SLOTS:
    /// Shows only cases in codes (a grid and its descendants); label names the grid.
    void setGridFilter(const QStringList &codes, const QString &label);
    void clearGridFilter();
    /// Makes the case current without emitting caseSelected; false when it is not listed.
    bool selectCase(qint64 id);

Q_SIGNALS:
    void caseSelected(qint64 id);
    void gridFilterCleared();

private:
    void onCurrentRowChanged(const QModelIndex &current);
    void updateCountLabel();

    CaseTableModel *m_model;
    CaseFilterProxyModel *m_proxy;
    QLineEdit *m_filterEdit;
    QWidget *m_gridBar;
    QLabel *m_gridLabel;
    QToolButton *m_clearGridButton;
    QLabel *m_countLabel;
    QTableView *m_view;
    bool m_selecting = false;
};

} // namespace GridDesk
