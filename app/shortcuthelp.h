// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDialog>

class QLineEdit;
class QMainWindow;
class QTreeWidget;

namespace GridDesk {

/// Help → Keyboard shortcuts: every action of the window that has a shortcut, read from the
/// window each time it is shown, so it lists what the menus hold now; grouped by menu, with
/// the keys of the map and of the command palette that are not actions. A search box narrows
/// it by action, menu or key. Not modal.
class ShortcutHelp : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutHelp(QMainWindow *window);

    /// Reads the window's actions again into the table.
    void refresh();
    QLineEdit *searchEdit() const { return m_search; }
    QTreeWidget *tree() const { return m_tree; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void addFixedKeys();
    void applySearch();

    QMainWindow *m_window;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
};

} // namespace GridDesk
