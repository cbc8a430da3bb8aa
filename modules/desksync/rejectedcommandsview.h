// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "sync/outbox.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace GridDesk {

class RejectedCommandsModel;

/// The rejected commands of the desk with the choices for each: redo it on the case as it is
/// now, or discard it. Who acts at the desk settles the commands they made; a supervisor or a
/// leader settles anyone's. The owner carries the choices out (redoRequested,
/// discardRequested) and shows the outcome with showMessage().
class RejectedCommandsView : public QWidget
{
    Q_OBJECT

public:
    explicit RejectedCommandsView(QWidget *parent = nullptr);

    /// Shows entries; the command selected before stays selected while it is among them.
    void setEntries(const QList<Sync::OutboxEntry> &entries);
    void setActingUser(const QString &name, bool settlesAny);
    bool maySettle(const Sync::OutboxEntry &entry) const;

    RejectedCommandsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    std::optional<Sync::OutboxEntry> currentEntry() const;
    bool selectEntry(qint64 entryId);
    void showMessage(const QString &message, bool problem);

Q_SIGNALS:
    void redoRequested(qint64 entryId);
    void discardRequested(qint64 entryId);

private:
    void updateButtons();

    RejectedCommandsModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
    QLabel *m_message;
    QPushButton *m_redo;
    QPushButton *m_discard;
    QString m_user;
    bool m_settlesAny = false;
};

} // namespace GridDesk
