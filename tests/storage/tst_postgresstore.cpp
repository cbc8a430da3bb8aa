// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// A server's store in PostgreSQL: a workspace file loaded into it, read back through the same
// Workspace calls, and the refusals an administrator meets. Runs against the cluster that
// packaging/dev.sh test starts (GRIDDESK_TEST_POSTGRES).

#include "storage/statement.h"
#include "storage/storecopy.h"
#include "storage/workspace.h"

#include "support/postgresdatabase.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QTemporaryDir>

using namespace GridDesk;
using namespace GridDesk::Test;

namespace {

QByteArray square(double west, double south, double size)
{
    return Test::squareWkb(west, south, size);
}

QVariant scalar(Workspace &workspace, const QString &sql)
{
    QSqlQuery query(workspace.database());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_file; ///< a small workspace: two grids, three cases (one without a place)

private Q_SLOTS:
    void initTestCase()
    {
        if (PostgresDatabase::cluster().isEmpty()) {
            if (PostgresDatabase::required())
                QFAIL("GRIDDESK_TEST_POSTGRES is not set: no PostgreSQL cluster was started");
            QSKIP("no PostgreSQL cluster for the tests: run them with packaging/dev.sh test");
        }
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("city.gpkg"));
        auto workspace = Workspace::open(m_file);
        QVERIFY2(workspace.has_value(), why(workspace).constData());
        QList<Grid> grids;
        for (const auto &[code, west] :
            {std::pair(QStringLiteral("A1"), 116.30), std::pair(QStringLiteral("A2"), 116.31)}) {
            Grid grid;
            grid.code = code;
            grid.name = QStringLiteral("网格 ") + code;
            grid.level = GridLevel::Base;
            grid.wkb = square(west, 39.90, 0.01);
            grid.areaM2 = 950'000;
            grids << grid;
        }
        QList<CaseRecord> cases;
        for (int i = 0; i < 3; ++i) {
            CaseRecord record;
            record.source = QStringLiteral("hotline");
            record.externalId = QStringLiteral("H-%1").arg(i);
            record.category = QStringLiteral("井盖缺失");
            record.address = QStringLiteral("朝阳路 %1 号").arg(i + 1);
            record.created = *CaseTime::fromIso(QStringLiteral("2026-11-0%1T08:30:00").arg(i + 1));
            record.gridCode = i < 2 ? QStringLiteral("A1") : QString();
            if (i < 2)
                record.location = GeoPoint {116.301 + i * 0.001, 39.905};
            cases << record;
        }
        QVERIFY((*workspace)->transaction([&]() -> Result<void> {
            if (auto saved = (*workspace)->saveGrids(grids); !saved)
                return saved;
            return (*workspace)->saveCases(cases);
        }));
        QVERIFY((*workspace)->setMetadata(QStringLiteral("title"), QStringLiteral("测试城市")));
    }

    void aWorkspaceLoadedIntoTheStoreReadsBackTheSame()
    {
        PostgresDatabase database;
        QVERIFY2(!database.address().isEmpty(), qPrintable(database.error()));
        auto file = Workspace::open(m_file);
        auto store = Workspace::open(database.address());
        QVERIFY2(store.has_value(), why(store).constData());
        QVERIFY((*store)->isPostgres());
        QCOMPARE((*store)->schemaVersion(), Workspace::SCHEMA_VERSION);
        QVERIFY2(!(*store)->path().contains(QUrl(PostgresDatabase::cluster()).password()),
            "the store's shown address must not carry the password");

        auto copied = copyWorkspaceToStore(**file, **store);
        QVERIFY2(copied.has_value(), why(copied).constData());
        QVERIFY(copied->rows.contains(std::pair(QStringLiteral("grids"), qint64(2))));
        QVERIFY(copied->rows.contains(std::pair(QStringLiteral("cases"), qint64(3))));

        auto grids = (*store)->grids();
        QVERIFY2(grids.has_value(), why(grids).constData());
        QCOMPARE(grids->size(), 2);
        QCOMPARE(grids->first().name, QStringLiteral("网格 A1"));
        auto original = (*file)->grid(QStringLiteral("A1"));
        QCOMPARE(grids->first().wkb, (*original)->wkb);
        auto cases = (*store)->cases();
        QVERIFY2(cases.has_value(), why(cases).constData());
        QCOMPARE(cases->size(), 3);
        QCOMPARE(cases->at(0).address, QStringLiteral("朝阳路 1 号"));
        QVERIFY(cases->at(0).location.has_value());
        QCOMPARE(cases->at(0).location->lon, 116.301);
        QVERIFY(!cases->at(2).location.has_value());
        QCOMPARE((*store)->metadata(QStringLiteral("title")), QStringLiteral("测试城市"));
        // PostGIS sees the same places: the shapes are computed from the stored geometry.
        QCOMPARE(scalar(**store,
                     QStringLiteral("SELECT count(*) FROM cases c JOIN grids g ON "
                                    "ST_Contains(g.shape, c.shape) WHERE g.code = "
                                    "'A1'"))
                     .toInt(),
            2);
        // New rows get ids after the copied ones.
        QList<CaseRecord> more {cases->at(0)};
        more[0].id = 0;
        more[0].externalId = QStringLiteral("H-9");
        QVERIFY((*store)->transaction([&] { return (*store)->saveCases(more); }));
        QVERIFY(more[0].id > cases->last().id);

        // Loading twice is refused, and leaves the store as it was.
        auto again = copyWorkspaceToStore(**file, **store);
        QVERIFY(!again.has_value());
        QVERIFY2(again.error().message.contains(QLatin1String("already holds")),
            qPrintable(again.error().message));
        QCOMPARE(*(*store)->caseCount(), 4);
    }

    void aStatementKeepsTextAndBytesAsTheyAre()
    {
        PostgresDatabase database;
        QVERIFY2(!database.address().isEmpty(), qPrintable(database.error()));
        auto store = Workspace::open(database.address());
        QVERIFY2(store.has_value(), why(store).constData());
        QByteArray bytes;
        for (int i = 0; i < 256; ++i)
            bytes.append(char(i));
        const QString text = QStringLiteral("引号 ' 问号 ? 反斜杠 \\ 结束");
        auto insert = Statement::prepare(**store,
            "INSERT INTO server_files (sha256, size, content, uploaded_by, uploaded_at) VALUES "
            "(?1, ?2, ?3, ?4, '2026-12-05T10:00:00Z')");
        QVERIFY(insert.has_value());
        insert->bindText(1, QStringLiteral("f"));
        insert->bindInt(2, bytes.size());
        insert->bindBlob(3, bytes);
        insert->bindText(4, text);
        auto done = insert->step();
        QVERIFY2(done.has_value(), why(done).constData());
        auto read = Statement::prepare(
            **store, "SELECT content, uploaded_by, size FROM server_files WHERE sha256 = ?");
        read->bindText(1, QStringLiteral("f"));
        auto row = read->step();
        QVERIFY(row.has_value() && *row);
        QCOMPARE(read->columnBlob(0).toByteArray(), bytes);
        QCOMPARE(read->columnText(1), text);
        QCOMPARE(read->columnInt(2), 256);
        QVERIFY(!*read->step());

        // A failing statement says what PostgreSQL said.
        auto broken = Statement::prepare(**store, "SELECT no_such_column FROM server_files");
        auto failed = broken->step(QStringLiteral("Reading files"));
        QVERIFY(!failed.has_value());
        QVERIFY2(failed.error().message.contains(QLatin1String("no_such_column")),
            qPrintable(failed.error().message));
    }

    void anAdministratorGetsClearRefusals()
    {
        // Not an address GridDesk can use.
        auto bad = Workspace::open(QStringLiteral("postgresql://127.0.0.1"));
        QVERIFY(!bad.has_value());
        QVERIFY2(bad.error().message.contains(QLatin1String("DATABASE")),
            qPrintable(bad.error().message));

        // A wrong password: the server's refusal, without the password.
        QUrl wrong(PostgresDatabase::cluster());
        wrong.setPassword(QStringLiteral("not-the-password"));
        wrong.setPath(QStringLiteral("/postgres"));
        auto refused = Workspace::open(wrong.toString());
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QLatin1String("password")),
            qPrintable(refused.error().message));
        QVERIFY(!refused.error().message.contains(QLatin1String("not-the-password")));

        // A database that holds other tables is not taken over.
        PostgresDatabase database;
        QVERIFY2(!database.address().isEmpty(), qPrintable(database.error()));
        {
            QUrl url(database.address());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), "foreign");
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE invoices (id int)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        auto foreign = Workspace::open(database.address());
        QVERIFY(!foreign.has_value());
        QVERIFY2(foreign.error().message.contains(QLatin1String("not GridDesk's")),
            qPrintable(foreign.error().message));
    }
};

GRIDDESK_TEST_MAIN(TestPostgresStore, QCoreApplication)

#include "tst_postgresstore.moc"
