// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDate>
#include <QWidget>

#include <utility>

class QComboBox;
class QDateEdit;
class QLabel;

namespace GridDesk {

/// The period patrol plans are judged over, as the user chooses it: this week, this month,
/// last month or dates of their own. Only days that have ended are judged (a day, week or
/// month still running would count as missed), so the span ends yesterday at the latest.
/// Days are UTC days, as the tracks' start days are.
class PlanPeriodChooser : public QWidget
{
    Q_OBJECT

public:
    enum class Choice { ThisWeek, ThisMonth, LastMonth, Custom, Count };

    explicit PlanPeriodChooser(QWidget *parent = nullptr);

    /// The day the choices count from: today (UTC) unless set, for tests and replays.
    void setToday(const QDate &day);
    QDate today() const { return m_today; }

    Choice choice() const;
    void setChoice(Choice choice);
    /// Chooses Custom with the days from first to last.
    void setCustomDates(const QDate &first, const QDate &last);

    /// The first and the last day judged; last lies before first when nothing of the chosen
    /// period has ended yet.
    QDate first() const { return m_first; }
    QDate last() const { return m_last; }
    /// Whether the span holds at least one day.
    bool isEmpty() const { return m_last < m_first; }

    QComboBox *choiceCombo() const { return m_choice; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }

Q_SIGNALS:
    /// first() or last() changed.
    void periodChanged();

private:
    /// The whole period chosen, before the days that have not ended are cut off.
    std::pair<QDate, QDate> chosenPeriod() const;
    void update();

    QDate m_today;
    QDate m_first;
    QDate m_last;
    QComboBox *m_choice;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_span;
};

} // namespace GridDesk
