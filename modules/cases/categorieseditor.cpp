// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "categorieseditor.h"

#include "unitchooser.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

constexpr int KIND_ROLE = Qt::UserRole + 1;
constexpr int UNIT_ROLE = Qt::UserRole + 2;
constexpr int LIMITS_ROLE = Qt::UserRole + 3; // QVariantMap: stage key -> limit as typed
constexpr int NEW_ROLE = Qt::UserRole + 4;

QString kindName(CategoryKind kind)
{
    return kind == CategoryKind::Component ? CategoriesEditor::tr("Component")
                                           : CategoriesEditor::tr("Event");
}

CategoryKind kindOf(const QTreeWidgetItem *item)
{
    return CategoryKind(item->data(0, KIND_ROLE).toInt());
}

QVariantMap limitTexts(const QTreeWidgetItem *item)
{
    return item->data(0, LIMITS_ROLE).toMap();
}

QList<Stage> stages()
{
    QList<Stage> all;
    for (int stage = 0; stage < int(Stage::Count); ++stage)
        all << Stage(stage);
    return all;
}

} // namespace

CategoriesEditor::CategoriesEditor(
    const CategoryTree &categories, const OrgDirectory &units, QWidget *parent)
    : QWidget(parent)
    , m_units(units)
    , m_tree(new QTreeWidget(this))
    , m_message(new QLabel(this))
{
    m_tree->setObjectName(QStringLiteral("categoryTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("Code"), tr("Name"), tr("Kind"), tr("Default unit"), tr("Own limits")});
    m_tree->setUniformRowHeights(true);
    m_message->setObjectName(QStringLiteral("categoryMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    QHash<QString, QTreeWidgetItem *> items;
    for (const Category &category : categories.categories())
        items.insert(category.code, addItem(category, items.value(category.parentCode), false));
    m_tree->expandAll();
    for (int column = 0; column < ColumnCount; ++column)
        m_tree->resizeColumnToContents(column);

    auto *addTop = new QPushButton(tr("Add &top-level"), this);
    addTop->setObjectName(QStringLiteral("addTopLevel"));
    m_addChild = new QPushButton(tr("Add &subcategory"), this);
    m_addChild->setObjectName(QStringLiteral("addChild"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeCategory"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(addTop);
    buttons->addWidget(m_addChild);
    buttons->addWidget(m_remove);
    buttons->addStretch();

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addLayout(buttons);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(createForm());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);

    connect(addTop, &QPushButton::clicked, this, [this] { addCategory(false); });
    connect(m_addChild, &QPushButton::clicked, this, [this] { addCategory(true); });
    connect(m_remove, &QPushButton::clicked, this, &CategoriesEditor::removeCategory);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &CategoriesEditor::showCurrent);
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(0));
    showCurrent();
}

QWidget *CategoriesEditor::createForm()
{
    m_form = new QGroupBox(tr("Category"), this);
    m_code = new QLineEdit(m_form);
    m_code->setObjectName(QStringLiteral("categoryCode"));
    m_code->setToolTip(tr("The code is fixed once the category is saved: cases keep it."));
    m_name = new QLineEdit(m_form);
    m_name->setObjectName(QStringLiteral("categoryName"));
    m_kind = new QComboBox(m_form);
    m_kind->setObjectName(QStringLiteral("categoryKind"));
    for (CategoryKind kind : {CategoryKind::Component, CategoryKind::Event})
        m_kind->addItem(kindName(kind), int(kind));
    m_unit = new UnitChooser(m_units, false, {}, m_form);
    m_unit->unitCombo()->setObjectName(QStringLiteral("categoryUnit"));

    auto *form = new QFormLayout(m_form);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("Default &unit:"), m_unit);
    auto *hint = new QLabel(tr("Time limits: \"4h\" working hours, \"3d\" working days, \"48ch\" "
                               "calendar hours; empty takes the limit shown in grey."),
        m_form);
    hint->setWordWrap(true);
    form->addRow(hint);
    for (Stage stage : stages()) {
        auto *edit = new QLineEdit(m_form);
        edit->setObjectName(QStringLiteral("limit_") + stageKey(stage));
        m_limits.insert(stage, edit);
        //: a stage of the loop with a time limit, e.g. "Handle:"
        form->addRow(tr("%1:").arg(stageName(stage)), edit);
        connect(edit, &QLineEdit::textEdited, this, [this, stage](const QString &text) {
            QTreeWidgetItem *item = m_tree->currentItem();
            QVariantMap limits = limitTexts(item);
            if (text.trimmed().isEmpty())
                limits.remove(stageKey(stage));
            else
                limits.insert(stageKey(stage), text.trimmed());
            item->setData(0, LIMITS_ROLE, limits);
            updateRow(item);
            edited();
        });
    }

    connect(m_code, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_tree->currentItem()->setText(CodeColumn, text.trimmed());
        edited();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_tree->currentItem()->setText(NameColumn, text.trimmed());
        edited();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        setKind(m_tree->currentItem(), CategoryKind(m_kind->currentData().toInt()));
        edited();
    });
    connect(m_unit, &UnitChooser::unitChanged, this, [this](const QString &code) {
        if (m_filling)
            return;
        m_tree->currentItem()->setData(0, UNIT_ROLE, code);
        updateRow(m_tree->currentItem());
        edited();
    });
    return m_form;
}

QTreeWidgetItem *CategoriesEditor::addItem(
    const Category &category, QTreeWidgetItem *parent, bool isNew)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(CodeColumn, category.code);
    item->setText(NameColumn, category.name);
    item->setData(0, KIND_ROLE, int(category.kind));
    item->setData(0, UNIT_ROLE, category.defaultUnit);
    QVariantMap limits;
    for (auto it = category.limits.begin(); it != category.limits.end(); ++it)
        limits.insert(stageKey(it.key()), it.value().toText());
    item->setData(0, LIMITS_ROLE, limits);
    item->setData(0, NEW_ROLE, isNew);
    updateRow(item);
    return item;
}

void CategoriesEditor::updateRow(QTreeWidgetItem *item)
{
    item->setText(KindColumn, kindName(kindOf(item)));
    const QString unit = item->data(0, UNIT_ROLE).toString();
    item->setText(UnitColumn, unit.isEmpty() ? QString() : m_units.displayName(unit));
    QStringList limits;
    const QVariantMap texts = limitTexts(item);
    for (Stage stage : stages()) {
        if (texts.contains(stageKey(stage)))
            //: a stage and its own time limit in the category list, e.g. "Handle 3d"
            limits << tr("%1 %2").arg(stageName(stage), texts.value(stageKey(stage)).toString());
    }
    item->setText(LimitsColumn, limits.join(QStringLiteral(", ")));
}

void CategoriesEditor::setKind(QTreeWidgetItem *item, CategoryKind kind)
{
    // A subcategory is of its parent's kind.
    item->setData(0, KIND_ROLE, int(kind));
    updateRow(item);
    for (int child = 0; child < item->childCount(); ++child)
        setKind(item->child(child), kind);
}

QString CategoriesEditor::uniqueCode(const QString &base) const
{
    QSet<QString> taken;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        taken.insert((*it)->text(CodeColumn));
    for (int number = 1;; ++number) {
        const QString code = base + QString::number(number);
        if (!taken.contains(code))
            return code;
    }
}

void CategoriesEditor::addCategory(bool asChild)
{
    QTreeWidgetItem *parent = asChild ? m_tree->currentItem() : nullptr;
    if (asChild && !parent)
        return showMessage(tr("Choose the category to add a subcategory to."), true);

    Category category;
    category.kind = parent ? kindOf(parent) : CategoryKind::Event;
    category.code = uniqueCode(
        parent ? parent->text(CodeColumn) + QLatin1Char('.') : QStringLiteral("category-"));
    category.name = tr("New category");
    QTreeWidgetItem *item = addItem(category, parent, true);
    if (parent)
        parent->setExpanded(true);
    m_tree->setCurrentItem(item);
    m_code->setFocus();
    m_code->selectAll();
    m_message->setVisible(false);
    edited();
}

void CategoriesEditor::removeCategory()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item)
        return;
    const QString code = item->text(CodeColumn);
    if (item->childCount() > 0) {
        return showMessage(tr("%1 has subcategories; remove or move them first.").arg(code), true);
    }
    const QString rule = m_ruleUsing ? m_ruleUsing(code) : QString();
    if (!rule.isEmpty()) {
        return showMessage(
            tr("Dispatch rule %1 names %2; change or remove the rule first.").arg(rule, code),
            true);
    }
    delete item;
    showMessage(tr("%1 removed.").arg(code), false);
    edited();
}

void CategoriesEditor::showCurrent()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    m_form->setEnabled(item != nullptr);
    m_addChild->setEnabled(item != nullptr);
    m_remove->setEnabled(item != nullptr);
    m_filling = true;
    const QVariantMap limits = item ? limitTexts(item) : QVariantMap();
    m_code->setText(item ? item->text(CodeColumn) : QString());
    m_code->setReadOnly(!item || !item->data(0, NEW_ROLE).toBool());
    m_name->setText(item ? item->text(NameColumn) : QString());
    m_kind->setCurrentIndex(item ? m_kind->findData(int(kindOf(item))) : -1);
    m_kind->setEnabled(item && !item->parent());
    m_kind->setToolTip(
        item && item->parent() ? tr("A subcategory is of its parent's kind.") : QString());
    m_unit->setUnit(item ? item->data(0, UNIT_ROLE).toString() : QString());
    m_unit->unitCombo()->lineEdit()->setPlaceholderText(
        item ? inheritedUnit(item) : tr("Type part of a unit's name or code"));
    for (auto it = m_limits.begin(); it != m_limits.end(); ++it) {
        it.value()->setText(limits.value(stageKey(it.key())).toString());
        it.value()->setPlaceholderText(item ? inheritedLimit(item, it.key()) : QString());
    }
    m_filling = false;
}

QString CategoriesEditor::inheritedLimit(const QTreeWidgetItem *item, Stage stage) const
{
    for (const QTreeWidgetItem *above = item->parent(); above; above = above->parent()) {
        const QString text = limitTexts(above).value(stageKey(stage)).toString();
        if (!text.isEmpty() && TimeLimit::parse(text))
            //: the limit a category takes from a parent category, e.g. "3d from road"
            return tr("%1 from %2").arg(text, above->text(CodeColumn));
    }
    const TimeLimit standard = CategoryTree::standardLimits().value(stage);
    if (!standard.isValid())
        return tr("no limit");
    //: the limit a category takes from the standard limits, e.g. "3d standard"
    return tr("%1 standard").arg(standard.toText());
}

QString CategoriesEditor::inheritedUnit(const QTreeWidgetItem *item) const
{
    for (const QTreeWidgetItem *above = item->parent(); above; above = above->parent()) {
        const QString unit = above->data(0, UNIT_ROLE).toString();
        if (!unit.isEmpty())
            //: the unit a category takes from a parent, e.g. "Street one from road"
            return tr("%1 from %2").arg(m_units.displayName(unit), above->text(CodeColumn));
    }
    return tr("None: dispatchers choose, unless a rule decides");
}

Result<QList<Category>> CategoriesEditor::categories() const
{
    QList<Category> categories;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const QTreeWidgetItem *item = *it;
        Category category;
        category.code = item->text(CodeColumn).trimmed();
        category.parentCode =
            item->parent() ? item->parent()->text(CodeColumn).trimmed() : QString();
        category.kind = kindOf(item);
        category.name = item->text(NameColumn).trimmed();
        category.defaultUnit = item->data(0, UNIT_ROLE).toString();
        if (category.code.isEmpty()) {
            return fail(ErrorCode::MissingField,
                tr("A category (named \"%1\") has no code.").arg(category.name));
        }
        const QVariantMap texts = limitTexts(item);
        for (Stage stage : stages()) {
            if (!texts.contains(stageKey(stage)))
                continue;
            const auto limit = TimeLimit::parse(texts.value(stageKey(stage)).toString());
            if (!limit) {
                //: %1 a category code, %2 a stage, %3 what is wrong with the limit
                return fail(ErrorCode::InvalidArgument,
                    tr("Category %1, limit of %2: %3")
                        .arg(category.code, stageName(stage), limit.error().message));
            }
            category.limits.insert(stage, *limit);
        }
        categories << category;
    }
    return categories;
}

void CategoriesEditor::markSaved()
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        (*it)->setData(0, NEW_ROLE, false);
    showCurrent();
}

bool CategoriesEditor::select(const QString &code)
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->text(CodeColumn) == code) {
            m_tree->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

void CategoriesEditor::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #9b1010; }") : QString());
    m_message->setVisible(true);
}

void CategoriesEditor::edited()
{
    if (!m_filling)
        Q_EMIT changed();
}

} // namespace GridDesk
