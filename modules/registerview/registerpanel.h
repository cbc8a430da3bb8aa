// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace GridDesk {

class RegisterBook;
class RegisterMappingDialog;
class RegisterTableModel;
class Workspace;

/// A grid's page of the register: how many entries of each kind the grid (and the grids below
/// it) holds and how many are due a visit, and the entries themselves, personal data masked.
/// A leader or administrator may reveal it, giving a reason that goes into the reveal log.
/// Below the table, the cases linked to the chosen entry; double-clicking one opens it.
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
    QTableView *table() const { return m_table; }
    /// The cases of the entry chosen in the table, newest first.
    QListWidget *entryCases() const { return m_cases; }
    /// The import dialog while it is open.
    RegisterMappingDialog *importDialog() const;

public Q_SLOTS:
    /// Shows the entries listed now unmasked after recording why; false (with a message) when
    /// the role may not or the reveal could not be recorded.
    bool revealWith(const QString &reason);
    /// Opens the dialog that imports a file into the register, mapping its columns.
    void startImport();
    void refresh();

Q_SIGNALS:
    void message(const QString &text);
    /// The user wants to see one of an entry's cases.
    void caseRequested(qint64 caseId);
    /// Entries were added or changed here (an import): a workspace that syncs sends them.
    void registerChanged();

private:
    void askAndReveal();
    void showCasesOfCurrent();
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
    QLineEdit *m_search = nullptr;
    QCheckBox *m_staleOnly = nullptr;
    QPushButton *m_reveal = nullptr;
    QPushButton *m_import = nullptr;
    QTableView *m_table = nullptr;
    RegisterTableModel *m_model = nullptr;
    QLabel *m_casesTitle = nullptr;
    QListWidget *m_cases = nullptr;
    QPointer<RegisterMappingDialog> m_importDialog;
};

} // namespace GridDesk
