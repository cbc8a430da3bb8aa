// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "rejectedcommandsview.h"

#include "rejectedcommandsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace GridDesk {

RejectedCommandsView::RejectedCommandsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RejectedCommandsModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_message(new QLabel(this))
    , m_redo(new QPushButton(tr("Redo on the new state"), this))
    , m_discard(new QPushButton(tr("Discard"), this))
{
    setObjectName(QStringLiteral("rejectedCommands"));
    m_table->setObjectName(QStringLiteral("commands"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setVisible(false);
    m_redo->setObjectName(QStringLiteral("redo"));
    m_discard->setObjectName(QStringLiteral("discard"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    // Keeps the buttons at their size on the right while no message is shown.
    buttons->addStretch(0);
    buttons->addWidget(m_redo);
    buttons->addWidget(m_discard);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &RejectedCommandsView::updateButtons);
    connect(m_redo, &QPushButton::clicked, this, [this] {
        if (const auto entry = currentEntry())
            Q_EMIT redoRequested(entry->id);
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        if (const auto entry = currentEntry())
            Q_EMIT discardRequested(entry->id);
    });
    setEntries({});
}

void RejectedCommandsView::setEntries(const QList<Sync::OutboxEntry> &entries)
{
    const auto selected = currentEntry();
    m_model->setEntries(entries);
    m_table->resizeColumnsToContents();
    if (!selected || !selectEntry(selected->id)) {
        if (!entries.isEmpty())
            selectEntry(entries.first().id);
    }
    m_summary->setText(entries.isEmpty()
            ? tr("The server has applied or is still to answer every command of this desk; "
                 "none waits here.")
            : tr("The server did not apply %n command(s) of this desk. Redo each on the case as "
                 "it is now, or discard it.",
                nullptr, int(entries.size())));
    updateButtons();
}

void RejectedCommandsView::setActingUser(const QString &name, bool settlesAny)
{
    m_user = name;
    m_settlesAny = settlesAny;
    updateButtons();
}

bool RejectedCommandsView::maySettle(const Sync::OutboxEntry &entry) const
{
    if (m_user.isEmpty())
        return false;
    return m_settlesAny || entry.madeBy == m_user;
}

std::optional<Sync::OutboxEntry> RejectedCommandsView::currentEntry() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return m_model->entries().value(current.row());
}

bool RejectedCommandsView::selectEntry(qint64 entryId)
{
    const auto row = m_model->rowOf(entryId);
    if (!row)
        return false;
    m_table->setCurrentIndex(m_model->index(*row, 0));
    m_table->selectRow(*row);
    return true;
}

void RejectedCommandsView::showMessage(const QString &message, bool problem)
{
    m_message->setText(message);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #9b1010; }") : QString());
    m_message->setVisible(!message.isEmpty());
}

void RejectedCommandsView::updateButtons()
{
    const auto entry = currentEntry();
    const bool settles = entry && maySettle(*entry);
    const bool wholeRedoable = entry
        && (entry->kind == Sync::CommandKind::Org
            || (entry->kind == Sync::CommandKind::Register
                && entry->body.value(QLatin1String("action")).toString()
                    != QLatin1String("created")));
    m_redo->setEnabled(settles
        && ((entry->action != CaseAction::Report && entry->action != CaseAction::Attach
                && entry->kind == Sync::CommandKind::Case)
            || wholeRedoable));
    m_discard->setEnabled(settles);
    if (entry && !settles) {
        //: %1 is the person who made a rejected command
        const QString why = tr("%1 made this command; they, a supervisor or a leader settle it.")
                                .arg(entry->madeBy);
        m_redo->setToolTip(why);
        m_discard->setToolTip(why);
        return;
    }
    if (entry && entry->action == CaseAction::Attach) {
        m_redo->setToolTip(tr("Attach the file again to the case as it is now, then discard "
                              "this command."));
    } else if (entry && entry->kind == Sync::CommandKind::Edition) {
        m_redo->setToolTip(tr("The draft is still in the grid editor: fix what the server "
                              "found and publish it again, then discard this command."));
    } else if (entry && entry->kind == Sync::CommandKind::Org) {
        m_redo->setToolTip(tr("Put the units, people and groups this command changed as it "
                              "had them into the server's chart, and send that; everything "
                              "else stays as the server has it."));
    } else if (entry && entry->kind == Sync::CommandKind::Register) {
        m_redo->setToolTip(
            entry->body.value(QLatin1String("action")).toString() == QLatin1String("created")
                ? tr("A refused new entry cannot be made again as it was: add it again with what "
                     "the server needs, or merge it with the entry it duplicates, then discard "
                     "this command.")
                : tr("Make the change again on the entry as the server left it; it goes out "
                     "with the next sync."));
    } else {
        m_redo->setToolTip(entry && entry->action == CaseAction::Report
                ? tr("A rejected report cannot be redone as it was; report the case again with "
                     "what the server needs, or discard it.")
                : tr("Take the action again on the case as the server left it; it goes out "
                     "with the next sync."));
    }
    m_discard->setToolTip(tr("Set the action aside for good; it stays listed in the outbox."));
}

} // namespace GridDesk
