// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workflow/terms.h"

#include <QKeySequence>
#include <QList>
#include <QObject>

#include <array>

class QAction;
class QMenu;
class QToolBar;

namespace GridDesk {

/// The desk's actions on cases, one QAction per action of the closed loop, each with a
/// keyboard shortcut, for the Case menu, the toolbar and the queue's context menu. Only the
/// actions the acting user may take on the current case are enabled.
class CaseActions : public QObject
{
    Q_OBJECT

public:
    explicit CaseActions(QObject *parent = nullptr);

    /// The action for a loop action; null for report and absorb, which the desk records itself.
    QAction *action(CaseAction action) const { return m_actions[std::size_t(action)]; }
    QAction *reportAction() const { return m_report; }
    QAction *runAsAction() const { return m_runAs; }
    QAction *reloadAction() const { return m_reload; }

    /// Enables exactly actions; the others are disabled but stay in place.
    void setAvailable(const QList<CaseAction> &actions);
    /// The enabled loop actions, in menu order.
    QList<QAction *> availableActions() const;

    /// Fills the Case menu and the toolbar: the main steps of the loop in the toolbar, the
    /// rest behind its "More" button.
    void populate(QMenu *menu, QToolBar *toolBar) const;

    static QKeySequence shortcut(CaseAction action);

Q_SIGNALS:
    void triggered(GridDesk::CaseAction action);

private:
    static QList<CaseAction> menuOrder();
    static bool onToolBar(CaseAction action);

    std::array<QAction *, std::size_t(CaseAction::Count)> m_actions {};
    QAction *m_report;
    QAction *m_runAs;
    QAction *m_reload;
};

} // namespace GridDesk
