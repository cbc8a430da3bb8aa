// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "evaluationexport.h"

#include "domain/text.h"

#include "evaluationreport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSaveFile>

namespace GridDesk::EvaluationExport {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Evaluation)
};

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonArray ids(const QList<qint64> &cases)
{
    QJsonArray array;
    for (qint64 id : cases)
        array.append(id);
    return array;
}

QJsonObject valueJson(const IndicatorValue &value, bool rateOrMean)
{
    QJsonObject object {
        {QStringLiteral("value"), optionalNumber(value.value)},
        {QStringLiteral("numerator"), value.numerator},
        {QStringLiteral("cases"), ids(value.cases)},
    };
    if (rateOrMean) {
        object.insert(QStringLiteral("denominator"), value.denominator);
        object.insert(QStringLiteral("denominator_cases"), ids(value.denominatorCases));
    }
    return object;
}

QJsonObject groupJson(const EvaluationGroup &group, Grouping grouping)
{
    QJsonObject indicators;
    for (Indicator indicator : allIndicators()) {
        indicators.insert(
            indicatorKey(indicator), valueJson(group.value(indicator), hasDenominator(indicator)));
    }
    QJsonObject stages;
    for (int stage = 0; stage < int(Stage::Count); ++stage) {
        const StageTime time = group.stageTime(Stage(stage));
        stages.insert(stageKey(Stage(stage)),
            QJsonObject {{QStringLiteral("count"), time.count},
                {QStringLiteral("mean_hours"), optionalNumber(time.meanHours)},
                {QStringLiteral("median_hours"), optionalNumber(time.medianHours)},
                {QStringLiteral("cases"), ids(time.cases)}});
    }
    return QJsonObject {
        {QStringLiteral("key"), group.key()},
        {QStringLiteral("label"), EvaluationReport::keyLabel(grouping, group.key())},
        {QStringLiteral("period"), group.period()},
        {QStringLiteral("indicators"), indicators},
        {QStringLiteral("stage_times"), stages},
    };
}

QJsonObject scoreJson(const UnitScore &score)
{
    return QJsonObject {
        {QStringLiteral("unit"), score.unit},
        {QStringLiteral("name"), score.unitName},
        {QStringLiteral("cases"), score.cases},
        {QStringLiteral("case_ids"), ids(score.caseIds)},
        {QStringLiteral("score"), optionalNumber(score.score)},
        {QStringLiteral("rank"), score.rank ? QJsonValue(*score.rank) : QJsonValue()},
        {QStringLiteral("missing"), QJsonArray::fromStringList(score.missing)},
    };
}

QJsonObject filterJson(const EvaluationReport &report)
{
    QJsonObject filter = report.filter.toJson();
    filter.insert(QStringLiteral("jurisdiction"), report.jurisdiction);
    filter.insert(QStringLiteral("described"), report.filter.describe());
    return filter;
}

QString idText(const QList<qint64> &cases)
{
    QStringList texts;
    texts.reserve(cases.size());
    for (qint64 id : cases)
        texts << QString::number(id);
    return texts.join(u' ');
}

QString number(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 10) : QString();
}

/// Rows of the CSV table, each a list of csvColumns().size() cells.
class CsvTable
{
public:
    void add(const QStringList &cells)
    {
        QStringList escaped;
        for (const QString &cell : cells)
            escaped << csvField(cell);
        while (escaped.size() < csvColumns().size())
            escaped << QString();
        m_text += escaped.join(u',') + QStringLiteral("\r\n");
    }
    QString text() const { return m_text; }

private:
    QString m_text;
};

void addGroupRows(CsvTable &table, const EvaluationGroup &group, Grouping grouping)
{
    const QString label = EvaluationReport::keyLabel(grouping, group.key());
    for (Indicator indicator : allIndicators()) {
        const IndicatorValue value = group.value(indicator);
        const bool withDenominator = hasDenominator(indicator);
        table.add({QStringLiteral("indicator"), label, group.period(), indicatorKey(indicator),
            indicatorClause(indicator), number(value.value), QString::number(value.numerator),
            withDenominator ? QString::number(value.denominator) : QString(), idText(value.cases)});
    }
    for (int stage = 0; stage < int(Stage::Count); ++stage) {
        const StageTime time = group.stageTime(Stage(stage));
        const QString key = stageKey(Stage(stage));
        table.add({QStringLiteral("stage_time"), label, group.period(),
            key + QStringLiteral(".mean_hours"), QStringLiteral("6.4.6.1"), number(time.meanHours),
            QString::number(time.count), QString(), idText(time.cases)});
        table.add({QStringLiteral("stage_time"), label, group.period(),
            key + QStringLiteral(".median_hours"), QStringLiteral("6.4.6.1"),
            number(time.medianHours), QString::number(time.count), QString(), idText(time.cases)});
    }
}

void addScoreRows(CsvTable &table, const QList<UnitScore> &scores)
{
    for (const UnitScore &score : scores) {
        table.add({QStringLiteral("score"), score.unit, QString(), QStringLiteral("rank"),
            QString(), score.rank ? QString::number(*score.rank) : QString(),
            QString::number(score.cases), QString(), idText(score.caseIds)});
        table.add({QStringLiteral("score"), score.unit, QString(),
            QStringLiteral("composite_score"), QString(), number(score.score),
            QString::number(score.cases), QString(), idText(score.caseIds)});
    }
}

} // namespace

QStringList csvColumns()
{
    return {QStringLiteral("section"), QStringLiteral("group"), QStringLiteral("period"),
        QStringLiteral("item"), QStringLiteral("clause"), QStringLiteral("value"),
        QStringLiteral("numerator"), QStringLiteral("denominator"), QStringLiteral("case_ids")};
}

QJsonObject toJson(const EvaluationReport &report)
{
    QJsonArray definitions;
    for (Indicator indicator : allIndicators()) {
        definitions.append(QJsonObject {{QStringLiteral("key"), indicatorKey(indicator)},
            {QStringLiteral("name"), indicatorName(indicator)},
            {QStringLiteral("clause"), indicatorClause(indicator)},
            {QStringLiteral("rate"), isRate(indicator)}});
    }
    QJsonArray groups;
    for (const EvaluationGroup &group : report.groups)
        groups.append(groupJson(group, report.filter.groupBy));
    QJsonArray ranking;
    for (const UnitScore &score : report.ranking)
        ranking.append(scoreJson(score));
    QJsonArray unranked;
    for (const UnitScore &score : report.unranked)
        unranked.append(scoreJson(score));

    return QJsonObject {
        {QStringLiteral("filter"), filterJson(report)},
        {QStringLiteral("workspace"), report.workspaceTitle},
        {QStringLiteral("made_at"), report.madeAt.toString(Qt::ISODate)},
        {QStringLiteral("weights"), report.weights.toJson()},
        {QStringLiteral("indicators"), definitions},
        {QStringLiteral("total"), groupJson(report.total, Grouping::None)},
        {QStringLiteral("groups"), groups},
        {QStringLiteral("ranking"), ranking},
        {QStringLiteral("unranked"), unranked},
        {QStringLiteral("notes"), QJsonArray::fromStringList(report.notes)},
    };
}

QByteArray toCsv(const EvaluationReport &report)
{
    CsvTable table;
    table.add(csvColumns());
    const QJsonObject filter = filterJson(report);
    for (auto it = filter.constBegin(); it != filter.constEnd(); ++it) {
        table.add({QStringLiteral("filter"), QString(), QString(), it.key(), QString(),
            it.value().toString()});
    }
    table.add({QStringLiteral("filter"), QString(), QString(), QStringLiteral("made_at"), QString(),
        report.madeAt.toString(Qt::ISODate)});
    for (auto it = report.weights.weights.constBegin(); it != report.weights.weights.constEnd();
         ++it) {
        table.add({QStringLiteral("weight"), QString(), QString(), indicatorKey(it.key()),
            indicatorClause(it.key()), QString::number(it.value())});
    }
    table.add({QStringLiteral("weight"), QString(), QString(), QStringLiteral("minimum_cases"),
        QString(), QString::number(report.weights.minimumCases)});

    addGroupRows(table, report.total, Grouping::None);
    for (const EvaluationGroup &group : report.groups)
        addGroupRows(table, group, report.filter.groupBy);
    addScoreRows(table, report.ranking);
    addScoreRows(table, report.unranked);
    for (const QString &note : report.notes)
        table.add({QStringLiteral("note"), QString(), QString(), QString(), QString(), note});
    return QByteArrayLiteral("\xEF\xBB\xBF") + table.text().toUtf8();
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot be written: %2").arg(path, file.errorString()));
    }
    file.write(bytes);
    if (!file.commit()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot be written: %2").arg(path, file.errorString()));
    }
    return {};
}

} // namespace GridDesk::EvaluationExport
