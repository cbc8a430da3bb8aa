// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "preferences.h"

#include "domain/text.h"
#include "domain/translations.h"
#include "sync/syncclient.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QUrl>

#include <algorithm>

namespace GridDesk {

namespace {

// The connect dialog remembers the server under these keys; the preferences edit the same.
const auto SERVER_KEY = QStringLiteral("sync/server");
const auto CA_FILE_KEY = QStringLiteral("sync/caFile");
const auto START_WORKSPACE_KEY = QStringLiteral("workspace/atStart");
const auto MAP_BACKGROUND_KEY = QStringLiteral("map/background");
const auto MAP_BASE_FILL_KEY = QStringLiteral("map/baseGridFill");
const auto MAP_OPEN_CASE_KEY = QStringLiteral("map/openCase");
const auto MAP_CLOSED_CASE_KEY = QStringLiteral("map/closedCase");
const auto MAP_CASE_RADIUS_KEY = QStringLiteral("map/caseRadius");
const auto ALERT_SHARE_KEY = QStringLiteral("alerts/deadlineShare");
const auto ALERT_OVERDUE_KEY = QStringLiteral("alerts/overdue");
const auto ALERT_URGENT_KEY = QStringLiteral("alerts/urgentCases");
const auto ALERT_LEVEL_KEY = QStringLiteral("alerts/urgentAlarmLevel");
const auto ALERT_TRAY_KEY = QStringLiteral("alerts/tray");
const auto ALERT_SOUND_KEY = QStringLiteral("alerts/sound");

constexpr double MIN_CASE_RADIUS = 1.0;
constexpr double MAX_CASE_RADIUS = 12.0;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Preferences)
};

QColor colourSetting(const QSettings &settings, const QString &key, const QColor &fallback)
{
    const QColor stored(settings.value(key).toString());
    return stored.isValid() ? stored : fallback;
}

/// An address the desk may sync with, by the rule of the connect dialog: https, a host and a
/// port, nothing else.
bool isServerAddress(const QUrl &url)
{
    return url.isValid() && url.scheme() == QLatin1String("https") && !url.host().isEmpty()
        && url.port() > 0 && (url.path().isEmpty() || url.path() == QLatin1String("/"))
        && !url.hasQuery() && !url.hasFragment() && url.userInfo().isEmpty();
}

std::optional<QString> serverProblem(const DeskPreferences &preferences)
{
    if (!preferences.server.isEmpty()
        && !isServerAddress(QUrl(preferences.server, QUrl::StrictMode))) {
        return Tr::tr("The server's address must be https://HOST:PORT, such as "
                      "https://griddesk.example.org:8443, not \"%1\".")
            .arg(printableText(preferences.server));
    }
    if (preferences.caFile.isEmpty())
        return std::nullopt;
    if (!QFileInfo(preferences.caFile).isFile())
        return Tr::tr("The city CA certificate file %1 does not exist.").arg(preferences.caFile);
    if (auto read = Sync::readCaFile(preferences.caFile); !read)
        return Tr::tr("The city CA certificate file cannot be used: %1").arg(read.error().message);
    return std::nullopt;
}

std::optional<QString> alertsProblem(const AlertPreferences &alerts)
{
    const bool shareInRange =
        alerts.deadlineShare == 0 || (alerts.deadlineShare >= 0.01 && alerts.deadlineShare <= 0.99);
    if (!shareInRange) {
        return Tr::tr("The share of a stage's time that alerts must lie between 1 % and 99 %, "
                      "not %1 %.")
            .arg(QLocale().toString(alerts.deadlineShare * 100, 'f', 0));
    }
    if (alerts.urgentAlarmLevel < 1 || alerts.urgentAlarmLevel > 4) {
        return Tr::tr("The alarm level that makes a case urgent must be 1 to 4, not %1.")
            .arg(alerts.urgentAlarmLevel);
    }
    return std::nullopt;
}

} // namespace

MapPreferences MapPreferences::defaults()
{
    const MapStyle style;
    return {style.background, style.level(GridLevel::Base).fill, style.openCase, style.closedCase,
        style.caseRadius};
}

MapStyle MapPreferences::appliedTo(MapStyle style) const
{
    style.background = background;
    style.levels[std::size_t(GridLevel::Base)].fill = baseGridFill;
    style.openCase = openCase;
    style.closedCase = closedCase;
    style.caseRadius = caseRadius;
    return style;
}

DeskPreferences DeskPreferences::load()
{
    const QSettings settings;
    DeskPreferences loaded;
    loaded.startWorkspace = settings.value(START_WORKSPACE_KEY).toString();
    loaded.server = settings.value(SERVER_KEY).toString();
    loaded.caFile = settings.value(CA_FILE_KEY).toString();
    loaded.language = settings.value(QLatin1String(LANGUAGE_SETTING)).toString();

    const MapPreferences defaults = MapPreferences::defaults();
    loaded.map.background = colourSetting(settings, MAP_BACKGROUND_KEY, defaults.background);
    loaded.map.baseGridFill = colourSetting(settings, MAP_BASE_FILL_KEY, defaults.baseGridFill);
    loaded.map.openCase = colourSetting(settings, MAP_OPEN_CASE_KEY, defaults.openCase);
    loaded.map.closedCase = colourSetting(settings, MAP_CLOSED_CASE_KEY, defaults.closedCase);
    loaded.map.caseRadius =
        std::clamp(settings.value(MAP_CASE_RADIUS_KEY, defaults.caseRadius).toDouble(),
            MIN_CASE_RADIUS, MAX_CASE_RADIUS);

    AlertPreferences &alerts = loaded.alerts;
    alerts.deadlineShare = settings.value(ALERT_SHARE_KEY, alerts.deadlineShare).toDouble();
    alerts.overdue = settings.value(ALERT_OVERDUE_KEY, alerts.overdue).toBool();
    alerts.urgentCases = settings.value(ALERT_URGENT_KEY, alerts.urgentCases).toBool();
    alerts.urgentAlarmLevel = settings.value(ALERT_LEVEL_KEY, alerts.urgentAlarmLevel).toInt();
    alerts.tray = settings.value(ALERT_TRAY_KEY, alerts.tray).toBool();
    alerts.sound = settings.value(ALERT_SOUND_KEY, alerts.sound).toBool();
    return loaded;
}

void DeskPreferences::save() const
{
    QSettings settings;
    settings.setValue(START_WORKSPACE_KEY, startWorkspace);
    settings.setValue(SERVER_KEY, server);
    settings.setValue(CA_FILE_KEY, caFile);
    settings.setValue(QLatin1String(LANGUAGE_SETTING), language);
    settings.setValue(MAP_BACKGROUND_KEY, map.background.name(QColor::HexArgb));
    settings.setValue(MAP_BASE_FILL_KEY, map.baseGridFill.name(QColor::HexArgb));
    settings.setValue(MAP_OPEN_CASE_KEY, map.openCase.name(QColor::HexArgb));
    settings.setValue(MAP_CLOSED_CASE_KEY, map.closedCase.name(QColor::HexArgb));
    settings.setValue(MAP_CASE_RADIUS_KEY, map.caseRadius);
    settings.setValue(ALERT_SHARE_KEY, alerts.deadlineShare);
    settings.setValue(ALERT_OVERDUE_KEY, alerts.overdue);
    settings.setValue(ALERT_URGENT_KEY, alerts.urgentCases);
    settings.setValue(ALERT_LEVEL_KEY, alerts.urgentAlarmLevel);
    settings.setValue(ALERT_TRAY_KEY, alerts.tray);
    settings.setValue(ALERT_SOUND_KEY, alerts.sound);
}

std::optional<PreferencesProblem> DeskPreferences::problem() const
{
    using Page = PreferencesProblem::Page;
    if (!startWorkspace.isEmpty() && !QFileInfo(startWorkspace).isFile()) {
        return PreferencesProblem {Page::Workspace,
            Tr::tr("The workspace to open at start, %1, does not exist; choose a workspace file "
                   "or leave it empty to open the last workspace.")
                .arg(startWorkspace)};
    }
    if (auto server = serverProblem(*this))
        return PreferencesProblem {Page::Server, *server};
    const bool knownLanguage =
        language.isEmpty() || language == QLatin1String("zh_CN") || language == QLatin1String("en");
    if (!knownLanguage) {
        return PreferencesProblem {Page::Language,
            Tr::tr("\"%1\" is not a language of GridDesk; choose zh_CN or en.")
                .arg(printableText(language))};
    }
    if (map.caseRadius < MIN_CASE_RADIUS || map.caseRadius > MAX_CASE_RADIUS) {
        return PreferencesProblem {Page::Map,
            Tr::tr("The radius of case dots must be 1 to 12 pixels, not %1.")
                .arg(QLocale().toString(map.caseRadius, 'g', 3))};
    }
    if (auto alertsWrong = alertsProblem(alerts))
        return PreferencesProblem {Page::Alerts, *alertsWrong};
    return std::nullopt;
}

} // namespace GridDesk
