// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clirunner.h"
#include "support/testsupport.h"

#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace {

using GridDesk::Test::cli;
using GridDesk::Test::Run;

QJsonObject object(const Run &run)
{
    return QJsonDocument::fromJson(run.out).object();
}

QString data(const char *file)
{
    return GridDesk::Test::dataPath(QStringLiteral("workflow/") + QLatin1String(file));
}

} // namespace

/// The closed loop driven as a script would drive it: one griddesk-cli call per action.
class TestWorkflowCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

    /// Reports a sanitation case in Manhattan and returns its id.
    qint64 report(const QString &category = QStringLiteral("Sanitation Condition"))
    {
        const Run run = cli({"report", m_workspace, "--as", "Chen", "--category", category, "--lon",
            "-73.97", "--lat", "40.78", "--descriptor", "Bags on the kerb", "--json"});
        if (run.status != 0)
            qWarning("%s", qPrintable(run.err));
        return object(run).value("id").toInteger();
    }

    Run act(qint64 id, const QStringList &arguments)
    {
        return cli(QStringList {"act", m_workspace, QString::number(id)} + arguments);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath(QStringLiteral("loop.gpkg"));
        Run grids =
            cli({"import-grids", m_workspace, GridDesk::Test::mapsPath("nyc/nyc_boroughs.geojson"),
                "--level", "district", "--code-field", "borough_code", "--name-field", "name"});
        QVERIFY2(grids.status == 0, qPrintable(grids.err));
        Run setup = cli({"setup", m_workspace, "import", data("nyc-setup.json")});
        QVERIFY2(setup.status == 0, qPrintable(setup.err));
        QVERIFY2(setup.out.contains("Org units: 5. Users: 4."), setup.out.constData());
    }

    void reportToEvaluation()
    {
        const qint64 id = report();
        QVERIFY(id > 0);
        QCOMPARE(act(id, {"register", "--as", "Chen"}).status, 0);
        // No --unit: the category's default unit is proposed and recorded.
        Run dispatched = act(id, {"dispatch", "--as", "Chen"});
        QVERIFY2(dispatched.status == 0, qPrintable(dispatched.err));
        QCOMPARE(act(id, {"accept", "--as", "Zhao"}).status, 0);
        QCOMPARE(act(id, {"feed_back", "--as", "Zhao", "--result", "Collected"}).status, 0);
        Run verified = act(id, {"verify", "--as", "Li"});
        QVERIFY2(verified.status == 0, qPrintable(verified.err));
        // Evaluation is optional work: its clock never shows as late.
        const QJsonObject closed =
            object(cli({"case", m_workspace, QString::number(id), "--json"}));
        QCOMPARE(closed.value("deadline").toObject().value("status").toString(),
            QStringLiteral("optional"));
        QCOMPARE(act(id, {"evaluate", "--as", "Chen", "--satisfaction", "4"}).status, 0);

        const QJsonObject json = object(cli({"case", m_workspace, QString::number(id), "--json"}));
        QCOMPARE(json.value("state").toString(), QStringLiteral("evaluated"));
        QCOMPARE(json.value("version").toInt(), 7);
        QCOMPARE(json.value("lead_unit").toString(), QStringLiteral("DSNY"));
        QCOMPARE(json.value("grid").toString(), QStringLiteral("1"));
        QVERIFY(json.value("dispatch_reason").toString().contains("Sanitation Condition"));
        const QJsonArray events = json.value("events").toArray();
        QCOMPARE(events.size(), 7);
        QCOMPARE(events.at(5).toObject().value("actor").toString(), QStringLiteral("Li"));
        QCOMPARE(events.at(5).toObject().value("from").toString(), QStringLiteral("fed_back"));
        QCOMPARE(events.at(6).toObject().value("data").toObject().value("satisfaction").toInt(), 4);

        // The source's own id names the case as well as the workspace's number.
        const QString external = json.value("external_id").toString();
        const QJsonObject same = object(cli({"case", m_workspace, external, "--json"}));
        QCOMPARE(same.value("id").toInteger(), id);
        const QJsonArray stages = json.value("stages").toArray();
        QCOMPARE(stages.first().toObject().value("stage").toString(), QStringLiteral("register"));
        QCOMPARE(stages.at(3).toObject().value("limit").toString(), QStringLiteral("2d"));
    }

    void theReportersContactIsMaskedUnlessRevealed()
    {
        // A report that came through Open311 with the citizen's contact, as the server files it.
        qint64 id = 0;
        {
            auto workspace = GridDesk::Workspace::open(m_workspace);
            QVERIFY(workspace.has_value());
            auto setup = GridDesk::WorkflowSetup::load(**workspace);
            QVERIFY(setup.has_value());
            GridDesk::CaseBook book(**workspace, *setup);
            GridDesk::CaseRecord record;
            record.source = QStringLiteral("open311");
            record.externalId = QStringLiteral("311-77");
            record.category = QStringLiteral("Sanitation Condition");
            record.location = GridDesk::GeoPoint {-73.97, 40.78};
            GridDesk::ActionRequest request;
            request.action = GridDesk::CaseAction::Report;
            request.actor = QStringLiteral("open311:civic-app");
            request.role = GridDesk::Role::System;
            request.actorUnit = QStringLiteral("city");
            request.at = GridDesk::CaseTime::naive(QDate(2026, 3, 2), QTime(9, 0));
            request.data.insert(QStringLiteral("contact"),
                QJsonObject {{QStringLiteral("first_name"), QStringLiteral("Jane")},
                    {QStringLiteral("email"), QStringLiteral("jane@example.org")},
                    {QStringLiteral("phone"), QStringLiteral("2125551234")}});
            auto reported = book.report(record, request);
            QVERIFY2(
                reported.has_value(), qPrintable(reported ? QString() : reported.error().message));
            id = record.id;
        }
        const QString number = QString::number(id);

        Run masked = cli({"case", m_workspace, number, "--json"});
        QCOMPARE(masked.status, 0);
        QVERIFY(!masked.out.contains("Jane"));
        QVERIFY(!masked.out.contains("2125551234"));
        QVERIFY(!masked.out.contains("jane@"));
        const QJsonObject json = object(masked);
        QCOMPARE(json.value("contact_masked").toBool(), true);
        QCOMPARE(json.value("contact").toObject().value("phone").toString(),
            QStringLiteral("212***1234"));
        const QJsonObject inEvent = json.value("events")
                                        .toArray()
                                        .first()
                                        .toObject()
                                        .value("data")
                                        .toObject()
                                        .value("contact")
                                        .toObject();
        QCOMPARE(inEvent.value("email").toString(), QStringLiteral("j***@example.org"));
        Run text = cli({"case", m_workspace, number});
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.contains("Reporter's contact: J***, j***@example.org, 212***1234 "
                                   "(masked)"),
            text.out.constData());

        // Revealing takes a user whose role may, and a reason; refusals show nothing.
        QCOMPARE(cli({"case", m_workspace, number, "--reveal", "--as", "Wang"}).status, 2);
        Run operatorAsks =
            cli({"case", m_workspace, number, "--reveal", "--as", "Chen", "--reason", "curious"});
        QVERIFY(operatorAsks.status != 0);
        QVERIFY(!operatorAsks.out.contains("2125551234"));
        QVERIFY(operatorAsks.err.contains("operator"));
        Run revealed = cli({"case", m_workspace, number, "--json", "--reveal", "--as", "Wang",
            "--reason", "calling the reporter back"});
        QVERIFY2(revealed.status == 0, qPrintable(revealed.err));
        const QJsonObject clear = object(revealed);
        QCOMPARE(clear.value("contact_masked").toBool(), false);
        QCOMPARE(clear.value("contact").toObject().value("phone").toString(),
            QStringLiteral("2125551234"));

        auto workspace = GridDesk::Workspace::open(m_workspace);
        QVERIFY(workspace.has_value());
        QSqlQuery log((*workspace)->database());
        QVERIFY(log.exec(QStringLiteral("SELECT revealed_by, role, field, reason FROM "
                                        "register_reveals WHERE entry_code = "
                                        "'case:open311:311-77' ORDER BY id")));
        QStringList lines;
        while (log.next())
            lines << QStringLiteral("%1 %2 %3 %4")
                         .arg(log.value(0).toString(), log.value(1).toString(),
                             log.value(2).toString(), log.value(3).toString());
        QCOMPARE(lines,
            QStringList({"Wang leader contact.first_name calling the reporter back",
                "Wang leader contact.email calling the reporter back",
                "Wang leader contact.phone calling the reporter back"}));
    }

    void dispatchNamesItsHandlerFromTheOrgChart()
    {
        QFile people(m_dir.filePath(QStringLiteral("people.csv")));
        QVERIFY(people.open(QIODevice::WriteOnly));
        people.write(
            "name,post,unit_code\nSun Li,joint_handling,DSNY\nZhou Qi,joint_handling,NYPD\n");
        people.close();
        Run imported =
            cli({"import-org", m_workspace, people.fileName(), "--format", "csv", "--as", "admin"});
        QVERIFY2(imported.status == 0, qPrintable(imported.err + imported.out));

        const qint64 id = report();
        QVERIFY(id > 0);
        QCOMPARE(act(id, {"register", "--as", "Chen"}).status, 0);
        Run notANumber = act(id, {"dispatch", "--as", "Chen", "--unit", "DSNY", "--person", "x"});
        QCOMPARE(notANumber.status, 1);
        QVERIFY2(notANumber.err.contains("--person"), qPrintable(notANumber.err));
        // Zhou Qi (person 2) works for NYPD, not for the lead unit.
        Run elsewhere = act(id, {"dispatch", "--as", "Chen", "--unit", "DSNY", "--person", "2"});
        QCOMPARE(elsewhere.status, 1);
        QVERIFY2(elsewhere.err.contains("Zhou Qi"), qPrintable(elsewhere.err));
        QCOMPARE(
            act(id, {"dispatch", "--as", "Chen", "--unit", "DSNY", "--person", "1"}).status, 0);

        const QJsonObject json = object(cli({"case", m_workspace, QString::number(id), "--json"}));
        const QJsonArray events = json.value("events").toArray();
        const QJsonObject dispatch = events.last().toObject();
        QCOMPARE(dispatch.value("action").toString(), QStringLiteral("dispatch"));
        const QJsonObject data = dispatch.value("data").toObject();
        QCOMPARE(data.value("handler").toInteger(), 1);
        QCOMPARE(data.value("handler_name").toString(), QStringLiteral("Sun Li"));
    }

    void refusalsSayWhyAndExitOne()
    {
        const qint64 id = report();
        QVERIFY(id > 0);
        QCOMPARE(act(id, {"register", "--as", "Chen"}).status, 0);

        Run stale = act(id, {"register", "--as", "Chen", "--based-on", "1"});
        QCOMPARE(stale.status, 1);
        QVERIFY2(stale.err.contains("changed since you opened it"), qPrintable(stale.err));

        Run role = act(id, {"dispatch", "--as", "Zhao", "--unit", "DSNY"});
        QCOMPARE(role.status, 1);
        QVERIFY2(role.err.contains("Operator"), qPrintable(role.err));

        Run unknownUnit = act(id, {"dispatch", "--as", "Chen", "--unit", "FDNY"});
        QCOMPARE(unknownUnit.status, 1);
        QVERIFY2(unknownUnit.err.contains("FDNY"), qPrintable(unknownUnit.err));

        Run reject = act(id, {"cancel", "--as", "Chen"});
        QCOMPARE(reject.status, 1);
        QVERIFY2(reject.err.contains("needs a reason"), qPrintable(reject.err));

        QCOMPARE(act(id, {"dispatch", "--as", "Chen", "--unit", "DSNY"}).status, 0);
        QCOMPARE(act(id, {"accept", "--as", "Zhao"}).status, 0);
        QCOMPARE(act(id, {"feed_back", "--as", "Zhao", "--result", "Done"}).status, 0);
        Run otherRole = act(id, {"verify", "--as", "Zhao", "--role", "supervisor"});
        QCOMPARE(otherRole.status, 1);
        QVERIFY2(otherRole.err.contains("acts as"), qPrintable(otherRole.err));
        Run stranger = act(id, {"verify", "--as", "Mallory"});
        QCOMPARE(stranger.status, 1);
        QVERIFY2(stranger.err.contains("not a user"), qPrintable(stranger.err));

        const QJsonObject json = object(cli({"case", m_workspace, QString::number(id), "--json"}));
        QCOMPARE(json.value("version").toInt(), 5);
        QCOMPARE(json.value("state").toString(), QStringLiteral("fed_back"));
    }

    void timesAheadOrOutOfRangeAreRefused()
    {
        const qint64 id = report();
        Run ahead = act(id, {"register", "--as", "Chen", "--at", "9999-12-31T23:59:59"});
        QCOMPARE(ahead.status, 1);
        QVERIFY2(ahead.err.contains("future"), qPrintable(ahead.err));
        Run offset = act(id, {"register", "--as", "Chen", "--at", "2026-12-09T00:00:00+99:60"});
        QCOMPARE(offset.status, 1);
        const QJsonObject json = object(cli({"case", m_workspace, QString::number(id), "--json"}));
        QCOMPARE(json.value("version").toInt(), 1);
    }

    void escalatedCasesAreDispatchedByTheirNewUnit()
    {
        const qint64 id = report();
        QCOMPARE(act(id, {"register", "--as", "Chen"}).status, 0);
        QCOMPARE(act(id, {"dispatch", "--as", "Chen"}).status, 0);
        QCOMPARE(act(id, {"accept", "--as", "Zhao"}).status, 0);
        QCOMPARE(act(id, {"feed_back", "--as", "Zhao", "--result", "Swept"}).status, 0);
        QCOMPARE(act(id, {"fail_verification", "--as", "Li", "--reason", "Still dirty"}).status, 0);
        Run sideways = act(id, {"escalate", "--as", "Wang", "--unit", "NYPD", "--reason", "x"});
        QCOMPARE(sideways.status, 1);
        QVERIFY2(sideways.err.contains("chain"), qPrintable(sideways.err));
        QCOMPARE(
            act(id, {"escalate", "--as", "Wang", "--unit", "city", "--reason", "Twice"}).status, 0);

        Run guessed = act(id, {"dispatch", "--as", "Chen"});
        QCOMPARE(guessed.status, 1);
        QVERIFY2(guessed.err.contains("--unit"), qPrintable(guessed.err));
        QCOMPARE(act(id, {"dispatch", "--as", "Chen", "--unit", "DOT"}).status, 0);
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(cli({"act", m_workspace, "1", "shout", "--as", "Chen"}).status, 2);
        Run unknown = cli({"act", m_workspace, "x-1", "register", "--as", "Chen"});
        QCOMPARE(unknown.status, 1);
        QVERIFY2(unknown.err.contains("no case x-1"), qPrintable(unknown.err));
        QCOMPARE(cli({"case", m_workspace}).status, 2);
        Run nobody = act(1, {"register"});
        QCOMPARE(nobody.status, 1);
        QVERIFY2(nobody.err.contains("Chen"), qPrintable(nobody.err));
        QCOMPARE(cli({"case", m_workspace, "99999"}).status, 1);
    }

    void attachmentsTravelWithTheCase()
    {
        const qint64 id = report();
        Run attached = act(id, {"attach", "--as", "Chen", "--file", data("rules-trial.json")});
        QVERIFY2(attached.status == 0, qPrintable(attached.err));
        const QJsonObject json = object(cli({"case", m_workspace, QString::number(id), "--json"}));
        const QJsonArray attachments = json.value("attachments").toArray();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments.first().toObject().value("name").toString(),
            QStringLiteral("rules-trial.json"));
    }

    void dryRunTriesRulesBeforeTheyAreSwitchedOn()
    {
        const qint64 id = report(QStringLiteral("Noise - Street/Sidewalk"));
        QCOMPARE(act(id, {"register", "--as", "Chen"}).status, 0);
        QCOMPARE(act(id, {"dispatch", "--as", "Chen", "--unit", "NYPD"}).status, 0);

        Run trial =
            cli({"rules", m_workspace, "dry-run", "--rules", data("rules-trial.json"), "--json"});
        QVERIFY2(trial.status == 0, qPrintable(trial.err));
        const QJsonObject report = object(trial);
        QVERIFY(report.value("cases").toInt() >= 4);
        QCOMPARE(report.value("unmatched").toInt(), 0);
        const QJsonArray rules = report.value("rules").toArray();
        QCOMPARE(rules.size(), 2);
        QVERIFY(rules.at(1).toObject().value("differing").toInt() >= 1);
        bool toTransport = false;
        for (const QJsonValue &difference : report.value("differences").toArray())
            toTransport |= difference.toObject().value("proposed_unit").toString() == "DOT";
        QVERIFY(toTransport);

        // The trial changed nothing: the saved table is still the one rule.
        Run saved = cli({"rules", m_workspace, "export"});
        QCOMPARE(QJsonDocument::fromJson(saved.out).array().size(), 1);
    }

    void badSetupChangesNothing()
    {
        Run units = cli({"setup", m_workspace, "import", data("bad-units.json")});
        QCOMPARE(units.status, 1);
        QVERIFY2(units.err.contains("tiers run downwards"), qPrintable(units.err));
        Run calendar = cli({"calendar", m_workspace, "import", data("bad-calendar.csv")});
        QCOMPARE(calendar.status, 1);
        QVERIFY2(calendar.err.contains("3"), qPrintable(calendar.err));

        const QJsonObject setup = object(cli({"setup", m_workspace, "export"}));
        QCOMPARE(setup.value("units").toArray().size(), 5);
        Run year = cli({"calendar", m_workspace, "export", "--year", "2026"});
        QVERIFY(year.out.contains("2026-10-01,holiday"));
        QVERIFY(!year.out.contains("2026-05-32"));
    }

    void deadlineRulesRunFromTheCommandLine()
    {
        // A case accepted at the start of January: its two working days ran out long ago.
        const Run reported = cli({"report", m_workspace, "--as", "Chen", "--category",
            "Sanitation Condition", "--at", "2026-01-05T09:00:00", "--json"});
        const qint64 id = object(reported).value("id").toInteger();
        QVERIFY2(id > 0, qPrintable(reported.err));
        QCOMPARE(act(id, {"register", "--as", "Chen", "--at", "2026-01-05T09:01:00"}).status, 0);
        QCOMPARE(
            act(id, {"dispatch", "--as", "Chen", "--unit", "DSNY", "--at", "2026-01-05T09:02:00"})
                .status,
            0);
        QCOMPARE(act(id, {"accept", "--as", "Zhao", "--at", "2026-01-05T09:03:00"}).status, 0);

        Run ahead = cli({"deadlines", m_workspace, "--apply", "--at", "9999-12-31T23:59:59"});
        QCOMPARE(ahead.status, 0);
        QVERIFY2(ahead.out.contains(" 0 action"), ahead.out.constData());
        QCOMPARE(cli({"deadlines", m_workspace, "--at", "tomorrow"}).status, 2);
        Run preview = cli({"deadlines", m_workspace});
        QVERIFY2(preview.out.contains("would act on 1"), preview.out.constData());

        Run later = cli({"deadlines", m_workspace, "--apply", "--json"});
        QVERIFY2(later.status == 0, qPrintable(later.err));
        bool supervised = false;
        for (const QJsonValue &event : object(later).value("applied").toArray()) {
            const QJsonObject applied = event.toObject();
            supervised |= applied.value("case").toInteger() == id
                && applied.value("action").toString() == QLatin1String("supervise");
        }
        QVERIFY2(supervised, later.out.constData());
    }
};

GRIDDESK_TEST_MAIN(TestWorkflowCli, QCoreApplication)
#include "tst_workflowcli.moc"
