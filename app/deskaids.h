// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "preferences.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace GridDesk {

class AlertBanner;
class AlertCentre;
class CaseDesk;
class CaseQueueWidget;
class CommandPalette;
class MapCanvas;
class PreferencesDialog;
class ShortcutHelp;

/// What helps the person at the desk through a shift, beside the work itself: the alerts and
/// their banner at the top of the window, the command palette (Ctrl+K), the keyboard shortcut
/// help (F1, Ctrl+/) and the preferences (Ctrl+,), which it applies to the alerts and the map
/// as they are saved.
class DeskAids : public QObject
{
    Q_OBJECT

public:
    DeskAids(QMainWindow *window, CaseDesk *desk, CaseQueueWidget *queue, MapCanvas *canvas);
    ~DeskAids() override;

    /// Adds Command palette and Recent alerts to view, Preferences to tools, Keyboard
    /// shortcuts to help.
    void populateMenus(QMenu *view, QMenu *tools, QMenu *help);

    AlertCentre *alerts() const { return m_alerts; }
    AlertBanner *banner() const { return m_banner; }
    QToolBar *bannerBar() const { return m_bannerBar; }
    CommandPalette *palette() const { return m_palette; }
    /// The shortcut help while it exists (made when first shown).
    ShortcutHelp *shortcutHelp() const;
    /// The preferences dialog while it is open.
    PreferencesDialog *preferencesDialog() const;
    QAction *paletteAction() const { return m_paletteAction; }
    QAction *shortcutsAction() const { return m_shortcutsAction; }
    QAction *preferencesAction() const { return m_preferencesAction; }
    QAction *recentAlertsAction() const { return m_recentAlertsAction; }

public Q_SLOTS:
    void openCommandPalette();
    void showShortcuts();
    void openPreferences();
    void showRecentAlerts();
    /// Applies preferences to the alerts and the map.
    void applyPreferences(const GridDesk::DeskPreferences &preferences);

Q_SIGNALS:
    void caseRequested(qint64 id);
    void gridRequested(const QString &code);
    /// The preferences gave the main map new colours or sizes.
    void mapStyleChanged();
    /// A message for the status bar.
    void message(const QString &text);

private:
    void createBanner();
    void showBannerBar();

    QMainWindow *m_window;
    MapCanvas *m_canvas;
    AlertCentre *m_alerts;
    AlertBanner *m_banner = nullptr;
    QToolBar *m_bannerBar = nullptr;
    CommandPalette *m_palette;
    QPointer<ShortcutHelp> m_shortcutHelp;
    QPointer<PreferencesDialog> m_preferencesDialog;
    QAction *m_paletteAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_preferencesAction = nullptr;
    QAction *m_recentAlertsAction = nullptr;
};

} // namespace GridDesk
