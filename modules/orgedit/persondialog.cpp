// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "persondialog.h"

#include "orgterms.h"

#include "domain/posts.h"
#include "org/personaldata.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace GridDesk {

namespace {

QStringList splitCodes(const QString &text)
{
    QStringList codes;
    for (const QString &part :
        text.split(QRegularExpression(QStringLiteral("[;,\\s]+")), Qt::SkipEmptyParts))
        codes << part;
    return codes;
}

} // namespace

PersonDialog::PersonDialog(const OrgChart &chart, const Person &person, QWidget *parent)
    : QDialog(parent)
    , m_chart(chart)
    , m_person(person)
    , m_name(new QLineEdit(person.name, this))
    , m_post(new QComboBox(this))
    , m_unit(new QLineEdit(person.unitCode, this))
    , m_unitName(new QLabel(this))
    , m_grids(new QLineEdit(person.gridCodes.join(QStringLiteral("; ")), this))
    , m_phone(new QLineEdit(maskedField(person, PersonalField::Phone), this))
    , m_idNumber(new QLineEdit(maskedField(person, PersonalField::IdNumber), this))
{
    setWindowTitle(person.id == 0 ? tr("Add person") : tr("Edit person"));
    for (int post = 0; post < int(Post::Count); ++post)
        m_post->addItem(postName(Post(post)), postKey(Post(post)));
    m_post->setCurrentIndex(std::max(0, m_post->findData(person.post)));

    QStringList codes;
    for (const ChartUnit &unit : chart.units()) {
        if (!unit.retired)
            codes << unit.code;
    }
    auto *completer = new QCompleter(codes, m_unit);
    completer->setFilterMode(Qt::MatchContains);
    m_unit->setCompleter(completer);
    m_grids->setPlaceholderText(tr("grid codes, separated by ; or spaces"));
    m_phone->setToolTip(tr("Left masked, the number on file is kept."));
    m_idNumber->setToolTip(m_phone->toolTip());

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Post:"), m_post);
    form->addRow(tr("&Unit code:"), m_unit);
    form->addRow(QString(), m_unitName);
    form->addRow(tr("&Grids:"), m_grids);
    form->addRow(tr("P&hone:"), m_phone);
    form->addRow(tr("&ID number:"), m_idNumber);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_unit, &QLineEdit::textChanged, this, &PersonDialog::showUnitName);
    showUnitName();
    setMinimumWidth(460);
}

void PersonDialog::showUnitName()
{
    const ChartUnit *unit = m_chart.unit(m_unit->text().trimmed());
    m_unitName->setText(unit ? unitTitle(*unit) : tr("No unit has this code."));
}

Person PersonDialog::person() const
{
    Person person = m_person;
    person.name = m_name->text().trimmed();
    person.post = m_post->currentData().toString();
    person.unitCode = m_unit->text().trimmed();
    person.gridCodes = splitCodes(m_grids->text());
    // A masked number was not retyped: the one on file stays.
    const QString phone = m_phone->text().trimmed();
    if (!phone.contains(u'*'))
        person.phone = phone;
    const QString idNumber = m_idNumber->text().trimmed();
    if (!idNumber.contains(u'*'))
        person.idNumber = idNumber;
    return person;
}

} // namespace GridDesk
