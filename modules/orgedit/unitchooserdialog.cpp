// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "unitchooserdialog.h"

#include "orgterms.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

namespace {
constexpr int CODE_ROLE = Qt::UserRole + 1;
} // namespace

UnitChooserDialog::UnitChooserDialog(const OrgChart &chart, const QStringList &offered,
    bool offerTop, const QString &prompt, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_explanation(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(prompt, this);
    label->setWordWrap(true);
    layout->addWidget(label);
    m_filter->setPlaceholderText(tr("Filter by code or name"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    m_explanation->setWordWrap(true);
    m_explanation->hide();
    layout->addWidget(m_explanation);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);

    if (offerTop) {
        auto *top = new QListWidgetItem(tr("(the top of the chart)"), m_list);
        top->setData(CODE_ROLE, QString(""));
    }
    for (const QString &code : offered) {
        const ChartUnit *unit = chart.unit(code);
        if (!unit)
            continue;
        //: %1 is a unit's name and code, %2 its tier number
        auto *item =
            new QListWidgetItem(tr("%1 — tier %2").arg(unitTitle(*unit)).arg(unit->tier), m_list);
        item->setData(CODE_ROLE, code);
        item->setData(Qt::DecorationRole, unitColour(*unit));
    }
    if (m_list->count() == 0)
        new QListWidgetItem(tr("No unit can be chosen here."), m_list);

    const auto updateOk = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(chosen().has_value());
    };
    connect(m_list, &QListWidget::currentRowChanged, this, updateOk);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (chosen())
            accept();
    });
    connect(m_filter, &QLineEdit::textChanged, this, &UnitChooserDialog::filter);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
    resize(520, 480);
}

void UnitChooserDialog::filter(const QString &text)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

std::optional<QString> UnitChooserDialog::chosen() const
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || item->isHidden() || !item->data(CODE_ROLE).isValid())
        return std::nullopt;
    return item->data(CODE_ROLE).toString();
}

void UnitChooserDialog::choose(const QString &code)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(CODE_ROLE).toString() == code) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void UnitChooserDialog::setExplanation(const QString &text)
{
    m_explanation->setText(text);
    m_explanation->setVisible(!text.isEmpty());
}

} // namespace GridDesk
