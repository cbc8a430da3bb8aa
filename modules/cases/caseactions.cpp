// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "caseactions.h"

#include <QAction>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>

namespace GridDesk {

namespace {

using A = CaseAction;

/// Ctrl+Shift and a letter the action's name suggests.
constexpr std::pair<CaseAction, Qt::Key> SHORTCUTS[] = {
    {A::Register, Qt::Key_R},
    {A::Reject, Qt::Key_J},
    {A::Dispatch, Qt::Key_D},
    {A::Accept, Qt::Key_A},
    {A::Return, Qt::Key_T},
    {A::FeedBack, Qt::Key_F},
    {A::Verify, Qt::Key_V},
    {A::FailVerification, Qt::Key_X},
    {A::Supervise, Qt::Key_S},
    {A::Escalate, Qt::Key_E},
    {A::Evaluate, Qt::Key_L},
    {A::Reopen, Qt::Key_O},
    {A::Cancel, Qt::Key_C},
    {A::RequestSupplement, Qt::Key_M},
    {A::ProvideSupplement, Qt::Key_B},
    {A::RequestExtension, Qt::Key_H},
    {A::ApproveExtension, Qt::Key_Y},
    {A::DenyExtension, Qt::Key_N},
    {A::Promise, Qt::Key_P},
    {A::MarkSpecial, Qt::Key_I},
    {A::CloseImmediately, Qt::Key_Q},
    {A::Merge, Qt::Key_G},
    {A::Attach, Qt::Key_U},
    {A::ContactReporter, Qt::Key_K},
    {A::ReturnVisit, Qt::Key_W},
};

} // namespace

CaseActions::CaseActions(QObject *parent)
    : QObject(parent)
    , m_report(new QAction(tr("&Report a case…"), this))
    , m_runAs(new QAction(tr("R&un as…"), this))
    , m_reload(new QAction(tr("Re&load case"), this))
{
    for (CaseAction value : menuOrder()) {
        auto *action = new QAction(caseActionName(value) + QStringLiteral("…"), this);
        action->setObjectName(QStringLiteral("action_") + caseActionKey(value));
        action->setShortcut(shortcut(value));
        //: %1 is an action such as "Dispatch", %2 its keyboard shortcut
        action->setToolTip(tr("%1 (%2)").arg(
            caseActionName(value), shortcut(value).toString(QKeySequence::NativeText)));
        action->setEnabled(false);
        connect(action, &QAction::triggered, this, [this, value] { Q_EMIT triggered(value); });
        m_actions[std::size_t(value)] = action;
    }
    m_report->setObjectName(QStringLiteral("action_report"));
    m_report->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_runAs->setObjectName(QStringLiteral("action_run_as"));
    m_runAs->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_U));
    m_reload->setObjectName(QStringLiteral("action_reload"));
    m_reload->setShortcut(QKeySequence::Refresh);
}

QList<CaseAction> CaseActions::menuOrder()
{
    return {A::Register, A::Reject, A::Merge, A::CloseImmediately, A::Dispatch, A::Accept,
        A::Return, A::FeedBack, A::Verify, A::FailVerification, A::Supervise, A::Escalate,
        A::Evaluate, A::ReturnVisit, A::ContactReporter, A::Promise, A::RequestSupplement,
        A::ProvideSupplement, A::RequestExtension, A::ApproveExtension, A::DenyExtension,
        A::MarkSpecial, A::Reopen, A::Cancel, A::Attach};
}

bool CaseActions::onToolBar(CaseAction action)
{
    switch (action) {
    case A::Register:
    case A::Dispatch:
    case A::Accept:
    case A::FeedBack:
    case A::Verify:
    case A::FailVerification:
    case A::Evaluate:
        return true;
    default:
        return false;
    }
}

QKeySequence CaseActions::shortcut(CaseAction action)
{
    for (const auto &[listed, key] : SHORTCUTS) {
        if (listed == action)
            return QKeySequence(Qt::CTRL | Qt::SHIFT | key);
    }
    return {};
}

void CaseActions::setAvailable(const QList<CaseAction> &actions)
{
    for (CaseAction value : menuOrder())
        action(value)->setEnabled(actions.contains(value));
}

QList<QAction *> CaseActions::availableActions() const
{
    QList<QAction *> enabled;
    for (CaseAction value : menuOrder()) {
        if (action(value)->isEnabled())
            enabled << action(value);
    }
    return enabled;
}

void CaseActions::populate(QMenu *menu, QToolBar *toolBar) const
{
    menu->addAction(m_report);
    menu->addSeparator();
    auto *more = new QMenu(tr("More"), toolBar);
    for (CaseAction value : menuOrder()) {
        menu->addAction(action(value));
        if (onToolBar(value))
            toolBar->addAction(action(value));
        else
            more->addAction(action(value));
        if (value == A::CloseImmediately || value == A::ReturnVisit)
            menu->addSeparator();
    }
    menu->addSeparator();
    menu->addAction(m_reload);
    menu->addAction(m_runAs);

    toolBar->insertAction(toolBar->actions().value(0), m_report);
    toolBar->insertSeparator(toolBar->actions().value(1));
    auto *moreButton = new QToolButton(toolBar);
    moreButton->setObjectName(QStringLiteral("moreActions"));
    moreButton->setText(tr("More"));
    moreButton->setMenu(more);
    moreButton->setPopupMode(QToolButton::InstantPopup);
    toolBar->addWidget(moreButton);
}

} // namespace GridDesk
