// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "dispatchrules.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSet>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::DispatchRules)
};

const QString TIME_FORMAT = QStringLiteral("HH:mm");

bool inWindow(const QTime &time, const QTime &from, const QTime &to)
{
    if (!from.isValid())
        return true;
    if (!time.isValid())
        return false;
    if (from <= to)
        return time >= from && time < to;
    return time >= from || time < to; // the window runs past midnight
}

QString describe(const DispatchRule &rule)
{
    QStringList conditions;
    if (!rule.category.isEmpty())
        conditions << Tr::tr("category %1").arg(rule.category);
    if (!rule.gridCode.isEmpty())
        conditions << Tr::tr("grid %1").arg(rule.gridCode);
    if (rule.from.isValid())
        conditions << Tr::tr("reported %1–%2")
                          .arg(rule.from.toString(TIME_FORMAT), rule.to.toString(TIME_FORMAT));
    if (!rule.channel.isEmpty())
        conditions << Tr::tr("channel %1").arg(rule.channel);
    const QString when =
        conditions.isEmpty() ? Tr::tr("every case") : conditions.join(QStringLiteral(", "));
    return Tr::tr("Rule %1 \"%2\" (%3)").arg(rule.id, rule.name, when);
}

Result<QTime> timeField(const QJsonObject &object, const char *key)
{
    const QString text = object.value(QLatin1String(key)).toString().trimmed();
    if (text.isEmpty())
        return QTime();
    const QTime time = QTime::fromString(text, TIME_FORMAT);
    if (!time.isValid()) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"%1\" is \"%2\"; write a time as 22:00").arg(QLatin1String(key), text));
    }
    return time;
}

Result<DispatchRule> ruleFromJson(const QJsonObject &object)
{
    DispatchRule rule;
    rule.id = object.value(QLatin1String("id")).toString().trimmed();
    rule.name = object.value(QLatin1String("name")).toString().trimmed();
    rule.enabled = object.value(QLatin1String("enabled")).toBool(true);
    rule.category = object.value(QLatin1String("category")).toString().trimmed();
    rule.gridCode = object.value(QLatin1String("grid")).toString().trimmed();
    rule.channel = object.value(QLatin1String("channel")).toString().trimmed();
    rule.unit = object.value(QLatin1String("unit")).toString().trimmed();
    for (const QJsonValue &unit : object.value(QLatin1String("co_units")).toArray())
        rule.coUnits << unit.toString().trimmed();

    const Result<QTime> from = timeField(object, "from");
    if (!from)
        return std::unexpected(from.error());
    const Result<QTime> to = timeField(object, "to");
    if (!to)
        return std::unexpected(to.error());
    rule.from = *from;
    rule.to = *to;
    return rule;
}

} // namespace

Result<DispatchRules> DispatchRules::build(const QList<DispatchRule> &rules)
{
    QSet<QString> ids;
    for (qsizetype index = 0; index < rules.size(); ++index) {
        const DispatchRule &rule = rules.at(index);
        const QString where = Tr::tr("rule %1").arg(index + 1);
        if (rule.id.isEmpty())
            return fail(ErrorCode::MissingField, Tr::tr("%1: \"id\" is missing").arg(where));
        if (ids.contains(rule.id))
            return fail(
                ErrorCode::InvalidArgument, Tr::tr("%1: id %2 is used twice").arg(where, rule.id));
        if (rule.unit.isEmpty())
            return fail(ErrorCode::MissingField, Tr::tr("%1: \"unit\" is missing").arg(where));
        if (rule.from.isValid() != rule.to.isValid()) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1: a time window needs both \"from\" and \"to\"").arg(where));
        }
        ids.insert(rule.id);
    }
    DispatchRules table;
    table.m_rules = rules;
    return table;
}

Result<DispatchRules> DispatchRules::fromJson(const QJsonArray &array)
{
    QList<DispatchRule> rules;
    for (qsizetype index = 0; index < array.size(); ++index) {
        const Result<DispatchRule> rule = ruleFromJson(array.at(index).toObject());
        if (!rule)
            return std::unexpected(rule.error().at(Tr::tr("rule %1").arg(index + 1)));
        rules << *rule;
    }
    return build(rules);
}

QJsonArray DispatchRules::toJson() const
{
    QJsonArray array;
    for (const DispatchRule &rule : m_rules) {
        QJsonObject object {{QStringLiteral("id"), rule.id}, {QStringLiteral("name"), rule.name},
            {QStringLiteral("enabled"), rule.enabled}, {QStringLiteral("unit"), rule.unit}};
        auto put = [&object](const char *key, const QString &value) {
            if (!value.isEmpty())
                object.insert(QLatin1String(key), value);
        };
        put("category", rule.category);
        put("grid", rule.gridCode);
        put("channel", rule.channel);
        if (rule.from.isValid()) {
            put("from", rule.from.toString(TIME_FORMAT));
            put("to", rule.to.toString(TIME_FORMAT));
        }
        if (!rule.coUnits.isEmpty())
            object.insert(QStringLiteral("co_units"), QJsonArray::fromStringList(rule.coUnits));
        array << object;
    }
    return array;
}

bool DispatchRules::matches(const DispatchRule &rule, const DispatchInput &input)
{
    const bool category = rule.category.isEmpty() || input.categoryPath.contains(rule.category);
    const bool grid = rule.gridCode.isEmpty() || input.gridPath.contains(rule.gridCode);
    const bool channel =
        rule.channel.isEmpty() || rule.channel.compare(input.channel, Qt::CaseInsensitive) == 0;
    return category && grid && channel && inWindow(input.time, rule.from, rule.to);
}

std::optional<DispatchProposal> DispatchRules::propose(const DispatchInput &input) const
{
    for (const DispatchRule &rule : m_rules) {
        if (rule.enabled && matches(rule, input))
            return DispatchProposal {rule.unit, rule.coUnits, rule.id, describe(rule)};
    }
    return std::nullopt;
}

} // namespace GridDesk
