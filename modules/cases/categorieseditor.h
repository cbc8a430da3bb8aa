// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/categorytree.h"
#include "workflow/orgdirectory.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace GridDesk {

class UnitChooser;

/// Edits the category tree of a workflow setup: adds top-level categories and subcategories,
/// removes leaves no dispatch rule names, and sets each one's name, kind, default unit and
/// stage limits. Limits are kept as typed and read only by categories().
class CategoriesEditor : public QWidget
{
    Q_OBJECT

public:
    /// Tells which dispatch rule names a category code; empty when none does.
    using RuleUsing = std::function<QString(const QString &code)>;

    CategoriesEditor(
        const CategoryTree &categories, const OrgDirectory &units, QWidget *parent = nullptr);

    void setRuleUsing(RuleUsing ruleUsing) { m_ruleUsing = std::move(ruleUsing); }

    /// The categories as edited, parents before children. Fails naming the category (and the
    /// stage) when a code is missing or a limit does not read.
    Result<QList<Category>> categories() const;

    /// Codes of the categories edited so far become fixed, as they are now saved.
    void markSaved();

    /// Makes the category with code current; false when there is none.
    bool select(const QString &code);

    QTreeWidget *tree() const { return m_tree; }

Q_SIGNALS:
    void changed();

private:
    enum Column { CodeColumn, NameColumn, KindColumn, UnitColumn, LimitsColumn, ColumnCount };

    QWidget *createForm();
    QTreeWidgetItem *addItem(const Category &category, QTreeWidgetItem *parent, bool isNew);
    void addCategory(bool asChild);
    void removeCategory();
    void showCurrent();
    void updateRow(QTreeWidgetItem *item);
    void setKind(QTreeWidgetItem *item, CategoryKind kind);
    QString inheritedLimit(const QTreeWidgetItem *item, Stage stage) const;
    QString inheritedUnit(const QTreeWidgetItem *item) const;
    QString uniqueCode(const QString &base) const;
    void showMessage(const QString &text, bool problem);
    void edited();

    OrgDirectory m_units;
    RuleUsing m_ruleUsing;
    QTreeWidget *m_tree;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    UnitChooser *m_unit = nullptr;
    QHash<Stage, QLineEdit *> m_limits;
    QPushButton *m_addChild = nullptr;
    QPushButton *m_remove = nullptr;
    QWidget *m_form = nullptr;
    QLabel *m_message;
    bool m_filling = false;
};

} // namespace GridDesk
