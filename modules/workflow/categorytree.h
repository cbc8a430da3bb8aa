// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "terms.h"

#include "domain/error.h"
#include "worktime/timelimit.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace GridDesk {

/// Problems are city components (部件: manhole covers, lamps …) or events (事件: dumping,
/// noise …); each kind is a tree of categories.
enum class CategoryKind { Component, Event };

/// A case category: where it sits in the tree, which unit handles it unless a dispatch rule
/// says otherwise, and the time limits of its stages (missing ones come from the parent).
struct Category
{
    QString code;
    QString parentCode;
    CategoryKind kind = CategoryKind::Event;
    QString name;
    QString defaultUnit;
    QMap<Stage, TimeLimit> limits;
};

/// The configured categories of a workspace.
class CategoryTree
{
public:
    CategoryTree() = default;
    /// Fails, naming the category, on a duplicate code, a missing parent or a cycle.
    static Result<CategoryTree> build(const QList<Category> &categories);

    /// Reads the JSON form: an array of {code, parent, kind, name, unit, limits: {stage:
    /// "3d"}}. Errors name the entry and field.
    static Result<CategoryTree> fromJson(const QJsonArray &array);
    QJsonArray toJson() const;

    /// The limits that apply where no category says otherwise.
    static QMap<Stage, TimeLimit> standardLimits();

    bool contains(const QString &code) const { return m_categories.contains(code); }
    std::optional<Category> category(const QString &code) const;
    QList<Category> categories() const; ///< parents before children, then by code
    QList<Category> children(const QString &parentCode) const;
    int size() const { return m_categories.size(); }

    /// code and its ancestors, innermost first; just code when it is not in the tree.
    QStringList path(const QString &code) const;
    /// The limit of stage for code, from the category, its nearest ancestor that sets one,
    /// or the standard limits.
    TimeLimit limit(const QString &code, Stage stage) const;
    /// The unit that handles code by default, from the category or its nearest ancestor.
    QString defaultUnit(const QString &code) const;

    /// Adds a category at the top of kind's tree unless one with the code exists.
    void ensure(const QString &code, CategoryKind kind);

private:
    QHash<QString, Category> m_categories;
};

QString categoryKindKey(CategoryKind kind);

} // namespace GridDesk
