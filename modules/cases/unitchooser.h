// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "workflow/orgdirectory.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLineEdit;
class QListWidget;

namespace GridDesk {

/// Picks an org unit that exists, by typing part of its name or code; with co-units enabled,
/// also any number of other units that handle the case with it.
class UnitChooser : public QWidget
{
    Q_OBJECT

public:
    /// Offers the units of units that accept keeps (all when accept is empty).
    UnitChooser(const OrgDirectory &units, bool withCoUnits,
        const std::function<bool(const OrgUnit &)> &accept = {}, QWidget *parent = nullptr);

    /// The unit chosen; empty while the text names no unit on the list.
    QString unit() const;
    void setUnit(const QString &code);
    /// Checked co-units, in the order of the list, without the lead unit.
    QStringList coUnits() const;
    void setCoUnits(const QStringList &codes);

    QComboBox *unitCombo() const { return m_unit; }

Q_SIGNALS:
    void unitChanged(const QString &code);

private:
    void filterCoUnits(const QString &text);

    QComboBox *m_unit;
    QLineEdit *m_coUnitFilter = nullptr;
    QListWidget *m_coUnits = nullptr;
};

} // namespace GridDesk
