// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDialog>

class QListWidget;
class QPushButton;

namespace GridDesk {

class LayoutBook;

/// Window → Layouts → Manage layouts…: the saved window layouts in menu order, to rename or
/// delete. Changes are saved at once.
class LayoutsDialog : public QDialog
{
    Q_OBJECT

public:
    LayoutsDialog(LayoutBook &book, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    /// Renames the chosen layout to name; says why in a message box when it cannot.
    bool renameCurrent(const QString &name);
    void removeCurrent();

Q_SIGNALS:
    void renamed(const QString &from, const QString &to);
    void removed(const QString &name);

private:
    void fill(const QString &current = {});
    void askRename();
    void askRemove();
    void updateButtons();

    LayoutBook &m_book;
    QListWidget *m_list;
    QPushButton *m_renameButton;
    QPushButton *m_removeButton;
};

} // namespace GridDesk
