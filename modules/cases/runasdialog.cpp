// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "runasdialog.h"

#include "unitchooser.h"

#include "workflow/terms.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

QString userText(const LocalUser &user, const OrgDirectory &units)
{
    const auto role = roleFromKey(user.role);
    const QString roleText = role ? roleName(*role) : user.role;
    if (user.unitCode.isEmpty())
        //: a local user and their role, e.g. "Wang Fang – Operator"
        return RunAsDialog::tr("%1 – %2").arg(user.name, roleText);
    //: a local user, their role and unit, e.g. "Li Lei – Unit handler, Street one"
    return RunAsDialog::tr("%1 – %2, %3")
        .arg(user.name, roleText, units.displayName(user.unitCode));
}

} // namespace

RunAsDialog::RunAsDialog(const QList<LocalUser> &users, const OrgDirectory &units,
    const QString &current, AddUser addUser, QWidget *parent)
    : QDialog(parent)
    , m_users(users)
    , m_units(units)
    , m_addUser(std::move(addUser))
    , m_list(new QListWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("runAsDialog"));
    setWindowTitle(tr("Run as"));
    m_list->setObjectName(QStringLiteral("users"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *runAs = buttons->addButton(tr("Run as this user"), QDialogButtonBox::AcceptRole);
    runAs->setObjectName(QStringLiteral("runAs"));
    runAs->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("The desk acts as one of the workspace's local users: their role and unit decide "
           "what they may do and what is in their inbox."),
        this));
    layout->addWidget(m_list, 1);
    layout->addWidget(createAddBox());
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    fillUsers(current);

    connect(runAs, &QPushButton::clicked, this, &RunAsDialog::runAs);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &RunAsDialog::runAs);
}

QWidget *RunAsDialog::createAddBox()
{
    auto *box = new QGroupBox(tr("Add a local user"), this);
    m_name = new QLineEdit(box);
    m_name->setObjectName(QStringLiteral("newUserName"));
    m_role = new QComboBox(box);
    m_role->setObjectName(QStringLiteral("newUserRole"));
    for (Role role : {Role::Operator, Role::Supervisor, Role::UnitHandler, Role::Leader})
        m_role->addItem(roleName(role), roleKey(role));
    m_unit = new UnitChooser(m_units, false, {}, box);
    m_unit->unitCombo()->setObjectName(QStringLiteral("newUserUnit"));
    auto *add = new QPushButton(tr("Add user"), box);
    add->setObjectName(QStringLiteral("addUser"));

    auto *form = new QFormLayout(box);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Role:"), m_role);
    form->addRow(tr("Unit:"), m_unit);
    form->addRow(QString(), add);
    connect(add, &QPushButton::clicked, this, &RunAsDialog::addUser);
    return box;
}

void RunAsDialog::fillUsers(const QString &select)
{
    m_list->clear();
    for (const LocalUser &user : std::as_const(m_users)) {
        auto *item = new QListWidgetItem(userText(user, m_units), m_list);
        item->setData(Qt::UserRole, user.name);
        if (user.name == select)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    if (m_users.isEmpty())
        showMessage(tr("This workspace has no users yet. Add the first one below."), false);
}

std::optional<LocalUser> RunAsDialog::chosen() const
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return std::nullopt;
    for (const LocalUser &user : m_users) {
        if (user.name == item->data(Qt::UserRole).toString())
            return user;
    }
    return std::nullopt;
}

void RunAsDialog::addUser()
{
    LocalUser user {m_name->text().trimmed(), m_role->currentData().toString(), m_unit->unit()};
    const QString typedUnit = m_unit->unitCombo()->currentText().trimmed();
    if (user.name.isEmpty())
        return showMessage(tr("Give the new user a name."), true);
    for (const LocalUser &existing : std::as_const(m_users)) {
        if (existing.name.compare(user.name, Qt::CaseInsensitive) == 0)
            return showMessage(tr("There is already a user called %1.").arg(existing.name), true);
    }
    if (user.unitCode.isEmpty() && !typedUnit.isEmpty())
        return showMessage(tr("\"%1\" is not an org unit of this workspace.").arg(typedUnit), true);
    if (user.unitCode.isEmpty() && user.role == roleKey(Role::UnitHandler))
        return showMessage(tr("A unit handler works for a unit: choose it."), true);

    if (m_addUser) {
        if (auto added = m_addUser(user); !added)
            return showMessage(added.error().message, true);
    }
    m_users << user;
    fillUsers(user.name);
    m_name->clear();
    showMessage(tr("%1 was added.").arg(user.name), false);
}

void RunAsDialog::runAs()
{
    const std::optional<LocalUser> user = chosen();
    if (!user)
        return showMessage(tr("Choose a user, or add one."), true);
    Q_EMIT userChosen(*user);
    accept();
}

void RunAsDialog::showMessage(const QString &message, bool problem)
{
    m_message->setText(message);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #9b1010; }") : QString());
    m_message->setVisible(true);
}

} // namespace GridDesk
