// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "publishdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

QString changeName(const QString &change)
{
    if (change == QLatin1String("added"))
        return PublishDialog::tr("added");
    if (change == QLatin1String("changed"))
        return PublishDialog::tr("changed");
    if (change == QLatin1String("deleted"))
        return PublishDialog::tr("deleted");
    if (change == QLatin1String("unchanged"))
        return PublishDialog::tr("unchanged");
    return change;
}

QTableWidgetItem *countItem(int count)
{
    auto *item = new QTableWidgetItem(count == 0 ? QString() : QString::number(count));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

PublishDialog::PublishDialog(const ImpactReport &impact, Publisher publisher, QWidget *parent)
    : QDialog(parent)
    , m_publisher(std::move(publisher))
    , m_table(new QTableWidget(this))
    , m_totals(new QLabel(this))
    , m_note(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_publish(nullptr)
{
    setWindowTitle(tr("Publish grid edition"));
    resize(760, 520);
    fillTable(impact);
    //: Totals of the impact preview before publishing grid changes
    m_totals->setText(tr("Open cases moving to another grid: %1 · closed cases whose grid now "
                         "covers other ground: %2 · routing rules to review: %3 · staff "
                         "assignments to review: %4")
                          .arg(impact.openCasesMoved)
                          .arg(impact.closedCasesAffected)
                          .arg(impact.routingRules)
                          .arg(impact.staffAssignments));
    m_totals->setWordWrap(true);
    m_note->setPlaceholderText(tr("What changed and why, for the edition's history"));
    m_note->setMaximumHeight(m_note->fontMetrics().height() * 4);
    m_error->setObjectName(QStringLiteral("publishError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_publish = buttons->addButton(tr("&Publish"), QDialogButtonBox::AcceptRole);
    m_publish->setEnabled(false);
    auto *noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Publishing makes the draft the current grid map. Open cases "
                                    "are moved to the grid now containing them; closed cases "
                                    "keep their grid."),
        this));
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);
    layout->addWidget(noteLabel);
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_note, &QPlainTextEdit::textChanged, this,
        [this] { m_publish->setEnabled(!m_note->toPlainText().trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_publish, &QPushButton::clicked, this, &PublishDialog::publish);
}

void PublishDialog::fillTable(const ImpactReport &impact)
{
    const QStringList headers {tr("Grid"), tr("Change"), tr("Open cases in"), tr("Open cases out"),
        tr("Closed cases affected"), tr("Routing rules"), tr("Staff")};
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(impact.grids.size()));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (int row = 0; row < impact.grids.size(); ++row) {
        const GridImpact &grid = impact.grids.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(grid.gridCode));
        m_table->setItem(row, 1, new QTableWidgetItem(changeName(grid.change)));
        m_table->setItem(row, 2, countItem(grid.openCasesIn));
        m_table->setItem(row, 3, countItem(grid.openCasesOut));
        m_table->setItem(row, 4, countItem(grid.closedCasesAffected));
        m_table->setItem(row, 5, countItem(grid.routingRules));
        m_table->setItem(row, 6, countItem(grid.staffAssignments));
    }
}

void PublishDialog::publish()
{
    const QString note = m_note->toPlainText().trimmed();
    if (note.isEmpty()) {
        m_error->setText(tr("Write a note saying what this edition changes."));
        m_error->show();
        return;
    }
    auto edition = m_publisher(note);
    if (!edition) {
        m_error->setText(tr("Not published: %1").arg(edition.error().message));
        m_error->show();
        return;
    }
    m_edition = *edition;
    accept();
}

} // namespace GridDesk
