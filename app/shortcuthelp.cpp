// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "shortcuthelp.h"

#include "actionindex.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHash>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace GridDesk {

namespace {

enum Column { ActionColumn, KeysColumn, WhereColumn };

QString keysText(const QAction *action)
{
    QStringList keys;
    for (const QKeySequence &sequence : action->shortcuts())
        keys << sequence.toString(QKeySequence::NativeText);
    return keys.join(QStringLiteral(", "));
}

} // namespace

ShortcutHelp::ShortcutHelp(QMainWindow *window)
    : QDialog(window)
    , m_window(window)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("shortcutHelp"));
    setWindowTitle(tr("Keyboard shortcuts"));
    m_search->setObjectName(QStringLiteral("shortcutSearch"));
    m_search->setPlaceholderText(tr("Search actions, menus or keys"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("shortcutTable"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Action"), tr("Keys"), tr("Where")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(720, 620);
    connect(m_search, &QLineEdit::textChanged, this, &ShortcutHelp::applySearch);
}

void ShortcutHelp::showEvent(QShowEvent *event)
{
    refresh();
    QDialog::showEvent(event);
}

void ShortcutHelp::refresh()
{
    m_tree->clear();
    QHash<QString, QTreeWidgetItem *> groups;
    for (const ListedAction &listed : listWindowActions(m_window)) {
        if (!listed.action || listed.action->shortcut().isEmpty())
            continue;
        QTreeWidgetItem *&group = groups[listed.group()];
        if (!group) {
            group = new QTreeWidgetItem(m_tree, {listed.group()});
            group->setFirstColumnSpanned(true);
        }
        auto *item = new QTreeWidgetItem(
            group, {listed.text, keysText(listed.action), listed.path.join(QStringLiteral(" › "))});
        item->setToolTip(ActionColumn, listed.action->toolTip());
    }
    addFixedKeys();
    m_tree->expandAll();
    m_tree->resizeColumnToContents(KeysColumn);
    m_tree->resizeColumnToContents(WhereColumn);
    applySearch();
}

void ShortcutHelp::addFixedKeys()
{
    // Keys handled by the map and the palette themselves, not by actions.
    const QString map = tr("Map (when it has the focus)");
    const QList<std::pair<QString, QString>> mapKeys {
        {tr("Zoom in"), tr("+ or =, mouse wheel")},
        {tr("Zoom out"), tr("-, mouse wheel")},
        {tr("Pan"), tr("Arrow keys, drag")},
        {tr("Whole city"), tr("Home")},
        {tr("Select a case or grid"), tr("Click")},
        {tr("Zoom to a grid"), tr("Double-click")},
    };
    auto *mapGroup = new QTreeWidgetItem(m_tree, {map});
    mapGroup->setFirstColumnSpanned(true);
    for (const auto &[what, keys] : mapKeys)
        new QTreeWidgetItem(mapGroup, {what, keys, map});

    const QString palette = tr("Command palette");
    const QList<std::pair<QString, QString>> paletteKeys {
        {tr("Choose a command"), tr("Up, Down")},
        {tr("Run the chosen command"), tr("Enter")},
        {tr("Close the palette"), tr("Esc")},
    };
    auto *paletteGroup = new QTreeWidgetItem(m_tree, {palette});
    paletteGroup->setFirstColumnSpanned(true);
    for (const auto &[what, keys] : paletteKeys)
        new QTreeWidgetItem(paletteGroup, {what, keys, palette});
}

void ShortcutHelp::applySearch()
{
    const QStringList words = m_search->text().toLower().split(u' ', Qt::SkipEmptyParts);
    for (int top = 0; top < m_tree->topLevelItemCount(); ++top) {
        QTreeWidgetItem *group = m_tree->topLevelItem(top);
        int shown = 0;
        for (int child = 0; child < group->childCount(); ++child) {
            QTreeWidgetItem *item = group->child(child);
            const QString haystack = QStringList {group->text(ActionColumn),
                item->text(ActionColumn), item->text(KeysColumn), item->text(WhereColumn)}
                                         .join(u' ')
                                         .toLower();
            const bool matches = std::all_of(words.cbegin(), words.cend(),
                [&haystack](const QString &word) { return haystack.contains(word); });
            item->setHidden(!matches);
            shown += matches ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace GridDesk
