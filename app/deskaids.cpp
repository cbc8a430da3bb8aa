// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "deskaids.h"

#include "alertbanner.h"
#include "alertcentre.h"
#include "commandpalette.h"
#include "preferencesdialog.h"
#include "shortcuthelp.h"

#include "cases/casequeuewidget.h"
#include "mapview/mapcanvas.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QTimer>
#include <QToolBar>

namespace GridDesk {

DeskAids::DeskAids(QMainWindow *window, CaseDesk *desk, CaseQueueWidget *queue, MapCanvas *canvas)
    : QObject(window)
    , m_window(window)
    , m_canvas(canvas)
    , m_alerts(new AlertCentre(desk, queue, this))
    , m_palette(new CommandPalette(window, queue->model(), canvas))
{
    createBanner();
    connect(m_palette, &CommandPalette::caseRequested, this, &DeskAids::caseRequested);
    connect(m_palette, &CommandPalette::gridRequested, this, &DeskAids::gridRequested);
    connect(m_alerts, &AlertCentre::caseRequested, this, &DeskAids::caseRequested);
    applyPreferences(DeskPreferences::load());
}

DeskAids::~DeskAids() = default;

ShortcutHelp *DeskAids::shortcutHelp() const
{
    return m_shortcutHelp;
}

PreferencesDialog *DeskAids::preferencesDialog() const
{
    return m_preferencesDialog;
}

void DeskAids::createBanner()
{
    m_banner = new AlertBanner(m_alerts, m_window);
    m_bannerBar = new QToolBar(tr("Alerts"), m_window);
    m_bannerBar->setObjectName(QStringLiteral("alertBar"));
    m_bannerBar->setMovable(false);
    m_bannerBar->setFloatable(false);
    m_bannerBar->setFocusPolicy(Qt::NoFocus);
    m_bannerBar->toggleViewAction()->setVisible(false);
    m_bannerBar->addWidget(m_banner)->setVisible(true);
    m_window->addToolBarBreak(Qt::TopToolBarArea);
    m_window->addToolBar(Qt::TopToolBarArea, m_bannerBar);
    m_bannerBar->hide();
    connect(m_alerts, &AlertCentre::activeChanged, this, &DeskAids::showBannerBar);
    // A restored window layout may show the bar; it is there only while alerts are.
    connect(m_bannerBar, &QToolBar::visibilityChanged, this, [this](bool visible) {
        if (visible && m_alerts->active().isEmpty())
            QTimer::singleShot(0, this, &DeskAids::showBannerBar);
    });
    connect(m_banner, &AlertBanner::caseRequested, this, &DeskAids::caseRequested);
}

void DeskAids::showBannerBar()
{
    // Shown without activating anything: the focus stays where the person is typing.
    m_bannerBar->setVisible(!m_alerts->active().isEmpty());
}

void DeskAids::populateMenus(QMenu *view, QMenu *tools, QMenu *help)
{
    m_paletteAction = new QAction(tr("&Command palette…"), m_window);
    m_paletteAction->setObjectName(QStringLiteral("paletteAction"));
    m_paletteAction->setShortcut(Qt::CTRL | Qt::Key_K);
    connect(m_paletteAction, &QAction::triggered, this, &DeskAids::openCommandPalette);
    m_recentAlertsAction = new QAction(tr("&Recent alerts"), m_window);
    m_recentAlertsAction->setObjectName(QStringLiteral("recentAlertsAction"));
    m_recentAlertsAction->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_A);
    connect(m_recentAlertsAction, &QAction::triggered, this, &DeskAids::showRecentAlerts);
    view->addSeparator();
    view->addAction(m_paletteAction);
    view->addAction(m_recentAlertsAction);

    m_preferencesAction = new QAction(tr("P&references…"), m_window);
    m_preferencesAction->setObjectName(QStringLiteral("preferencesAction"));
    m_preferencesAction->setShortcut(Qt::CTRL | Qt::Key_Comma);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(m_preferencesAction, &QAction::triggered, this, &DeskAids::openPreferences);
    tools->addSeparator();
    tools->addAction(m_preferencesAction);

    m_shortcutsAction = new QAction(tr("&Keyboard shortcuts"), m_window);
    m_shortcutsAction->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcutsAction->setShortcuts(
        {QKeySequence(Qt::Key_F1), QKeySequence(Qt::CTRL | Qt::Key_Slash)});
    connect(m_shortcutsAction, &QAction::triggered, this, &DeskAids::showShortcuts);
    help->addAction(m_shortcutsAction);
}

void DeskAids::openCommandPalette()
{
    m_palette->popUp();
}

void DeskAids::showShortcuts()
{
    if (!m_shortcutHelp)
        m_shortcutHelp = new ShortcutHelp(m_window);
    m_shortcutHelp->show();
    m_shortcutHelp->raise();
    m_shortcutHelp->activateWindow();
}

void DeskAids::openPreferences()
{
    if (m_preferencesDialog) {
        m_preferencesDialog->raise();
        m_preferencesDialog->activateWindow();
        return;
    }
    auto *dialog = new PreferencesDialog(DeskPreferences::load(), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PreferencesDialog::applied, this, &DeskAids::applyPreferences);
    m_preferencesDialog = dialog;
    dialog->open();
}

void DeskAids::showRecentAlerts()
{
    m_banner->showRecent(m_window);
}

void DeskAids::applyPreferences(const DeskPreferences &preferences)
{
    m_alerts->setPreferences(preferences.alerts);
    m_canvas->setMapStyle(preferences.map.appliedTo(m_canvas->mapStyle()));
    Q_EMIT mapStyleChanged();
}

} // namespace GridDesk
