// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "register/registerimport.h"
#include "register/registermapping.h"
#include "register/registerschema.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace GridDesk {

class Workspace;

/// Imports a file into the register: the file's columns beside the kind's fields, each field
/// taking a column or a value for every row, a dry run listing what would be created, updated
/// or refused and why, and the import in one transaction. The mapping used is remembered for
/// files named like this one and offered again for the next.
///
/// How the file is read is chosen too, and remembered with the mapping: the layer of a file of
/// several, the text encoding of a CSV or shapefile that declares none (or declares a wrong
/// one), and the source CRS as an EPSG code for a file that has none or a wrong one. Each
/// choice reads the file again at once, so its columns, first row and any problem show before
/// the dry run.
class RegisterMappingDialog : public QDialog
{
    Q_OBJECT

public:
    /// workspace (not owned) must outlive the dialog; importedBy names who imports.
    RegisterMappingDialog(
        Workspace &workspace, const QString &importedBy, QWidget *parent = nullptr);

    /// Reads the columns and first row of a file and maps them: as remembered for such files,
    /// or else by name. False, with the reason shown, when the file cannot be read.
    bool openFile(const QString &path);
    void setKind(const QString &kind);
    QString kind() const;
    /// Sends a column to a register field (empty: none), as choosing it in the table does.
    void mapField(const QString &target, const QString &column);
    /// Gives a register field the same value in every entry.
    void setValue(const QString &target, const QString &value);
    void setPattern(const QString &pattern);
    /// The layers of the file, in its order; one for most formats.
    QStringList layers() const;
    /// The layer read; empty when the file has only one.
    QString layer() const;
    /// Reads another layer of the file and maps its columns by name. False, with the reason
    /// shown, when the file has no such layer.
    bool setLayer(const QString &layer);
    /// The text encoding chosen ("UTF-8", "GBK", "Big5"); empty for the declared or detected.
    QString encoding() const;
    /// Reads the file's text in another encoding; false, with the reason shown, when the first
    /// row does not decode or the encoding is not one offered.
    bool setEncoding(const QString &encoding);
    /// The source CRS chosen, as "EPSG:N"; empty for the file's own.
    QString sourceCrs() const;
    /// Reads the file's coordinates in another CRS: an EPSG code ("3826" or "EPSG:3826"), or
    /// empty for the file's own. False, with the reason shown, when PROJ does not know it or
    /// the first row's coordinates are not longitude/latitude once converted.
    bool setSourceCrs(const QString &crs);
    /// The mapping as the table shows it.
    RegisterMapping mapping() const;

    QTableWidget *fieldsTable() const { return m_fields; }
    QTableWidget *previewTable() const { return m_preview; }
    QString summary() const;
    QString message() const;
    /// What the last dry run or import reported.
    const std::optional<RegisterImportReport> &lastReport() const { return m_report; }

public Q_SLOTS:
    /// Runs the import without writing and lists what it would do.
    bool dryRun();
    /// Imports in one transaction and remembers the mapping; false when nothing was written.
    bool importFile();

Q_SIGNALS:
    void imported(const GridDesk::RegisterImportReport &report);

private:
    void browse();
    bool readSource();
    void chooseLayer();
    void fillFields();
    void applyMapping(const RegisterMapping &mapping);
    void showSample();
    void showReport(const RegisterImportReport &report);
    void showMessage(const QString &text, bool problem);
    std::optional<RegisterImportReport> run(bool dry);
    int rowOf(const QString &target) const;
    QStringList targets() const;

    Workspace &m_workspace;
    RegisterSchema m_schema;
    QString m_importedBy;
    QString m_path;
    QString m_driver;
    bool m_crsMissing = false; ///< the file declares no CRS and none is chosen
    QStringList m_columns;
    QList<QVariant> m_sample;
    std::optional<RegisterImportReport> m_report;

    QLineEdit *m_file;
    QPushButton *m_browse;
    QComboBox *m_layer;
    QComboBox *m_encoding;
    QLineEdit *m_crs;
    QLabel *m_crsRead;
    QComboBox *m_kind;
    QLineEdit *m_pattern;
    QTableWidget *m_fields;
    QCheckBox *m_skipRefused;
    QLabel *m_summary;
    QTableWidget *m_preview;
    QLabel *m_message;
};

} // namespace GridDesk
