// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/grid.h"
#include "topology/gridedits.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QRadioButton;
class QSpinBox;
class QTimer;

namespace GridDesk {

/// Asks how to cut a base grid into fine grids, by a number of parts or a target area, and
/// shows how many fine grids that makes before they are made.
class SubdivideDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SubdivideDialog(const Grid &parent, QWidget *parentWidget = nullptr);

    GridEdits::SubdivideTarget target() const;
    QSpinBox *partsBox() const { return m_parts; }
    QDoubleSpinBox *areaBox() const { return m_area; }
    QRadioButton *byAreaButton() const { return m_byArea; }
    /// The number of fine grids the target makes now (0 when it makes none).
    int previewCount() const { return m_previewCount; }

public Q_SLOTS:
    /// Cuts the grid with the target as set, to count the pieces.
    void updatePreview();

private:
    Grid m_grid;
    QRadioButton *m_byParts;
    QRadioButton *m_byArea;
    QSpinBox *m_parts;
    QDoubleSpinBox *m_area;
    QLabel *m_preview;
    QTimer *m_previewTimer;
    int m_previewCount = 0;
};

} // namespace GridDesk
