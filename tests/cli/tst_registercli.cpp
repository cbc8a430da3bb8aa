// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clirunner.h"

#include "register/registerfixture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlDatabase>

using namespace GridDesk;

namespace {

QJsonObject object(const Test::Run &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

/// Entries per kind as `register --counts --json` prints them.
QHash<QString, qint64> counts(const QString &workspace)
{
    const Test::Run run = Test::cli({QStringLiteral("register"), workspace,
        QStringLiteral("--counts"), QStringLiteral("--json")});
    QHash<QString, qint64> byKind;
    for (const QJsonValue &each : QJsonDocument::fromJson(run.out).array())
        byKind.insert(
            each[QLatin1String("kind")].toString(), each[QLatin1String("entries")].toInteger());
    return byKind;
}

/// A number read straight from the workspace file with SQLite.
qint64 sqlCount(const QString &workspace, const QString &sql)
{
    qint64 count = -1;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(workspace);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                count = query.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return count;
}

} // namespace

/// Skips a test that reads Taipei's real registers when the shared data folder is not beside
/// this checkout (a clean clone); the tests on files they write themselves run all the same.
#define SKIP_WITHOUT_TAIPEI_REGISTERS()                                                            \
    do {                                                                                           \
        if (!QFile::exists(Test::taipeiRegistry(QStringLiteral("youbike_sub_stn_1.geojson"))))     \
            QSKIP("the shared data folder with Taipei's registers is not beside this checkout");   \
    } while (false)

class TestRegisterCli : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;

private Q_SLOTS:
    void calledWronglyPrintsTheUsage()
    {
        SKIP_WITHOUT_TAIPEI_REGISTERS();
        const Test::Run bare = Test::cli({QStringLiteral("import-register")});
        QCOMPARE(bare.status, 2);
        QVERIFY2(bare.err.contains(QStringLiteral("import-register WORKSPACE FILE --kind KIND")),
            qPrintable(bare.err));
        const QString path = m_fixture.taipeiCopy(QStringLiteral("usage.gpkg"));
        const Test::Run noKind = Test::cli({QStringLiteral("import-register"), path,
            Test::taipeiRegistry(QStringLiteral("youbike_sub_stn_1.geojson"))});
        QCOMPARE(noKind.status, 2);
        QVERIFY(noKind.err.contains(QStringLiteral("--kind")));
        const Test::Run importBadKind = Test::cli({QStringLiteral("import-register"), path,
            Test::taipeiRegistry(QStringLiteral("youbike_sub_stn_1.geojson")),
            QStringLiteral("--kind"), QStringLiteral("animal")});
        QCOMPARE(importBadKind.status, 2);
        QVERIFY2(importBadKind.err.contains(QStringLiteral("unknown kind")),
            qPrintable(importBadKind.err));
        const Test::Run badKind = Test::cli({QStringLiteral("register"), path,
            QStringLiteral("--kind"), QStringLiteral("animal"), QStringLiteral("--json")});
        QCOMPARE(badKind.status, 2);
        QVERIFY(badKind.err.contains(QStringLiteral("organisation")));
        const Test::Run missing = Test::cli({QStringLiteral("register"),
            m_fixture.filePath(QStringLiteral("no-such.gpkg")), QStringLiteral("--json")});
        QCOMPARE(missing.status, 1);
        QVERIFY(!QFile::exists(m_fixture.filePath(QStringLiteral("no-such.gpkg"))));
    }

    void aScriptImportsTheWelfareRegister()
    {
        SKIP_WITHOUT_TAIPEI_REGISTERS();
        const QString path = m_fixture.taipeiCopy(QStringLiteral("welfare.gpkg"));
        QVERIFY(!path.isEmpty());
        const QString file =
            Test::taipeiRegistry(QStringLiteral("socl_welfare_organization_plc.geojson"));
        const QString mapping =
            Test::taipeiMapping(QStringLiteral("socl_welfare_organization_plc.json"));
        const qint64 distinct = Test::ogrCount(file,
            QStringLiteral("SELECT count(DISTINCT trim(name) || '|' || trim(address)) FROM "
                           "socl_welfare_organization_plc"));
        const qint64 features = Test::ogrCount(
            file, QStringLiteral("SELECT count(*) FROM socl_welfare_organization_plc"));

        const QStringList import {QStringLiteral("import-register"), path, file,
            QStringLiteral("--kind"), QStringLiteral("organisation"), QStringLiteral("--mapping"),
            mapping};
        const Test::Run dry =
            Test::cli(import + QStringList {QStringLiteral("--dry-run"), QStringLiteral("--json")});
        QCOMPARE(dry.status, 0);
        QCOMPARE(object(dry)[QLatin1String("created")].toInteger(), distinct);
        QCOMPARE(object(dry)[QLatin1String("refused")].toInteger(), features - distinct);
        QCOMPARE(object(dry)[QLatin1String("written")].toBool(), false);
        QCOMPARE(object(dry)[QLatin1String("lines")].toArray().size(), features);
        QCOMPARE(counts(path).value(QStringLiteral("organisation")), 0);

        // Refusals stop a plain import, saying so; nothing is written.
        const Test::Run stopped = Test::cli(import);
        QCOMPARE(stopped.status, 1);
        QVERIFY2(
            stopped.err.contains(QStringLiteral("nothing was imported")), qPrintable(stopped.err));
        QVERIFY(stopped.out.contains("refused: duplicates feature"));
        QCOMPARE(counts(path).value(QStringLiteral("organisation")), 0);

        const Test::Run done = Test::cli(import
            + QStringList {QStringLiteral("--skip-refused"), QStringLiteral("--as"),
                QStringLiteral("Supervisor Li")});
        QCOMPARE(done.status, 0);
        QCOMPARE(counts(path).value(QStringLiteral("organisation")), distinct);
        QCOMPARE(sqlCount(path,
                     QStringLiteral("SELECT count(*) FROM register_history WHERE "
                                    "changed_by = 'Supervisor Li'")),
            distinct);

        // One village's register, as the grid's page would list it.
        const Test::Run listed = Test::cli({QStringLiteral("register"), path,
            QStringLiteral("--kind"), QStringLiteral("organisation"), QStringLiteral("--json")});
        const QJsonArray entries = object(listed)[QLatin1String("entries")].toArray();
        QCOMPARE(entries.size(), distinct);
        const QString village = entries.at(0)[QLatin1String("grid")].toString();
        QVERIFY(!village.isEmpty());
        const Test::Run inVillage = Test::cli({QStringLiteral("register"), path,
            QStringLiteral("--grid"), village, QStringLiteral("--json")});
        QCOMPARE(inVillage.status, 0);
        QCOMPARE(object(inVillage)[QLatin1String("count")].toInteger(),
            sqlCount(path,
                QStringLiteral("SELECT count(*) FROM register_entries WHERE grid_code = '%1'")
                    .arg(village)));

        // The entries a case at a point may concern.
        const Test::Run nearby =
            Test::cli({QStringLiteral("register"), path, QStringLiteral("--near"),
                QStringLiteral("%1,%2")
                    .arg(entries.at(0)[QLatin1String("lon")].toDouble(), 0, 'f', 7)
                    .arg(entries.at(0)[QLatin1String("lat")].toDouble(), 0, 'f', 7),
                QStringLiteral("--within"), QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(nearby.status, 0);
        QCOMPARE(object(nearby)[QLatin1String("entries")][0][QLatin1String("code")].toString(),
            entries.at(0)[QLatin1String("code")].toString());
        QCOMPARE(Test::cli({QStringLiteral("register"), path, QStringLiteral("--near"),
                               QStringLiteral("east")})
                     .status,
            2);

        // Verified on a patrol, an entry leaves the stale list and its history says who.
        const QString code = entries.at(0)[QLatin1String("code")].toString();
        const auto stale = [&]() {
            return object(Test::cli({QStringLiteral("register"), path, QStringLiteral("--stale"),
                QStringLiteral("--json")}))[QLatin1String("count")]
                .toInteger();
        };
        const qint64 staleBefore = stale();
        QCOMPARE(staleBefore, distinct);
        QCOMPARE(Test::cli({QStringLiteral("register-verify"), path, code, QStringLiteral("--as"),
                               QStringLiteral("Supervisor Li")})
                     .status,
            0);
        QCOMPARE(stale(), staleBefore - 1);
        const Test::Run history =
            Test::cli({QStringLiteral("register-history"), path, code, QStringLiteral("--json")});
        const QJsonArray lines = QJsonDocument::fromJson(history.out).array();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1)[QLatin1String("action")].toString(), QStringLiteral("verified"));
        QCOMPARE(lines.at(1)[QLatin1String("before")][QLatin1String("verified_by")].toString(),
            QString());

        // Two entries an operator knows are one: merged, both histories kept.
        const QString other = entries.at(1)[QLatin1String("code")].toString();
        const Test::Run merged =
            Test::cli({QStringLiteral("register-merge"), path, other, QStringLiteral("--into"),
                code, QStringLiteral("--as"), QStringLiteral("Supervisor Li")});
        QCOMPARE(merged.status, 0);
        QCOMPARE(counts(path).value(QStringLiteral("organisation")), distinct - 1);
        const Test::Run mergedHistory =
            Test::cli({QStringLiteral("register-history"), path, other, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(mergedHistory.out)
                     .array()
                     .last()[QLatin1String("action")]
                     .toString(),
            QStringLiteral("merged"));
    }

    void personalDataIsMaskedByTheActingRole()
    {
        const QString path = m_fixture.taipeiCopy(QStringLiteral("people.gpkg"));
        const QString csv = m_fixture.filePath(QStringLiteral("people.csv"));
        {
            QSaveFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QStringLiteral(
                "name,address,id_number,phone,lon,lat\n"
                "王小明,忠孝西路一段49號5樓,A123456789,0912345678,121.5170,25.0478\n")
                           .toUtf8());
            QVERIFY(file.commit());
        }
        QCOMPARE(Test::cli({QStringLiteral("import-register"), path, csv, QStringLiteral("--kind"),
                               QStringLiteral("person")})
                     .status,
            0);
        const QStringList list {QStringLiteral("register"), path, QStringLiteral("--kind"),
            QStringLiteral("person"), QStringLiteral("--json")};

        for (const QStringList &as :
            {QStringList {}, QStringList {QStringLiteral("--as"), QStringLiteral("Operator Chen")},
                QStringList {QStringLiteral("--as"), QStringLiteral("Leader Wang")}}) {
            const Test::Run masked = Test::cli(list + as);
            QCOMPARE(masked.status, 0);
            QCOMPARE(object(masked)[QLatin1String("masked")].toBool(), true);
            QVERIFY(!masked.out.contains("A123456789"));
            QVERIFY(!masked.out.contains("0912345678"));
            QVERIFY(!masked.out.contains(QStringLiteral("王小明").toUtf8()));
            QVERIFY(masked.out.contains("A123**6789"));
        }

        const Test::Run refused = Test::cli(list
            + QStringList {QStringLiteral("--as"), QStringLiteral("Operator Chen"),
                QStringLiteral("--reveal"), QStringLiteral("--reason"), QStringLiteral("curious")});
        QCOMPARE(refused.status, 1);
        QVERIFY(refused.err.contains(QStringLiteral("operator")));
        QCOMPARE(Test::cli(list
                     + QStringList {QStringLiteral("--as"), QStringLiteral("Leader Wang"),
                         QStringLiteral("--reveal")})
                     .status,
            2);
        QCOMPARE(
            Test::cli(list + QStringList {QStringLiteral("--as"), QStringLiteral("Nobody")}).status,
            1);
        QCOMPARE(sqlCount(path, QStringLiteral("SELECT count(*) FROM register_reveals")), 0);

        const Test::Run revealed = Test::cli(list
            + QStringList {QStringLiteral("--as"), QStringLiteral("Leader Wang"),
                QStringLiteral("--reveal"), QStringLiteral("--reason"),
                QStringLiteral("welfare visit")});
        QCOMPARE(revealed.status, 0);
        QCOMPARE(object(revealed)[QLatin1String("masked")].toBool(), false);
        QVERIFY(revealed.out.contains("A123456789"));
        QCOMPARE(sqlCount(path,
                     QStringLiteral("SELECT count(*) FROM register_reveals WHERE "
                                    "revealed_by = 'Leader Wang' AND reason = 'welfare "
                                    "visit'")),
            4);
    }

    void aCaseIsLinkedToEntriesAndAnEntryListsItsCases()
    {
        const QString path = m_fixture.taipeiCopy(QStringLiteral("links.gpkg"));
        QVERIFY(!path.isEmpty());
        const auto importCsv = [&](const QString &kind, const QString &rows) {
            const QString csv = m_fixture.filePath(kind + QStringLiteral(".csv"));
            QSaveFile file(csv);
            if (!file.open(QIODevice::WriteOnly))
                return -1;
            file.write((QStringLiteral("name,address,lon,lat\n") + rows).toUtf8());
            if (!file.commit())
                return -1;
            return Test::cli(
                {QStringLiteral("import-register"), path, csv, QStringLiteral("--kind"), kind})
                .status;
        };
        QCOMPARE(importCsv(QStringLiteral("person"),
                     QStringLiteral("王小明,忠孝西路一段49號5樓,121.5170,25.0478\n")),
            0);
        QCOMPARE(importCsv(QStringLiteral("place"),
                     QStringLiteral("Station tower,忠孝西路一段49號,121.5180,25.0478\n"
                                    "Old depot,,121.5300,25.0478\n")),
            0);
        const QString person = QStringLiteral("PE-000001");
        const QString tower = QStringLiteral("PL-000001");
        const QString depot = QStringLiteral("PL-000002");

        // Offered at the point: the resident nearby; the tower, 100 m off, by its address.
        const Test::Run offered =
            Test::cli({QStringLiteral("register"), path, QStringLiteral("--near"),
                QStringLiteral("121.5170,25.0478"), QStringLiteral("--address"),
                QStringLiteral("忠孝西路一段49號3樓"), QStringLiteral("--json")});
        QCOMPARE(offered.status, 0);
        const QJsonArray offers = object(offered)[QLatin1String("entries")].toArray();
        QCOMPARE(offers.size(), 2);
        QCOMPARE(offers.at(0)[QLatin1String("code")].toString(), person);
        QCOMPARE(offers.at(1)[QLatin1String("code")].toString(), tower);
        QVERIFY(!offered.out.contains(QStringLiteral("王小明").toUtf8()));

        const QStringList report {QStringLiteral("report"), path, QStringLiteral("--as"),
            QStringLiteral("Operator Chen"), QStringLiteral("--category"), QStringLiteral("event"),
            QStringLiteral("--lon"), QStringLiteral("121.5170"), QStringLiteral("--lat"),
            QStringLiteral("25.0478"), QStringLiteral("--json")};
        const qint64 casesBefore = sqlCount(path, QStringLiteral("SELECT count(*) FROM cases"));
        const Test::Run unknown = Test::cli(report
            + QStringList {QStringLiteral("--entry"), tower, QStringLiteral("--entry"),
                QStringLiteral("PL-999999")});
        QCOMPARE(unknown.status, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("PL-999999")), qPrintable(unknown.err));
        QCOMPARE(sqlCount(path, QStringLiteral("SELECT count(*) FROM cases")), casesBefore);

        const Test::Run reported = Test::cli(report
            + QStringList {QStringLiteral("--entry"), tower, QStringLiteral("--reporter"), person});
        QCOMPARE(reported.status, 0);
        const qint64 id = object(reported)[QLatin1String("id")].toInteger();
        const QJsonArray linked = object(reported)[QLatin1String("entries")].toArray();
        QCOMPARE(linked.size(), 2);
        QCOMPARE(linked.at(1)[QLatin1String("role")].toString(), QStringLiteral("reporter"));
        QVERIFY(!reported.out.contains(QStringLiteral("王小明").toUtf8()));

        const auto casesOf = [&](const QString &code) {
            const Test::Run run =
                Test::cli({QStringLiteral("register-entry"), path, code, QStringLiteral("--json")});
            return object(run)[QLatin1String("cases")].toArray();
        };
        QCOMPARE(casesOf(tower).size(), 1);
        QCOMPARE(casesOf(tower).at(0)[QLatin1String("case")].toInteger(), id);
        QCOMPARE(
            casesOf(person).at(0)[QLatin1String("role")].toString(), QStringLiteral("reporter"));
        QCOMPARE(casesOf(depot).size(), 0);

        // Linked later and unlinked again, each in the case's history.
        const QStringList link {QStringLiteral("case-link"), path, QString::number(id), depot,
            QStringLiteral("--as"), QStringLiteral("Operator Chen")};
        QCOMPARE(Test::cli(link).status, 0);
        QCOMPARE(casesOf(depot).size(), 1);
        QCOMPARE(Test::cli(link).status, 1);
        QCOMPARE(Test::cli(link + QStringList {QStringLiteral("--remove")}).status, 0);
        QCOMPARE(casesOf(depot).size(), 0);
        const Test::Run shown = Test::cli(
            {QStringLiteral("case"), path, QString::number(id), QStringLiteral("--json")});
        QStringList actions;
        for (const QJsonValue &event : object(shown)[QLatin1String("events")].toArray())
            actions << event[QLatin1String("action")].toString();
        QCOMPARE(actions,
            QStringList({QStringLiteral("report"), QStringLiteral("link_entry"),
                QStringLiteral("link_entry"), QStringLiteral("link_entry"),
                QStringLiteral("unlink_entry")}));
        QCOMPARE(object(shown)[QLatin1String("entries")].toArray().size(), 2);

        // Searched by the beginning of a name or an address, masked like every list.
        const auto searched = [&](const QString &text) {
            const Test::Run run = Test::cli({QStringLiteral("register"), path,
                QStringLiteral("--search"), text, QStringLiteral("--json")});
            QStringList found;
            for (const QJsonValue &entry : object(run)[QLatin1String("entries")].toArray())
                found << entry[QLatin1String("code")].toString();
            return found;
        };
        QCOMPARE(searched(QStringLiteral("忠孝西路一段49號")), QStringList({tower, person}));
        QCOMPARE(searched(QStringLiteral("Old")), QStringList({depot}));
        QCOMPARE(searched(QStringLiteral("depot")), QStringList());

        // The generic act command does not make links, and says where they are made.
        const Test::Run act = Test::cli({QStringLiteral("act"), path, QString::number(id),
            QStringLiteral("link_entry"), QStringLiteral("--as"), QStringLiteral("Operator Chen")});
        QCOMPARE(act.status, 2);
        QVERIFY(act.err.contains(QStringLiteral("case-link")));
        QCOMPARE(
            Test::cli({QStringLiteral("register-entry"), path, QStringLiteral("PL-404")}).status,
            1);
    }

    void aNewFieldIsDefinedAndImportedWithoutABuild()
    {
        SKIP_WITHOUT_TAIPEI_REGISTERS();
        const QString path = m_fixture.taipeiCopy(QStringLiteral("field.gpkg"));
        const QString file = Test::taipeiRegistry(QStringLiteral("youbike_sub_stn_1.geojson"));
        const QString mappingFile = m_fixture.filePath(QStringLiteral("usage.json"));
        {
            QSaveFile out(mappingFile);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(R"({"fields": {"stop_name": "name", "sum_cor": "yearly_rides"}})");
            QVERIFY(out.commit());
        }
        const QStringList import {QStringLiteral("import-register"), path, file,
            QStringLiteral("--kind"), QStringLiteral("thing"), QStringLiteral("--mapping"),
            mappingFile, QStringLiteral("--json")};
        const Test::Run unknown = Test::cli(import);
        QCOMPARE(unknown.status, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("yearly_rides")), qPrintable(unknown.err));

        const Test::Run defined = Test::cli({QStringLiteral("register-field"), path,
            QStringLiteral("thing"), QStringLiteral("yearly_rides"), QStringLiteral("--type"),
            QStringLiteral("integer"), QStringLiteral("--title"), QStringLiteral("Rides a year")});
        QCOMPARE(defined.status, 0);
        QCOMPARE(Test::cli({QStringLiteral("register-field"), path, QStringLiteral("thing"),
                               QStringLiteral("rides"), QStringLiteral("--type"),
                               QStringLiteral("colour")})
                     .status,
            2);
        const Test::Run imported = Test::cli(import);
        QCOMPARE(imported.status, 0);
        QCOMPARE(object(imported)[QLatin1String("created")].toInteger(),
            Test::ogrCount(file, QStringLiteral("SELECT count(*) FROM youbike_sub_stn_1")));
        QCOMPARE(sqlCount(path,
                     QStringLiteral("SELECT sum(json_extract(fields, '$.yearly_rides')) "
                                    "FROM register_entries")),
            Test::ogrCount(file, QStringLiteral("SELECT sum(sum_cor) FROM youbike_sub_stn_1")));
    }

    void aLayerEncodingAndSourceCrsAreChosenForAFile()
    {
        const QString path = m_fixture.taipeiCopy(QStringLiteral("choices.gpkg"));
        QVERIFY(!path.isEmpty());
        const QString points = m_fixture.filePath(QStringLiteral("patrol_points.gpkg"));
        QVERIFY(Test::writeTwoLayerGeoPackage(points));
        const QString csv = m_fixture.filePath(QStringLiteral("components_gbk.csv"));
        QVERIFY(Test::writeGbkCsv(csv));
        const auto import = [&path](const QString &file, const QString &kind) {
            return QStringList {QStringLiteral("import-register"), path, file,
                QStringLiteral("--kind"), kind, QStringLiteral("--json")};
        };
        const QString hashBefore = QString::fromLatin1(Test::fileHash(path).toHex());

        // Without --layer the first layer is read: the lamps, in longitude/latitude.
        const Test::Run lamps =
            Test::cli(import(points, QStringLiteral("thing")) << QStringLiteral("--dry-run"));
        QCOMPARE(lamps.status, 0);
        QCOMPARE(object(lamps)[QLatin1String("created")].toInteger(), 2);
        QStringList lampGrids;
        for (const QJsonValue &line : object(lamps)[QLatin1String("lines")].toArray())
            lampGrids << line[QLatin1String("grid")].toString();

        // Bad choices say what is wrong and import nothing.
        const QStringList shelters = import(points, QStringLiteral("place"))
            << QStringLiteral("--layer");
        const Test::Run noLayer = Test::cli(shelters + QStringList {QStringLiteral("benches")});
        QCOMPARE(noLayer.status, 1);
        QVERIFY2(noLayer.err.contains(QStringLiteral("\"benches\""))
                && noLayer.err.contains(QStringLiteral("lamps, shelters")),
            qPrintable(noLayer.err));
        const Test::Run wrongCrs = Test::cli(shelters + QStringList {QStringLiteral("shelters")});
        QCOMPARE(wrongCrs.status, 1);
        QVERIFY2(wrongCrs.err.contains(QStringLiteral("not longitude/latitude")),
            qPrintable(wrongCrs.err));
        const Test::Run unknownCrs = Test::cli(shelters
            + QStringList {QStringLiteral("shelters"), QStringLiteral("--source-crs"),
                QStringLiteral("EPSG:999999")});
        QCOMPARE(unknownCrs.status, 1);
        QVERIFY2(
            unknownCrs.err.contains(QStringLiteral("EPSG:999999")), qPrintable(unknownCrs.err));
        const Test::Run undecoded = Test::cli(import(csv, QStringLiteral("thing"))
            << QStringLiteral("--encoding") << QStringLiteral("UTF-8"));
        QCOMPARE(undecoded.status, 1);
        QVERIFY2(undecoded.err.contains(QStringLiteral("feature 1"))
                && undecoded.err.contains(QStringLiteral("UTF-8")),
            qPrintable(undecoded.err));
        const Test::Run unknownEncoding = Test::cli(import(csv, QStringLiteral("thing"))
            << QStringLiteral("--encoding") << QStringLiteral("Shift_JIS"));
        QCOMPARE(unknownEncoding.status, 1);
        QVERIFY2(unknownEncoding.err.contains(QStringLiteral("Shift_JIS")),
            qPrintable(unknownEncoding.err));
        QCOMPARE(QString::fromLatin1(Test::fileHash(path).toHex()), hashBefore);

        // Read right, the shelters stand in the grids of the lamps at the same spots, and the
        // GBK names come through whole.
        const Test::Run placed = Test::cli(shelters
            + QStringList {QStringLiteral("shelters"), QStringLiteral("--source-crs"),
                QStringLiteral("EPSG:3826")});
        QCOMPARE(placed.status, 0);
        QCOMPARE(object(placed)[QLatin1String("created")].toInteger(), 2);
        QStringList shelterGrids;
        for (const QJsonValue &line : object(placed)[QLatin1String("lines")].toArray())
            shelterGrids << line[QLatin1String("grid")].toString();
        QCOMPARE(shelterGrids, lampGrids);
        const Test::Run decoded = Test::cli(import(csv, QStringLiteral("thing"))
            << QStringLiteral("--encoding") << QStringLiteral("GBK"));
        QCOMPARE(decoded.status, 0);
        QCOMPARE(object(decoded)[QLatin1String("encoding")].toString(), QStringLiteral("GBK"));
        QCOMPARE(sqlCount(path,
                     QStringLiteral("SELECT count(*) FROM register_entries WHERE name IN "
                                    "('北京东路路灯', '人民广场消防栓')")),
            2);
    }

    void badInputGetsAClearMessageAndChangesNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("mapping");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing mapping field")
            << "youbike_sub_stn_1.geojson" << QByteArray(R"({"fields": {"station": "name"}})")
            << "has no field \"station\"";
        QTest::newRow("field the kind lacks")
            << "youbike_sub_stn_1.geojson"
            << QByteArray(R"({"fields": {"stop_name": "name", "dist": "borough"}})") << "borough";
        QTest::newRow("not a vector file")
            << "../../README.md" << QByteArray() << "could not be opened";
    }

    void badInputGetsAClearMessageAndChangesNothing()
    {
        SKIP_WITHOUT_TAIPEI_REGISTERS();
        QFETCH(QString, file);
        QFETCH(QByteArray, mapping);
        QFETCH(QString, expected);
        const QString path = m_fixture.taipeiCopy(QStringLiteral("bad.gpkg"));
        const QString hashBefore = QString::fromLatin1(Test::fileHash(path).toHex());
        QStringList arguments {QStringLiteral("import-register"), path, Test::taipeiRegistry(file),
            QStringLiteral("--kind"), QStringLiteral("thing")};
        if (!mapping.isEmpty()) {
            const QString mappingFile = m_fixture.filePath(QStringLiteral("mapping.json"));
            QSaveFile out(mappingFile);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(mapping);
            QVERIFY(out.commit());
            arguments << QStringLiteral("--mapping") << mappingFile;
        }
        const Test::Run run = Test::cli(arguments);
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(QString::fromLatin1(Test::fileHash(path).toHex()), hashBefore);
    }
};

GRIDDESK_TEST_MAIN(TestRegisterCli, QCoreApplication)
#include "tst_registercli.moc"
