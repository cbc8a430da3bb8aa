// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationpdf.h"

#include "printout/htmlpdf.h"

#include "evaluationreport.h"

#include <QCoreApplication>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString cell(const QString &text)
{
    return QStringLiteral("<td>%1</td>").arg(escaped(text));
}

QString headerRow(const QStringList &titles)
{
    QString row = QStringLiteral("<tr>");
    for (const QString &title : titles)
        row += QStringLiteral("<th>%1</th>").arg(escaped(title));
    return row + QStringLiteral("</tr>");
}

QString shown(Indicator indicator, const std::optional<double> &value)
{
    if (!value)
        return QStringLiteral("–");
    if (isRate(indicator))
        return QStringLiteral("%1%").arg(*value * 100.0, 0, 'f', 1);
    const bool whole =
        indicator != Indicator::Satisfaction && indicator != Indicator::HotlineSatisfaction;
    return QString::number(*value, 'f', whole ? 0 : 2);
}

QString hours(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'f', 1) : QStringLiteral("–");
}

QString totalSection(const EvaluationGroup &total)
{
    QString html = QStringLiteral("<h2>%1</h2><table>").arg(escaped(Tr::tr("All cases")));
    html += headerRow({Tr::tr("Indicator"), Tr::tr("Clause"), Tr::tr("Value"), Tr::tr("Numerator"),
        Tr::tr("Denominator")});
    for (Indicator indicator : allIndicators()) {
        const IndicatorValue value = total.value(indicator);
        html += QStringLiteral("<tr>") + cell(indicatorName(indicator))
            + cell(indicatorClause(indicator)) + cell(shown(indicator, value.value))
            + cell(QString::number(value.numerator))
            + cell(hasDenominator(indicator) ? QString::number(value.denominator) : QString())
            + QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table><h2>%1</h2><table>").arg(escaped(Tr::tr("Time per stage")));
    html += headerRow(
        {Tr::tr("Stage"), Tr::tr("Stages ended"), Tr::tr("Mean hours"), Tr::tr("Median hours")});
    for (int stage = 0; stage < int(Stage::Count); ++stage) {
        const StageTime time = total.stageTime(Stage(stage));
        html += QStringLiteral("<tr>") + cell(stageName(Stage(stage)))
            + cell(QString::number(time.count)) + cell(hours(time.meanHours))
            + cell(hours(time.medianHours)) + QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QList<Indicator> groupColumns()
{
    return {Indicator::Received, Indicator::Closed, Indicator::ClosureRate,
        Indicator::OnTimeClosureRate, Indicator::ReworkRate, Indicator::SupervisionRate,
        Indicator::FirstDiscoveryRate, Indicator::Satisfaction};
}

QString groupsSection(const EvaluationReport &report)
{
    if (report.groups.isEmpty())
        return {};
    QStringList titles {Tr::tr("Group"), Tr::tr("Period")};
    for (Indicator indicator : groupColumns())
        titles << indicatorName(indicator);
    QString html = QStringLiteral("<h2>%1</h2><table>").arg(escaped(Tr::tr("Groups")));
    html += headerRow(titles);
    for (const EvaluationGroup &group : report.groups) {
        html += QStringLiteral("<tr>")
            + cell(EvaluationReport::keyLabel(report.filter.groupBy, group.key()))
            + cell(group.period());
        for (Indicator indicator : groupColumns())
            html += cell(shown(indicator, group.value(indicator).value));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString scoreRows(const QList<UnitScore> &scores)
{
    QString html;
    for (const UnitScore &score : scores) {
        html += QStringLiteral("<tr>")
            + cell(score.rank ? QString::number(*score.rank) : QStringLiteral("–"))
            + cell(score.unit) + cell(score.unitName) + cell(QString::number(score.cases))
            + cell(score.score ? QString::number(*score.score, 'f', 1) : QStringLiteral("–"))
            + QStringLiteral("</tr>");
    }
    return html;
}

QString rankingSection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h2>%1</h2>").arg(escaped(Tr::tr("Unit ranking")));
    QStringList weights;
    for (auto it = report.weights.weights.constBegin(); it != report.weights.weights.constEnd();
         ++it) {
        weights << Tr::tr("%1 (clause %2) %3")
                       .arg(indicatorName(it.key()), indicatorClause(it.key()))
                       .arg(it.value());
    }
    html += QStringLiteral("<p>%1</p>")
                .arg(escaped(Tr::tr("Weights: %1. Units need at least %2 cases to be ranked.")
                                 .arg(weights.join(QStringLiteral("; ")))
                                 .arg(report.weights.minimumCases)));
    const QStringList titles {
        Tr::tr("Rank"), Tr::tr("Unit"), Tr::tr("Name"), Tr::tr("Cases"), Tr::tr("Score")};
    html += QStringLiteral("<table>") + headerRow(titles) + scoreRows(report.ranking)
        + QStringLiteral("</table>");
    if (!report.unranked.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><table>")
                    .arg(escaped(Tr::tr("Not ranked: below %1 cases or nothing to score")
                                     .arg(report.weights.minimumCases)));
        html += headerRow(titles) + scoreRows(report.unranked) + QStringLiteral("</table>");
    }
    return html;
}

QString headSection(const EvaluationReport &report)
{
    QString html = QStringLiteral("<h1>%1</h1>").arg(escaped(Tr::tr("Evaluation report")));
    QStringList lines {
        report.filter.describe(),
        Tr::tr("Jurisdiction: %1").arg(report.jurisdiction),
        Tr::tr("Made %1 UTC").arg(report.madeAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
        Tr::tr("The cases behind every number are listed in the JSON and CSV exports."),
    };
    if (!report.workspaceTitle.isEmpty())
        lines.prepend(Tr::tr("Workspace: %1").arg(report.workspaceTitle));
    for (const QString &line : lines)
        html += QStringLiteral("<p>%1</p>").arg(escaped(line));
    return html;
}

} // namespace

Result<void> writeEvaluationPdf(const EvaluationReport &report, const QString &path)
{
    QString html = headSection(report) + totalSection(report.total) + groupsSection(report)
        + rankingSection(report);
    html += QStringLiteral("<h2>%1</h2>").arg(escaped(Tr::tr("Notes")));
    for (const QString &note : report.notes)
        html += QStringLiteral("<p>%1</p>").arg(escaped(note));
    return writeHtmlPdf(path, Tr::tr("Evaluation report"), html, QPageLayout::Landscape);
}

} // namespace GridDesk
