// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QFrame>
#include <QList>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QMainWindow;

namespace GridDesk {

class CaseTableModel;
class MapCanvas;

/// The command palette (Ctrl+K): a small popup with a filter box over every enabled action of
/// the window, read when it opens, each shown with its menu path and shortcut. Words typed
/// match in any order; Up and Down move, Enter triggers, Esc closes. "case 1234" offers to
/// open a case of the queue by its number or its source id, "grid CODE" a grid of the map by
/// its code or name.
class CommandPalette : public QFrame
{
    Q_OBJECT

public:
    CommandPalette(QMainWindow *window, const CaseTableModel *cases, MapCanvas *canvas);

    /// Reads the window's actions, clears the filter and shows the palette at the top of the
    /// window with the focus in its filter box.
    void popUp();
    QLineEdit *filterEdit() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    /// The texts of the entries shown now, in order.
    QStringList shownTexts() const;
    /// Triggers the current entry and closes; false when there is none.
    bool triggerCurrent();

Q_SIGNALS:
    void caseRequested(qint64 id);
    void gridRequested(const QString &code);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Entry
    {
        QString text;
        QString path;
        QString shortcut;
        QString haystack; ///< what the words are looked for in, lower case
        QPointer<QAction> action;
        std::function<void()> run; ///< for entries that are not actions
    };

    void readActions();
    void refilter();
    QList<Entry> caseEntries(const QString &number);
    QList<Entry> gridEntries(const QString &wanted);
    /// The words of typed after a leading keyword, if typed starts with one of keywords.
    static std::optional<QString> argumentAfter(const QString &typed, const QStringList &keywords);

    QMainWindow *m_window;
    const CaseTableModel *m_cases;
    MapCanvas *m_canvas;
    QLineEdit *m_filter;
    QListWidget *m_list;
    QLabel *m_hint;
    QList<Entry> m_actions;
    QList<Entry> m_shown;
};

} // namespace GridDesk
