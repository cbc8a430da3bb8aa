// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdiagram/orgdiagram.h"

#include "orgfixture.h"
#include "support/testsupport.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QFontDatabase>
#include <QImage>
#include <QScrollBar>
#include <QSignalSpy>
#include <QToolTip>
#include <QWheelEvent>

using namespace GridDesk;

namespace {

/// Drags with real mouse events from the middle of one unit's box to the middle of another's,
/// in a few steps; runs check while the pointer is over the target, before the button is let go.
template<typename Check>
void drag(OrgDiagram &diagram, const QString &from, const QString &to, Check check)
{
    QWidget *view = diagram.viewport();
    const QPoint start = diagram.visualRect(from).center();
    const QPoint end = diagram.visualRect(to).center();
    QTest::mousePress(view, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 5; ++step)
        QTest::mouseMove(view, start + (end - start) * step / 5);
    check();
    QTest::mouseRelease(view, Qt::LeftButton, {}, end);
}

void sendWheel(QWidget *view, const QPoint &at, int delta, Qt::KeyboardModifiers modifiers)
{
    QWheelEvent wheel(QPointF(at), QPointF(view->mapToGlobal(at)), QPoint(), QPoint(0, delta),
        Qt::NoButton, modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view, &wheel);
}

} // namespace

class TestOrgDiagram : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<OrgDiagram> shown(const OrgChart &chart, QSize size = QSize(1200, 800))
    {
        auto diagram = std::make_unique<OrgDiagram>();
        diagram->resize(size);
        diagram->setChart(chart);
        diagram->show();
        if (!QTest::qWaitForWindowExposed(diagram.get()))
            qWarning("the diagram did not show");
        return diagram;
    }

private Q_SLOTS:
    void clickSelectsAndDoubleClickActivates()
    {
        auto diagram = shown(Test::smallChart());
        QSignalSpy selected(diagram.get(), &OrgDiagram::unitSelected);
        QSignalSpy activated(diagram.get(), &OrgDiagram::unitActivated);
        const QRect street = diagram->visualRect("1110");
        QVERIFY(diagram->viewport()->rect().contains(street));

        QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {}, street.center());
        QCOMPARE(diagram->selectedUnit(), QStringLiteral("1110"));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), QStringLiteral("1110"));

        QTest::mouseDClick(diagram->viewport(), Qt::LeftButton, {}, street.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("1110"));

        // Empty space selects nothing new.
        QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {}, street.topLeft() - QPoint(8, 8));
        QCOMPARE(diagram->selectedUnit(), QStringLiteral("1110"));
    }

    void keysMoveTheSelection()
    {
        auto diagram = shown(Test::smallChart());
        QSignalSpy selected(diagram.get(), &OrgDiagram::unitSelected);
        QSignalSpy activated(diagram.get(), &OrgDiagram::unitActivated);
        diagram->setSelectedUnit("1110");
        QCOMPARE(selected.size(), 0); // set by the program, not by the user
        diagram->setFocus();

        const auto press = [&](Qt::Key key, const char *expected) {
            QTest::keyClick(diagram.get(), key);
            QCOMPARE(diagram->selectedUnit(), QString::fromLatin1(expected));
        };
        press(Qt::Key_Up, "1100");
        press(Qt::Key_Up, "1000");
        press(Qt::Key_Up, "1000");
        press(Qt::Key_Down, "1100");
        press(Qt::Key_Right, "1200");
        press(Qt::Key_Right, "1900");
        press(Qt::Key_Right, "1900");
        press(Qt::Key_Left, "1200");
        press(Qt::Key_Down, "1210");
        press(Qt::Key_Right, "1290"); // the grid supervisor below the skipped tiers
        press(Qt::Key_Up, "1200");
        QCOMPARE(selected.last().first().toString(), QStringLiteral("1200"));

        QTest::keyClick(diagram.get(), Qt::Key_Minus);
        QVERIFY(!diagram->isExpanded("1200"));
        QVERIFY(diagram->visualRect("1210").isEmpty());
        press(Qt::Key_Down, "1210"); // down into a collapsed unit opens it
        QVERIFY(diagram->isExpanded("1200"));

        QTest::keyClick(diagram.get(), Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("1210"));
    }

    void badgeCollapsesAndExpands()
    {
        auto diagram = shown(Test::smallChart(), QSize(500, 800)); // narrower than the chart
        const QRect street = diagram->visualRect("1110");
        const QPoint badge(street.center().x(), street.bottom());
        QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {}, badge);
        QVERIFY(!diagram->isExpanded("1110"));
        QVERIFY(diagram->visualRect("1111").isEmpty());
        // The street stays where it was, under the pointer.
        QCOMPARE(diagram->visualRect("1110"), street);
        QTest::mouseClick(diagram->viewport(), Qt::LeftButton, {}, badge);
        QVERIFY(diagram->isExpanded("1110"));
        QVERIFY(!diagram->visualRect("1111").isEmpty());
    }

    void dropOnAHigherTierRequestsTheMove()
    {
        auto diagram = shown(Test::smallChart());
        QSignalSpy moves(diagram.get(), &OrgDiagram::moveRequested);
        drag(*diagram, "1120", "1200", [&] {
            QCOMPARE(diagram->viewport()->cursor().shape(), Qt::DragMoveCursor);
            QVERIFY(QToolTip::text().contains(QStringLiteral("罗湖区指挥中心")));
        });
        QCOMPARE(moves.size(), 1);
        QCOMPARE(moves.first().at(0).toString(), QStringLiteral("1120"));
        QCOMPARE(moves.first().at(1).toString(), QStringLiteral("1200"));
        // The diagram leaves the chart alone: the editor moves the unit and sets the chart.
        QCOMPARE(diagram->diagramLayout()
                     .boxes()[std::size_t(diagram->diagramLayout().indexOf("1120"))]
                     .parent,
            diagram->diagramLayout().indexOf("1100"));
        QCOMPARE(diagram->viewport()->cursor().shape(), Qt::ArrowCursor);
    }

    void refusedDropSaysWhyAndRequestsNothing_data()
    {
        QTest::addColumn<QString>("dragged");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("reason");
        QTest::newRow("same tier") << "1210"
                                   << "1120"
                                   << "tier must be below its parent's";
        QTest::newRow("lower tier") << "1200"
                                    << "1111"
                                    << "tier must be below its parent's";
        QTest::newRow("within itself") << "1000"
                                       << "1110"
                                       << "which lies within it";
        QTest::newRow("same parent") << "1111"
                                     << "1110"
                                     << "already sits under";
    }

    void refusedDropSaysWhyAndRequestsNothing()
    {
        QFETCH(QString, dragged);
        QFETCH(QString, target);
        QFETCH(QString, reason);
        auto diagram = shown(Test::smallChart());
        QSignalSpy moves(diagram.get(), &OrgDiagram::moveRequested);
        drag(*diagram, dragged, target, [&] {
            QCOMPARE(diagram->viewport()->cursor().shape(), Qt::ForbiddenCursor);
            QVERIFY2(QToolTip::text().contains(reason), qPrintable(QToolTip::text()));
        });
        QCOMPARE(moves.size(), 0);
        QVERIFY2(QToolTip::text().contains(reason), "the reason stays up after the drop");
    }

    void dragOnEmptySpacePans()
    {
        auto diagram = shown(Test::shenzhenChart(), QSize(600, 400));
        QSignalSpy moves(diagram.get(), &OrgDiagram::moveRequested);
        QWidget *view = diagram->viewport();
        const QRect city = diagram->visualRect("440300000000");
        const QPoint empty = city.topLeft() - QPoint(30, 10);
        QVERIFY(diagram->unitAt(empty).isEmpty());
        const int before = diagram->horizontalScrollBar()->value();
        QTest::mousePress(view, Qt::LeftButton, {}, empty);
        QTest::mouseMove(view, empty + QPoint(60, 0));
        QTest::mouseMove(view, empty + QPoint(120, 0));
        QTest::mouseRelease(view, Qt::LeftButton, {}, empty + QPoint(120, 0));
        QCOMPARE(diagram->horizontalScrollBar()->value(), before - 120);
        QCOMPARE(diagram->visualRect("440300000000"), city.translated(120, 0));
        QCOMPARE(moves.size(), 0);
    }

    void ctrlWheelAndKeysZoom()
    {
        auto diagram = shown(Test::shenzhenChart());
        const QString district = QStringLiteral("440303000000");
        const QPoint at = diagram->visualRect(district).center();
        sendWheel(diagram->viewport(), at, 120, Qt::ControlModifier);
        QVERIFY(diagram->zoom() > 1.1);
        // The unit under the pointer stays under it (across: the chart is not as tall as the
        // view, so it stays at the top).
        QVERIFY(qAbs(diagram->visualRect(district).center().x() - at.x()) <= 2);
        QTest::keyClick(diagram.get(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(diagram->zoom(), 1.0);
        QTest::keyClick(diagram.get(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(diagram->zoom(), 0.8);
        const qreal zoom = diagram->zoom();
        sendWheel(diagram->viewport(), at, 120, {});
        QCOMPARE(diagram->zoom(), zoom);
    }

    void contextMenuNamesTheUnit()
    {
        auto diagram = shown(Test::smallChart());
        QSignalSpy menus(diagram.get(), &OrgDiagram::contextMenuRequested);
        const QPoint at = diagram->visualRect("1210").center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, diagram->viewport()->mapToGlobal(at));
        QApplication::sendEvent(diagram->viewport(), &event);
        QCOMPARE(menus.size(), 1);
        QCOMPARE(menus.first().at(0).toString(), QStringLiteral("1210"));
        QCOMPARE(menus.first().at(1).toPoint(), diagram->viewport()->mapToGlobal(at));
        QCOMPARE(diagram->selectedUnit(), QStringLiteral("1210"));
    }

    void newChartKeepsSelectionExpansionAndView()
    {
        OrgChart chart = Test::smallChart();
        auto diagram = shown(chart, QSize(500, 800)); // narrower than the chart: it scrolls
        diagram->setSelectedUnit("1210");
        diagram->setExpanded("1110", false);
        const QRect before = diagram->visualRect("1210");

        QVERIFY(chart.moveUnit("1120", "1200").has_value());
        diagram->setChart(chart);
        QCOMPARE(diagram->selectedUnit(), QStringLiteral("1210"));
        QVERIFY(!diagram->isExpanded("1110"));
        QCOMPARE(diagram->visualRect("1210"), before);
        QCOMPARE(diagram->diagramLayout()
                     .boxes()[std::size_t(diagram->diagramLayout().indexOf("1120"))]
                     .parent,
            diagram->diagramLayout().indexOf("1200"));

        OrgChart other;
        QVERIFY(other.putUnit(ChartUnit {"9000", QStringLiteral("别处"), 1}).has_value());
        diagram->setChart(other);
        QVERIFY(diagram->selectedUnit().isEmpty());
    }

    void retiredUnitsShowOnRequest()
    {
        auto diagram = shown(Test::smallChart());
        QVERIFY(diagram->visualRect("1130").isEmpty());
        diagram->setShowRetired(true);
        QVERIFY(!diagram->visualRect("1130").isEmpty());
        diagram->setSelectedUnit("1130");
        diagram->setShowRetired(false);
        QVERIFY(diagram->selectedUnit().isEmpty());
    }

    void aBigChartSkippingATierStartsWithItsDistricts()
    {
        // Like Taipei: 12 districts (tier 2) with 40 villages each right below them (tier 4).
        OrgChart chart;
        QVERIFY(chart.putUnit({"TPE", "City", 1, {}}).has_value());
        for (int district = 1; district <= 12; ++district) {
            const QString code = QStringLiteral("D%1").arg(district, 2, 10, QLatin1Char('0'));
            QVERIFY(chart.putUnit({code, code, 2, "TPE"}).has_value());
            for (int village = 1; village <= 40; ++village)
                QVERIFY(chart
                            .putUnit(
                                {code + QStringLiteral("V%1").arg(village, 2, 10, QLatin1Char('0')),
                                    "里", 4, code})
                            .has_value());
        }
        auto diagram = shown(chart);
        QVERIFY(diagram->isExpanded("TPE"));
        QVERIFY(!diagram->isExpanded("D01"));
        QCOMPARE(int(diagram->diagramLayout().boxes().size()), 1 + 12);
        // The first view shows the city and its districts, not a strip of villages.
        QVERIFY(diagram->viewport()->rect().contains(diagram->visualRect("TPE")));
        int districtsInView = 0;
        for (int district = 1; district <= 12; ++district) {
            const QString code = QStringLiteral("D%1").arg(district, 2, 10, QLatin1Char('0'));
            districtsInView += diagram->viewport()->rect().contains(diagram->visualRect(code));
        }
        QVERIFY2(districtsInView >= 4, qPrintable(QString::number(districtsInView)));
    }

    void bigChartStartsCollapsedAndRevealsOnDemand()
    {
        auto diagram = shown(Test::shenzhenChart());
        QVERIFY(diagram->isExpanded("440303000000"));
        QVERIFY(!diagram->isExpanded("440303001000"));
        QCOMPARE(int(diagram->diagramLayout().boxes().size()), 1 + 9 + 79);

        diagram->ensureVisible("440303001002");
        const QRect community = diagram->visualRect("440303001002");
        QVERIFY(!community.isEmpty());
        QVERIFY(diagram->viewport()->rect().contains(community));
        QVERIFY(diagram->isExpanded("440303001000"));

        diagram->setSelectedUnit("440304001019");
        QCOMPARE(diagram->selectedUnit(), QStringLiteral("440304001019"));
        QVERIFY(diagram->viewport()->rect().contains(diagram->visualRect("440304001019")));
    }

    /// Shenzhen drawn at 100 % and zoomed out, saved for a person to look at; the checks only
    /// make sure something was drawn and that a Chinese font is there to draw the names.
    void screenshotOfShenzhen()
    {
        QVERIFY2(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty(),
            "no font with Chinese glyphs is installed (fonts-noto-cjk)");
        auto diagram = shown(Test::shenzhenChart(), QSize(1400, 900));
        diagram->ensureVisible("440303001002");
        diagram->setSelectedUnit("440303001002");
        const QImage detailed = diagram->viewport()->grab().toImage();
        const QString folder = QDir::currentPath();
        QVERIFY(detailed.save(folder + "/orgdiagram-shenzhen.png"));

        diagram->fitToView();
        QVERIFY(diagram->zoom() < 0.2);
        const QImage overview = diagram->viewport()->grab().toImage();
        QVERIFY(overview.save(folder + "/orgdiagram-shenzhen-overview.png"));
        qInfo() << "screenshots in" << folder;

        int inked = 0;
        for (int y = 0; y < detailed.height(); y += 4) {
            for (int x = 0; x < detailed.width(); x += 4)
                inked += detailed.pixelColor(x, y).lightness() < 200 ? 1 : 0;
        }
        QVERIFY2(inked > 500, qPrintable(QString::number(inked)));
    }
};

GRIDDESK_TEST_MAIN(TestOrgDiagram, QApplication)
#include "tst_orgdiagram.moc"
