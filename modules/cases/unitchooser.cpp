// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "unitchooser.h"

#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {
QString entry(const OrgUnit &unit)
{
    //: an org unit in a list: its name and code, e.g. "Street one (street-1)"
    return unit.name.isEmpty() ? unit.code : UnitChooser::tr("%1 (%2)").arg(unit.name, unit.code);
}
} // namespace

UnitChooser::UnitChooser(const OrgDirectory &units, bool withCoUnits,
    const std::function<bool(const OrgUnit &)> &accept, QWidget *parent)
    : QWidget(parent)
    , m_unit(new QComboBox(this))
{
    m_unit->setObjectName(QStringLiteral("unit"));
    m_unit->setEditable(true);
    m_unit->setInsertPolicy(QComboBox::NoInsert);
    m_unit->completer()->setFilterMode(Qt::MatchContains);
    m_unit->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_unit->lineEdit()->setPlaceholderText(tr("Type part of a unit's name or code"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_unit);

    // Retired units keep their past cases but are offered for nothing new.
    for (const OrgUnit &unit : units.units()) {
        if (!unit.retired && (!accept || accept(unit)))
            m_unit->addItem(entry(unit), unit.code);
    }
    m_unit->setCurrentIndex(-1);
    connect(m_unit, &QComboBox::currentTextChanged, this, [this] { Q_EMIT unitChanged(unit()); });
    if (!withCoUnits)
        return;

    m_coUnitFilter = new QLineEdit(this);
    m_coUnitFilter->setObjectName(QStringLiteral("coUnitFilter"));
    m_coUnitFilter->setPlaceholderText(tr("Filter units"));
    m_coUnitFilter->setClearButtonEnabled(true);
    m_coUnits = new QListWidget(this);
    m_coUnits->setObjectName(QStringLiteral("coUnits"));
    m_coUnits->setMaximumHeight(m_coUnits->fontMetrics().height() * 8);
    for (const OrgUnit &unit : units.units()) {
        if (unit.retired)
            continue;
        auto *item = new QListWidgetItem(entry(unit), m_coUnits);
        item->setData(Qt::UserRole, unit.code);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    layout->addWidget(new QLabel(tr("Handled jointly with (optional):"), this));
    layout->addWidget(m_coUnitFilter);
    layout->addWidget(m_coUnits);
    connect(m_coUnitFilter, &QLineEdit::textChanged, this, &UnitChooser::filterCoUnits);
}

QString UnitChooser::unit() const
{
    // Typed text counts only when it is exactly an entry of the list, or an entry's code.
    const QString typed = m_unit->currentText().trimmed();
    for (int index = 0; index < m_unit->count(); ++index) {
        const QString code = m_unit->itemData(index).toString();
        if (typed == m_unit->itemText(index) || typed == code)
            return code;
    }
    return {};
}

void UnitChooser::setUnit(const QString &code)
{
    m_unit->setCurrentIndex(m_unit->findData(code));
}

QStringList UnitChooser::coUnits() const
{
    QStringList codes;
    if (!m_coUnits)
        return codes;
    const QString lead = unit();
    for (int row = 0; row < m_coUnits->count(); ++row) {
        const QListWidgetItem *item = m_coUnits->item(row);
        const QString code = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked && code != lead)
            codes << code;
    }
    return codes;
}

void UnitChooser::setCoUnits(const QStringList &codes)
{
    if (!m_coUnits)
        return;
    for (int row = 0; row < m_coUnits->count(); ++row) {
        QListWidgetItem *item = m_coUnits->item(row);
        const bool chosen = codes.contains(item->data(Qt::UserRole).toString());
        item->setCheckState(chosen ? Qt::Checked : Qt::Unchecked);
    }
}

void UnitChooser::filterCoUnits(const QString &text)
{
    for (int row = 0; row < m_coUnits->count(); ++row) {
        QListWidgetItem *item = m_coUnits->item(row);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

} // namespace GridDesk
