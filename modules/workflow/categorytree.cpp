// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "categorytree.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::CategoryTree)
};

Result<Category> categoryFromJson(const QJsonObject &object)
{
    Category category;
    category.code = object.value(QLatin1String("code")).toString().trimmed();
    if (category.code.isEmpty())
        return fail(ErrorCode::MissingField, Tr::tr("\"code\" is missing"));
    category.parentCode = object.value(QLatin1String("parent")).toString().trimmed();
    category.name = object.value(QLatin1String("name")).toString().trimmed();
    category.defaultUnit = object.value(QLatin1String("unit")).toString().trimmed();

    const QString kind = object.value(QLatin1String("kind")).toString(QStringLiteral("event"));
    if (kind != QLatin1String("event") && kind != QLatin1String("component")) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("\"kind\" is \"%1\"; it must be \"component\" or \"event\"").arg(kind));
    }
    category.kind =
        kind == QLatin1String("component") ? CategoryKind::Component : CategoryKind::Event;

    const QJsonObject limits = object.value(QLatin1String("limits")).toObject();
    for (auto it = limits.begin(); it != limits.end(); ++it) {
        const std::optional<Stage> stage = stageFromKey(it.key());
        if (!stage)
            return fail(ErrorCode::InvalidArgument, Tr::tr("\"%1\" is not a stage").arg(it.key()));
        if (!it.value().isString()) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("the limit of %1 must be written as text, such as \"3d\"").arg(it.key()));
        }
        const Result<TimeLimit> limit = TimeLimit::parse(it.value().toString());
        if (!limit)
            return std::unexpected(limit.error().at(it.key()));
        category.limits.insert(*stage, *limit);
    }
    return category;
}

} // namespace

QString categoryKindKey(CategoryKind kind)
{
    return kind == CategoryKind::Component ? QStringLiteral("component") : QStringLiteral("event");
}

Result<CategoryTree> CategoryTree::build(const QList<Category> &categories)
{
    CategoryTree tree;
    for (const Category &category : categories) {
        if (tree.m_categories.contains(category.code)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Category %1 appears twice.").arg(category.code));
        }
        tree.m_categories.insert(category.code, category);
    }
    for (const Category &category : categories) {
        const QString &parent = category.parentCode;
        if (!parent.isEmpty() && !tree.m_categories.contains(parent)) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Category %1 names a parent %2 that does not exist.")
                    .arg(category.code, parent));
        }
        if (tree.path(category.code).size() > tree.m_categories.size()) {
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("Category %1 is its own ancestor.").arg(category.code));
        }
    }
    return tree;
}

Result<CategoryTree> CategoryTree::fromJson(const QJsonArray &array)
{
    QList<Category> categories;
    for (qsizetype index = 0; index < array.size(); ++index) {
        const Result<Category> category = categoryFromJson(array.at(index).toObject());
        if (!category)
            return std::unexpected(category.error().at(Tr::tr("category %1").arg(index + 1)));
        categories << *category;
    }
    return build(categories);
}

QJsonArray CategoryTree::toJson() const
{
    QJsonArray array;
    for (const Category &category : categories()) {
        QJsonObject limits;
        for (auto it = category.limits.begin(); it != category.limits.end(); ++it)
            limits.insert(stageKey(it.key()), it.value().toText());
        QJsonObject object {{QStringLiteral("code"), category.code},
            {QStringLiteral("kind"), categoryKindKey(category.kind)},
            {QStringLiteral("name"), category.name}};
        if (!category.parentCode.isEmpty())
            object.insert(QStringLiteral("parent"), category.parentCode);
        if (!category.defaultUnit.isEmpty())
            object.insert(QStringLiteral("unit"), category.defaultUnit);
        if (!limits.isEmpty())
            object.insert(QStringLiteral("limits"), limits);
        array << object;
    }
    return array;
}

QMap<Stage, TimeLimit> CategoryTree::standardLimits()
{
    using Unit = TimeLimit::Unit;
    // Built once: every stage clock of a category without limits of its own asks for it.
    static const QMap<Stage, TimeLimit> limits {
        {Stage::Register, TimeLimit {1, Unit::WorkingHours}},
        {Stage::Dispatch, TimeLimit {1, Unit::WorkingHours}},
        {Stage::Accept, TimeLimit {2, Unit::WorkingHours}},
        {Stage::Handle, TimeLimit {3, Unit::WorkingDays}},
        {Stage::Verify, TimeLimit {1, Unit::WorkingDays}},
        {Stage::Supervise, TimeLimit {2, Unit::WorkingDays}},
        {Stage::Evaluate, TimeLimit {5, Unit::WorkingDays}},
    };
    return limits;
}

std::optional<Category> CategoryTree::category(const QString &code) const
{
    const auto found = m_categories.constFind(code);
    if (found == m_categories.constEnd())
        return std::nullopt;
    return *found;
}

QList<Category> CategoryTree::categories() const
{
    QList<Category> sorted = m_categories.values();
    auto depth = [this](const Category &category) {
        return path(category.code).size();
    };
    std::sort(sorted.begin(), sorted.end(), [&](const Category &a, const Category &b) {
        const auto depthA = depth(a);
        const auto depthB = depth(b);
        return depthA != depthB ? depthA < depthB : a.code < b.code;
    });
    return sorted;
}

QList<Category> CategoryTree::children(const QString &parentCode) const
{
    QList<Category> found;
    for (const Category &category : m_categories) {
        if (category.parentCode == parentCode)
            found << category;
    }
    std::sort(found.begin(), found.end(),
        [](const Category &a, const Category &b) { return a.code < b.code; });
    return found;
}

QStringList CategoryTree::path(const QString &code) const
{
    QStringList path {code};
    QString current = code;
    // Bounded so that a cycle ends the walk; build() refuses cycles by this length.
    while (path.size() <= m_categories.size()) {
        const auto found = m_categories.constFind(current);
        if (found == m_categories.constEnd() || found->parentCode.isEmpty())
            break;
        current = found->parentCode;
        path << current;
    }
    return path;
}

TimeLimit CategoryTree::limit(const QString &code, Stage stage) const
{
    // The walk of path(), without making the list: every stage clock asks.
    auto found = m_categories.constFind(code);
    for (qsizetype steps = 0; found != m_categories.constEnd() && steps < m_categories.size();
         ++steps) {
        const auto limit = found->limits.constFind(stage);
        if (limit != found->limits.constEnd())
            return *limit;
        if (found->parentCode.isEmpty())
            break;
        found = m_categories.constFind(found->parentCode);
    }
    return standardLimits().value(stage);
}

QString CategoryTree::defaultUnit(const QString &code) const
{
    for (const QString &step : path(code)) {
        const auto found = m_categories.constFind(step);
        if (found != m_categories.constEnd() && !found->defaultUnit.isEmpty())
            return found->defaultUnit;
    }
    return {};
}

void CategoryTree::ensure(const QString &code, CategoryKind kind)
{
    if (code.isEmpty() || m_categories.contains(code))
        return;
    m_categories.insert(code, Category {code, {}, kind, code, {}, {}});
}

} // namespace GridDesk
