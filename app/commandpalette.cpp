// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "commandpalette.h"

#include "actionindex.h"

#include "cases/casetablemodel.h"
#include "mapview/mapcanvas.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace GridDesk {

namespace {

constexpr int MAX_GRID_ENTRIES = 20;
constexpr int PALETTE_WIDTH = 560;

bool matchesAllWords(const QString &haystack, const QStringList &words)
{
    return std::all_of(words.cbegin(), words.cend(),
        [&haystack](const QString &word) { return haystack.contains(word); });
}

} // namespace

CommandPalette::CommandPalette(QMainWindow *window, const CaseTableModel *cases, MapCanvas *canvas)
    : QFrame(window, Qt::Popup)
    , m_window(window)
    , m_cases(cases)
    , m_canvas(canvas)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    m_filter->setObjectName(QStringLiteral("paletteFilter"));
    m_filter->setPlaceholderText(tr("Type a command, \"case 1234\" or \"grid CODE\""));
    m_filter->installEventFilter(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setUniformItemSizes(true);
    m_hint->setObjectName(QStringLiteral("paletteHint"));
    m_hint->setText(tr("Enter runs the command · Up/Down choose · Esc closes"));
    QFont small = m_hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_hint->setFont(small);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_hint);
    resize(PALETTE_WIDTH, 380);

    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::refilter);
    connect(m_list, &QListWidget::itemActivated, this, [this] { triggerCurrent(); });
}

void CommandPalette::popUp()
{
    readActions();
    m_filter->clear();
    refilter();
    const QRect area = m_window->geometry();
    const int width = std::min(PALETTE_WIDTH, area.width() - 20);
    resize(width, height());
    const int top = m_window->menuBar()->isVisible() ? m_window->menuBar()->height() : 0;
    move(m_window->mapToGlobal(QPoint((m_window->width() - width) / 2, top + 8)));
    show();
    m_filter->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::readActions()
{
    m_actions.clear();
    for (const ListedAction &listed : listWindowActions(m_window)) {
        QAction *action = listed.action;
        // The palette's own action would only open it again.
        if (!action || !action->isEnabled()
            || action->objectName() == QLatin1String("paletteAction"))
            continue;
        Entry entry;
        entry.text = listed.text;
        entry.path = listed.path.join(QStringLiteral(" › "));
        entry.shortcut = action->shortcut().toString(QKeySequence::NativeText);
        entry.haystack = QStringList {entry.path, entry.text, entry.shortcut}.join(u' ').toLower();
        entry.action = action;
        m_actions.append(entry);
    }
}

std::optional<QString> CommandPalette::argumentAfter(
    const QString &typed, const QStringList &keywords)
{
    const QString trimmed = typed.trimmed();
    for (const QString &keyword : keywords) {
        if (trimmed.startsWith(keyword + u' ', Qt::CaseInsensitive))
            return trimmed.mid(keyword.size() + 1).trimmed();
    }
    return std::nullopt;
}

QList<CommandPalette::Entry> CommandPalette::caseEntries(const QString &number)
{
    if (number.isEmpty())
        return {};
    std::optional<int> row;
    bool numeric = false;
    const qint64 id = number.toLongLong(&numeric);
    if (numeric)
        row = m_cases->rowOf(id);
    // The queue shows imported cases by their number in the source feed.
    const CompactCaseList &cases = m_cases->cases();
    for (qsizetype at = 0; !row && at < cases.size(); ++at) {
        if (cases.externalId(at) == number)
            row = int(at);
    }
    if (!row)
        return {};
    const qint64 found = cases.id(*row);
    Entry entry;
    //: a command of the palette: %1 is a case, %2 its category
    entry.text = tr("Open case %1 (%2)")
                     .arg(m_cases->displayText(*row, CaseTableModel::Column::Id),
                         m_cases->displayText(*row, CaseTableModel::Column::Category));
    entry.path = tr("Case queue");
    entry.run = [this, found] {
        Q_EMIT caseRequested(found);
    };
    return {entry};
}

QList<CommandPalette::Entry> CommandPalette::gridEntries(const QString &wanted)
{
    const auto scene = m_canvas->scene();
    if (wanted.isEmpty() || !scene)
        return {};
    QList<Entry> entries;
    for (const MapScene::GridShape &grid : scene->grids()) {
        const bool matches = grid.code.startsWith(wanted, Qt::CaseInsensitive)
            || grid.name.contains(wanted, Qt::CaseInsensitive);
        if (!matches)
            continue;
        Entry entry;
        //: a command of the palette: %1 is a grid's code, %2 its name
        entry.text = tr("Go to grid %1 %2").arg(grid.code, grid.name);
        entry.path = tr("Map");
        entry.run = [this, code = grid.code] {
            Q_EMIT gridRequested(code);
        };
        // An exact code first.
        if (grid.code.compare(wanted, Qt::CaseInsensitive) == 0)
            entries.prepend(entry);
        else
            entries.append(entry);
        if (entries.size() >= MAX_GRID_ENTRIES)
            break;
    }
    return entries;
}

void CommandPalette::refilter()
{
    const QString typed = m_filter->text();
    m_shown.clear();
    //: keywords of the command palette, separated by "|": "case 1234" opens a case
    const QStringList caseWords =
        (QStringLiteral("case|") + tr("case", "palette keyword")).split(u'|');
    //: keywords of the command palette, separated by "|": "grid CODE" goes to a grid
    const QStringList gridWords =
        (QStringLiteral("grid|") + tr("grid", "palette keyword")).split(u'|');
    if (const auto number = argumentAfter(typed, caseWords))
        m_shown << caseEntries(*number);
    if (const auto grid = argumentAfter(typed, gridWords))
        m_shown << gridEntries(*grid);

    const QStringList words = typed.toLower().split(u' ', Qt::SkipEmptyParts);
    for (const Entry &entry : std::as_const(m_actions)) {
        if (matchesAllWords(entry.haystack, words))
            m_shown << entry;
    }

    m_list->clear();
    for (const Entry &entry : std::as_const(m_shown)) {
        QString line = entry.text;
        if (!entry.path.isEmpty())
            line += QStringLiteral("   — ") + entry.path;
        if (!entry.shortcut.isEmpty())
            line += QStringLiteral("   [") + entry.shortcut + u']';
        m_list->addItem(line);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

QStringList CommandPalette::shownTexts() const
{
    QStringList texts;
    for (const Entry &entry : m_shown)
        texts << entry.text;
    return texts;
}

bool CommandPalette::triggerCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_shown.size())
        return false;
    const Entry entry = m_shown.at(row);
    hide();
    // After the popup has gone, so that a dialog the command opens gets the focus.
    if (entry.action) {
        QTimer::singleShot(0, entry.action.data(), [action = entry.action] {
            if (action && action->isEnabled())
                action->trigger();
        });
    } else if (entry.run) {
        QTimer::singleShot(0, this, entry.run);
    }
    return true;
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_filter || event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const int count = m_list->count();
    switch (key->key()) {
    case Qt::Key_Down:
        if (count > 0)
            m_list->setCurrentRow((m_list->currentRow() + 1) % count);
        return true;
    case Qt::Key_Up:
        if (count > 0)
            m_list->setCurrentRow((m_list->currentRow() + count - 1) % count);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        triggerCurrent();
        return true;
    case Qt::Key_Escape:
        hide();
        return true;
    default:
        return QFrame::eventFilter(watched, event);
    }
}

} // namespace GridDesk
