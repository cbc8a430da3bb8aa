// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "support/testsupport.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QColor>
#include <QDialog>
#include <QFile>
#include <QFont>
#include <QIcon>
#include <QTimer>

namespace GridDesk::Test {

inline QString flagLetters(Qt::ItemFlags flags)
{
    QString letters;
    letters += flags.testFlag(Qt::ItemIsEnabled) ? u'n' : u'-';
    letters += flags.testFlag(Qt::ItemIsSelectable) ? u's' : u'-';
    letters += flags.testFlag(Qt::ItemIsEditable) ? u'e' : u'-';
    letters += flags.testFlag(Qt::ItemIsDragEnabled) ? u'g' : u'-';
    letters += flags.testFlag(Qt::ItemIsDropEnabled) ? u'd' : u'-';
    return letters;
}

/// One cell: display text, then {icon} for a decoration, <i> for italic, a foreground colour,
/// the tooltip in «» with line breaks as " / ", and the flags.
inline QString dumpCell(const QAbstractItemModel &model, const QModelIndex &index)
{
    QString cell = index.data(Qt::DisplayRole).toString();
    if (index.data(Qt::DecorationRole).isValid())
        cell = QStringLiteral("{icon} ") + cell;
    if (index.data(Qt::FontRole).value<QFont>().italic())
        cell = QStringLiteral("<i> ") + cell;
    const QVariant foreground = index.data(Qt::ForegroundRole);
    if (foreground.isValid())
        cell += QStringLiteral(" %1").arg(foreground.value<QColor>().name());
    const QString tip = index.data(Qt::ToolTipRole).toString();
    if (!tip.isEmpty())
        cell += QStringLiteral(" «%1»").arg(tip.split(u'\n').join(QStringLiteral(" / ")));
    return QStringLiteral("%1 [%2]").arg(cell, flagLetters(model.flags(index)));
}

inline void dumpRows(
    const QAbstractItemModel &model, const QModelIndex &parent, int depth, QStringList &lines)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(parent); ++column)
            cells << dumpCell(model, model.index(row, column, parent));
        lines << QString(depth * 2, u' ') + cells.join(QStringLiteral(" | "));
        dumpRows(model, model.index(row, 0, parent), depth + 1, lines);
    }
}

/// The whole tree as text: the header, then a line per row indented by depth.
inline QString dumpTree(const QAbstractItemModel &model)
{
    QStringList header;
    for (int column = 0; column < model.columnCount(); ++column)
        header << model.headerData(column, Qt::Horizontal).toString();
    QStringList lines {header.join(QStringLiteral(" | "))};
    dumpRows(model, {}, 0, lines);
    return lines.join(u'\n') + u'\n';
}

/// Compares text with tests/data/standards/golden/name. With GRIDDESK_WRITE_GOLDEN=1 the file
/// is written instead and the comparison fails, so a new golden is read before it is committed.
inline bool matchesGolden(const QString &text, const QString &name)
{
    const QString path = dataPath(QStringLiteral("standards/golden/") + name);
    if (qEnvironmentVariableIntValue("GRIDDESK_WRITE_GOLDEN") == 1) {
        QFile out(path);
        if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            out.write(text.toUtf8());
        qWarning("wrote golden %s; read it, then run again without GRIDDESK_WRITE_GOLDEN",
            qPrintable(path));
        return false;
    }
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        qWarning("golden %s missing", qPrintable(path));
        return false;
    }
    const QStringList expected = QString::fromUtf8(in.readAll()).split(u'\n');
    const QStringList actual = text.split(u'\n');
    for (qsizetype line = 0; line < std::max(expected.size(), actual.size()); ++line) {
        if (expected.value(line) != actual.value(line)) {
            qWarning("golden %s differs at line %lld:\n  expected: %s\n  actual:   %s",
                qPrintable(name), line + 1, qPrintable(expected.value(line)),
                qPrintable(actual.value(line)));
            return false;
        }
    }
    return true;
}

/// Runs fill on the modal dialog of type Dialog the next action opens. When another or no
/// dialog is open, it is rejected so the test fails instead of hanging.
template<typename Dialog, typename Fill>
void whenDialog(Fill fill)
{
    QTimer::singleShot(0, [fill] {
        QWidget *modal = QApplication::activeModalWidget();
        auto *dialog = qobject_cast<Dialog *>(modal);
        if (!dialog) {
            qWarning("expected dialog not open (found %s)",
                modal ? modal->metaObject()->className() : "none");
            if (auto *other = qobject_cast<QDialog *>(modal))
                other->reject();
            return;
        }
        fill(dialog);
    });
}

} // namespace GridDesk::Test
