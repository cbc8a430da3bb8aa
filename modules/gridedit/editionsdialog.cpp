// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "editionsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace GridDesk {

namespace {
constexpr int MAX_LINKS_SHOWN = 6;
}

EditionsDialog::EditionsDialog(const QList<GridEdition> &editions, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
    , m_show(nullptr)
{
    setWindowTitle(tr("Grid editions"));
    resize(820, 420);
    const QStringList headers {tr("Edition"), tr("Published"), tr("By"), tr("Note"), tr("Grids"),
        tr("Changed"), tr("Lineage")};
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    QList<GridEdition> newestFirst = editions;
    std::reverse(newestFirst.begin(), newestFirst.end());
    m_table->setRowCount(int(newestFirst.size()));
    for (int row = 0; row < newestFirst.size(); ++row) {
        const GridEdition &edition = newestFirst.at(row);
        auto *number = new QTableWidgetItem(QString::number(edition.number));
        number->setData(Qt::UserRole, edition.number);
        m_table->setItem(row, 0, number);
        m_table->setItem(row, 1,
            new QTableWidgetItem(
                QLocale().toString(edition.publishedAt.toLocalTime(), QLocale::ShortFormat)));
        m_table->setItem(row, 2, new QTableWidgetItem(edition.publishedBy));
        m_table->setItem(row, 3, new QTableWidgetItem(edition.note));
        m_table->setItem(row, 4, new QTableWidgetItem(QString::number(edition.gridCount)));
        m_table->setItem(row, 5, new QTableWidgetItem(QString::number(edition.changedCount)));
        m_table->setItem(row, 6, new QTableWidgetItem(lineageText(edition.lineage)));
    }
    m_table->resizeColumnsToContents();
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_show = buttons->addButton(tr("&Show on map"), QDialogButtonBox::ActionRole);
    m_show->setEnabled(m_table->rowCount() > 0);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_show, &QPushButton::clicked, this, [this] {
        if (const int edition = currentEdition(); edition > 0)
            Q_EMIT showOnMapRequested(edition);
    });
}

int EditionsDialog::currentEdition() const
{
    const int row = m_table->currentRow();
    if (row < 0)
        return 0;
    return m_table->item(row, 0)->data(Qt::UserRole).toInt();
}

QString EditionsDialog::lineageText(const QList<LineageLink> &lineage) const
{
    QStringList links;
    for (const LineageLink &link :
        lineage.first(std::min<qsizetype>(lineage.size(), MAX_LINKS_SHOWN))) {
        //: A lineage link of a grid edition: kind, the grid before and the grid after
        links << tr("%1 %2 → %3")
                     .arg(lineageKindName(link.kind),
                         link.fromCode.isEmpty() ? tr("–") : link.fromCode,
                         link.toCode.isEmpty() ? tr("–") : link.toCode);
    }
    if (lineage.size() > MAX_LINKS_SHOWN)
        links << tr("and %n more", nullptr, int(lineage.size() - MAX_LINKS_SHOWN));
    return links.join(QStringLiteral("; "));
}

} // namespace GridDesk
