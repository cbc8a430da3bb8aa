// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDateTime>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace GridDesk {

class RegisterBook;
class RegisterTableModel;
class Workspace;

/// A grid's page of the register: how many entries of each kind the grid (and the grids below
/// it) holds and how many are due a visit, and the entries themselves, personal data masked.
/// A leader or administrator may reveal it, giving a reason that goes into the reveal log.
class RegisterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RegisterPanel(QWidget *parent = nullptr);
    ~RegisterPanel() override;

    /// Opens the register of the workspace at path (its own connection); empty closes it.
    void setWorkspace(const QString &path);
    /// Who uses the desk: their name and role key decide whether a reveal is offered.
    void setUser(const QString &name, const QString &role);
    /// Shows the register of a grid (label as people know it); an empty code shows every entry.
    void showGrid(const QString &code, const QString &label = {});
    /// The moment against which entries are stale; now unless set (for tests and printouts).
    void setClock(const QDateTime &at) { m_at = at; }

    RegisterTableModel *model() const { return m_model; }
    QString countsText() const;
    bool mayReveal() const;
    bool isRevealed() const { return m_revealed; }

public Q_SLOTS:
    /// Shows the entries listed now unmasked after recording why; false (with a message) when
    /// the role may not or the reveal could not be recorded.
    bool revealWith(const QString &reason);
    void refresh();

Q_SIGNALS:
    void message(const QString &text);

private:
    void askAndReveal();
    QDateTime now() const;

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<RegisterBook> m_book;
    QString m_gridCode;
    QString m_userName;
    QString m_userRole;
    QDateTime m_at;
    bool m_revealed = false;

    QLabel *m_title = nullptr;
    QLabel *m_counts = nullptr;
    QComboBox *m_kind = nullptr;
    QCheckBox *m_staleOnly = nullptr;
    QPushButton *m_reveal = nullptr;
    QTableView *m_table = nullptr;
    RegisterTableModel *m_model = nullptr;
};

} // namespace GridDesk
