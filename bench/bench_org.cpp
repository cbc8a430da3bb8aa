// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-bench-org: makes an org of 8 000 units and 50 000 people (six tiers, skipped tiers,
// joint-handling units linked to several tiers), saves it into a fresh workspace and times,
// each beside a peer measured in the same run: OrgChart::load beside a bare SELECT * of the
// same tables; the diagram's layout of the fully expanded chart beside a naive layout (leaves
// side by side, parents centred, no packing) from the same units; drawing a 1600x1200 view at
// 100 % and the whole chart zoomed out beside filling as many plain rectangles; and a name
// search across units and people beside a plain QString::contains loop over the same names.

#include "benchsupport.h"
#include "comparison.h"

#include "domain/posts.h"
#include "org/orgchart.h"
#include "orgdiagram/orgdiagramlayout.h"
#include "orgdiagram/orgdiagramrenderer.h"
#include "storage/workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QLoggingCategory>
#include <QPainter>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTextStream>

#include <functional>

using namespace GridDesk;

namespace {

constexpr int RUNS = 5;
const QSize VIEW(1600, 1200);

double timeMs(const std::function<void()> &work)
{
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

/// The median of RUNS timings of work after one run to warm up.
double medianMs(const std::function<void()> &work)
{
    work();
    std::vector<double> samples;
    for (int run = 0; run < RUNS; ++run)
        samples.push_back(timeMs(work));
    return Bench::median(samples);
}

/// Adds a unit or stops the bench: the generated chart must keep the tier rule.
void put(OrgChart &chart, ChartUnit unit)
{
    if (auto done = chart.putUnit(unit); !done)
        qFatal("griddesk-bench-org: generated unit refused: %s", qPrintable(done.error().message));
}

/// The org: a city, districts, ten streets a district, ten communities a street, a business
/// department in each community and grid supervisors for the rest, half under the department
/// and half straight under the community (tier 5 skipped); one joint-handling unit in two
/// hundred, each linked to a district and three streets.
OrgChart generateChart(int unitCount, int peopleCount)
{
    OrgChart chart;
    const int communities = std::max(10, unitCount / 8);
    const int streets = std::max(2, communities / 10);
    const int districts = std::max(1, streets / 10);
    const int joints = std::max(1, unitCount / 200);
    put(chart, ChartUnit {"C", QStringLiteral("市城市运行管理中心"), 1});

    QStringList districtCodes, streetCodes, communityCodes, placeable;
    for (int d = 0; d < districts; ++d) {
        districtCodes << QStringLiteral("C-D%1").arg(d, 2, 10, QLatin1Char('0'));
        put(chart,
            ChartUnit {districtCodes.last(), QStringLiteral("第%1区指挥中心").arg(d + 1), 2, "C"});
    }
    for (int s = 0; s < streets; ++s) {
        streetCodes << QStringLiteral("%1-S%2")
                           .arg(districtCodes[s % districts])
                           .arg(s, 3, 10, QLatin1Char('0'));
        put(chart,
            ChartUnit {streetCodes.last(), QStringLiteral("第%1街道分中心").arg(s + 1), 3,
                districtCodes[s % districts]});
    }
    for (int c = 0; c < communities; ++c) {
        const QString street = streetCodes[c % streets];
        communityCodes << QStringLiteral("%1-V%2").arg(street).arg(c, 4, 10, QLatin1Char('0'));
        put(chart,
            ChartUnit {
                communityCodes.last(), QStringLiteral("第%1社区工作站").arg(c + 1), 4, street});
        put(chart,
            ChartUnit {communityCodes.last() + "-B", QStringLiteral("第%1社区综治办").arg(c + 1), 5,
                communityCodes.last()});
        placeable << communityCodes.last() << communityCodes.last() + "-B";
    }
    for (int j = 0; j < joints; ++j) {
        ChartUnit joint {QStringLiteral("C-J%1").arg(j, 3, 10, QLatin1Char('0')),
            QStringLiteral("第%1联动部门").arg(j + 1), 2, "C", UnitKind::Joint};
        joint.linkedUnits << districtCodes[j % districts];
        for (int k = 0; k < 3; ++k)
            joint.linkedUnits << streetCodes[(j * 3 + k) % streets];
        put(chart, joint);
    }
    const int supervisors = unitCount - int(chart.units().size());
    for (int g = 0; g < supervisors; ++g) {
        const QString parent = placeable[g % placeable.size()];
        put(chart,
            ChartUnit {QStringLiteral("%1-G%2").arg(parent).arg(g, 5, 10, QLatin1Char('0')),
                QStringLiteral("第%1网格监督员").arg(g + 1), 6, parent});
    }

    // People with Chinese names made from common surnames and given-name characters.
    const QString surnames = QStringLiteral("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高");
    const QString given = QStringLiteral("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华");
    const QList<ChartUnit> units = chart.units();
    const QList<Post> posts {Post::GridSupervisor, Post::GridPatroller, Post::InformationCollector,
        Post::GridHead, Post::GridAssistant, Post::Management};
    for (int p = 0; p < peopleCount; ++p) {
        Person person;
        person.name = QString(surnames[p % surnames.size()]) + given[(p / 7) % given.size()]
            + given[(p / 131) % given.size()];
        person.post = postKey(posts[p % posts.size()]);
        person.unitCode = units[p % units.size()].code;
        if (auto added = chart.putPerson(person); !added)
            qFatal("griddesk-bench-org: generated person refused: %s",
                qPrintable(added.error().message));
    }
    return chart;
}

/// The peer of load(): every column of every row of the tables load() reads, into variants.
qint64 selectAll(const Workspace &workspace)
{
    qint64 values = 0;
    for (const char *table : {"org_units", "org_unit_details", "people", "org_groups"}) {
        QSqlQuery query(workspace.database());
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table))))
            qFatal("griddesk-bench-org: SELECT * FROM %s failed", table);
        while (query.next()) {
            const int columns = query.record().count();
            for (int column = 0; column < columns; ++column)
                values += query.value(column).isNull() ? 0 : 1;
        }
    }
    return values;
}

/// The peer of the layout: the simplest tidy tree anyone writes first. Children by parent code,
/// people counted, leaves side by side in depth-first order, each parent centred over its first
/// and last child, one row per tier; no packing, no spatial index.
std::vector<QRectF> naiveLayout(const OrgChart &chart)
{
    const QList<ChartUnit> units = chart.units();
    QHash<QString, int> index;
    QHash<QString, QList<int>> children;
    for (int unit = 0; unit < units.size(); ++unit) {
        index.insert(units[unit].code, unit);
        children[units[unit].parentCode] << unit;
    }
    std::vector<int> people(std::size_t(units.size()), 0);
    for (const Person &person : chart.people()) {
        if (const int unit = index.value(person.unitCode, -1); unit >= 0 && !person.retired)
            ++people[std::size_t(unit)];
    }

    std::vector<QRectF> rects(std::size_t(units.size()));
    qreal nextLeaf = 0;
    const qreal width = OrgDiagramLayout::BOX_WIDTH;
    std::function<qreal(int)> place = [&](int unit) {
        const QList<int> kids = children.value(units[unit].code);
        qreal centre = 0;
        if (kids.isEmpty()) {
            centre = nextLeaf + width / 2;
            nextLeaf += width + OrgDiagramLayout::SIBLING_GAP;
        } else {
            const qreal first = place(kids.first());
            qreal last = first;
            for (int kid = 1; kid < kids.size(); ++kid)
                last = place(kids[kid]);
            centre = (first + last) / 2;
        }
        rects[std::size_t(unit)] = QRectF(centre - width / 2,
            OrgDiagramLayout::rowTop(units[unit].tier - 1), width, OrgDiagramLayout::BOX_HEIGHT);
        return centre;
    };
    for (const int root : children.value(QString()))
        place(root);
    return rects;
}

/// Fills count plain rectangles of a box's size in a grid over the image.
void fillRectangles(QImage &image, int count, qreal scale)
{
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x29, 0x80, 0xb9));
    const QSizeF size = QSizeF(OrgDiagramLayout::BOX_WIDTH, OrgDiagramLayout::BOX_HEIGHT) * scale;
    const int perRow = std::max(1, int(image.width() / (size.width() + 2)));
    for (int rect = 0; rect < count; ++rect) {
        painter.drawRect(QRectF(QPointF((rect % perRow) * (size.width() + 2),
                                    (rect / perRow % 40) * (size.height() + 2)),
            size));
    }
}

int render(QImage &image, const OrgDiagramLayout &layout, const QRectF &area, qreal scale)
{
    image.fill(Qt::white);
    QPainter painter(&image);
    return OrgDiagramRenderer::render(painter, layout, area, scale);
}

int run(const QStringList &arguments, QTextStream &out)
{
    const QString work = Bench::option(arguments, QStringLiteral("--work"));
    if (work.isEmpty()) {
        out << "usage: griddesk-bench-org --work DIR [--units N] [--people N] [--smoke]\n";
        return 2;
    }
    const bool smoke = Bench::isSmoke(arguments);
    const int unitCount = Bench::option(arguments, "--units", smoke ? "400" : "8000").toInt();
    const int peopleCount = Bench::option(arguments, "--people", smoke ? "2500" : "50000").toInt();

    QElapsedTimer timer;
    timer.start();
    OrgChart generated = generateChart(unitCount, peopleCount);
    QDir().mkpath(work);
    const QString path = QDir(work).filePath(QStringLiteral("org_bench.gpkg"));
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
    auto workspace = Workspace::open(path);
    if (!workspace) {
        out << "griddesk-bench-org: " << workspace.error().message << '\n';
        return 1;
    }
    if (auto saved = generated.save(**workspace, QStringLiteral("bench")); !saved) {
        out << "griddesk-bench-org: " << saved.error().message << '\n';
        return 1;
    }
    out << "org of " << generated.units().size() << " units and " << generated.people().size()
        << " people made and saved in " << timer.elapsed() << " ms (setup, not measured)\n";

    // Load.
    OrgChart chart;
    const double load = medianMs([&] { chart = *OrgChart::load(**workspace); });
    qint64 values = 0;
    const double select = medianMs([&] { values = selectAll(**workspace); });
    out << "loaded " << chart.units().size() << " units and " << chart.people().size()
        << " people; SELECT * read " << values << " values\n";

    // Layout of the fully expanded chart, from the chart.
    OrgDiagramLayout layout;
    const double laidOut = medianMs([&] {
        layout.setChart(chart);
        layout.update();
    });
    std::vector<QRectF> naive;
    const double naiveMs = medianMs([&] { naive = naiveLayout(chart); });
    out << "layout: " << layout.boxes().size() << " boxes, " << int(layout.bounds().width())
        << " x " << int(layout.bounds().height()) << " px; naive layout " << int(naive.size())
        << " boxes\n";

    // Drawing: a full view at 100 % over the middle of the communities' row, and the whole
    // chart zoomed out to fit.
    QImage image(VIEW, QImage::Format_ARGB32_Premultiplied);
    const QRectF bounds = layout.bounds();
    const QRectF detailArea(
        QPointF(bounds.center().x() - VIEW.width() / 2.0, OrgDiagramLayout::rowTop(2) - 40),
        QSizeF(VIEW));
    int drawn = 0;
    const double detail = medianMs([&] { drawn = render(image, layout, detailArea, 1.0); });
    image.save(QDir(work).filePath("org_detail.png"));
    const int detailBoxes = drawn;
    const double detailPeer = medianMs([&] { fillRectangles(image, detailBoxes, 1.0); });

    const qreal fit = std::min(VIEW.width() / bounds.width(), VIEW.height() / bounds.height());
    const QRectF wholeArea(bounds.topLeft(), QSizeF(VIEW) / fit);
    const double whole = medianMs([&] { drawn = render(image, layout, wholeArea, fit); });
    image.save(QDir(work).filePath("org_overview.png"));
    const int wholeBoxes = drawn;
    const double wholePeer = medianMs([&] { fillRectangles(image, wholeBoxes, fit); });
    out << "drawn: " << detailBoxes << " boxes at 100 %, " << wholeBoxes << " boxes at "
        << QString::number(fit * 100, 'f', 2) << " %; images in " << work << '\n';

    // Search: a few substrings, names and codes of units and names of people.
    const QStringList needles {QStringLiteral("社区"), QStringLiteral("王芳"), QStringLiteral("张"),
        QStringLiteral("-v0042"), QStringLiteral("第17")};
    qsizetype hits = 0;
    const double search = medianMs([&] {
        hits = 0;
        for (const QString &needle : needles)
            hits += chart.findUnits(needle).size() + chart.findPeople(needle).size();
    });
    QStringList unitCodes, unitNames, peopleNames;
    for (const ChartUnit &unit : chart.units()) {
        unitCodes << unit.code;
        unitNames << unit.name;
    }
    for (const Person &person : chart.people())
        peopleNames << person.name;
    qsizetype peerHits = 0;
    const double searchPeer = medianMs([&] {
        peerHits = 0;
        for (const QString &needle : needles) {
            for (qsizetype unit = 0; unit < unitCodes.size(); ++unit) {
                peerHits += unitCodes[unit].contains(needle, Qt::CaseInsensitive)
                        || unitNames[unit].contains(needle, Qt::CaseInsensitive)
                    ? 1
                    : 0;
            }
            for (const QString &name : peopleNames)
                peerHits += name.contains(needle, Qt::CaseInsensitive) ? 1 : 0;
        }
    });
    out << "search: " << needles.size() << " substrings, " << hits << " hits; the loop found "
        << peerHits << (hits == peerHits ? ", the same" : ", DIFFERENT") << '\n';

    const QString units = QString::number(chart.units().size());
    const QList<Bench::Comparison> comparisons {
        {QStringLiteral("org load %1 units").arg(units), "ms", load, "SELECT * (QSqlQuery)", select,
            {}, 3.0},
        {QStringLiteral("org layout, all expanded"), "ms", laidOut, "naive layout", naiveMs, {},
            3.0},
        {QStringLiteral("org draw 1600x1200 at 100 %"), "ms", detail,
            QStringLiteral("%1 plain rects").arg(detailBoxes), detailPeer, {}, 40.0},
        {QStringLiteral("org draw whole chart"), "ms", whole,
            QStringLiteral("%1 plain rects").arg(wholeBoxes), wholePeer, {}, 3.0},
        {QStringLiteral("org search units+people"), "ms", search, "contains() loop", searchPeer, {},
            1.5},
    };
    for (const Bench::Comparison &comparison : comparisons)
        out << comparison.line() << '\n';
    return hits == peerHits && detailBoxes > 0 ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // The diagram draws text, so a GUI application; offscreen when run by the bench script.
    QGuiApplication app(argc, argv);
    // The layout's timing lines would drown the figures.
    QLoggingCategory::setFilterRules(QStringLiteral("griddesk.orgdiagram.debug=false"));
    QTextStream out(stdout);
    return run(QCoreApplication::arguments(), out);
}
