// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "actionindex.h"

#include <QAction>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QToolBar>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::ActionIndex)
};

void listMenu(
    QMenu *menu, const QStringList &path, QList<ListedAction> &listed, QSet<QAction *> &seen)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        if (QMenu *submenu = action->menu()) {
            listMenu(submenu, path + QStringList {plainActionText(action->text())}, listed, seen);
            continue;
        }
        if (action->text().isEmpty() || seen.contains(action))
            continue;
        seen.insert(action);
        listed.append({action, path, plainActionText(action->text())});
    }
}

/// Actions of the window itself and of its toolbars, and actions that a widget inside it
/// carries for their shortcut (the map's tools, say).
bool isOwnAction(QAction *action, QMainWindow *window)
{
    const QList<QObject *> objects = action->associatedObjects();
    for (QObject *object : objects) {
        if (object == window || qobject_cast<QToolBar *>(object))
            return true;
    }
    return !action->shortcut().isEmpty() && !objects.isEmpty();
}

QString placeOf(QAction *action)
{
    for (QObject *object : action->associatedObjects()) {
        if (auto *toolBar = qobject_cast<QToolBar *>(object))
            return plainActionText(toolBar->windowTitle());
    }
    for (QObject *object : action->associatedObjects()) {
        auto *widget = qobject_cast<QWidget *>(object);
        if (widget && !widget->isWindow() && !widget->accessibleName().isEmpty())
            return widget->accessibleName();
    }
    return Tr::tr("Window");
}

} // namespace

QString plainActionText(const QString &text)
{
    // Chinese menus put the mnemonic after the words, in brackets: "切换用户(&U)".
    static const QRegularExpression bracketed(QStringLiteral("\\(&[^&)]\\)"));
    const QString words = QString(text).remove(bracketed);
    QString plain;
    plain.reserve(words.size());
    for (qsizetype at = 0; at < words.size(); ++at) {
        if (words[at] == u'&' && at + 1 < words.size())
            ++at;
        plain += words[at];
    }
    if (plain.endsWith(QChar(0x2026)))
        plain.chop(1);
    else if (plain.endsWith(QLatin1String("...")))
        plain.chop(3);
    return plain.trimmed();
}

QList<ListedAction> listWindowActions(QMainWindow *window)
{
    QList<ListedAction> listed;
    QSet<QAction *> seen;
    for (QAction *top : window->menuBar()->actions()) {
        if (QMenu *menu = top->menu(); menu && top->isVisible())
            listMenu(menu, {plainActionText(top->text())}, listed, seen);
    }
    const QList<QAction *> all = window->findChildren<QAction *>();
    for (QAction *action : all) {
        const bool offered = !action->isSeparator() && !action->menu() && !action->text().isEmpty()
            && action->isVisible() && isOwnAction(action, window);
        if (!offered || seen.contains(action))
            continue;
        seen.insert(action);
        listed.append({action, {placeOf(action)}, plainActionText(action->text())});
    }
    return listed;
}

} // namespace GridDesk
