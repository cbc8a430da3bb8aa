// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "addunitdialog.h"

#include "orgterms.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

AddUnitDialog::AddUnitDialog(
    const OrgChart &chart, const QString &parentCode, UnitKind kind, QWidget *parent)
    : QDialog(parent)
    , m_chart(chart)
    , m_parentCode(parentCode)
    , m_code(new QLineEdit(freeCode(chart, parentCode), this))
    , m_name(new QLineEdit(this))
    , m_tier(new QComboBox(this))
    , m_kind(new QComboBox(this))
    , m_reason(new QLabel(this))
{
    setWindowTitle(tr("Add unit"));
    setObjectName(QStringLiteral("addUnitDialog"));
    const ChartUnit *above = chart.unit(parentCode);
    for (int tier = 1; tier <= 6; ++tier)
        //: a tier in a list: %1 its number (1–6), %2 its name
        m_tier->addItem(tr("%1 – %2").arg(tier).arg(tierName(tier)), tier);
    m_tier->setCurrentIndex(above ? std::min(above->tier, 5) : 0);
    for (const UnitKind each : {UnitKind::Tier, UnitKind::Joint})
        m_kind->addItem(unitKindName(each), int(each));
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    m_reason->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("reasonLabel"));
    m_reason->setStyleSheet(QStringLiteral("color: #b03a2e"));

    auto *form = new QFormLayout;
    form->addRow(
        tr("Under:"), new QLabel(above ? unitTitle(*above) : tr("the top of the chart"), this));
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Tier:"), m_tier);
    form->addRow(tr("&Kind:"), m_kind);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_reason);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_code, &QLineEdit::textChanged, this, &AddUnitDialog::check);
    connect(m_name, &QLineEdit::textChanged, this, &AddUnitDialog::check);
    connect(m_tier, &QComboBox::currentIndexChanged, this, &AddUnitDialog::check);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AddUnitDialog::check);
    m_name->setFocus();
    check();
}

ChartUnit AddUnitDialog::unit() const
{
    ChartUnit unit;
    unit.code = m_code->text();
    unit.name = m_name->text().trimmed();
    unit.parentCode = m_parentCode;
    unit.tier = m_tier->currentData().toInt();
    unit.kind = UnitKind(m_kind->currentData().toInt());
    // A joint-handling unit serves the unit it is added under, to begin with.
    if (unit.kind == UnitKind::Joint && !m_parentCode.isEmpty())
        unit.linkedUnits = {m_parentCode};
    return unit;
}

QString AddUnitDialog::reason() const
{
    return m_reason->text();
}

QString AddUnitDialog::refusal() const
{
    const QString code = m_code->text();
    if (code.isEmpty())
        return tr("Enter a code for the unit.");
    const bool hasSpace =
        std::any_of(code.begin(), code.end(), [](QChar c) { return c.isSpace(); });
    if (hasSpace)
        return tr("A unit code has no spaces.");

    // The chart's own rules decide the rest: the unit is tried on a copy.
    OrgChart trial = m_chart;
    const auto tried = trial.putUnit(unit());
    return tried ? QString() : tried.error().message;
}

void AddUnitDialog::check()
{
    const QString why = refusal();
    m_reason->setText(why);
    m_reason->setVisible(!why.isEmpty());
    m_ok->setEnabled(why.isEmpty());
    m_ok->setToolTip(why);
}

QString AddUnitDialog::freeCode(const OrgChart &chart, const QString &parentCode)
{
    for (int number = chart.childCodes(parentCode).size() + 1;; ++number) {
        const QString code = parentCode.isEmpty()
            ? QStringLiteral("U%1").arg(number)
            : QStringLiteral("%1-%2").arg(parentCode).arg(number, 2, 10, QLatin1Char('0'));
        if (!chart.unit(code))
            return code;
    }
}

} // namespace GridDesk
