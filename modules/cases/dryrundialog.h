// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "workflow/dispatchdryrun.h"

#include <QDate>
#include <QDialog>

#include <functional>
#include <optional>

class QCheckBox;
class QDateEdit;
class QLabel;
class QTableWidget;

namespace GridDesk {

/// Tries a rule table on past cases, between two dates or over all of them, and shows what
/// each rule would have done and the first cases it would have sent elsewhere. Changes nothing.
class DryRunDialog : public QDialog
{
    Q_OBJECT

public:
    /// Runs the rules over the cases reported from (to) a date, either open.
    using Runner =
        std::function<Result<DryRunReport>(std::optional<QDate> from, std::optional<QDate> to)>;

    explicit DryRunDialog(Runner runner, QWidget *parent = nullptr);

    /// Runs with the dates as set and shows the report or the failure.
    void run();

private:
    void showReport(const DryRunReport &report);

    Runner m_runner;
    QCheckBox *m_useFrom;
    QDateEdit *m_from;
    QCheckBox *m_useTo;
    QDateEdit *m_to;
    QLabel *m_summary;
    QTableWidget *m_rules;
    QTableWidget *m_differences;
};

} // namespace GridDesk
