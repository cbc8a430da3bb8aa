// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "org/orgchart.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;

namespace GridDesk {

/// Picks one unit out of the ones offered (a move's allowed parents, a merge's survivors),
/// with a filter by code or name; optionally "the top of the chart".
class UnitChooserDialog : public QDialog
{
    Q_OBJECT

public:
    UnitChooserDialog(const OrgChart &chart, const QStringList &offered, bool offerTop,
        const QString &prompt, QWidget *parent = nullptr);

    /// The chosen unit's code (empty for the top), or nothing while none is chosen.
    std::optional<QString> chosen() const;
    void choose(const QString &code);
    /// A sentence under the list, for what the choice will do.
    void setExplanation(const QString &text);
    QListWidget *list() const { return m_list; }

private:
    void filter(const QString &text);

    QLineEdit *m_filter;
    QListWidget *m_list;
    QLabel *m_explanation;
};

} // namespace GridDesk
