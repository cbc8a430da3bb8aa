// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QList>
#include <QPointer>
#include <QStringList>

class QAction;
class QMainWindow;

namespace GridDesk {

/// An action of a window as a person finds it: where it is in the menus.
struct ListedAction
{
    QPointer<QAction> action;
    QStringList path; ///< the menus leading to it, top menu first, without "&" marks
    QString text; ///< its text without "&" marks and without a trailing "…"

    /// The top menu, or the place it is reached from when it is in no menu.
    QString group() const { return path.value(0); }
};

/// Every action of window that a person can trigger, read at the time of the call: those of
/// the menu bar and its menus, in menu order, then the window's other actions with text (those
/// of toolbars and those added to the window for their shortcuts), grouped by their toolbar or
/// as the window's own. Separators, submenu entries and hidden actions are left out; each
/// action is listed once, at its first place.
QList<ListedAction> listWindowActions(QMainWindow *window);

/// text without the "&" that marks a mnemonic ("&&" stays one "&") and without a trailing
/// ellipsis.
QString plainActionText(const QString &text);

} // namespace GridDesk
