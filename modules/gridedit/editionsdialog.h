// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "editions/grideditions.h"

#include <QDialog>

class QPushButton;
class QTableWidget;

namespace GridDesk {

/// The published editions of the grid map, newest first, with what each changed; a past
/// edition can be shown on the map to look at.
class EditionsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit EditionsDialog(const QList<GridEdition> &editions, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// The edition of the current row; 0 when none is picked.
    int currentEdition() const;

Q_SIGNALS:
    void showOnMapRequested(int edition);

private:
    QString lineageText(const QList<LineageLink> &lineage) const;

    QTableWidget *m_table;
    QPushButton *m_show;
};

} // namespace GridDesk
