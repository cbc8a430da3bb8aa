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
/// TODO(#10): a file of several layers is read at its first layer (or the remembered mapping's
/// layer); the dialog offers no choice of layer, encoding or source CRS yet.
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
    QString m_layer;
    QStringList m_columns;
    QList<QVariant> m_sample;
    std::optional<RegisterImportReport> m_report;

    QLineEdit *m_file;
    QPushButton *m_browse;
    QComboBox *m_kind;
    QLineEdit *m_pattern;
    QTableWidget *m_fields;
    QCheckBox *m_skipRefused;
    QLabel *m_summary;
    QTableWidget *m_preview;
    QLabel *m_message;
};

} // namespace GridDesk
