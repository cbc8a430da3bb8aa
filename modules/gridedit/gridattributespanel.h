// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace GridDesk {

class GridEditSession;

/// The attributes of the one selected grid (code, name, level, parent, households,
/// population, supervisor), edited in place; Apply makes them an undoable edit.
class GridAttributesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit GridAttributesPanel(GridEditSession *session, QWidget *parent = nullptr);

    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *levelBox() const { return m_level; }
    QLineEdit *parentEdit() const { return m_parent; }
    QLineEdit *householdsEdit() const { return m_households; }
    QLineEdit *populationEdit() const { return m_population; }
    QLineEdit *supervisorEdit() const { return m_supervisor; }

public Q_SLOTS:
    /// Makes the edited attributes an edit of the draft; false when refused (with message).
    bool apply();
    /// Shows the selected grid's attributes again, dropping what was typed.
    void revert();

Q_SIGNALS:
    void message(const QString &text);

private:
    void showGrid(const std::optional<Grid> &grid);
    Grid edited() const;
    void updateButtons();

    GridEditSession *m_session;
    QString m_shownCode;
    QLabel *m_hint;
    QLineEdit *m_code;
    QLineEdit *m_name;
    QComboBox *m_level;
    QLineEdit *m_parent;
    QLineEdit *m_households;
    QLineEdit *m_population;
    QLineEdit *m_supervisor;
    QLabel *m_area;
    QDialogButtonBox *m_buttons;
    QWidget *m_form;
};

} // namespace GridDesk
