// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "planperiodchooser.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>

#include <algorithm>

namespace GridDesk {

namespace {

const QString DAY_FORMAT = QStringLiteral("yyyy-MM-dd");

QDateEdit *makeDayEdit(QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(DAY_FORMAT);
    return edit;
}

} // namespace

PlanPeriodChooser::PlanPeriodChooser(QWidget *parent)
    : QWidget(parent)
    , m_today(QDateTime::currentDateTimeUtc().date())
    , m_choice(new QComboBox(this))
    , m_from(makeDayEdit(this))
    , m_to(makeDayEdit(this))
    , m_span(new QLabel(this))
{
    m_choice->setObjectName(QStringLiteral("planPeriodChoice"));
    m_from->setObjectName(QStringLiteral("planPeriodFrom"));
    m_to->setObjectName(QStringLiteral("planPeriodTo"));
    m_choice->addItem(tr("This week"), int(Choice::ThisWeek));
    m_choice->addItem(tr("This month"), int(Choice::ThisMonth));
    m_choice->addItem(tr("Last month"), int(Choice::LastMonth));
    m_choice->addItem(tr("Custom dates"), int(Choice::Custom));
    m_choice->setCurrentIndex(int(Choice::ThisMonth));
    m_choice->setToolTip(tr("The period the patrol plans are judged over."));
    m_from->setToolTip(tr("The first day judged (UTC)."));
    m_to->setToolTip(tr("The last day judged (UTC)."));
    m_from->setDate(m_today.addDays(-7));
    m_to->setDate(m_today.addDays(-1));
    m_span->setWordWrap(true);
    m_span->setObjectName(QStringLiteral("planPeriodSpan"));

    auto *label = new QLabel(tr("&Judge plans over:"), this);
    label->setBuddy(m_choice);
    auto *row = new QHBoxLayout;
    row->addWidget(label);
    row->addWidget(m_choice, 1);
    row->addWidget(m_from);
    //: between the first and the last day of a period
    row->addWidget(new QLabel(tr("to"), this));
    row->addWidget(m_to);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_span);

    connect(m_choice, &QComboBox::currentIndexChanged, this, &PlanPeriodChooser::update);
    connect(m_from, &QDateEdit::dateChanged, this, &PlanPeriodChooser::update);
    connect(m_to, &QDateEdit::dateChanged, this, &PlanPeriodChooser::update);
    update();
}

void PlanPeriodChooser::setToday(const QDate &day)
{
    m_today = day;
    update();
}

PlanPeriodChooser::Choice PlanPeriodChooser::choice() const
{
    return Choice(m_choice->currentData().toInt());
}

void PlanPeriodChooser::setChoice(Choice choice)
{
    m_choice->setCurrentIndex(m_choice->findData(int(choice)));
}

void PlanPeriodChooser::setCustomDates(const QDate &first, const QDate &last)
{
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_to->clearMinimumDate();
    m_from->setDate(first);
    m_to->setDate(last);
    if (choice() == Choice::Custom)
        update();
    else
        setChoice(Choice::Custom);
}

std::pair<QDate, QDate> PlanPeriodChooser::chosenPeriod() const
{
    switch (choice()) {
    case Choice::ThisWeek: {
        const QDate monday = m_today.addDays(1 - m_today.dayOfWeek());
        return {monday, monday.addDays(6)};
    }
    case Choice::ThisMonth: {
        const QDate start(m_today.year(), m_today.month(), 1);
        return {start, start.addMonths(1).addDays(-1)};
    }
    case Choice::LastMonth: {
        const QDate start = QDate(m_today.year(), m_today.month(), 1).addMonths(-1);
        return {start, start.addMonths(1).addDays(-1)};
    }
    case Choice::Custom:
    case Choice::Count:
        break;
    }
    return {m_from->date(), m_to->date()};
}

void PlanPeriodChooser::update()
{
    const bool custom = choice() == Choice::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (!custom) {
        // The edits show the chosen period, ready to be adjusted as custom dates.
        const auto [first, last] = chosenPeriod();
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_to->clearMinimumDate();
        m_from->setDate(first);
        m_to->setDate(last);
    }
    // The last day may not lie before the first: the edit refuses it rather than complain.
    m_to->setMinimumDate(m_from->date());

    const QDate first = chosenPeriod().first;
    const QDate last = std::min(chosenPeriod().second, m_today.addDays(-1));
    m_span->setText(last < first
            ? tr("Nothing of this period has ended yet: plans are judged on the days, weeks "
                 "and months that have ended.")
            //: %1 and %2 are days; plans are judged on the periods that have ended
            : tr("Judged from %1 to %2, on the days, weeks and months that have ended.")
                  .arg(first.toString(DAY_FORMAT), last.toString(DAY_FORMAT)));
    if (first == m_first && last == m_last)
        return;
    m_first = first;
    m_last = last;
    Q_EMIT periodChanged();
}

} // namespace GridDesk
