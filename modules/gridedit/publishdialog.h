// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "editions/grideditions.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace GridDesk {

/// Shows what publishing the draft would change, grid by grid and in total, asks for a note
/// and publishes. The dialog stays open, saying why, when publishing fails.
class PublishDialog : public QDialog
{
    Q_OBJECT

public:
    /// Publishes the draft with a note; the edition made, or why not.
    using Publisher = std::function<Result<GridEdition>(const QString &note)>;

    PublishDialog(const ImpactReport &impact, Publisher publisher, QWidget *parent = nullptr);

    QTableWidget *impactTable() const { return m_table; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QPushButton *publishButton() const { return m_publish; }
    /// The edition made, once published.
    std::optional<GridEdition> edition() const { return m_edition; }

public Q_SLOTS:
    void publish();

private:
    void fillTable(const ImpactReport &impact);

    Publisher m_publisher;
    QTableWidget *m_table;
    QLabel *m_totals;
    QPlainTextEdit *m_note;
    QLabel *m_error;
    QPushButton *m_publish;
    std::optional<GridEdition> m_edition;
};

} // namespace GridDesk
