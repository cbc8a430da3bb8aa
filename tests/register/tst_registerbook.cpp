// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registerfixture.h"

#include "editions/griddraft.h"
#include "editions/grideditions.h"
#include "gis/geoscontext.h"
#include "register/registerbook.h"
#include "register/registerschema.h"
#include "topology/gridedits.h"

#include <QCoreApplication>
#include <QSqlError>

using namespace GridDesk;

namespace {

const QDateTime AT(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC);

RegisterEntry entryAt(const QString &kind, const QString &name, const GeoPoint &point)
{
    RegisterEntry entry;
    entry.kind = kind;
    entry.name = name;
    entry.wkb = Wkb::point(point);
    entry.source = QStringLiteral("desk");
    return entry;
}

/// A point inside a grid, found by GEOS apart from the register's own locator.
GeoPoint inside(const Grid &grid)
{
    GeosContext geos;
    auto geometry = geos.fromWkb(grid.wkb);
    return geos.pointOnSurface(geometry->get()).value_or(GeoPoint {});
}

bool contains(const Grid &grid, const GeoPoint &point)
{
    GeosContext geos;
    auto geometry = geos.fromWkb(grid.wkb);
    auto probe = geos.fromWkb(Wkb::point(point));
    return GEOSContains_r(geos.handle(), geometry->get(), probe->get()) == 1;
}

} // namespace

class TestRegisterBook : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

    std::unique_ptr<Workspace> taipei(const QString &name)
    {
        const QString path = m_fixture.taipeiCopy(name);
        if (path.isEmpty())
            return nullptr;
        auto workspace = Workspace::open(path);
        return workspace ? std::move(*workspace) : nullptr;
    }

private Q_SLOTS:
    void kindsAndFieldsAreKeptInTheWorkspace()
    {
        auto ws = m_fixture.squares(QStringLiteral("schema.gpkg"));
        QVERIFY(ws);
        QCOMPARE(ws->schemaVersion(), Workspace::SCHEMA_VERSION);
        auto schema = RegisterSchema::load(*ws);
        QVERIFY2(schema.has_value(), Test::why(schema).constData());
        QCOMPARE(schema->kindKeys(),
            QStringList({QStringLiteral("person"), QStringLiteral("place"), QStringLiteral("thing"),
                QStringLiteral("event"), QStringLiteral("situation"),
                QStringLiteral("organisation")}));
        QCOMPARE(schema->personalClass(QStringLiteral("person"), QStringLiteral("id_number")),
            PersonalClass::IdNumber);
        QCOMPARE(schema->personalClass(QStringLiteral("place"), QStringLiteral("address")),
            PersonalClass::None);

        // A field the build does not know, defined in the file, takes values at once.
        auto book = RegisterBook::load(*ws);
        RegisterEntry entry =
            entryAt(QStringLiteral("thing"), QStringLiteral("Lamp 7"), {121.505, 25.005});
        entry.fields.insert(QStringLiteral("lamp_watts"), QStringLiteral("150"));
        auto refused = book->add(entry, QStringLiteral("Supervisor Li"), AT);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::MissingField);
        QVERIFY2(refused.error().message.contains(QStringLiteral("lamp_watts")),
            qPrintable(refused.error().message));

        QVERIFY(RegisterSchema::defineField(*ws,
            FieldDefinition {QStringLiteral("thing"), QStringLiteral("lamp_watts"),
                QStringLiteral("Lamp power (W)"), QStringLiteral("功率"), FieldType::Integer,
                PersonalClass::None, false}));
        QVERIFY(!RegisterSchema::defineField(*ws,
            FieldDefinition {QStringLiteral("thing"), QStringLiteral("Bad Key"), {}, {},
                FieldType::Text, PersonalClass::None, false}));
        book = RegisterBook::load(*ws);
        auto added = book->add(entry, QStringLiteral("Supervisor Li"), AT);
        QVERIFY2(added.has_value(), Test::why(added).constData());
        QCOMPARE(added->fields.value(QStringLiteral("lamp_watts")).toLongLong(), 150);
        QCOMPARE(added->code, QStringLiteral("TH-000001"));

        // A value not of the field's type is refused, naming the field.
        entry.name = QStringLiteral("Lamp 8");
        entry.fields.insert(QStringLiteral("lamp_watts"), QStringLiteral("bright"));
        auto typed = book->add(entry, QStringLiteral("Supervisor Li"), AT);
        QVERIFY(!typed);
        QVERIFY(typed.error().message.contains(QStringLiteral("lamp_watts")));
    }

    void entriesAreAGeoPackageFeatureTable()
    {
        auto ws = m_fixture.squares(QStringLiteral("features.gpkg"));
        auto book = RegisterBook::load(*ws);
        QVERIFY(
            book->add(entryAt(QStringLiteral("place"), QStringLiteral("Depot"), {121.515, 25.005}),
                QStringLiteral("Supervisor Li"), AT));
        const QString path = ws->path();
        ws.reset();
        QCOMPARE(Test::ogrCount(path, QStringLiteral("SELECT count(*) FROM register_entries")), 1);
        QCOMPARE(Test::ogrCount(path,
                     QStringLiteral("SELECT count(*) FROM register_entries WHERE "
                                    "ST_X(geom) BETWEEN 121.5149 AND 121.5151")),
            1);
        auto reopened = Workspace::open(path);
        QCOMPARE(Test::scalar(
                     **reopened, QStringLiteral("SELECT count(*) FROM rtree_register_entries_geom"))
                     .toInt(),
            1);
    }

    void anEntryBelongsToTheGridContainingIt()
    {
        auto ws = taipei(QStringLiteral("located.gpkg"));
        QVERIFY(ws);
        auto villages = ws->grids(GridLevel::Base);
        QVERIFY(villages && villages->size() > 400);
        const Grid village = villages->at(villages->size() / 2);
        const GeoPoint point = inside(village);
        QVERIFY(contains(village, point));

        auto book = RegisterBook::load(*ws);
        auto added = book->add(
            entryAt(QStringLiteral("organisation"), QStringLiteral("Village office"), point),
            QStringLiteral("Supervisor Li"), AT);
        QVERIFY2(added.has_value(), Test::why(added).constData());
        QCOMPARE(added->gridCode, village.code);

        // A polygon belongs where a point inside it lies; a point far off belongs nowhere.
        RegisterEntry parcel = entryAt(QStringLiteral("place"), QStringLiteral("Parcel"), point);
        parcel.wkb = Test::RegisterFixture::square(QStringLiteral("p"), point.lon - 0.0001).wkb;
        GeosContext geos;
        auto shape = geos.fromWkb(parcel.wkb);
        const GeoPoint parcelPoint = *geos.pointOnSurface(shape->get());
        const auto expected = std::find_if(villages->cbegin(), villages->cend(),
            [&](const Grid &grid) { return contains(grid, parcelPoint); });
        auto stored = book->add(parcel, QStringLiteral("Supervisor Li"), AT);
        QVERIFY2(stored.has_value(), Test::why(stored).constData());
        QCOMPARE(stored->gridCode, expected == villages->cend() ? QString() : expected->code);
        auto far =
            book->add(entryAt(QStringLiteral("place"), QStringLiteral("Far away"), {10.0, 10.0}),
                QStringLiteral("Supervisor Li"), AT);
        QVERIFY(far.has_value());
        QCOMPARE(far->gridCode, QString());

        // The district lists the entries of its villages.
        RegisterQuery query;
        query.gridCode = village.parentCode;
        auto inDistrict = book->entries(query);
        QCOMPARE(inDistrict->size(), qsizetype(2) - (stored->gridCode.isEmpty() ? 1 : 0));
    }

    void everyChangeKeepsWhoWhenAndWhatBefore()
    {
        auto ws = m_fixture.squares(QStringLiteral("history.gpkg"));
        auto book = RegisterBook::load(*ws);
        RegisterEntry entry =
            entryAt(QStringLiteral("organisation"), QStringLiteral("Day care"), {121.505, 25.005});
        entry.address = QStringLiteral("1 Square Road");
        auto added = book->add(entry, QStringLiteral("Operator Chen"), AT);
        QVERIFY2(added.has_value(), Test::why(added).constData());

        RegisterEntry renamed = *added;
        renamed.name = QStringLiteral("Day care centre");
        renamed.wkb = Wkb::point({121.515, 25.005});
        auto updated = book->update(renamed, 1, QStringLiteral("Supervisor Li"), AT.addDays(1));
        QVERIFY2(updated.has_value(), Test::why(updated).constData());
        QCOMPARE(updated->version, 2);
        QCOMPARE(updated->gridCode, QStringLiteral("SQ-E"));

        // A change based on a version no longer there is refused.
        auto late = book->update(renamed, 1, QStringLiteral("Operator Chen"), AT.addDays(2));
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::Conflict);

        QVERIFY(book->verify(added->code, QStringLiteral("Patroller Zhao"), AT.addDays(3)));
        auto history = book->history(added->code);
        QVERIFY(history.has_value());
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).action, QStringLiteral("created"));
        QVERIFY(!history->at(0).before);
        QCOMPARE(history->at(1).action, QStringLiteral("updated"));
        QCOMPARE(history->at(1).changedBy, QStringLiteral("Supervisor Li"));
        QCOMPARE(history->at(1).changedAt, AT.addDays(1));
        QCOMPARE(history->at(1).before->name, QStringLiteral("Day care"));
        QCOMPARE(history->at(1).before->gridCode, QStringLiteral("SQ-W"));
        QCOMPARE(history->at(2).action, QStringLiteral("verified"));
        QCOMPARE(history->at(2).before->name, QStringLiteral("Day care centre"));
        auto now = book->entry(added->code);
        QCOMPARE((*now)->verifiedBy, QStringLiteral("Patroller Zhao"));
        QCOMPARE((*now)->version, 3);

        // The history cannot be rewritten behind the register's back.
        QSqlQuery tamper(ws->database());
        QVERIFY(!tamper.exec(QStringLiteral("UPDATE register_history SET changed_by = 'x'")));
        QVERIFY(!tamper.exec(QStringLiteral("DELETE FROM register_history")));
        QCOMPARE(
            Test::scalar(*ws, QStringLiteral("SELECT count(*) FROM register_history")).toInt(), 3);
    }

    void duplicatesAreFoundOnEntry_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("otherName");
        QTest::addColumn<QString>("otherAddress");
        QTest::newRow("same ID number") << "person"
                                        << "id_number"
                                        << "A123456789"
                                        << "Other name"
                                        << "Other address";
        QTest::newRow("same asset code") << "thing"
                                         << "asset_code"
                                         << "LAMP-0042"
                                         << "Another lamp"
                                         << "";
        QTest::newRow("same name and address") << "organisation"
                                               << ""
                                               << ""
                                               << "Sunshine Home"
                                               << "2 Square Road";
    }

    void duplicatesAreFoundOnEntry()
    {
        QFETCH(QString, kind);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, otherName);
        QFETCH(QString, otherAddress);
        auto ws = m_fixture.squares(QStringLiteral("duplicates-%1.gpkg").arg(kind));
        auto book = RegisterBook::load(*ws);
        RegisterEntry first = entryAt(kind, QStringLiteral("Sunshine Home"), {121.505, 25.005});
        first.address = QStringLiteral("2 Square Road");
        if (!field.isEmpty())
            first.fields.insert(field, value);
        auto stored = book->add(first, QStringLiteral("Operator Chen"), AT);
        QVERIFY2(stored.has_value(), Test::why(stored).constData());

        RegisterEntry second = entryAt(kind, otherName, {121.515, 25.005});
        second.address = otherAddress;
        if (!field.isEmpty())
            second.fields.insert(field, value);
        auto found = book->duplicatesOf(second);
        QVERIFY(found.has_value());
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().code, stored->code);
        auto refused = book->add(second, QStringLiteral("Operator Chen"), AT);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(
            refused.error().message.contains(stored->code), qPrintable(refused.error().message));
        QCOMPARE(
            Test::scalar(*ws, QStringLiteral("SELECT count(*) FROM register_entries")).toInt(), 1);

        // Told apart, the second goes in; made the same again by a change, it is refused.
        second.fields.clear();
        second.address = QStringLiteral("9 Other Road");
        auto distinct = book->add(second, QStringLiteral("Operator Chen"), AT);
        QVERIFY2(distinct.has_value(), Test::why(distinct).constData());
        RegisterEntry same = *distinct;
        same.name = first.name;
        same.address = first.address;
        auto clash = book->update(same, distinct->version, QStringLiteral("Operator Chen"), AT);
        QVERIFY(!clash);
        QCOMPARE(clash.error().code, ErrorCode::Conflict);
    }

    void mergingKeepsBothHistories()
    {
        auto ws = m_fixture.squares(QStringLiteral("merge.gpkg"));
        auto book = RegisterBook::load(*ws);
        RegisterEntry first =
            entryAt(QStringLiteral("organisation"), QStringLiteral("Day care"), {121.505, 25.005});
        first.address = QStringLiteral("1 Square Road");
        RegisterEntry second = first;
        second.address = QStringLiteral("1 Square Rd.");
        second.fields.insert(QStringLiteral("phone"), QStringLiteral("0223456789"));
        auto keep = book->add(first, QStringLiteral("Operator Chen"), AT);
        auto gone = book->add(second, QStringLiteral("Operator Chen"), AT);
        QVERIFY(keep && gone);
        QVERIFY(book->verify(gone->code, QStringLiteral("Patroller Zhao"), AT.addDays(1)));
        auto thing =
            book->add(entryAt(QStringLiteral("thing"), QStringLiteral("Lamp"), {121.505, 25.005}),
                QStringLiteral("Operator Chen"), AT);
        QVERIFY(!book->merge(keep->code, thing->code, QStringLiteral("Supervisor Li"), AT));
        QVERIFY(!book->merge(keep->code, keep->code, QStringLiteral("Supervisor Li"), AT));

        auto merged =
            book->merge(keep->code, gone->code, QStringLiteral("Supervisor Li"), AT.addDays(2));
        QVERIFY2(merged.has_value(), Test::why(merged).constData());
        QCOMPARE(merged->address, QStringLiteral("1 Square Road"));
        QCOMPARE(
            merged->fields.value(QStringLiteral("phone")).toString(), QStringLiteral("0223456789"));
        QCOMPARE(merged->verifiedBy, QStringLiteral("Patroller Zhao"));
        QVERIFY(!*book->entry(gone->code));

        auto kept = book->history(keep->code);
        QCOMPARE(kept->size(), 2);
        QCOMPARE(kept->last().action, QStringLiteral("merged"));
        QVERIFY(kept->last().note.contains(gone->code));
        QVERIFY(!kept->last().before->fields.contains(QStringLiteral("phone")));
        auto left = book->history(gone->code);
        QCOMPARE(left->size(), 3); // created, verified, merged
        QCOMPARE(left->last().action, QStringLiteral("merged"));
        QCOMPARE(left->last().changedBy, QStringLiteral("Supervisor Li"));
        QVERIFY(left->last().note.contains(keep->code));
        QCOMPARE(left->last().before->address, QStringLiteral("1 Square Rd."));
    }

    void staleEntriesAreListedPerGrid()
    {
        auto ws = m_fixture.squares(QStringLiteral("stale.gpkg"));
        auto book = RegisterBook::load(*ws);
        auto west =
            book->add(entryAt(QStringLiteral("person"), QStringLiteral("Wu"), {121.505, 25.005}),
                QStringLiteral("Operator Chen"), AT);
        auto east =
            book->add(entryAt(QStringLiteral("person"), QStringLiteral("Lin"), {121.515, 25.005}),
                QStringLiteral("Operator Chen"), AT);
        auto never =
            book->add(entryAt(QStringLiteral("place"), QStringLiteral("Shed"), {121.515, 25.006}),
                QStringLiteral("Operator Chen"), AT);
        QVERIFY(west && east && never);
        QVERIFY(book->verify(west->code, QStringLiteral("Patroller Zhao"), AT));
        QVERIFY(book->verify(east->code, QStringLiteral("Patroller Zhao"), AT.addDays(60)));

        // People are due a visit after 90 days; never verified is due at once.
        const QDateTime later = AT.addDays(100);
        auto stale = book->stale(std::nullopt, later);
        QVERIFY(stale.has_value());
        QStringList codes;
        for (const RegisterEntry &entry : *stale)
            codes << entry.code;
        QCOMPARE(codes, QStringList({never->code, west->code}));
        auto eastOnly = book->stale(QStringLiteral("SQ-E"), later);
        QCOMPARE(eastOnly->size(), 1);
        QCOMPARE(eastOnly->first().code, never->code);

        QVERIFY(RegisterSchema::setStaleDays(*ws, QStringLiteral("person"), 120));
        QVERIFY(!RegisterSchema::setStaleDays(*ws, QStringLiteral("person"), 0));
        auto relaxed = book->stale(QStringLiteral("SQ-W"), later);
        QCOMPARE(relaxed->size(), 0);
        auto counts = book->counts(QStringLiteral("SQ-E"), later);
        QCOMPARE(counts->size(), 6);
        QCOMPARE(counts->at(0).kind, QStringLiteral("person"));
        QCOMPARE(counts->at(0).entries, 1);
        QCOMPARE(counts->at(0).stale, 0);
        QCOMPARE(counts->at(1).entries, 1);
        QCOMPARE(counts->at(1).stale, 1);

        // A period asked for stands for every kind's own, in lists and counts alike.
        const auto codesOf = [](const Result<QList<RegisterEntry>> &entries) {
            QStringList codes;
            for (const RegisterEntry &entry : *entries)
                codes << entry.code;
            return codes;
        };
        QCOMPARE(codesOf(book->stale(std::nullopt, later, 200)), QStringList({never->code}));
        QCOMPARE(codesOf(book->stale(std::nullopt, later, 30)),
            QStringList({east->code, never->code, west->code}));
        QCOMPARE(
            codesOf(book->stale(QStringLiteral("SQ-W"), later, 99)), QStringList({west->code}));
        QCOMPARE(codesOf(book->stale(QStringLiteral("SQ-W"), later, 100)), QStringList());
        auto strict = book->counts(QStringLiteral("SQ-E"), later, 30);
        QCOMPARE(strict->at(0).stale, 1);
        QCOMPARE(strict->at(1).stale, 1);
    }

    void entriesNearAPointComeNearestFirst()
    {
        auto ws = m_fixture.squares(QStringLiteral("near.gpkg"));
        auto book = RegisterBook::load(*ws);
        const GeoPoint point {121.505, 25.005};
        // 0.0001° of latitude is about 11.1 m.
        const auto add = [&](const QString &name, double north) {
            return book
                ->add(entryAt(QStringLiteral("thing"), name, {point.lon, point.lat + north}),
                    QStringLiteral("Operator Chen"), AT)
                .value_or(RegisterEntry {})
                .code;
        };
        const QString thirtyThree = add(QStringLiteral("Cover"), 0.0003);
        const QString eleven = add(QStringLiteral("Lamp"), 0.0001);
        const QString hundredEleven = add(QStringLiteral("Hydrant"), 0.001);
        RegisterEntry parcel = entryAt(QStringLiteral("place"), QStringLiteral("Park"), {});
        parcel.wkb = Test::RegisterFixture::square(QStringLiteral("p"), point.lon - 0.0005).wkb;
        const QString around = book->add(parcel, QStringLiteral("Operator Chen"), AT)->code;

        const auto codes = [](const Result<QList<RegisterEntry>> &entries) {
            QStringList list;
            for (const RegisterEntry &entry : entries.value_or(QList<RegisterEntry> {}))
                list << entry.code;
            return list;
        };
        QCOMPARE(codes(book->near(point, 50)), QStringList({around, eleven, thirtyThree}));
        QCOMPARE(codes(book->near(point, 200)),
            QStringList({around, eleven, thirtyThree, hundredEleven}));
        QCOMPARE(codes(book->near(point, 200, 2)), QStringList({around, eleven}));
        QCOMPARE(codes(book->near({121.4, 25.0}, 200)), QStringList());
    }

    void aGridEditionReHomesEntries()
    {
        auto ws = m_fixture.squares(QStringLiteral("rehome.gpkg"));
        auto book = RegisterBook::load(*ws);
        auto moving = book->add(
            entryAt(QStringLiteral("thing"), QStringLiteral("Hydrant"), {121.515, 25.005}),
            QStringLiteral("Operator Chen"), AT);
        auto staying =
            book->add(entryAt(QStringLiteral("thing"), QStringLiteral("Cover"), {121.505, 25.005}),
                QStringLiteral("Operator Chen"), AT);
        QVERIFY(moving && staying);
        QCOMPARE(moving->gridCode, QStringLiteral("SQ-E"));

        auto grids = ws->grids();
        const Grid west = grids->at(0).code == QLatin1String("SQ-W") ? grids->at(0) : grids->at(1);
        const Grid east = grids->at(0).code == QLatin1String("SQ-E") ? grids->at(0) : grids->at(1);
        auto united = GridEdits::merge({west, east});
        QVERIFY2(united.has_value(), Test::why(united).constData());
        QCOMPARE(united->code, QStringLiteral("SQ-W"));
        auto draft = GridDraft::load(*ws);
        QVERIFY(draft.has_value());
        GridChange change {QStringLiteral("Merge SQ-E into SQ-W"), {west, east}, {*united},
            {{QStringLiteral("SQ-E"), QStringLiteral("SQ-W"), LineageLink::Kind::Merge},
                {QStringLiteral("SQ-W"), QStringLiteral("SQ-W"), LineageLink::Kind::Merge}}};
        QVERIFY(draft->apply(*ws, change));
        auto edition = GridEditions::publish(*ws, *draft, QStringLiteral("Supervisor Li"),
            QStringLiteral("Merge the squares"), AT.addDays(1));
        QVERIFY2(edition.has_value(), Test::why(edition).constData());
        QCOMPARE(edition->rehomedEntries, 1);

        auto fresh = RegisterBook::load(*ws);
        auto moved = fresh->entry(moving->code);
        QCOMPARE((*moved)->gridCode, QStringLiteral("SQ-W"));
        QCOMPARE((*moved)->version, 2);
        QCOMPARE((*fresh->entry(staying->code))->version, 1);
        auto history = fresh->history(moving->code);
        QCOMPARE(history->last().action, QStringLiteral("rehomed"));
        QCOMPARE(history->last().before->gridCode, QStringLiteral("SQ-E"));
        QVERIFY2(history->last().note.contains(QString::number(edition->number)),
            qPrintable(history->last().note));
    }

    void badGeometryIsRefusedAndNothingStored_data()
    {
        QTest::addColumn<QByteArray>("wkb");
        QTest::addColumn<QString>("expected");
        // A line: LINESTRING(121.501 25.001, 121.502 25.002).
        QByteArray line;
        QDataStream stream(&line, QIODevice::WriteOnly);
        stream.setByteOrder(QDataStream::LittleEndian);
        stream.setFloatingPointPrecision(QDataStream::DoublePrecision);
        stream << quint8(1) << quint32(2) << quint32(2) << 121.501 << 25.001 << 121.502 << 25.002;
        QTest::newRow("line") << line << "LineString";
        // A bow tie: the ring crosses itself.
        QByteArray bowtie;
        QDataStream tie(&bowtie, QIODevice::WriteOnly);
        tie.setByteOrder(QDataStream::LittleEndian);
        tie.setFloatingPointPrecision(QDataStream::DoublePrecision);
        tie << quint8(1) << quint32(3) << quint32(1) << quint32(5) << 121.501 << 25.001 << 121.503
            << 25.003 << 121.503 << 25.001 << 121.501 << 25.003 << 121.501 << 25.001;
        QTest::newRow("self-intersecting polygon") << bowtie << "not valid";
        QTest::newRow("truncated") << QByteArray::fromHex("0101000000") << "cannot be read";
    }

    void badGeometryIsRefusedAndNothingStored()
    {
        QFETCH(QByteArray, wkb);
        QFETCH(QString, expected);
        auto ws =
            m_fixture.squares(QStringLiteral("geometry-%1.gpkg").arg(QTest::currentDataTag()));
        auto book = RegisterBook::load(*ws);
        RegisterEntry entry = entryAt(QStringLiteral("place"), QStringLiteral("Odd"), {});
        entry.wkb = wkb;
        auto refused = book->add(entry, QStringLiteral("Operator Chen"), AT);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidGeometry);
        QVERIFY2(refused.error().message.contains(expected), qPrintable(refused.error().message));
        QCOMPARE(
            Test::scalar(*ws, QStringLiteral("SELECT count(*) FROM register_entries")).toInt(), 0);
        QCOMPARE(
            Test::scalar(*ws, QStringLiteral("SELECT count(*) FROM register_history")).toInt(), 0);
    }
};

GRIDDESK_TEST_MAIN(TestRegisterBook, QCoreApplication)
#include "tst_registerbook.moc"
