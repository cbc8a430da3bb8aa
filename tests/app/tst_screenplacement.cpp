// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "desklayout.h"
#include "layoutbook.h"
#include "screenplacement.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>

using namespace GridDesk;

namespace {

/// Two monitors side by side, the left one primary, each with a 40-pixel panel at the top.
QList<ScreenArea> twoMonitors()
{
    return {{QStringLiteral("DP-1"), QRect(0, 0, 1920, 1080), QRect(0, 40, 1920, 1040)},
        {QStringLiteral("HDMI-1"), QRect(1920, 0, 1280, 1024), QRect(1920, 40, 1280, 984)}};
}

WindowPlace placeOn(const QRect &geometry, const QString &screen, const QRect &screenGeometry)
{
    WindowPlace place;
    place.geometry = geometry;
    place.screenName = screen;
    place.screenGeometry = screenGeometry;
    return place;
}

} // namespace

Q_DECLARE_METATYPE(GridDesk::WindowPlace)

class TestScreenPlacement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void placesWindow_data();
    void placesWindow();
    void neverOffScreen();
    void noScreens();
    void layoutRoundTripsThroughJson();
    void badLayoutSaysWhatAndWhere_data();
    void badLayoutSaysWhatAndWhere();
    void bookKeepsNamedLayouts();
    void unreadableSessionIsReported();
};

void TestScreenPlacement::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GridDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_screenplacement"));
    QSettings().clear();
}

void TestScreenPlacement::placesWindow_data()
{
    QTest::addColumn<WindowPlace>("saved");
    QTest::addColumn<int>("screen");
    QTest::addColumn<QRect>("geometry");
    QTest::addColumn<bool>("moved");

    const QRect left(0, 0, 1920, 1080);
    const QRect right(1920, 0, 1280, 1024);
    QTest::newRow("same monitor") << placeOn(
        QRect(2000, 100, 800, 600), QStringLiteral("HDMI-1"), right)
                                  << 1 << QRect(2000, 100, 800, 600) << false;
    QTest::newRow("kept inside the available area")
        << placeOn(QRect(100, 0, 800, 600), QStringLiteral("DP-1"), left) << 0
        << QRect(100, 40, 800, 600) << false;
    QTest::newRow("monitor on another port")
        << placeOn(QRect(2000, 100, 800, 600), QStringLiteral("DVI-0"), right) << 1
        << QRect(2000, 100, 800, 600) << false;
    // A third monitor right of HDMI-1 is gone: its window comes to the nearest one, keeping
    // its offset, and is pushed inside.
    QTest::newRow("missing monitor, nearest one")
        << placeOn(QRect(3300, 200, 900, 700), QStringLiteral("DP-2"), QRect(3200, 0, 1920, 1080))
        << 1 << QRect(1987, 190, 900, 700) << true;
    QTest::newRow("missing monitor, too large")
        << placeOn(QRect(3200, 0, 1920, 1080), QStringLiteral("DP-2"), QRect(3200, 0, 1920, 1080))
        << 1 << QRect(1920, 40, 1280, 984) << true;
    QTest::newRow("monitor now smaller")
        << placeOn(QRect(1500, 500, 400, 500), QStringLiteral("DP-1"), QRect(0, 0, 2560, 1440)) << 0
        << QRect(1125, 375, 400, 500) << true;
    QTest::newRow("monitor now smaller, window past its edge")
        << placeOn(QRect(2000, 900, 500, 500), QStringLiteral("DP-1"), QRect(0, 0, 2560, 1440)) << 0
        << QRect(1420, 580, 500, 500) << true;
    QTest::newRow("no monitor recorded, window far off")
        << placeOn(QRect(9000, 9000, 300, 200), QString(), QRect()) << 1
        << QRect(2900, 824, 300, 200) << true;
    QTest::newRow("no monitor recorded, window on the left one") << placeOn(QRect(10, 50, 300, 200),
        QString(), QRect()) << 0 << QRect(10, 50, 300, 200) << true;
    QTest::newRow("missing monitor above both") << placeOn(
        QRect(1700, -900, 400, 300), QStringLiteral("TOP"), QRect(960, -1080, 1920, 1080))
                                                << 1 << QRect(2413, 171, 400, 300) << true;
}

void TestScreenPlacement::placesWindow()
{
    QFETCH(WindowPlace, saved);
    QFETCH(int, screen);
    QFETCH(QRect, geometry);
    QFETCH(bool, moved);

    const ScreenChoice choice = placeOnScreens(saved, twoMonitors());
    QCOMPARE(choice.screen, screen);
    QCOMPARE(choice.geometry, geometry);
    QCOMPARE(choice.moved, moved);
}

void TestScreenPlacement::neverOffScreen()
{
    // Whatever was saved, the window lies wholly inside the available area of its monitor.
    QRandomGenerator random(9);
    const QList<ScreenArea> screens = twoMonitors();
    for (int i = 0; i < 2000; ++i) {
        const QRect window(random.bounded(-5000, 5000), random.bounded(-5000, 5000),
            random.bounded(1, 4000), random.bounded(1, 3000));
        const QRect screen(random.bounded(-3000, 3000), random.bounded(-3000, 3000),
            random.bounded(640, 3840), random.bounded(480, 2160));
        const QString name =
            random.bounded(3) == 0 ? QStringLiteral("HDMI-1") : QStringLiteral("X");
        const ScreenChoice choice = placeOnScreens(placeOn(window, name, screen), screens);
        QVERIFY(choice.screen >= 0 && choice.screen < screens.size());
        const QRect &area = screens[choice.screen].available;
        QVERIFY2(area.contains(choice.geometry),
            qPrintable(QStringLiteral("%1,%2 %3x%4 left its monitor")
                           .arg(choice.geometry.x())
                           .arg(choice.geometry.y())
                           .arg(choice.geometry.width())
                           .arg(choice.geometry.height())));
    }
}

void TestScreenPlacement::noScreens()
{
    const WindowPlace saved = placeOn(QRect(5, 5, 50, 50), QStringLiteral("DP-1"), QRect());
    const ScreenChoice choice = placeOnScreens(saved, {});
    QCOMPARE(choice.screen, -1);
    QCOMPARE(choice.geometry, saved.geometry);
}

void TestScreenPlacement::layoutRoundTripsThroughJson()
{
    DeskLayout layout;
    layout.name = QStringLiteral("Night shift");
    layout.mainWindow =
        placeOn(QRect(0, 40, 1900, 1000), QStringLiteral("DP-1"), QRect(0, 0, 1920, 1080));
    layout.mainWindow.maximized = true;
    layout.dockState = QByteArray("\x00\x01state\xff", 8);
    PanelLayout map;
    map.key = QStringLiteral("map2");
    map.place = PanelPlace::Window;
    map.window =
        placeOn(QRect(1920, 40, 1280, 984), QStringLiteral("HDMI-1"), QRect(1920, 0, 1280, 1024));
    map.window->fullScreen = true;
    map.extent = BoundingBox {-74.05, 40.68, -73.9, 40.8};
    map.mapSize = QSize(1280, 950);
    PanelLayout queue;
    queue.key = QStringLiteral("caseQueue");
    queue.place = PanelPlace::Docked;
    layout.panels = {map, queue};

    auto read = DeskLayout::fromJson(layout.toJson());
    QVERIFY2(read, Test::why(read));
    QCOMPARE(read->name, layout.name);
    QCOMPARE(read->mainWindow.geometry, layout.mainWindow.geometry);
    QCOMPARE(read->mainWindow.screenName, QStringLiteral("DP-1"));
    QVERIFY(read->mainWindow.maximized);
    QCOMPARE(read->dockState, layout.dockState);
    QCOMPARE(read->panels.size(), 2);
    const PanelLayout *readMap = read->panel(QStringLiteral("map2"));
    QVERIFY(readMap && readMap->window);
    QCOMPARE(readMap->place, PanelPlace::Window);
    QCOMPARE(readMap->window->screenGeometry, QRect(1920, 0, 1280, 1024));
    QVERIFY(readMap->window->fullScreen);
    QVERIFY(readMap->extent);
    QCOMPARE(readMap->extent->west, -74.05);
    QCOMPARE(readMap->extent->north, 40.8);
    QCOMPARE(readMap->mapSize, QSize(1280, 950));
    QCOMPARE(read->panel(QStringLiteral("caseQueue"))->place, PanelPlace::Docked);
    QVERIFY(!read->panel(QStringLiteral("caseQueue"))->window);
}

void TestScreenPlacement::badLayoutSaysWhatAndWhere_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");

    const QString main = QStringLiteral(R"("mainWindow": {"geometry": [0, 0, 800, 600]})");
    QTest::newRow("no name") << QStringLiteral("{%1}").arg(main) << QStringLiteral("name: missing");
    QTest::newRow("no main window")
        << QStringLiteral(R"({"name": "A"})") << QStringLiteral("mainWindow: expected an object");
    QTest::newRow("geometry not four numbers")
        << QStringLiteral(R"({"name": "A", "mainWindow": {"geometry": [0, 0, 800]}})")
        << QStringLiteral("mainWindow.geometry: expected [x, y, width, height]");
    QTest::newRow("empty window")
        << QStringLiteral(R"({"name": "A", "mainWindow": {"geometry": [0, 0, 0, 600]}})")
        << QStringLiteral("mainWindow.geometry: the width and height must be positive");
    QTest::newRow("unknown place")
        << QStringLiteral(R"({"name": "A", %1, "panels": [{"key": "map", "place": "docked"},
              {"key": "caseQueue", "place": "floating"}]})")
               .arg(main)
        << QStringLiteral("panels[1].place: \"floating\" is not one of hidden, docked, window");
    QTest::newRow("panel without key")
        << QStringLiteral(R"({"name": "A", %1, "panels": [{"place": "docked"}]})").arg(main)
        << QStringLiteral("panels[0].key: missing");
    QTest::newRow("extent upside down")
        << QStringLiteral(R"({"name": "A", %1, "panels": [{"key": "map", "place": "docked",
              "extent": [-73.9, 40.7, -74.0, 40.8]}]})")
               .arg(main)
        << QStringLiteral("panels[0].extent: west < east and south < north must lie within "
                          "±180° and ±90°");
    QTest::newRow("bad monitor geometry")
        << QStringLiteral(R"({"name": "A", "mainWindow": {"geometry": [0, 0, 8, 6],
              "screenGeometry": "left"}})")
        << QStringLiteral("mainWindow.screenGeometry: expected [x, y, width, height]");
}

void TestScreenPlacement::badLayoutSaysWhatAndWhere()
{
    QFETCH(QString, json);
    QFETCH(QString, message);

    QJsonParseError parsed;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parsed);
    QVERIFY2(document.isObject(), qPrintable(parsed.errorString()));
    const auto read = DeskLayout::fromJson(document.object());
    QVERIFY(!read);
    QCOMPARE(read.error().message, message);
}

void TestScreenPlacement::bookKeepsNamedLayouts()
{
    QSettings().clear();
    LayoutBook book;
    QVERIFY(book.names().isEmpty());
    DeskLayout layout;
    layout.mainWindow.geometry = QRect(0, 0, 800, 600);
    for (const char *name : {"Day", "Night", "Storm"}) {
        layout.name = QString::fromLatin1(name);
        book.store(layout);
    }
    layout.name = QStringLiteral("Night");
    layout.mainWindow.geometry = QRect(10, 10, 900, 700);
    book.store(layout); // replaces, keeping its place in the menu
    QCOMPARE(book.names(), QStringList({"Day", "Night", "Storm"}));
    QCOMPARE(book.layout(QStringLiteral("Night"))->mainWindow.geometry, QRect(10, 10, 900, 700));

    QCOMPARE(book.rename(QStringLiteral("Night"), QStringLiteral("Storm")).error().message,
        QStringLiteral("A layout is already saved as \"Storm\"; choose another name."));
    QCOMPARE(book.rename(QStringLiteral("Night"), QStringLiteral("  ")).error().message,
        QStringLiteral("A layout needs a name."));
    QCOMPARE(book.rename(QStringLiteral("Dusk"), QStringLiteral("Dawn")).error().message,
        QStringLiteral("No layout is saved as \"Dusk\"."));
    QVERIFY(book.rename(QStringLiteral("Night"), QStringLiteral(" Night shift ")));
    QCOMPARE(book.names(), QStringList({"Day", "Night shift", "Storm"}));
    book.remove(QStringLiteral("Day"));
    QCOMPARE(book.names(), QStringList({"Night shift", "Storm"}));
    QCOMPARE(book.layout(QStringLiteral("Day")).error().message,
        QStringLiteral("No layout is saved as \"Day\"."));
}

void TestScreenPlacement::unreadableSessionIsReported()
{
    QSettings().clear();
    LayoutBook book;
    QVERIFY(!book.session());
    QSettings().setValue(QStringLiteral("windowLayouts/session"), QStringLiteral("{\"name\": "));
    const auto session = book.session();
    QVERIFY(session && !*session);
    QVERIFY2(session->error().message.startsWith(
                 QStringLiteral("The windows of the last session cannot be read:")),
        qPrintable(session->error().message));

    QSettings().setValue(QStringLiteral("windowLayouts/named"),
        QStringLiteral(R"([{"name": "Broken", "mainWindow": {"geometry": [0, 0, 1, 1]},
            "panels": [{"key": "map", "place": "sideways"}]}])"));
    QCOMPARE(book.names(), QStringList({"Broken"}));
    QCOMPARE(book.layout(QStringLiteral("Broken")).error().message,
        QStringLiteral("The layout \"Broken\" cannot be read: panels[0].place: \"sideways\" is "
                       "not one of hidden, docked, window"));
}

GRIDDESK_TEST_MAIN(TestScreenPlacement, QCoreApplication)
#include "tst_screenplacement.moc"
