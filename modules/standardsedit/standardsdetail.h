// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "standards/standardstree.h"

#include <QWidget>

class QLabel;
class QTableView;
class QToolBar;
class QTreeWidget;

namespace GridDesk {

class AttachedStandardsModel;

/// The detail pane of the standards browser for one category: code and clause, titles and
/// summaries in both languages, the parts of GridDesk that implement the clause (or that none
/// does yet), the attached standards with a toolbar for the browser's actions on them, and the
/// category's history.
class StandardsDetail : public QWidget
{
    Q_OBJECT

public:
    explicit StandardsDetail(QWidget *parent = nullptr);

    /// Shows the node of tree with this id and its history; an unknown id clears the pane.
    void showNode(const StandardsTree &tree, qint64 id, const QList<StandardsChange> &history);

    /// The id of the attached standard selected in the table, or 0.
    qint64 selectedAttached() const;
    void selectAttached(qint64 attachedId);

    QLabel *codeLabel() const { return m_code; }
    QLabel *implementedLabel() const { return m_implemented; }
    QTableView *attachedView() const { return m_attachedView; }
    AttachedStandardsModel *attachedModel() const { return m_attached; }
    QToolBar *attachedToolBar() const { return m_toolBar; }
    QTreeWidget *historyView() const { return m_history; }

Q_SIGNALS:
    void attachedSelectionChanged();
    /// The user double-clicked a standard with a document.
    void documentRequested(qint64 attachedId);

private:
    QLabel *m_code;
    QLabel *m_clause;
    QLabel *m_titleZh;
    QLabel *m_titleEn;
    QLabel *m_summaryZh;
    QLabel *m_summaryEn;
    QLabel *m_implemented;
    AttachedStandardsModel *m_attached;
    QTableView *m_attachedView;
    QToolBar *m_toolBar;
    QTreeWidget *m_history;
};

} // namespace GridDesk
