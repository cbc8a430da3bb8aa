// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "worktime/workcalendar.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace GridDesk {

/// Edits a working-time calendar: the working periods of a day, the weekend days, and year by
/// year the holidays and adjusted workdays of its schedule, which can also be imported from and
/// exported to the CSV form of WorkCalendar.
class CalendarEditor : public QWidget
{
    Q_OBJECT

public:
    explicit CalendarEditor(const WorkCalendar &calendar, QWidget *parent = nullptr);

    /// The calendar as edited; fails naming the working period that does not read.
    Result<WorkCalendar> calendar() const;

    /// Adds the days of the CSV file at path; on a bad file shows the error (which names the
    /// line) and changes nothing. Returns whether the file was read.
    bool importCsv(const QString &path);
    /// Writes the listed days of the shown year to path.
    bool exportCsv(const QString &path);

    /// Shows the days of year.
    void showYear(int year);

Q_SIGNALS:
    void changed();

private:
    QWidget *createHoursBox();
    QWidget *createDaysBox();
    void fillDays();
    void addDay();
    void removeDay();
    void chooseImport();
    void chooseExport();
    void showMessage(const QString &text, bool problem);

    WorkCalendar m_calendar; ///< weekend and days as edited; hours are read from the text
    QLineEdit *m_hours = nullptr;
    QHash<int, QCheckBox *> m_weekend; ///< by Qt::DayOfWeek
    QSpinBox *m_year = nullptr;
    QTableWidget *m_days = nullptr;
    QDateEdit *m_newDate = nullptr;
    QComboBox *m_newKind = nullptr;
    QLineEdit *m_newName = nullptr;
    QLabel *m_message;
};

} // namespace GridDesk
