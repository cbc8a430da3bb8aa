// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "duplicatepicker.h"

#include "domain/displaytime.h"
#include "workflow/terms.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {
enum class Column { Case, State, Created, Address, Descriptor, Count };
}

DuplicatePicker::DuplicatePicker(Finder finder, QWidget *parent)
    : QWidget(parent)
    , m_finder(std::move(finder))
    , m_metres(new QSpinBox(this))
    , m_hours(new QSpinBox(this))
    , m_list(new QTreeWidget(this))
    , m_status(new QLabel(this))
{
    m_metres->setObjectName(QStringLiteral("duplicateMetres"));
    m_metres->setRange(5, 5000);
    m_metres->setSingleStep(25);
    m_metres->setValue(DEFAULT_METRES);
    //: unit after the distance within which duplicates are looked for
    m_metres->setSuffix(tr(" m"));
    m_hours->setObjectName(QStringLiteral("duplicateHours"));
    m_hours->setRange(1, 24 * 60);
    m_hours->setValue(DEFAULT_HOURS);
    m_hours->setSuffix(tr(" h"));

    m_list->setObjectName(QStringLiteral("duplicates"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        {tr("Case"), tr("State"), tr("Reported"), tr("Address"), tr("Description")});
    m_list->header()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("duplicateStatus"));
    m_status->setWordWrap(true);

    auto *range = new QHBoxLayout;
    range->addWidget(new QLabel(tr("Same category within"), this));
    range->addWidget(m_metres);
    range->addWidget(new QLabel(tr("and"), this));
    range->addWidget(m_hours);
    range->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(range);
    layout->addWidget(m_list);
    layout->addWidget(m_status);

    connect(m_metres, &QSpinBox::valueChanged, this, &DuplicatePicker::search);
    connect(m_hours, &QSpinBox::valueChanged, this, &DuplicatePicker::search);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &DuplicatePicker::chosenChanged);
    search();
}

void DuplicatePicker::search()
{
    const std::optional<qint64> before = chosen();
    m_list->clear();
    if (!m_finder)
        return;
    const auto found = m_finder(m_metres->value(), m_hours->value());
    if (!found) {
        m_status->setText(found.error().message);
        return;
    }

    for (const CaseRecord &record : *found) {
        const auto state = caseStateFromKey(record.state);
        auto *item = new QTreeWidgetItem(m_list,
            {record.externalId.isEmpty() ? QString::number(record.id) : record.externalId,
                state ? caseStateName(*state) : record.state,
                displayDateTime(record.created.wallTime()), record.address, record.descriptor});
        item->setData(int(Column::Case), Qt::UserRole, record.id);
        if (before == record.id)
            m_list->setCurrentItem(item);
    }
    m_status->setText(found->isEmpty()
            ? tr("No open case of the same category is that near.")
            : tr("%n possible duplicate(s).", nullptr, int(found->size())));
    Q_EMIT chosenChanged();
}

std::optional<qint64> DuplicatePicker::chosen() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return std::nullopt;
    return item->data(int(Column::Case), Qt::UserRole).toLongLong();
}

int DuplicatePicker::candidateCount() const
{
    return m_list->topLevelItemCount();
}

} // namespace GridDesk
