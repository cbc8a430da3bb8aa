// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QListWidget;

namespace GridDesk {

/// Chooses the category to move another one under, from the parents it may move to.
class ParentChooserDialog : public QDialog
{
    Q_OBJECT

public:
    /// choices are (code, title) pairs in tree order.
    ParentChooserDialog(const QString &moving, const QList<QPair<QString, QString>> &choices,
        QWidget *parent = nullptr);

    /// The code chosen, or empty.
    QString chosen() const;
    /// Picks the choice with this code; false when it is not offered.
    bool choose(const QString &code);
    QListWidget *list() const { return m_list; }

private:
    void filter(const QString &text);

    QLineEdit *m_search;
    QListWidget *m_list;
    QDialogButtonBox *m_buttons;
};

} // namespace GridDesk
