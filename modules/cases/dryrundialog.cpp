// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "dryrundialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

QTableWidget *reportTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void addRow(QTableWidget *table, const QStringList &cells)
{
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column));
        bool isCount = false;
        cells.at(column).toLongLong(&isCount);
        if (isCount)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
}

} // namespace

DryRunDialog::DryRunDialog(Runner runner, QWidget *parent)
    : QDialog(parent)
    , m_runner(std::move(runner))
    , m_useFrom(new QCheckBox(tr("&From"), this))
    , m_from(new QDateEdit(this))
    , m_useTo(new QCheckBox(tr("T&o"), this))
    , m_to(new QDateEdit(this))
    , m_summary(new QLabel(this))
    , m_rules(reportTable({tr("Rule"), tr("Name"), tr("Cases"), tr("Agreeing"), tr("Differing")},
          QStringLiteral("dryRunRules"), this))
    , m_differences(
          reportTable({tr("Case"), tr("Category"), tr("Went to"), tr("Rule proposes"), tr("Rule")},
              QStringLiteral("dryRunDifferences"), this))
{
    setObjectName(QStringLiteral("dryRunDialog"));
    setWindowTitle(tr("Try dispatch rules on past cases"));
    m_useFrom->setObjectName(QStringLiteral("dryRunUseFrom"));
    m_useTo->setObjectName(QStringLiteral("dryRunUseTo"));
    m_from->setObjectName(QStringLiteral("dryRunFrom"));
    m_to->setObjectName(QStringLiteral("dryRunTo"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(QDate::currentDate());
        edit->setEnabled(false);
    }
    m_summary->setObjectName(QStringLiteral("dryRunSummary"));
    m_summary->setWordWrap(true);
    m_summary->setMinimumHeight(m_summary->fontMetrics().lineSpacing() * 3);
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_summary->setText(tr("Without dates, every case of the workspace is tried."));

    auto *runButton = new QPushButton(tr("&Run"), this);
    runButton->setObjectName(QStringLiteral("runDryRun"));
    runButton->setDefault(true);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_useFrom);
    dates->addWidget(m_from);
    dates->addSpacing(12);
    dates->addWidget(m_useTo);
    dates->addWidget(m_to);
    dates->addStretch();
    dates->addWidget(runButton);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(dates);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(tr("What each rule would have decided:"), this));
    layout->addWidget(m_rules, 1);
    layout->addWidget(new QLabel(tr("The first cases a rule would have sent elsewhere:"), this));
    layout->addWidget(m_differences, 2);
    layout->addWidget(buttons);
    resize(760, 560);

    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(runButton, &QPushButton::clicked, this, &DryRunDialog::run);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void DryRunDialog::run()
{
    const auto from = m_useFrom->isChecked() ? std::optional(m_from->date()) : std::nullopt;
    const auto to = m_useTo->isChecked() ? std::optional(m_to->date()) : std::nullopt;
    m_rules->setRowCount(0);
    m_differences->setRowCount(0);
    const Result<DryRunReport> report = m_runner(from, to);
    if (!report) {
        m_summary->setText(tr("The rules could not be tried: %1").arg(report.error().message));
        m_summary->setStyleSheet(QStringLiteral("QLabel { color: #9b1010; }"));
        return;
    }
    m_summary->setStyleSheet({});
    showReport(*report);
}

void DryRunDialog::showReport(const DryRunReport &report)
{
    //: counts of a dry run of the dispatch rules over past cases
    m_summary->setText(tr("%n case(s) tried: %1 matched a rule – %2 to the unit they went to, %3 "
                          "elsewhere, %4 never dispatched; %5 matched no rule. Nothing was saved.",
        nullptr, int(report.cases))
                           .arg(report.proposed)
                           .arg(report.agreeing)
                           .arg(report.differing)
                           .arg(report.notDispatched)
                           .arg(report.unmatched));
    for (const DryRunRule &rule : report.rules) {
        addRow(m_rules,
            {rule.ruleId, rule.name, QString::number(rule.cases), QString::number(rule.agreeing),
                QString::number(rule.differing)});
    }
    for (const DryRunDifference &difference : report.differences) {
        const QString name = difference.externalId.isEmpty() ? QString::number(difference.caseId)
                                                             : difference.externalId;
        addRow(m_differences,
            {name, difference.category, difference.actualUnit, difference.proposedUnit,
                difference.ruleId});
    }
    m_rules->resizeColumnsToContents();
    m_differences->resizeColumnsToContents();
}

} // namespace GridDesk
