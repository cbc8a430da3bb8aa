// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfixture.h"

#include "register/caselinks.h"
#include "register/registerbook.h"
#include "workflow/casebook.h"

#include <QCoreApplication>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);
const QString CLERK = QStringLiteral("Clerk Chen");

RegisterEntry entryAt(
    const QString &kind, const QString &name, const GeoPoint &point, const QString &address = {})
{
    RegisterEntry entry;
    entry.kind = kind;
    entry.name = name;
    entry.address = address;
    entry.wkb = Wkb::point(point);
    entry.source = QStringLiteral("desk");
    return entry;
}

WorkflowSetup setup()
{
    WorkflowSetup setup;
    setup.units = OrgDirectory({{QStringLiteral("city"), QStringLiteral("City centre"), 1, {}}});
    setup.calendar = WorkCalendar();
    return setup;
}

ActionRequest operatorAt(int minute)
{
    ActionRequest request;
    request.actor = QStringLiteral("Operator Wang");
    request.role = Role::Operator;
    request.actorUnit = QStringLiteral("city");
    request.at = CaseTime::naive(QDate(2026, 3, 2), QTime(9, minute));
    return request;
}

CaseRecord caseAt(const GeoPoint &point, const QString &address = {})
{
    // Cases are known by their channel and their id there: each report gets its own.
    static int reports = 0;
    CaseRecord record;
    record.source = QStringLiteral("hotline");
    record.externalId = QStringLiteral("T-%1").arg(++reports);
    record.category = QStringLiteral("Broken lamp");
    record.descriptor = QStringLiteral("The lamp by the gate is out");
    record.address = address;
    record.location = point;
    record.created = CaseTime::naive(QDate(2026, 3, 2), QTime(9, 0));
    return record;
}

QStringList codes(const Result<QList<EntryOffer>> &offers)
{
    QStringList found;
    for (const EntryOffer &offer : offers.value_or(QList<EntryOffer>()))
        found << offer.entry.code;
    return found;
}

qint64 count(const Workspace &workspace, const QString &table)
{
    return Test::scalar(workspace, QStringLiteral("SELECT count(*) FROM %1").arg(table))
        .toLongLong();
}

/// The squares workspace with a register around the point (121.505, 25.005): a lamp 11 m
/// east, a resident 33 m north at "No. 5, Lane 2" and a building 300 m away at the same
/// address, a depot 150 m south.
struct Desk
{
    std::unique_ptr<Workspace> workspace;
    std::optional<RegisterBook> entries;
    std::optional<CaseBook> cases;
    std::optional<CaseLinks> links;

    bool open(Test::RegisterFixture &fixture, const QString &name)
    {
        workspace = fixture.squares(name);
        if (!workspace)
            return false;
        auto book = RegisterBook::load(*workspace);
        if (!book)
            return false;
        entries.emplace(std::move(*book));
        cases.emplace(*workspace, setup());
        links.emplace(*entries, *cases);
        const QList<RegisterEntry> planted {
            entryAt(QStringLiteral("thing"), QStringLiteral("Lamp 7"), {121.50511, 25.005}),
            entryAt(QStringLiteral("person"), QStringLiteral("王大明"), {121.505, 25.0053},
                QStringLiteral("No. 5, Lane 2, Heping Road")),
            entryAt(QStringLiteral("place"), QStringLiteral("Heping tower"), {121.508, 25.005},
                QStringLiteral("No. 5, Lane 2, Heping Road")),
            entryAt(QStringLiteral("place"), QStringLiteral("Depot"), {121.505, 25.00365}),
        };
        for (const RegisterEntry &entry : planted) {
            if (!entries->add(entry, CLERK, AT))
                return false;
        }
        return true;
    }
};

} // namespace

class TestCaseLinks : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

private Q_SLOTS:
    void offersEntriesNearbyAndAtTheAddressNearestFirst()
    {
        Desk desk;
        QVERIFY(desk.open(m_fixture, QStringLiteral("offers.gpkg")));
        const GeoPoint point {121.505, 25.005};

        // Within 50 m: the lamp (11 m), then the resident (33 m); the depot is 150 m off.
        auto near = CaseLinks::offers(*desk.entries, point, {});
        QVERIFY2(near.has_value(), Test::why(near).constData());
        QCOMPARE(
            codes(near), QStringList({QStringLiteral("TH-000001"), QStringLiteral("PE-000001")}));
        QVERIFY(qAbs(*near->at(0).metres - 11.1) < 0.5);
        QVERIFY(!near->at(0).sameAddress);

        // The address adds the building 300 m away, after those nearby, with its distance.
        auto both =
            CaseLinks::offers(*desk.entries, point, QStringLiteral("No. 5, Lane 2, Heping Road"));
        QCOMPARE(codes(both),
            QStringList({QStringLiteral("TH-000001"), QStringLiteral("PE-000001"),
                QStringLiteral("PL-000001")}));
        QVERIFY(both->at(2).sameAddress);
        QVERIFY(qAbs(*both->at(2).metres - 302.9) < 2);

        // A wider circle takes in the depot 150 m off, not the tower; the limit cuts the list.
        QCOMPARE(CaseLinks::offers(*desk.entries, point, {}, 200).value().size(), 3);
        QCOMPARE(CaseLinks::offers(*desk.entries, point, {}, 200, 2).value().size(), 2);

        // Without a location, the address alone: a flat in the building finds the building and
        // its resident; a few letters find nothing.
        auto flat = CaseLinks::offers(
            *desk.entries, std::nullopt, QStringLiteral("No. 5, Lane 2, Heping Road 3F"));
        QCOMPARE(
            codes(flat), QStringList({QStringLiteral("PE-000001"), QStringLiteral("PL-000001")}));
        QVERIFY(!flat->at(0).metres);
        QCOMPARE(codes(CaseLinks::offers(*desk.entries, std::nullopt, QStringLiteral("No."))),
            QStringList());
        QCOMPARE(
            codes(CaseLinks::offers(*desk.entries, std::nullopt, QStringLiteral("No. 5, Lane"))),
            QStringList({QStringLiteral("PE-000001"), QStringLiteral("PL-000001")}));
    }

    void offersMaskPersonalData()
    {
        Desk desk;
        QVERIFY(desk.open(m_fixture, QStringLiteral("masked.gpkg")));
        auto offers = CaseLinks::offers(*desk.entries, GeoPoint {121.505, 25.005}, {});
        QVERIFY(offers.has_value());
        const EntryOffer resident = offers->at(1);
        QCOMPARE(resident.entry.kind, QStringLiteral("person"));
        QVERIFY2(
            !resident.entry.name.contains(QStringLiteral("大明")), qPrintable(resident.entry.name));
        QVERIFY(!resident.entry.address.contains(QStringLiteral("Heping")));
        QCOMPARE(offers->at(0).entry.name, QStringLiteral("Lamp 7")); // a thing is not personal
    }

    void aReportLinksTheChosenEntriesInItsTransaction()
    {
        Desk desk;
        QVERIFY(desk.open(m_fixture, QStringLiteral("report.gpkg")));
        CaseRecord record = caseAt({121.505, 25.005});
        auto reported = desk.links->report(record, operatorAt(0),
            {{QStringLiteral("TH-000001"), LinkRole::Concerns},
                {QStringLiteral("PE-000001"), LinkRole::Reporter}});
        QVERIFY2(reported.has_value(), Test::why(reported).constData());
        QVERIFY(record.id > 0);

        auto links = desk.links->ofCase(record.id);
        QVERIFY(links.has_value());
        QCOMPARE(links->size(), 2);
        QCOMPARE(links->at(0).entryCode, QStringLiteral("TH-000001"));
        QCOMPARE(links->at(1).role, LinkRole::Reporter);
        QCOMPARE(links->at(1).linkedBy, QStringLiteral("Operator Wang"));

        // The history says so after the report, naming the entry masked.
        auto file = desk.cases->file(record.id);
        QVERIFY(file.has_value());
        QCOMPARE(file->events().size(), 3);
        QCOMPARE(file->events().at(1).action, CaseAction::LinkEntry);
        QCOMPARE(file->events().at(2).data.value(QLatin1String("role")).toString(),
            QStringLiteral("reporter"));
        const QString label = file->events().at(2).data.value(QLatin1String("label")).toString();
        QVERIFY2(label.startsWith(QStringLiteral("人 ")) && !label.contains(QStringLiteral("大明")),
            qPrintable(label));
        QCOMPARE(file->state(), CaseState::Reported);

        // The entry lists its case.
        auto ofLamp = desk.links->ofEntry(QStringLiteral("TH-000001"));
        QVERIFY(ofLamp.has_value());
        QCOMPARE(ofLamp->size(), 1);
        QCOMPARE(ofLamp->first().caseId, record.id);
    }

    void aReportNamingAnUnknownEntryWritesNothing()
    {
        Desk desk;
        QVERIFY(desk.open(m_fixture, QStringLiteral("unknown.gpkg")));
        CaseRecord kept = caseAt({121.505, 25.005});
        QVERIFY(desk.links->report(kept, operatorAt(0), {}));

        CaseRecord record = caseAt({121.505, 25.005});
        auto refused = desk.links->report(record, operatorAt(1),
            {{QStringLiteral("TH-000001"), LinkRole::Concerns},
                {QStringLiteral("TH-999999"), LinkRole::Concerns}});
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::NotFound);
        QVERIFY2(refused.error().message.contains(QStringLiteral("TH-999999")),
            qPrintable(refused.error().message));
        QCOMPARE(record.id, 0);
        QCOMPARE(count(*desk.workspace, QStringLiteral("cases")), 1);
        QCOMPARE(count(*desk.workspace, QStringLiteral("case_events")), 1);
        QCOMPARE(count(*desk.workspace, QStringLiteral("case_entry_links")), 0);

        auto twice = desk.links->report(record, operatorAt(1),
            {{QStringLiteral("TH-000001"), LinkRole::Concerns},
                {QStringLiteral("TH-000001"), LinkRole::Concerns}});
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(count(*desk.workspace, QStringLiteral("cases")), 1);
    }

    void linksAreAddedAndRemovedInTheHistory()
    {
        Desk desk;
        QVERIFY(desk.open(m_fixture, QStringLiteral("later.gpkg")));
        CaseRecord record = caseAt({121.505, 25.005});
        QVERIFY(desk.links->report(record, operatorAt(0), {}));
        const EntryChoice depot {QStringLiteral("PL-000002"), LinkRole::Concerns};

        QVERIFY(desk.links->link(record.id, depot, operatorAt(5)));
        auto again = desk.links->link(record.id, depot, operatorAt(6));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);

        // A unit handler may not change the links; an operator may remove one made in error.
        ActionRequest handler = operatorAt(7);
        handler.role = Role::UnitHandler;
        QVERIFY(!desk.links->unlink(record.id, depot, handler));
        QVERIFY(desk.links->unlink(record.id, depot, operatorAt(8)));
        QCOMPARE(desk.links->ofCase(record.id).value().size(), 0);
        auto missing = desk.links->unlink(record.id, depot, operatorAt(9));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        auto file = desk.cases->file(record.id);
        QVERIFY(file.has_value());
        QList<CaseAction> actions;
        for (const CaseEvent &event : file->events())
            actions << event.action;
        QCOMPARE(actions,
            QList<CaseAction>(
                {CaseAction::Report, CaseAction::LinkEntry, CaseAction::UnlinkEntry}));

        // Linking to an entry the register does not have, or a case that is not there, fails.
        QVERIFY(!desk.links->link(
            record.id, {QStringLiteral("PL-000404"), LinkRole::Concerns}, operatorAt(10)));
        auto noCase = desk.links->link(record.id + 100, depot, operatorAt(10));
        QVERIFY(!noCase);
        QCOMPARE(noCase.error().code, ErrorCode::NotFound);
        QCOMPARE(count(*desk.workspace, QStringLiteral("case_entry_links")), 0);
    }

    void aMergedEntryHandsOverItsCases()
    {
        Desk desk;
        QVERIFY(desk.open(m_fixture, QStringLiteral("merge.gpkg")));
        CaseRecord first = caseAt({121.505, 25.005});
        CaseRecord second = caseAt({121.505, 25.005});
        QVERIFY(desk.links->report(
            first, operatorAt(0), {{QStringLiteral("PL-000001"), LinkRole::Concerns}}));
        QVERIFY(desk.links->report(second, operatorAt(1),
            {{QStringLiteral("PL-000001"), LinkRole::Concerns},
                {QStringLiteral("PL-000002"), LinkRole::Concerns}}));

        QVERIFY(desk.entries->merge(
            QStringLiteral("PL-000002"), QStringLiteral("PL-000001"), CLERK, AT.addDays(1)));
        auto kept = desk.links->ofEntry(QStringLiteral("PL-000002"));
        QVERIFY(kept.has_value());
        QCOMPARE(kept->size(), 2);
        QCOMPARE(kept->at(0).caseId, second.id);
        QCOMPARE(kept->at(1).caseId, first.id);
        QCOMPARE(desk.links->ofEntry(QStringLiteral("PL-000001")).value().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCaseLinks)
#include "tst_caselinks.moc"
