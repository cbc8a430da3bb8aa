// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "standardsdetail.h"

#include "attachedstandardsmodel.h"

#include "standards/traceability.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

QLabel *wrappingLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString implementedText(const QString &clause)
{
    const QList<Implementation> parts =
        clause.isEmpty() ? QList<Implementation>() : implementationsOf(clause);
    if (parts.isEmpty())
        return StandardsDetail::tr("Nothing in GridDesk implements this clause yet.");
    QStringList lines;
    for (const Implementation &part : parts)
        lines << QStringLiteral("• %1 <span style=\"color:#777\">(%2)</span>")
                     .arg(part.name.toHtmlEscaped(), part.location.toHtmlEscaped());
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

StandardsDetail::StandardsDetail(QWidget *parent)
    : QWidget(parent)
    , m_code(wrappingLabel())
    , m_clause(wrappingLabel())
    , m_titleZh(wrappingLabel())
    , m_titleEn(wrappingLabel())
    , m_summaryZh(wrappingLabel())
    , m_summaryEn(wrappingLabel())
    , m_implemented(wrappingLabel())
    , m_attached(new AttachedStandardsModel(this))
    , m_attachedView(new QTableView)
    , m_toolBar(new QToolBar)
    , m_history(new QTreeWidget)
{
    QFont codeFont = m_code->font();
    codeFont.setBold(true);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.3);
    m_code->setFont(codeFont);
    m_implemented->setTextFormat(Qt::RichText);

    auto *form = new QFormLayout;
    form->addRow(tr("Code:"), m_code);
    form->addRow(tr("Clause:"), m_clause);
    form->addRow(tr("Title (Chinese):"), m_titleZh);
    form->addRow(tr("Title (English):"), m_titleEn);
    form->addRow(tr("Summary (Chinese):"), m_summaryZh);
    form->addRow(tr("Summary (English):"), m_summaryEn);
    form->addRow(tr("Implemented by:"), m_implemented);

    m_attachedView->setModel(m_attached);
    m_attachedView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attachedView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attachedView->verticalHeader()->hide();
    m_attachedView->horizontalHeader()->setSectionResizeMode(
        int(AttachedStandardsModel::Column::Title), QHeaderView::Stretch);
    m_attachedView->setObjectName(QStringLiteral("attachedStandards"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *attachedBox = new QGroupBox(tr("Attached standards"));
    auto *attachedLayout = new QVBoxLayout(attachedBox);
    attachedLayout->addWidget(m_toolBar);
    attachedLayout->addWidget(m_attachedView);

    m_history->setHeaderLabels({tr("When"), tr("Who"), tr("What")});
    m_history->setRootIsDecorated(false);
    m_history->setObjectName(QStringLiteral("nodeHistory"));
    auto *historyBox = new QGroupBox(tr("History"));
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->addWidget(m_history);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(attachedBox, 2);
    layout->addWidget(historyBox, 1);

    connect(m_attachedView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &StandardsDetail::attachedSelectionChanged);
    connect(m_attached, &QAbstractItemModel::modelReset, this,
        &StandardsDetail::attachedSelectionChanged);
    connect(
        m_attachedView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
            const AttachedStandard &standard = m_attached->standards().at(index.row());
            if (!standard.fileName.isEmpty())
                Q_EMIT documentRequested(standard.id);
        });
}

void StandardsDetail::showNode(
    const StandardsTree &tree, qint64 id, const QList<StandardsChange> &history)
{
    const StandardNode *node = tree.node(id);
    const StandardNode empty;
    const StandardNode &shown = node ? *node : empty;
    m_code->setText(shown.code);
    m_clause->setText(node && shown.clause.isEmpty()
            ? tr("none: a category of the organisation's own")
            : shown.clause);
    m_titleZh->setText(shown.titleZh);
    m_titleEn->setText(shown.titleEn);
    m_summaryZh->setText(shown.summaryZh);
    m_summaryEn->setText(shown.summaryEn);
    m_implemented->setText(node ? implementedText(shown.clause) : QString());

    const qint64 selected = selectedAttached();
    m_attached->setStandards(node ? tree.attached(id) : QList<AttachedStandard>());
    for (int column = 0; column < m_attached->columnCount(); ++column) {
        if (column != int(AttachedStandardsModel::Column::Title))
            m_attachedView->resizeColumnToContents(column);
    }
    selectAttached(selected);

    m_history->clear();
    for (const StandardsChange &change : history) {
        const QString when = change.id == 0
            ? tr("unsaved")
            : QLocale().toString(change.at.toLocalTime(), QLocale::ShortFormat);
        auto *item = new QTreeWidgetItem(m_history, {when, change.by, change.detail});
        item->setToolTip(2, change.detail);
    }
    m_history->resizeColumnToContents(0);
}

qint64 StandardsDetail::selectedAttached() const
{
    const QModelIndexList rows = m_attachedView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return 0;
    return m_attached->standards().at(rows.first().row()).id;
}

void StandardsDetail::selectAttached(qint64 attachedId)
{
    const QList<AttachedStandard> &standards = m_attached->standards();
    for (int row = 0; row < standards.size(); ++row) {
        if (standards.at(row).id == attachedId) {
            m_attachedView->selectRow(row);
            return;
        }
    }
}

} // namespace GridDesk
