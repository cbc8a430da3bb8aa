// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clirunner.h"

#include "register/registerfixture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

using namespace GridDesk;

namespace {

/// Where the patrol's list is asked for: 30 days after the last person was verified.
const QString AT = QStringLiteral("2026-07-01T09:00:00Z");

bool writeFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
}

QJsonObject object(const Test::Run &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

/// The codes of the entries each grid lists, by grid, as `register --stale --json` gives them.
QMap<QString, QStringList> codesByGrid(const Test::Run &run)
{
    QMap<QString, QStringList> byGrid;
    for (const QJsonValue &grid : object(run)[QLatin1String("grids")].toArray()) {
        QStringList codes;
        for (const QJsonValue &code : grid[QLatin1String("codes")].toArray())
            codes << code.toString();
        byGrid.insert(grid[QLatin1String("grid")].toString(), codes);
    }
    return byGrid;
}

} // namespace

/// The list of entries due a visit that a patrol takes along, read from the command line with
/// the period the workspace keeps per kind or one given for the run. Needs only the Taipei
/// sample from maps/ and files the test writes.
class TestRegisterStaleCli : public QObject
{
    Q_OBJECT

private:
    Test::RegisterFixture m_fixture;
    QString m_path;
    QString m_never; ///< a person never verified, near Taipei Main Station
    QString m_hall; ///< a place beside it, verified on 1 January
    QString m_far; ///< a person in Xinyi, verified on 1 June
    QString m_station; ///< the grid of the first two
    QString m_xinyi; ///< the grid of the third

    QStringList stale(const QStringList &more) const
    {
        return QStringList {QStringLiteral("register"), m_path, QStringLiteral("--stale"),
                   QStringLiteral("--at"), AT}
        + more;
    }

    Test::Run verify(const QString &code, const QString &at) const
    {
        return Test::cli({QStringLiteral("register-verify"), m_path, code, QStringLiteral("--as"),
            QStringLiteral("Supervisor Li"), QStringLiteral("--at"), at});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_fixture.taipeiCopy(QStringLiteral("stale.gpkg"));
        QVERIFY(!m_path.isEmpty());
        const QString people = m_fixture.filePath(QStringLiteral("people.csv"));
        QVERIFY(writeFile(people,
            QStringLiteral("name,address,id_number,phone,lon,lat\n"
                           "王小明,忠孝西路一段49號5樓,A123456789,0912345678,121.5170,25.0478\n"
                           "林美玲,市府路45號,B223456789,0922345678,121.5645,25.0340\n")));
        const QString places = m_fixture.filePath(QStringLiteral("places.csv"));
        QVERIFY(writeFile(places,
            QStringLiteral(
                "name,address,lon,lat\nStation hall,忠孝西路一段49號,121.5171,25.0478\n")));
        for (const auto &[file, kind] : {std::pair {people, QStringLiteral("person")},
                 std::pair {places, QStringLiteral("place")}}) {
            const Test::Run imported = Test::cli(
                {QStringLiteral("import-register"), m_path, file, QStringLiteral("--kind"), kind});
            QVERIFY2(imported.status == 0, qPrintable(imported.err));
        }

        const Test::Run all = Test::cli({QStringLiteral("register"), m_path,
            QStringLiteral("--json"), QStringLiteral("--as"), QStringLiteral("Leader Wang")});
        const QJsonArray entries = object(all)[QLatin1String("entries")].toArray();
        QCOMPARE(entries.size(), 3);
        for (const QJsonValue &entry : entries) {
            const bool inXinyi = entry[QLatin1String("lon")].toDouble() > 121.55;
            const QString code = entry[QLatin1String("code")].toString();
            const QString grid = entry[QLatin1String("grid")].toString();
            if (entry[QLatin1String("kind")].toString() == QLatin1String("place")) {
                m_hall = code;
                m_station = grid;
            } else if (inXinyi) {
                m_far = code;
                m_xinyi = grid;
            } else {
                m_never = code;
            }
        }
        QVERIFY(!m_never.isEmpty() && !m_hall.isEmpty() && !m_far.isEmpty());
        QVERIFY(!m_station.isEmpty() && !m_xinyi.isEmpty() && m_station != m_xinyi);

        QCOMPARE(verify(m_hall, QStringLiteral("2026-01-01T09:00:00Z")).status, 0);
        QCOMPARE(verify(m_far, QStringLiteral("2026-06-01T09:00:00Z")).status, 0);
    }

    void eachKindsOwnPeriodByDefault()
    {
        // People are due after 90 days, places after 365: only the person never verified is.
        const Test::Run run = Test::cli(stale({QStringLiteral("--json")}));
        QCOMPARE(run.status, 0);
        QCOMPARE(object(run)[QLatin1String("stale_days")].isNull(), true);
        QCOMPARE(object(run)[QLatin1String("count")].toInteger(), 1);
        QCOMPARE(codesByGrid(run), (QMap<QString, QStringList> {{m_station, {m_never}}}));
    }

    void aPeriodGivenStandsForEveryKind_data()
    {
        QTest::addColumn<QString>("days");
        QTest::addColumn<QStringList>("station");
        QTest::addColumn<QStringList>("xinyi");
        // The hall was verified 181 days before, the person in Xinyi 30 days before.
        QTest::newRow("200 days") << "200" << QStringList {"never"} << QStringList {};
        QTest::newRow("181 days") << "181" << QStringList {"never"} << QStringList {};
        QTest::newRow("180 days") << "180" << QStringList {"never", "hall"} << QStringList {};
        QTest::newRow("29 days") << "29" << QStringList {"never", "hall"} << QStringList {"far"};
    }

    void aPeriodGivenStandsForEveryKind()
    {
        QFETCH(QString, days);
        QFETCH(QStringList, station);
        QFETCH(QStringList, xinyi);
        const QHash<QString, QString> codes {{QStringLiteral("never"), m_never},
            {QStringLiteral("hall"), m_hall}, {QStringLiteral("far"), m_far}};
        QMap<QString, QStringList> expected;
        for (const auto &[grid, names] : {std::pair {m_station, station}, {m_xinyi, xinyi}}) {
            QStringList inGrid;
            for (const QString &name : names)
                inGrid << codes.value(name);
            if (!inGrid.isEmpty())
                expected.insert(grid, inGrid);
        }

        const Test::Run run =
            Test::cli(stale({QStringLiteral("--stale-days"), days, QStringLiteral("--json")}));
        QCOMPARE(run.status, 0);
        QCOMPARE(object(run)[QLatin1String("stale_days")].toInt(), days.toInt());
        QCOMPARE(codesByGrid(run), expected);
        QCOMPARE(object(run)[QLatin1String("count")].toInteger(), station.size() + xinyi.size());

        // --stale-days alone asks for the same list; the counts agree with it.
        const Test::Run alone =
            Test::cli({QStringLiteral("register"), m_path, QStringLiteral("--stale-days"), days,
                QStringLiteral("--at"), AT, QStringLiteral("--json")});
        QCOMPARE(codesByGrid(alone), expected);
        const Test::Run counted = Test::cli({QStringLiteral("register"), m_path,
            QStringLiteral("--counts"), QStringLiteral("--stale-days"), days,
            QStringLiteral("--at"), AT, QStringLiteral("--json")});
        qint64 due = 0;
        for (const QJsonValue &kind : QJsonDocument::fromJson(counted.out).array())
            due += kind[QLatin1String("stale")].toInteger();
        QCOMPARE(due, station.size() + xinyi.size());
    }

    void oneGridAndOneKind()
    {
        const QStringList strict {
            QStringLiteral("--stale-days"), QStringLiteral("29"), QStringLiteral("--json")};
        const Test::Run xinyi =
            Test::cli(stale(strict + QStringList {QStringLiteral("--grid"), m_xinyi}));
        QCOMPARE(codesByGrid(xinyi), (QMap<QString, QStringList> {{m_xinyi, {m_far}}}));
        const Test::Run people = Test::cli(
            stale(strict + QStringList {QStringLiteral("--kind"), QStringLiteral("person")}));
        QCOMPARE(codesByGrid(people),
            (QMap<QString, QStringList> {{m_station, {m_never}}, {m_xinyi, {m_far}}}));
    }

    void theTextListHeadsEachGridAndMasksPeople()
    {
        const Test::Run run =
            Test::cli(stale({QStringLiteral("--stale-days"), QStringLiteral("29")}));
        QCOMPARE(run.status, 0);
        const QString text = QString::fromUtf8(run.out);
        // Plurals read "day(s)" until the English translation names them; both are right.
        QVERIFY2(text.contains(QStringLiteral("more than 29 day")), qPrintable(text));
        const qsizetype station = text.indexOf(QStringLiteral("Grid %1").arg(m_station));
        const qsizetype xinyi = text.indexOf(QStringLiteral("Grid %1").arg(m_xinyi));
        QVERIFY2(station >= 0 && xinyi >= 0, qPrintable(text));
        QVERIFY(text.indexOf(m_never) > station && text.indexOf(m_hall) > station);
        QVERIFY(text.indexOf(m_far) > xinyi);
        QVERIFY(text.contains(
            QRegularExpression(QStringLiteral("Grid %1[^\n]*: 2 entr").arg(m_station))));
        QVERIFY(text.contains(
            QRegularExpression(QStringLiteral("Grid %1[^\n]*: 1 entr").arg(m_xinyi))));
        QVERIFY(text.contains(QStringLiteral("never verified")));
        QVERIFY(text.contains(QStringLiteral("verified 2026-01-01T09:00:00Z by Supervisor Li")));
        QVERIFY(
            text.contains(QRegularExpression(QStringLiteral("\n3 entr\\S+ due a visit in all"))));
        QVERIFY(!text.contains(QStringLiteral("王小明")));
        QVERIFY(!text.contains(QStringLiteral("林美玲")));
        QVERIFY(!text.contains(QStringLiteral("49號5樓")));

        const Test::Run json = Test::cli(stale({QStringLiteral("--json")}));
        QCOMPARE(object(json)[QLatin1String("masked")].toBool(), true);
        QVERIFY(!json.out.contains("A123456789"));
        QVERIFY(json.out.contains("A123**6789"));
        QVERIFY(!json.out.contains(QStringLiteral("王小明").toUtf8()));
    }

    void aRevealIsRefusedOrRecordedAsForTheWholeRegister()
    {
        const QStringList reveal {QStringLiteral("--reveal"), QStringLiteral("--reason"),
            QStringLiteral("patrol"), QStringLiteral("--json")};
        const Test::Run refused = Test::cli(
            stale(reveal + QStringList {QStringLiteral("--as"), QStringLiteral("Operator Chen")}));
        QCOMPARE(refused.status, 1);
        QVERIFY(!refused.out.contains("A123456789"));

        const Test::Run revealed = Test::cli(
            stale(reveal + QStringList {QStringLiteral("--as"), QStringLiteral("Leader Wang")}));
        QCOMPARE(revealed.status, 0);
        QCOMPARE(object(revealed)[QLatin1String("masked")].toBool(), false);
        QVERIFY(revealed.out.contains("A123456789"));
        QVERIFY(revealed.out.contains(QStringLiteral("王小明").toUtf8()));
    }

    void aBadPeriodIsAUsageError_data()
    {
        QTest::addColumn<QString>("days");
        QTest::newRow("zero") << "0";
        QTest::newRow("negative") << "-5";
        QTest::newRow("words") << "ninety";
        QTest::newRow("fraction") << "1.5";
        QTest::newRow("a century and more") << "36501";
    }

    void aBadPeriodIsAUsageError()
    {
        QFETCH(QString, days);
        const Test::Run run =
            Test::cli(stale({QStringLiteral("--stale-days"), days, QStringLiteral("--json")}));
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--stale-days")), qPrintable(run.err));
        QVERIFY(run.out.isEmpty());
    }

    void theUsageNamesThePeriod()
    {
        const Test::Run help = Test::cli({QStringLiteral("--help")});
        QCOMPARE(help.status, 0);
        QVERIFY(help.out.contains("--stale-days N"));
    }
};

GRIDDESK_TEST_MAIN(TestRegisterStaleCli, QCoreApplication)
#include "tst_registerstalecli.moc"
