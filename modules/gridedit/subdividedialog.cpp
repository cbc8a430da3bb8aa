// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "subdividedialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace GridDesk {

namespace {
constexpr int PREVIEW_DELAY_MS = 250;
constexpr int MAX_PARTS = 10000;
constexpr int DEFAULT_PARTS = 8;
} // namespace

SubdivideDialog::SubdivideDialog(const Grid &parent, QWidget *parentWidget)
    : QDialog(parentWidget)
    , m_grid(parent)
    , m_byParts(new QRadioButton(tr("Into about this many &parts:"), this))
    , m_byArea(new QRadioButton(tr("Into parts of about this &area:"), this))
    , m_parts(new QSpinBox(this))
    , m_area(new QDoubleSpinBox(this))
    , m_preview(new QLabel(this))
    , m_previewTimer(new QTimer(this))
{
    //: %1 is a grid name, %2 its code
    setWindowTitle(tr("Subdivide %1 (%2)").arg(parent.name, parent.code));
    m_parts->setRange(2, MAX_PARTS);
    m_parts->setValue(DEFAULT_PARTS);
    m_area->setRange(100.0, std::max(1000.0, parent.areaM2));
    m_area->setDecimals(0);
    m_area->setSingleStep(1000.0);
    m_area->setGroupSeparatorShown(true);
    m_area->setSuffix(tr(" m²"));
    m_area->setValue(std::clamp(parent.areaM2 / DEFAULT_PARTS, 100.0, m_area->maximum()));
    m_byParts->setChecked(true);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PREVIEW_DELAY_MS);

    auto *intro = new QLabel(tr("The base grid of %1 m² is cut into a lattice of squares; "
                                "slivers are merged into their neighbours. Fine grids it has "
                                "now are replaced.")
                                 .arg(QLocale().toString(parent.areaM2, 'f', 0)),
        this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_byParts, m_parts);
    form->addRow(m_byArea, m_area);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Subdivide"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_previewTimer, &QTimer::timeout, this, &SubdivideDialog::updatePreview);
    const auto schedule = [this] {
        m_previewTimer->start();
    };
    connect(m_parts, &QSpinBox::valueChanged, this, schedule);
    connect(m_area, &QDoubleSpinBox::valueChanged, this, schedule);
    connect(m_byParts, &QRadioButton::toggled, this, schedule);
    connect(m_byParts, &QRadioButton::toggled, m_parts, &QWidget::setEnabled);
    connect(m_byArea, &QRadioButton::toggled, m_area, &QWidget::setEnabled);
    m_area->setEnabled(false);
    updatePreview();
}

GridEdits::SubdivideTarget SubdivideDialog::target() const
{
    GridEdits::SubdivideTarget target;
    if (m_byParts->isChecked())
        target.parts = m_parts->value();
    else
        target.areaM2 = m_area->value();
    return target;
}

void SubdivideDialog::updatePreview()
{
    m_previewTimer->stop();
    const auto fine = GridEdits::subdivide(m_grid, target());
    m_previewCount = fine ? int(fine->size()) : 0;
    if (!fine) {
        m_preview->setText(fine.error().message);
        return;
    }
    const double average = m_previewCount > 0 ? m_grid.areaM2 / m_previewCount : 0.0;
    //: %n fine grids, %1 their average area in square metres
    m_preview->setText(tr("Makes %n fine grids of %1 m² on average.", nullptr, m_previewCount)
                           .arg(QLocale().toString(average, 'f', 0)));
}

} // namespace GridDesk
