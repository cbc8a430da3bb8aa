// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridattributespanel.h"

#include "gridchanges.h"
#include "grideditsession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

std::optional<qint64> countFrom(const QLineEdit *edit)
{
    bool valid = false;
    const qint64 count = edit->text().trimmed().toLongLong(&valid);
    return valid ? std::optional<qint64>(count) : std::nullopt;
}

QString countText(const std::optional<qint64> &count)
{
    return count ? QString::number(*count) : QString();
}

} // namespace

GridAttributesPanel::GridAttributesPanel(GridEditSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_hint(new QLabel(this))
    , m_code(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_level(new QComboBox(this))
    , m_parent(new QLineEdit(this))
    , m_households(new QLineEdit(this))
    , m_population(new QLineEdit(this))
    , m_supervisor(new QLineEdit(this))
    , m_area(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Reset, this))
    , m_form(new QWidget(this))
{
    for (int level = 0; level < int(GridLevel::Count); ++level)
        m_level->addItem(gridLevelName(GridLevel(level)), level);
    auto *counts =
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,12}")), this);
    m_households->setValidator(counts);
    m_population->setValidator(counts);
    m_households->setPlaceholderText(tr("unknown"));
    m_population->setPlaceholderText(tr("unknown"));
    m_parent->setPlaceholderText(tr("none"));
    m_hint->setWordWrap(true);

    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Level:"), m_level);
    form->addRow(tr("&Parent:"), m_parent);
    form->addRow(tr("&Households:"), m_households);
    form->addRow(tr("P&opulation:"), m_population);
    form->addRow(tr("&Supervisor:"), m_supervisor);
    form->addRow(tr("Area:"), m_area);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_form);
    layout->addWidget(m_buttons);
    layout->addStretch();

    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
        &GridAttributesPanel::apply);
    connect(m_buttons->button(QDialogButtonBox::Reset), &QPushButton::clicked, this,
        &GridAttributesPanel::revert);
    for (QLineEdit *edit : {m_code, m_name, m_parent, m_households, m_population, m_supervisor}) {
        connect(edit, &QLineEdit::textEdited, this, &GridAttributesPanel::updateButtons);
        connect(edit, &QLineEdit::returnPressed, this, &GridAttributesPanel::apply);
    }
    connect(m_level, &QComboBox::activated, this, &GridAttributesPanel::updateButtons);
    connect(m_session, &GridEditSession::selectionChanged, this, &GridAttributesPanel::revert);
    connect(m_session, &GridEditSession::gridsChanged, this, &GridAttributesPanel::revert);
    connect(m_session, &GridEditSession::draftReset, this, &GridAttributesPanel::revert);
    revert();
}

void GridAttributesPanel::revert()
{
    const QStringList selected = m_session->selection();
    showGrid(selected.size() == 1 ? m_session->grid(selected.first()) : std::nullopt);
    if (selected.size() > 1)
        m_hint->setText(tr("%n grids are selected; select one to edit its attributes.", nullptr,
            int(selected.size())));
}

void GridAttributesPanel::showGrid(const std::optional<Grid> &grid)
{
    m_shownCode = grid ? grid->code : QString();
    m_form->setEnabled(grid.has_value());
    m_hint->setText(grid ? QString() : tr("Select a grid on the map to edit its attributes."));
    m_hint->setVisible(!grid);
    const Grid shown = grid.value_or(Grid());
    m_code->setText(shown.code);
    m_name->setText(shown.name);
    m_level->setCurrentIndex(grid ? m_level->findData(int(shown.level)) : -1);
    m_parent->setText(shown.parentCode);
    m_households->setText(countText(shown.households));
    m_population->setText(countText(shown.population));
    m_supervisor->setText(shown.supervisor);
    //: An area in square metres
    m_area->setText(grid ? tr("%1 m²").arg(QLocale().toString(shown.areaM2, 'f', 0)) : QString());
    updateButtons();
}

Grid GridAttributesPanel::edited() const
{
    Grid grid = m_session->grid(m_shownCode).value_or(Grid());
    grid.code = m_code->text().trimmed();
    grid.name = m_name->text().trimmed();
    grid.level = GridLevel(m_level->currentData().toInt());
    grid.parentCode = m_parent->text().trimmed();
    grid.households = countFrom(m_households);
    grid.population = countFrom(m_population);
    grid.supervisor = m_supervisor->text().trimmed();
    return grid;
}

void GridAttributesPanel::updateButtons()
{
    const auto shown = m_session->grid(m_shownCode);
    bool changed = false;
    if (shown) {
        const Grid now = edited();
        changed = now.code != shown->code || now.name != shown->name || now.level != shown->level
            || now.parentCode != shown->parentCode || now.households != shown->households
            || now.population != shown->population || now.supervisor != shown->supervisor;
    }
    m_buttons->setEnabled(changed);
}

bool GridAttributesPanel::apply()
{
    if (m_shownCode.isEmpty())
        return false;
    const Grid grid = edited();
    if (!grid.parentCode.isEmpty() && !m_session->grid(grid.parentCode)) {
        Q_EMIT message(tr("There is no grid %1 to be the parent.").arg(grid.parentCode));
        return false;
    }
    const auto change = GridChanges::attributes(*m_session, m_shownCode, grid);
    if (!change) {
        Q_EMIT message(change.error().message);
        return false;
    }
    const QString code = grid.code;
    if (!m_session->edit(*change))
        return false;
    m_session->setSelection({code});
    return true;
}

} // namespace GridDesk
