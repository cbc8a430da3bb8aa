// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "maprender/mapstyle.h"

#include <QColor>
#include <QString>

#include <optional>

namespace GridDesk {

/// What the desk alerts its user to, and how.
struct AlertPreferences
{
    /// The share of a stage's time at which a case alerts (0.8: at 80 %); 0 for none.
    double deadlineShare = 0.8;
    bool overdue = true; ///< a case whose deadline passes alerts
    bool urgentCases = true; ///< an urgent case arriving alerts
    /// The lowest level (1–4) of a sensor or video alarm that makes its case urgent.
    int urgentAlarmLevel = 3;
    bool tray = true; ///< also as a notification of the system tray, when there is one
    bool sound = false; ///< also with the system's beep
};

/// The colours of the map that a user may choose; the rest keep the workstation's look.
struct MapPreferences
{
    QColor background;
    QColor baseGridFill;
    QColor openCase;
    QColor closedCase;
    double caseRadius = 3.5;

    /// The workstation's look.
    static MapPreferences defaults();
    /// style with these colours and dot size.
    MapStyle appliedTo(MapStyle style) const;
};

/// What is wrong with preferences, and on which page of the dialog.
struct PreferencesProblem
{
    enum class Page { Workspace, Server, Language, Map, Alerts };
    Page page = Page::Workspace;
    QString message;
};

/// The workstation's preferences as QSettings keeps them (the application's organisation and
/// name must be set). The server's address and CA file are the keys the connect dialog
/// remembers; the language is the key interfaceLocale() reads.
struct DeskPreferences
{
    QString startWorkspace; ///< opened at start; empty: the workspace open last
    QString server; ///< https://HOST:PORT; empty: none yet
    QString caFile; ///< the city's CA certificate file; empty: the system's
    QString language; ///< "zh_CN", "en", or empty to follow the system
    MapPreferences map = MapPreferences::defaults();
    AlertPreferences alerts;

    static DeskPreferences load();
    void save() const;

    /// What is wrong with these preferences, on which page; nothing when they can be saved: a
    /// start workspace that does not exist, a server address that is not https://HOST:PORT, a
    /// CA file that cannot be read as certificates, an unknown language, a share outside
    /// 1–99 %, an alarm level outside 1–4, a dot radius outside 1–12 pixels.
    std::optional<PreferencesProblem> problem() const;
};

} // namespace GridDesk
