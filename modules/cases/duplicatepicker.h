// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "domain/error.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QSpinBox;
class QTreeWidget;

namespace GridDesk {

/// Lists open cases that may report the same problem as the case at hand (same category,
/// near it, reported about the same time), with the distance and time span adjustable, and
/// lets the operator pick one.
class DuplicatePicker : public QWidget
{
    Q_OBJECT

public:
    using Finder = std::function<Result<QList<CaseRecord>>(double metres, double hours)>;

    static constexpr int DEFAULT_METRES = 100;
    static constexpr int DEFAULT_HOURS = 72;

    explicit DuplicatePicker(Finder finder, QWidget *parent = nullptr);

    /// The case picked, if any.
    std::optional<qint64> chosen() const;
    int candidateCount() const;

    /// Looks again with the distance and hours set now.
    void search();

Q_SIGNALS:
    void chosenChanged();

private:
    Finder m_finder;
    QSpinBox *m_metres;
    QSpinBox *m_hours;
    QTreeWidget *m_list;
    QLabel *m_status;
};

} // namespace GridDesk
