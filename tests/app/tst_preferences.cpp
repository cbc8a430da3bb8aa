// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "alertcentre.h"
#include "deskaids.h"
#include "deskwindows.h"
#include "preferences.h"
#include "preferencesdialog.h"

#include "deskaidsfixture.h"
#include "support/testsupport.h"

#include "desksync/connectdialog.h"
#include "domain/translations.h"
#include "mapview/mapcanvas.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace GridDesk;

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void savedAndLoaded();
    void languageSettingIsHonoured();
    void badServerAddressIsRefused();
    void badCaFileIsRefused_data();
    void badCaFileIsRefused();
    void problemsNameTheirPage();
    void connectDialogOffersTheServer();
    void appliedToMapAndAlerts();

private:
    QTemporaryDir m_dir;
};

void TestPreferences::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_preferences"));
    QVERIFY(m_dir.isValid());
}

void TestPreferences::init()
{
    QSettings().clear();
}

void TestPreferences::savedAndLoaded()
{
    // Nothing saved yet: the workstation's look and the default alerts.
    const DeskPreferences fresh = DeskPreferences::load();
    QCOMPARE(fresh.map.openCase, MapStyle().openCase);
    QCOMPARE(fresh.alerts.deadlineShare, 0.8);
    QVERIFY(fresh.language.isEmpty());

    QFile workspace(m_dir.filePath(QStringLiteral("start.gpkg")));
    QVERIFY(workspace.open(QIODevice::WriteOnly));
    workspace.close();
    DeskPreferences chosen;
    chosen.startWorkspace = workspace.fileName();
    chosen.server = QStringLiteral("https://127.0.0.1:8443");
    chosen.language = QStringLiteral("zh_CN");
    chosen.map.background = QColor(0x12, 0x34, 0x56);
    chosen.map.caseRadius = 5.5;
    chosen.alerts.deadlineShare = 0.6;
    chosen.alerts.overdue = false;
    chosen.alerts.urgentAlarmLevel = 2;
    chosen.alerts.sound = true;
    QVERIFY(!chosen.problem());
    chosen.save();

    const DeskPreferences loaded = DeskPreferences::load();
    QCOMPARE(loaded.startWorkspace, chosen.startWorkspace);
    QCOMPARE(loaded.server, chosen.server);
    QCOMPARE(loaded.language, chosen.language);
    QCOMPARE(loaded.map.background, chosen.map.background);
    QCOMPARE(loaded.map.openCase, chosen.map.openCase);
    QCOMPARE(loaded.map.caseRadius, 5.5);
    QCOMPARE(loaded.alerts.deadlineShare, 0.6);
    QCOMPARE(loaded.alerts.overdue, false);
    QCOMPARE(loaded.alerts.urgentAlarmLevel, 2);
    QCOMPARE(loaded.alerts.sound, true);
    // The connect dialog's own keys hold the server.
    QCOMPARE(QSettings().value(QStringLiteral("sync/server")).toString(), chosen.server);
}

void TestPreferences::languageSettingIsHonoured()
{
    const QByteArray before = qgetenv("GRIDDESK_LANG");
    qunsetenv("GRIDDESK_LANG");
    QSettings().setValue(QLatin1String(LANGUAGE_SETTING), QStringLiteral("zh_CN"));
    QCOMPARE(interfaceLocale().language(), QLocale::Chinese);
    QCOMPARE(interfaceLocale().script(), QLocale::SimplifiedHanScript);
    QSettings().setValue(QLatin1String(LANGUAGE_SETTING), QStringLiteral("en"));
    QCOMPARE(interfaceLocale().language(), QLocale::English);
    // The environment comes first.
    qputenv("GRIDDESK_LANG", "zh_CN");
    QCOMPARE(interfaceLocale().language(), QLocale::Chinese);
    // Following the system: what the system says, in one of the two languages.
    qunsetenv("GRIDDESK_LANG");
    QSettings().setValue(QLatin1String(LANGUAGE_SETTING), QString());
    const bool chinese = QLocale::system().language() == QLocale::Chinese;
    QCOMPARE(interfaceLocale().language(), chinese ? QLocale::Chinese : QLocale::English);
    if (!before.isEmpty())
        qputenv("GRIDDESK_LANG", before);
}

void TestPreferences::badServerAddressIsRefused()
{
    QSettings().setValue(QStringLiteral("sync/server"), QStringLiteral("https://127.0.0.1:8443"));
    PreferencesDialog dialog(DeskPreferences::load());
    QSignalSpy applied(&dialog, &PreferencesDialog::applied);
    auto *server = dialog.findChild<QLineEdit *>(QStringLiteral("server"));
    for (const char *wrong : {"http://127.0.0.1:8443", "https://127.0.0.1", "127.0.0.1:8443",
             "https://127.0.0.1:8443/api?x=1"}) {
        server->setText(QLatin1String(wrong));
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.message().contains(QLatin1String("https://HOST:PORT")),
            qPrintable(dialog.message()));
        QVERIFY2(dialog.message().contains(QLatin1String(wrong)), qPrintable(dialog.message()));
        QCOMPARE(dialog.pages()->currentIndex(), int(PreferencesProblem::Page::Server));
    }
    QCOMPARE(applied.size(), 0);
    QCOMPARE(QSettings().value(QStringLiteral("sync/server")).toString(),
        QStringLiteral("https://127.0.0.1:8443"));

    server->setText(QStringLiteral("https://[::1]:9443"));
    QVERIFY2(dialog.apply(), qPrintable(dialog.message()));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(QSettings().value(QStringLiteral("sync/server")).toString(),
        QStringLiteral("https://[::1]:9443"));
}

void TestPreferences::badCaFileIsRefused_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QString() << QStringLiteral("does not exist");
    QTest::newRow("not a certificate")
        << QStringLiteral("just some text\n") << QStringLiteral("cannot be used");
}

void TestPreferences::badCaFileIsRefused()
{
    QFETCH(QString, content);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("ca-%1.pem").arg(QTest::currentDataTag()));
    if (!content.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content.toUtf8());
    }
    PreferencesDialog dialog(DeskPreferences::load());
    dialog.findChild<QLineEdit *>(QStringLiteral("caFile"))->setText(path);
    QVERIFY(!dialog.apply());
    QVERIFY2(dialog.message().contains(expected), qPrintable(dialog.message()));
    QCOMPARE(dialog.pages()->currentIndex(), int(PreferencesProblem::Page::Server));
    QVERIFY(QSettings().value(QStringLiteral("sync/caFile")).toString().isEmpty());
}

void TestPreferences::problemsNameTheirPage()
{
    DeskPreferences preferences;
    preferences.startWorkspace = m_dir.filePath(QStringLiteral("gone.gpkg"));
    auto problem = preferences.problem();
    QVERIFY(problem);
    QCOMPARE(problem->page, PreferencesProblem::Page::Workspace);
    QVERIFY2(problem->message.contains(QLatin1String("gone.gpkg")), qPrintable(problem->message));

    preferences = {};
    preferences.alerts.deadlineShare = 1.5;
    problem = preferences.problem();
    QVERIFY(problem);
    QCOMPARE(problem->page, PreferencesProblem::Page::Alerts);
    QVERIFY2(problem->message.contains(QLatin1String("150")), qPrintable(problem->message));

    preferences = {};
    preferences.alerts.urgentAlarmLevel = 7;
    QCOMPARE(preferences.problem()->page, PreferencesProblem::Page::Alerts);
    preferences = {};
    preferences.language = QStringLiteral("fr");
    QCOMPARE(preferences.problem()->page, PreferencesProblem::Page::Language);
    preferences = {};
    preferences.map.caseRadius = 40;
    QCOMPARE(preferences.problem()->page, PreferencesProblem::Page::Map);
    QVERIFY(!DeskPreferences().problem());
}

void TestPreferences::connectDialogOffersTheServer()
{
    PreferencesDialog dialog(DeskPreferences::load());
    dialog.findChild<QLineEdit *>(QStringLiteral("server"))
        ->setText(QStringLiteral("https://127.0.0.1:7443"));
    QVERIFY2(dialog.apply(), qPrintable(dialog.message()));
    ConnectDialog connect;
    QCOMPARE(connect.server(), QStringLiteral("https://127.0.0.1:7443"));
}

void TestPreferences::appliedToMapAndAlerts()
{
    auto window = Test::openDeskWindow(m_dir.filePath(QStringLiteral("preferences-desk.gpkg")));
    QVERIFY(window);
    MapCanvas *canvas = window->mapCanvas();
    QTRY_VERIFY(!canvas->image().isNull());
    const QColor chosen(0x12, 0x34, 0x56);
    QVERIFY(canvas->image().pixelColor(1, 1) != chosen);
    // A further map window open beside the main map.
    MapCanvas *further = window->deskWindows()->mapCanvas(window->deskWindows()->newMapWindow());
    QVERIFY(further);
    QVERIFY(further->mapStyle().background != chosen);

    window->deskAids()->preferencesAction()->trigger();
    PreferencesDialog *dialog = window->deskAids()->preferencesDialog();
    QVERIFY(dialog && dialog->isVisible());
    DeskPreferences preferences = dialog->preferences();
    preferences.map.background = chosen;
    preferences.alerts.deadlineShare = 0.6;
    preferences.alerts.tray = false;
    dialog->setPreferences(preferences);
    QSignalSpy redrawn(canvas, &MapCanvas::imageChanged);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("apply")), Qt::LeftButton);
    QVERIFY2(dialog->message().isEmpty(), qPrintable(dialog->message()));

    // The map is drawn again in the new colours; the alerts take the new share.
    QVERIFY(redrawn.wait(10000));
    QTRY_COMPARE(canvas->image().pixelColor(1, 1), chosen);
    QCOMPARE(further->mapStyle().background, chosen);
    QCOMPARE(window->deskAids()->alerts()->preferences().deadlineShare, 0.6);
    QVERIFY(!window->deskAids()->alerts()->trayIcon());

    // A language chosen says when it takes effect.
    auto *language = dialog->findChild<QComboBox *>(QStringLiteral("language"));
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("ok")), Qt::LeftButton);
    QTRY_VERIFY(!window->deskAids()->preferencesDialog());
    QCOMPARE(DeskPreferences::load().language, QStringLiteral("zh_CN"));
    QCOMPARE(DeskPreferences::load().map.background, chosen);
}

GRIDDESK_TEST_MAIN(TestPreferences, QApplication)

#include "tst_preferences.moc"
