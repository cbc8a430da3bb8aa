// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridedit/topologyfindingsmodel.h"

#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>

using namespace GridDesk;

namespace {

TopologyFinding finding(TopologyFinding::Kind kind, const QStringList &codes, double areaM2,
    const QString &detail, double lon = 121.5)
{
    TopologyFinding made;
    made.kind = kind;
    made.codes = codes;
    made.areaM2 = areaM2;
    made.detail = detail;
    made.location = {lon, 25.0};
    return made;
}

} // namespace

class TestTopologyFindingsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void dumpWithAcceptance();
    void replaceAroundAnEdit();

private:
    std::unique_ptr<TopologyFindingsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestTopologyFindingsModel::init()
{
    m_model = std::make_unique<TopologyFindingsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->setFindings({
        finding(TopologyFinding::Kind::Overlap, {"A", "B"}, 12.34, "A and B share 12 m²"),
        finding(TopologyFinding::Kind::Gap, {"P"}, 1234.5, "1 234 m² of P in no child"),
        finding(TopologyFinding::Kind::NoSupervisor, {"A"}, 0, "A has no supervisor"),
        finding(TopologyFinding::Kind::NoSupervisor, {"C"}, 0, "C has no supervisor"),
    });
}

void TestTopologyFindingsModel::dumpWithAcceptance()
{
    const QString key = m_model->finding(3).key();
    m_model->setAccepted({{key, "Post vacant until June", "Zhao Min", {}}});
    const QString expected =
        QStringLiteral("Kind|Grids|Area (m²)|Detail|Accepted because\n"
                       "Overlap|A, B|12.3|A and B share 12 m²|\n"
                       "Gap|P|1235|1 234 m² of P in no child|\n"
                       "No grid supervisor|A||A has no supervisor|\n"
                       "No grid supervisor|C||C has no supervisor|Post vacant until June");
    QCOMPARE(Test::dumpModel(*m_model), expected);
    QCOMPARE(m_model->openCount(), 3);
    const QModelIndex accepted = m_model->index(3, 0);
    QVERIFY(accepted.data(int(TopologyFindingsModel::Role::IsAccepted)).toBool());
    QVERIFY(accepted.data(Qt::ForegroundRole).isValid());
    QVERIFY(accepted.data(Qt::ToolTipRole).toString().contains("Zhao Min"));
    QVERIFY(!m_model->index(0, 0).data(Qt::ForegroundRole).isValid());
    QCOMPARE(m_model->index(0, 0).data(int(TopologyFindingsModel::Role::Key)).toString(),
        m_model->finding(0).key());
}

void TestTopologyFindingsModel::replaceAroundAnEdit()
{
    // Grid A of parent P was edited: what concerns A and the gaps in P are checked again; C's
    // finding stays.
    m_model->replaceAround({"A"}, {"P"},
        {finding(TopologyFinding::Kind::Overlap, {"A", "B"}, 3.0, "A and B share 3 m²", 121.6)});
    const QString expected = QStringLiteral("Kind|Grids|Area (m²)|Detail|Accepted because\n"
                                            "Overlap|A, B|3.0|A and B share 3 m²|\n"
                                            "No grid supervisor|C||C has no supervisor|");
    QCOMPARE(Test::dumpModel(*m_model), expected);

    // An edit elsewhere under P leaves A's finding be, but P's gaps are checked again.
    m_model->replaceAround(
        {"D"}, {"P"}, {finding(TopologyFinding::Kind::Gap, {"P"}, 50.0, "50 m² of P in no child")});
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->finding(0).kind, TopologyFinding::Kind::Overlap);
    QCOMPARE(m_model->finding(1).kind, TopologyFinding::Kind::Gap);
}

GRIDDESK_TEST_MAIN(TestTopologyFindingsModel, QApplication)

#include "tst_topologyfindingsmodel.moc"
