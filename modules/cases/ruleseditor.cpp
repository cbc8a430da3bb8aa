// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "ruleseditor.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace GridDesk {

namespace {

const QString TIME_FORMAT = QStringLiteral("HH:mm");

QStringList splitCodes(const QString &text)
{
    QStringList codes;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            codes << part.trimmed();
    }
    return codes;
}

} // namespace

RulesEditor::RulesEditor(const QList<DispatchRule> &rules, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, int(Column::Count), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move do&wn"), this))
    , m_message(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setHorizontalHeaderLabels({tr("Id"), tr("Name"), tr("On"), tr("Category"), tr("Grid"),
        tr("From"), tr("To"), tr("Channel"), tr("Unit"), tr("Co-units")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(int(Column::Name), QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
        | QAbstractItemView::AnyKeyPressed);
    for (const DispatchRule &rule : rules)
        addRow(rule, m_table->rowCount());
    m_table->resizeColumnsToContents();
    // Room to type in the empty conditions too.
    for (Column column :
        {Column::Category, Column::Grid, Column::Channel, Column::Unit, Column::CoUnits}) {
        const int width = m_table->fontMetrics().horizontalAdvance(QStringLiteral("district-1 "));
        m_table->setColumnWidth(int(column), std::max(m_table->columnWidth(int(column)), width));
    }
    for (Column column : {Column::From, Column::To}) {
        const int width = m_table->fontMetrics().horizontalAdvance(QStringLiteral(" 00:00 "));
        m_table->setColumnWidth(int(column), std::max(m_table->columnWidth(int(column)), width));
    }

    auto *add = new QPushButton(tr("&Add rule"), this);
    add->setObjectName(QStringLiteral("addRule"));
    m_remove->setObjectName(QStringLiteral("removeRule"));
    m_up->setObjectName(QStringLiteral("moveRuleUp"));
    m_down->setObjectName(QStringLiteral("moveRuleDown"));
    auto *tryRules = new QPushButton(tr("&Try on past cases…"), this);
    tryRules->setObjectName(QStringLiteral("tryRules"));
    tryRules->setToolTip(tr("Runs the rules as edited over past cases and compares their "
                            "proposals with where the cases went. Nothing is saved."));
    m_message->setObjectName(QStringLiteral("rulesMessage"));
    m_message->setWordWrap(true);
    m_message->setText(tr("The first enabled rule that matches a case decides; empty conditions "
                          "match anything. Times are HH:mm, co-units a list separated by commas. "
                          "Double-click or press F2 to edit a cell; Space switches a rule on or "
                          "off."));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {add, m_remove, m_up, m_down})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(tryRules);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(add, &QPushButton::clicked, this, &RulesEditor::addRule);
    connect(m_remove, &QPushButton::clicked, this, &RulesEditor::removeRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(tryRules, &QPushButton::clicked, this, &RulesEditor::dryRunRequested);
    connect(m_table, &QTableWidget::itemChanged, this, &RulesEditor::changed);
    connect(m_table, &QTableWidget::currentCellChanged, this, &RulesEditor::updateButtons);
    updateButtons();
}

void RulesEditor::addRow(const DispatchRule &rule, int row)
{
    const QSignalBlocker quiet(m_table);
    m_table->insertRow(row);
    const auto set = [&](Column column, const QString &text) {
        m_table->setItem(row, int(column), new QTableWidgetItem(text));
    };
    set(Column::Id, rule.id);
    set(Column::Name, rule.name);
    set(Column::Category, rule.category);
    set(Column::Grid, rule.gridCode);
    set(Column::From, rule.from.isValid() ? rule.from.toString(TIME_FORMAT) : QString());
    set(Column::To, rule.to.isValid() ? rule.to.toString(TIME_FORMAT) : QString());
    set(Column::Channel, rule.channel);
    set(Column::Unit, rule.unit);
    set(Column::CoUnits, rule.coUnits.join(QStringLiteral(", ")));
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    enabled->setCheckState(rule.enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, int(Column::Enabled), enabled);
}

QString RulesEditor::text(int row, Column column) const
{
    const QTableWidgetItem *item = m_table->item(row, int(column));
    return item ? item->text().trimmed() : QString();
}

Result<QList<DispatchRule>> RulesEditor::rules() const
{
    QList<DispatchRule> rules;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        DispatchRule rule;
        rule.id = text(row, Column::Id);
        if (rule.id.isEmpty())
            return fail(
                ErrorCode::MissingField, tr("Rule %1 in the table has no id.").arg(row + 1));
        rule.name = text(row, Column::Name);
        rule.enabled = m_table->item(row, int(Column::Enabled))->checkState() == Qt::Checked;
        rule.category = text(row, Column::Category);
        rule.gridCode = text(row, Column::Grid);
        for (const auto &[column, target] :
            {std::pair(Column::From, &rule.from), std::pair(Column::To, &rule.to)}) {
            const QString typed = text(row, column);
            *target = QTime::fromString(typed, TIME_FORMAT);
            if (!typed.isEmpty() && !target->isValid()) {
                return fail(ErrorCode::InvalidArgument,
                    tr("Rule %1: \"%2\" is not a time such as 22:00.").arg(rule.id, typed));
            }
        }
        rule.channel = text(row, Column::Channel);
        rule.unit = text(row, Column::Unit);
        rule.coUnits = splitCodes(text(row, Column::CoUnits));
        rules << rule;
    }
    return rules;
}

QString RulesEditor::ruleUsingCategory(const QString &code) const
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (text(row, Column::Category) == code)
            return text(row, Column::Id);
    }
    return {};
}

void RulesEditor::addRule()
{
    QSet<QString> taken;
    for (int row = 0; row < m_table->rowCount(); ++row)
        taken.insert(text(row, Column::Id));
    DispatchRule rule;
    int number = m_table->rowCount() + 1;
    while (taken.contains(QStringLiteral("R%1").arg(number)))
        ++number;
    rule.id = QStringLiteral("R%1").arg(number);
    rule.name = tr("New rule");

    const int row = m_table->currentRow() >= 0 ? m_table->currentRow() + 1 : m_table->rowCount();
    addRow(rule, row);
    m_table->setCurrentCell(row, int(Column::Name));
    m_table->editItem(m_table->item(row, int(Column::Name)));
    Q_EMIT changed();
}

void RulesEditor::removeRule()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    updateButtons();
    Q_EMIT changed();
}

void RulesEditor::moveRule(int offset)
{
    const int row = m_table->currentRow();
    const int target = row + offset;
    if (row < 0 || target < 0 || target >= m_table->rowCount())
        return;
    const int column = m_table->currentColumn();
    {
        const QSignalBlocker quiet(m_table);
        for (int index = 0; index < int(Column::Count); ++index) {
            QTableWidgetItem *moving = m_table->takeItem(row, index);
            m_table->setItem(row, index, m_table->takeItem(target, index));
            m_table->setItem(target, index, moving);
        }
    }
    m_table->setCurrentCell(target, column);
    Q_EMIT changed();
}

void RulesEditor::updateButtons()
{
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_table->rowCount());
}

} // namespace GridDesk
