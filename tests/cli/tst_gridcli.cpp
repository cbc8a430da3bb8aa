// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The grid map's commands, run as a script would: validate, subdivide, publish, editions.

#include "clirunner.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using GridDesk::Test::cli;
using GridDesk::Test::Run;

namespace {

QJsonDocument json(const Run &run)
{
    return QJsonDocument::fromJson(run.out);
}

/// Case id → grid code, from `cases --json`.
QHash<qint64, QString> caseGrids(const QString &workspace)
{
    QHash<qint64, QString> grids;
    const QJsonArray cases = json(cli({"cases", workspace, "--json"})).array();
    for (const QJsonValue &value : cases) {
        const QJsonObject record = value.toObject();
        grids.insert(record.value("id").toInteger(), record.value("grid").toString());
    }
    return grids;
}

} // namespace

class TestGridCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath("nyc.gpkg");
        const QString maps = GridDesk::Test::mapsPath();
        Run boroughs = cli({"import-grids", m_workspace, maps + "/nyc/nyc_boroughs.geojson",
            "--level", "district", "--code-field", "borough_code", "--name-field", "name"});
        QVERIFY2(boroughs.status == 0, qPrintable(boroughs.err));
        Run districts =
            cli({"import-grids", m_workspace, maps + "/nyc/nyc_community_districts.geojson",
                "--level", "base", "--code-field", "boro_cd", "--name-field", "name"});
        QVERIFY2(districts.status == 0, qPrintable(districts.err));
        Run setup = cli(
            {"setup", m_workspace, "import", GridDesk::Test::dataPath("workflow/nyc-setup.json")});
        QVERIFY2(setup.status == 0, qPrintable(setup.err));
        Run cases = cli({"import-cases", m_workspace,
            GridDesk::Test::dataPath("nyc/nyc311_sample_300.csv"), "--profile", "nyc311"});
        QVERIFY2(cases.status == 0, qPrintable(cases.err));
    }

    void validateListsEveryGridWithoutSupervisor()
    {
        Run run = cli({"validate", m_workspace, "--level", "base", "--json"});
        QCOMPARE(run.status, 1); // findings are open
        const QJsonObject report = json(run).object();
        const int baseGrids =
            int(json(cli({"grids", m_workspace, "--level", "base", "--json"})).array().size());
        QCOMPARE(report.value("grids").toInt(), baseGrids);
        QSet<QString> unsupervised;
        for (const QJsonValue &value : report.value("findings").toArray()) {
            const QJsonObject finding = value.toObject();
            QVERIFY(!finding.value("key").toString().isEmpty());
            QCOMPARE(finding.value("location").toArray().size(), 2);
            QVERIFY(!finding.value("detail").toString().isEmpty());
            if (finding.value("kind").toString() == "no-supervisor")
                unsupervised.insert(finding.value("grids").toArray().first().toString());
        }
        // No grid of the sample has a supervisor yet.
        QCOMPARE(unsupervised.size(), baseGrids);
        QCOMPARE(report.value("open").toInt(), report.value("findings").toArray().size());
    }

    void badCallsSayWhatIsWrong()
    {
        Run both = cli({"subdivide", m_workspace, "101", "--parts", "4", "--target-area", "9"});
        QCOMPARE(both.status, 2);
        QVERIFY2(both.err.contains("--parts"), qPrintable(both.err));
        Run tooFew = cli({"subdivide", m_workspace, "101", "--parts", "1"});
        QCOMPARE(tooFew.status, 2);
        Run missing = cli({"subdivide", m_workspace, "999", "--parts", "4"});
        QCOMPARE(missing.status, 1);
        QVERIFY2(missing.err.contains("999"), qPrintable(missing.err));
        Run borough = cli({"subdivide", m_workspace, "1", "--parts", "4"});
        QCOMPARE(borough.status, 1);
        QVERIFY2(borough.err.contains("base"), qPrintable(borough.err));
        Run nowhere = cli({"validate", m_dir.filePath("nowhere.gpkg")});
        QCOMPARE(nowhere.status, 1);
        QVERIFY(!QFile::exists(m_dir.filePath("nowhere.gpkg")));
        Run level = cli({"validate", m_workspace, "--level", "ward"});
        QCOMPARE(level.status, 2);
    }

    void subdividePublishAndReHome()
    {
        const QHash<qint64, QString> before = caseGrids(m_workspace);

        // 308 holds one of the sample's open cases.
        Run cut = cli({"subdivide", m_workspace, "308", "--parts", "6"});
        QVERIFY2(cut.status == 0, qPrintable(cut.err));
        QVERIFY2(cut.out.contains("308"), cut.out.constData());
        Run again = cli({"subdivide", m_workspace, "308", "--parts", "6"});
        QCOMPARE(again.status, 1);
        QVERIFY2(again.err.contains("already"), qPrintable(again.err));

        const QJsonObject drafted = json(cli({"editions", m_workspace, "--json"})).object();
        const QJsonArray changed = drafted.value("draft").toObject().value("changed").toArray();
        QVERIFY2(changed.size() >= 2, QJsonDocument(drafted).toJson().constData());
        static const QRegularExpression fineCode("^308\\d{3}$");
        for (const QJsonValue &code : changed)
            QVERIFY2(fineCode.match(code.toString()).hasMatch(), qPrintable(code.toString()));
        // Nothing is published yet: the cases still sit in 308.
        QCOMPARE(caseGrids(m_workspace), before);

        Run noNote = cli({"publish", m_workspace, "--as", "Li"});
        QCOMPARE(noNote.status, 2);
        Run operatorTries = cli({"publish", m_workspace, "--as", "Chen", "--note", "fine grids"});
        QCOMPARE(operatorTries.status, 1);
        QVERIFY2(operatorTries.err.contains("Li"), qPrintable(operatorTries.err));

        Run publish = cli({"publish", m_workspace, "--as", "Li", "--note", "Fine grids for 308"});
        QVERIFY2(publish.status == 0, qPrintable(publish.err));

        const QHash<qint64, QString> after = caseGrids(m_workspace);
        int moved = 0;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (after.value(it.key()) == it.value())
                continue;
            QCOMPARE(it.value(), QStringLiteral("308"));
            QVERIFY(fineCode.match(after.value(it.key())).hasMatch());
            ++moved;
        }
        QCOMPARE(moved, 1);
        QVERIFY2(publish.out.contains(QStringLiteral("%1 open case").arg(moved).toUtf8()),
            publish.out.constData());

        const QJsonObject editions = json(cli({"editions", m_workspace, "--json"})).object();
        const QJsonArray list = editions.value("editions").toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject second = list.at(1).toObject();
        QCOMPARE(second.value("number").toInt(), 2);
        QCOMPARE(second.value("published_by").toString(), QStringLiteral("Li"));
        QCOMPARE(second.value("note").toString(), QStringLiteral("Fine grids for 308"));
        QCOMPARE(second.value("lineage").toArray().size(), changed.size());
        QCOMPARE(second.value("lineage").toArray().first().toObject().value("kind").toString(),
            QStringLiteral("subdivide"));
        QVERIFY(editions.value("draft").toObject().value("changed").toArray().isEmpty());

        // The fine grids are published grids now.
        const QJsonArray fine =
            json(cli({"grids", m_workspace, "--level", "fine", "--json"})).array();
        QCOMPARE(fine.size(), changed.size());
        Run nothing = cli({"publish", m_workspace, "--as", "Li", "--note", "again"});
        QCOMPARE(nothing.status, 1);
    }

    void concurrentEditsAndPublishesDoNotBothWin()
    {
        // Two desks (or scripts) at once: one wins, the other is told, nothing is doubled.
        const QString workspace = m_dir.filePath("race.gpkg");
        QVERIFY(QFile::copy(m_workspace, workspace));
        const auto both = [](const QStringList &first, const QStringList &second) {
            QProcess a;
            QProcess b;
            a.start(QStringLiteral(GRIDDESK_CLI), first);
            b.start(QStringLiteral(GRIDDESK_CLI), second);
            a.waitForFinished(120'000);
            b.waitForFinished(120'000);
            return std::pair {a.exitCode(), b.exitCode()};
        };
        const auto [cut40, cut6] = both({"subdivide", workspace, "210", "--parts", "40"},
            {"subdivide", workspace, "210", "--parts", "6"});
        QCOMPARE(int(cut40 == 0) + int(cut6 == 0), 1);
        const QJsonArray drafted = json(cli({"editions", workspace, "--json"}))
                                       .object()
                                       .value("draft")
                                       .toObject()
                                       .value("changed")
                                       .toArray();
        // Forty is "about forty" (a lattice cannot make every count); six is exact.
        if (cut6 == 0)
            QCOMPARE(drafted.size(), 6);
        else
            QVERIFY2(drafted.size() >= 36 && drafted.size() <= 44,
                qPrintable(QString::number(drafted.size())));

        const QHash<qint64, QString> before = caseGrids(workspace);
        const qsizetype published = json(cli({"editions", workspace, "--json"}))
                                        .object()
                                        .value("editions")
                                        .toArray()
                                        .size();
        const auto [byLi, byWang] = both({"publish", workspace, "--as", "Li", "--note", "A"},
            {"publish", workspace, "--as", "Wang", "--note", "B"});
        QCOMPARE(int(byLi == 0) + int(byWang == 0), 1);
        const QJsonArray editions =
            json(cli({"editions", workspace, "--json"})).object().value("editions").toArray();
        QCOMPARE(editions.size(), published + 1);
        // The open case in 210 moved once, with one event.
        int moved = 0;
        const QHash<qint64, QString> after = caseGrids(workspace);
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (after.value(it.key()) == it.value())
                continue;
            ++moved;
            const QJsonObject history =
                json(cli({"case", workspace, QString::number(it.key()), "--json"})).object();
            int rehomes = 0;
            for (const QJsonValue &event : history.value("events").toArray())
                rehomes += event.toObject().value("action").toString() == "rehome" ? 1 : 0;
            QCOMPARE(rehomes, 1);
        }
        QCOMPARE(moved, 1);
    }

    void reImportGoesIntoTheDraft()
    {
        // Once the map is published, an import is an edit: into the draft, checked, and
        // published only when someone publishes it.
        const QString boroughs = GridDesk::Test::mapsPath() + "/nyc/nyc_boroughs.geojson";
        Run same = cli({"import-grids", m_workspace, boroughs, "--level", "district",
            "--code-field", "borough_code", "--name-field", "name"});
        QVERIFY2(same.status == 0, qPrintable(same.err));
        QVERIFY2(same.out.contains("into the draft: 0 grid"), same.out.constData());

        Run renamed = cli({"import-grids", m_workspace, boroughs, "--level", "district",
            "--code-field", "borough_code", "--name-field", "borough_code"});
        QVERIFY2(renamed.status == 0, qPrintable(renamed.err));
        QVERIFY2(renamed.out.contains("into the draft: 5 grid"), renamed.out.constData());
        const QJsonObject editions = json(cli({"editions", m_workspace, "--json"})).object();
        QCOMPARE(editions.value("draft").toObject().value("changed").toArray().size(), 5);
        const QJsonArray published =
            json(cli({"grids", m_workspace, "--level", "district", "--json"})).array();
        QCOMPARE(
            published.first().toObject().value("name").toString(), QStringLiteral("Manhattan"));
    }

    void exportedGridsComeBackUnchanged()
    {
        // A supervisor's round trip through QGIS: GeoJSON keeps fifteen digits and writes
        // unknown values as nulls; reading it back is not an edit.
        const QString workspace = m_dir.filePath("roundtrip.gpkg");
        QVERIFY(QFile::copy(m_workspace, workspace));
        QVERIFY(
            cli({"publish", workspace, "--as", "Li", "--note", "renamed boroughs"}).status == 0);
        const QString file = m_dir.filePath("base.geojson");
        Run exported = cli({"export-grids", workspace, file, "--level", "base"});
        QVERIFY2(exported.status == 0, qPrintable(exported.err));
        Run back = cli({"import-grids", workspace, file, "--level", "base", "--code-field", "code",
            "--name-field", "name", "--parent-field", "parent"});
        QVERIFY2(back.status == 0, qPrintable(back.err));
        QVERIFY2(back.out.contains("into the draft: 0 grid"), back.out.constData());

        // A file that gives a base grid's code to a district is refused, naming the code.
        const QString districts = m_dir.filePath("districts.geojson");
        QVERIFY(cli({"export-grids", workspace, districts, "--level", "district"}).status == 0);
        QFile text(districts);
        QVERIFY(text.open(QIODevice::ReadOnly));
        QByteArray contents = text.readAll();
        text.close();
        QVERIFY(contents.contains("\"code\": \"1\""));
        contents.replace("\"code\": \"1\"", "\"code\": \"101\"");
        const QString stolen = m_dir.filePath("stolen.geojson");
        QFile out(stolen);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(contents);
        out.close();
        Run taken = cli({"import-grids", workspace, stolen, "--level", "district", "--code-field",
            "code", "--name-field", "name"});
        QCOMPARE(taken.status, 1);
        QVERIFY2(taken.err.contains("101"), qPrintable(taken.err));
    }

    void notesAndFilesThatSayNothingAreRefused()
    {
        Run invisible =
            cli({"publish", m_workspace, "--as", "Li", "--note", QString(QChar(0x200B))});
        QCOMPARE(invisible.status, 2);
        const QString empty = m_dir.filePath("empty.gpkg");
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        Run validate = cli({"validate", empty});
        QCOMPARE(validate.status, 1);
        QVERIFY2(validate.err.contains("empty"), qPrintable(validate.err));
        QCOMPARE(QFileInfo(empty).size(), 0);
    }
};

GRIDDESK_TEST_MAIN(TestGridCli, QCoreApplication)

#include "tst_gridcli.moc"
