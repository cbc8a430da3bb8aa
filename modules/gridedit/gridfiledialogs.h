// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/gridlevel.h"
#include "gis/gridexport.h"
#include "ingest/gridimporter.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace GridDesk {

/// Asks where and how to export the grids: the file (its extension picks the format), one
/// level or all, the coordinate system (WGS84, CGCS2000, a projected CRS or any EPSG code or
/// PROJ string typed in) and, for shapefiles, the text encoding.
class ExportGridsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportGridsDialog(QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    std::optional<GridLevel> level() const;
    /// The options for exportGrids(); overwrite is set when the person agreed to replace the
    /// file.
    GridExportOptions options() const;

    void accept() override;

private:
    void browse();
    void updateState();

    QLineEdit *m_path;
    QComboBox *m_level;
    QComboBox *m_crs;
    QComboBox *m_encoding;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    bool m_overwrite = false;
};

/// Asks which file to bring into the draft and how to read it: the level its grids are, the
/// fields holding codes, names and parents (chosen from the file's own fields), the text
/// encoding and the coordinate system when the file does not say.
class ImportGridsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportGridsDialog(QWidget *parent = nullptr);

    QString path() const;
    /// Reads the fields of the file at path into the field choices; false, with the reason
    /// shown, when the file cannot be read.
    bool setPath(const QString &path);
    GridImportOptions options() const;

private:
    void browse();
    void updateState();

    QLineEdit *m_path;
    QComboBox *m_level;
    QComboBox *m_codeField;
    QComboBox *m_nameField;
    QComboBox *m_parentField;
    QComboBox *m_encoding;
    QLineEdit *m_sourceCrs;
    QCheckBox *m_repair;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace GridDesk
