// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The standards tree's commands, run as a script would: standards, standards-export,
// standards-attach, standards-detach, standards-add, standards-remove, standards-move,
// standards-renumber and standards-history.

#include "clirunner.h"

#include "storage/workspace.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

using GridDesk::Test::cli;
using GridDesk::Test::Run;

namespace {

/// The node with this code anywhere in the tree printed by standards --json.
QJsonObject findNode(const QJsonArray &nodes, const QString &code)
{
    for (const QJsonValue &value : nodes) {
        const QJsonObject node = value.toObject();
        if (node.value("code").toString() == code)
            return node;
        const QJsonObject below = findNode(node.value("children").toArray(), code);
        if (!below.isEmpty())
            return below;
    }
    return {};
}

QJsonObject treeOf(const QString &workspace)
{
    return QJsonDocument::fromJson(cli({"standards", workspace, "--json"}).out).object();
}

} // namespace

class TestStandardsCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_count = 0;

    QString freshWorkspace()
    {
        const QString path = m_dir.filePath(QStringLiteral("ws%1.gpkg").arg(++m_count));
        auto workspace = GridDesk::Workspace::open(path);
        return workspace ? path : QString();
    }

private Q_SLOTS:
    void theTreeComesWithCodesCountsAndTraces()
    {
        const QString ws = freshWorkspace();
        const Run run = cli({"standards", ws, "--json"});
        QCOMPARE(run.status, 0);
        const QJsonObject tree = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(tree.value("nodes").toArray().size(), 4);
        const QJsonObject loop = findNode(tree.value("nodes").toArray(), "TG246-1");
        QCOMPARE(loop.value("clause").toString(), QStringLiteral("6.4.6.1"));
        QCOMPARE(loop.value("title_zh").toString(), QStringLiteral("七步闭环流程"));
        QVERIFY(!loop.value("implemented_by").toArray().isEmpty());
        QCOMPARE(tree.value("coverage").toObject().value("nodes").toInt(), 153);
        QVERIFY(tree.value("coverage")
                    .toObject()
                    .value("unimplemented")
                    .toArray()
                    .contains(QJsonValue("GL241")));
        QCOMPARE(tree.value("subsystems").toArray().at(3).toObject().value("code").toString(),
            QStringLiteral("GZ300"));

        const Run text = cli({"standards", ws});
        QCOMPARE(text.status, 0);
        QVERIFY(text.out.contains("TG246-1  6.4.6.1"));
        QVERIFY(text.out.contains("Implemented by no part of GridDesk"));
    }

    void attachExportAndDetach()
    {
        const QString ws = freshWorkspace();
        const QString document = m_dir.filePath("gbt34300.pdf");
        QFile file(document);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("%PDF-1.4 text");
        file.close();
        const Run attached = cli({"standards-attach", ws, "TG246-1", "--number", "GB/T 34300-2017",
            "--title", "城市网格化管理", "--level", "national", "--status", "in_force",
            "--published", "2017-09-07", "--file", document, "--as", "wang"});
        QVERIFY2(attached.status == 0, qPrintable(attached.err));
        QVERIFY(attached.out.contains("#1"));

        const QJsonObject node = findNode(treeOf(ws).value("nodes").toArray(), "TG246-1");
        QCOMPARE(node.value("standards").toArray().size(), 1);
        QCOMPARE(
            node.value("standards").toArray().first().toObject().value("document_size").toInt(),
            13);

        const QString csv = m_dir.filePath("detail.csv");
        const Run exported = cli({"standards-export", ws, csv, "--detail"});
        QVERIFY2(exported.status == 0, qPrintable(exported.err));
        QFile written(csv);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray content = written.readAll();
        QVERIFY(content.startsWith("\xEF\xBB\xBF"));
        QVERIFY(content.contains("TG246-1,七步闭环流程"));
        QVERIFY(content.contains("GB/T 34300-2017,城市网格化管理"));

        const Run again = cli({"standards-export", ws, csv, "--detail"});
        QCOMPARE(again.status, 1);
        QVERIFY(again.err.contains("--overwrite"));
        const QString pdf = m_dir.filePath("table.pdf");
        QCOMPARE(cli({"standards-export", ws, pdf}).status, 0);
        QFile pdfFile(pdf);
        QVERIFY(pdfFile.open(QIODevice::ReadOnly));
        QVERIFY(pdfFile.read(5) == "%PDF-");

        const Run refused = cli({"standards-remove", ws, "TG246-1", "--as", "wang"});
        QCOMPARE(refused.status, 1);
        QVERIFY2(refused.err.contains("attached"), qPrintable(refused.err));
        QCOMPARE(cli({"standards-detach", ws, "1", "--as", "wang"}).status, 0);
        QCOMPARE(cli({"standards-remove", ws, "TG246-1", "--as", "wang"}).status, 0);
        QVERIFY(findNode(treeOf(ws).value("nodes").toArray(), "TG246-1").isEmpty());
    }

    void editsAreRecordedInTheHistory()
    {
        const QString ws = freshWorkspace();
        const Run added = cli({"standards-add", ws, "TG240", "--title-zh", "夜间巡查", "--title-en",
            "Night patrols", "--as", "li"});
        QVERIFY2(added.status == 0, qPrintable(added.err));
        QVERIFY(added.out.contains("TG247"));
        QCOMPARE(cli({"standards-renumber", ws, "GL283", "GL287", "--as", "li"}).status, 0);
        QCOMPARE(
            cli({"standards-move", ws, "GL287-2", "--parent", "TG247", "--as", "li"}).status, 0);
        const QJsonArray nodes = treeOf(ws).value("nodes").toArray();
        QCOMPARE(
            findNode(nodes, "GL287-1-1").value("clause").toString(), QStringLiteral("7.8.3.1.1"));
        QCOMPARE(
            findNode(nodes, "TG247-1-2").value("clause").toString(), QStringLiteral("7.8.3.2.2"));

        const Run history = cli({"standards-history", ws, "--json"});
        QCOMPARE(history.status, 0);
        const QJsonArray changes = QJsonDocument::fromJson(history.out).array();
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes.at(0).toObject().value("action").toString(), QStringLiteral("add"));
        QCOMPARE(changes.at(1).toObject().value("action").toString(), QStringLiteral("renumber"));
        QCOMPARE(changes.at(2).toObject().value("action").toString(), QStringLiteral("move"));
        QCOMPARE(changes.at(2).toObject().value("by").toString(), QStringLiteral("li"));
    }

    void textWrittenByAnotherProgramStaysOnItsLine()
    {
        const QString ws = freshWorkspace();
        QCOMPARE(cli({"standards-add", ws, "TG240", "--title-zh", "夜间巡查", "--title-en",
                         "Night patrols", "--as", "li"})
                     .status,
            0);
        {
            auto workspace = GridDesk::Workspace::open(ws);
            QVERIFY(workspace.has_value());
            QSqlQuery tamper((*workspace)->database());
            QVERIFY(tamper.exec("UPDATE standards_nodes SET title_en = 'Night\nFAKE LINE' WHERE "
                                "title_zh = '夜间巡查'"));
        }
        const Run listing = cli({"standards", ws});
        QCOMPARE(listing.status, 0);
        QVERIFY2(listing.out.contains("Night FAKE LINE"), listing.out.constData());
        for (const QByteArray &line : listing.out.split('\n'))
            QVERIFY2(!line.startsWith("FAKE LINE"), line.constData());
    }

    void refusalsExitOneAndWrongUseTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("remove sub-system")
            << QStringList {"standards-remove", "@", "GL200", "--as", "li"} << 1 << "sub-system";
        QTest::newRow("remove parent") << QStringList {"standards-remove", "@", "GL280", "--as",
            "li"} << 1 << "sub-categories";
        QTest::newRow("renumber taken") << QStringList {"standards-renumber", "@", "GL283", "GL282",
            "--as", "li"} << 1 << "taken";
        QTest::newRow("tenth subsystem") << QStringList {"standards-add", "@", "GL200",
            "--title-zh", "新", "--title-en", "New", "--as", "li"}
                                         << 1 << "1 to 9";
        QTest::newRow("unknown code") << QStringList {"standards-attach", "@", "XX999", "--number",
            "N", "--title", "T", "--level", "local", "--status", "draft", "--as", "li"}
                                      << 1 << "no category XX999";
        QTest::newRow("unknown level") << QStringList {"standards-attach", "@", "TG246", "--number",
            "N", "--title", "T", "--level", "city", "--status", "draft", "--as", "li"}
                                       << 2 << "national, industry";
        QTest::newRow("bad date") << QStringList {"standards-attach", "@", "TG246", "--number", "N",
            "--title", "T", "--level", "local", "--status", "draft", "--published", "7/9/2017",
            "--as", "li"} << 2 << "YYYY-MM-DD";
        QTest::newRow("date with a time") << QStringList {"standards-attach", "@", "TG246",
            "--number", "N", "--title", "T", "--level", "local", "--status", "draft", "--published",
            "2017-09-07T10:00", "--as", "li"}
                                          << 2 << "YYYY-MM-DD";
        QTest::newRow("impossible date") << QStringList {"standards-attach", "@", "TG246",
            "--number", "N", "--title", "T", "--level", "local", "--status", "draft",
            "--implemented", "2023-02-30", "--as", "li"}
                                         << 2 << "YYYY-MM-DD";
        QTest::newRow("no actor") << QStringList {"standards-remove", "@", "TG246-3"} << 2
                                  << "--as USER";
        QTest::newRow("export type")
            << QStringList {"standards-export", "@", "out.xlsx"} << 2 << ".csv or .pdf";
    }

    void refusalsExitOneAndWrongUseTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, message);
        arguments.replace(1, freshWorkspace());
        const Run run = cli(arguments);
        QCOMPARE(run.status, status);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void aMissingWorkspaceIsNotMade()
    {
        const QString path = m_dir.filePath("typo.gpkg");
        QCOMPARE(cli({"standards", path}).status, 1);
        QVERIFY(!QFile::exists(path));
    }
};

GRIDDESK_TEST_MAIN(TestStandardsCli, QCoreApplication)
#include "tst_standardscli.moc"
