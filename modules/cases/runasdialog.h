// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"
#include "domain/orgunit.h"
#include "workflow/orgdirectory.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace GridDesk {

class UnitChooser;

/// Chooses the local user the workstation acts as (each with a role and an org unit), and
/// lets an administrator add one.
class RunAsDialog : public QDialog
{
    Q_OBJECT

public:
    /// Saves a new user; fails with a message for people.
    using AddUser = std::function<Result<void>(const LocalUser &)>;

    RunAsDialog(const QList<LocalUser> &users, const OrgDirectory &units, const QString &current,
        AddUser addUser, QWidget *parent = nullptr);

    std::optional<LocalUser> chosen() const;

Q_SIGNALS:
    void userChosen(const LocalUser &user);

private:
    QWidget *createAddBox();
    void fillUsers(const QString &select);
    void addUser();
    void runAs();
    void showMessage(const QString &message, bool problem);

    QList<LocalUser> m_users;
    OrgDirectory m_units;
    AddUser m_addUser;
    QListWidget *m_list;
    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    UnitChooser *m_unit = nullptr;
    QLabel *m_message;
};

} // namespace GridDesk
