// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "groupdialog.h"

#include "orgterms.h"

#include "domain/posts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>

namespace GridDesk {

namespace {
constexpr int KEY_ROLE = Qt::UserRole + 1;

void addCheckable(QListWidget *list, const QString &text, const QVariant &key, bool checked)
{
    auto *item = new QListWidgetItem(text, list);
    item->setData(KEY_ROLE, key);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}
} // namespace

GroupDialog::GroupDialog(const OrgChart &chart, const OrgGroup &group, QWidget *parent)
    : QDialog(parent)
    , m_group(group)
    , m_name(new QLineEdit(group.name, this))
    , m_kind(new QComboBox(this))
    , m_remit(new QPlainTextEdit(group.remit, this))
    , m_units(new QListWidget(this))
    , m_people(new QListWidget(this))
{
    setWindowTitle(group.id == 0 ? tr("Set up group") : tr("Edit group"));
    for (GroupKind kind : {GroupKind::Coordination, GroupKind::Leading})
        m_kind->addItem(groupKindName(kind), int(kind));
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(int(group.kind))));
    m_remit->setMaximumHeight(70);
    offerUnits(chart);
    offerPeople(chart);

    auto *form = new QFormLayout(this);
    const ChartUnit *owner = chart.unit(group.unitCode);
    form->addRow(tr("Set up by:"), new QLineEdit(owner ? unitTitle(*owner) : group.unitCode));
    form->itemAt(form->rowCount() - 1, QFormLayout::FieldRole)->widget()->setEnabled(false);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Remit:"), m_remit);
    form->addRow(tr("Member &units:"), m_units);
    form->addRow(tr("Member &people:"), m_people);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 600);
}

void GroupDialog::offerUnits(const OrgChart &chart)
{
    QStringList offered;
    for (QString code = m_group.unitCode; !code.isEmpty();) {
        offered.prepend(code);
        const ChartUnit *unit = chart.unit(code);
        code = unit && !offered.contains(unit->parentCode) ? unit->parentCode : QString();
    }
    offered << chart.childCodes(m_group.unitCode);
    for (const ChartUnit &joint : chart.jointUnitsFor(m_group.unitCode))
        offered << joint.code;
    for (const QString &member : m_group.memberUnits) {
        if (!offered.contains(member))
            offered << member;
    }
    for (const QString &code : offered) {
        const ChartUnit *unit = chart.unit(code);
        if (unit && (!unit->retired || m_group.memberUnits.contains(code)))
            addCheckable(m_units, unitTitle(*unit), code, m_group.memberUnits.contains(code));
    }
}

void GroupDialog::offerPeople(const OrgChart &chart)
{
    QList<qint64> offered;
    for (int row = 0; row < m_units->count(); ++row) {
        for (const Person &person : chart.peopleOf(m_units->item(row)->data(KEY_ROLE).toString()))
            offered << person.id;
    }
    for (qint64 member : m_group.memberPeople) {
        if (!offered.contains(member))
            offered << member;
    }
    for (qint64 id : offered) {
        const Person *person = chart.person(id);
        if (!person)
            continue;
        const auto post = postFromKey(person->post);
        //: %1 is a person's name, %2 their post, %3 their unit's code
        const QString text =
            tr("%1 — %2, %3")
                .arg(person->name, post ? postName(*post) : person->post, person->unitCode);
        addCheckable(m_people, text, id, m_group.memberPeople.contains(id));
    }
}

OrgGroup GroupDialog::group() const
{
    OrgGroup group = m_group;
    group.name = m_name->text().trimmed();
    group.kind = GroupKind(m_kind->currentData().toInt());
    group.remit = m_remit->toPlainText().trimmed();
    group.memberUnits.clear();
    for (int row = 0; row < m_units->count(); ++row) {
        if (m_units->item(row)->checkState() == Qt::Checked)
            group.memberUnits << m_units->item(row)->data(KEY_ROLE).toString();
    }
    group.memberPeople.clear();
    for (int row = 0; row < m_people->count(); ++row) {
        if (m_people->item(row)->checkState() == Qt::Checked)
            group.memberPeople << m_people->item(row)->data(KEY_ROLE).toLongLong();
    }
    return group;
}

} // namespace GridDesk
