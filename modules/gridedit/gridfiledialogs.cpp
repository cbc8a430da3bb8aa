// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridfiledialogs.h"

#include "gis/vectorfile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

/// A line for the file and a button to browse for it.
QWidget *fileRow(QLineEdit *line, QPushButton *browse, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(line, 1);
    layout->addWidget(browse);
    return row;
}

QLabel *problemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020"));
    label->hide();
    return label;
}

void addLevels(QComboBox *combo)
{
    for (int level = 0; level < int(GridLevel::Count); ++level)
        combo->addItem(gridLevelName(GridLevel(level)), level);
}

} // namespace

ExportGridsDialog::ExportGridsDialog(QWidget *parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_level(new QComboBox(this))
    , m_crs(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_problem(problemLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export grids"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportGridsDialog::browse);
    m_path->setPlaceholderText(tr("grids.gpkg, grids.shp, grids.geojson or grids.kml"));

    m_level->addItem(tr("All levels"), -1);
    addLevels(m_level);
    m_crs->setEditable(true);
    m_crs->setInsertPolicy(QComboBox::NoInsert);
    const std::pair<const char *, QString> systems[] = {
        {"EPSG:4326", tr("WGS 84 (longitude, latitude)")},
        {"EPSG:4490", tr("CGCS2000 (longitude, latitude)")},
        {"EPSG:4547", tr("CGCS2000 / 3-degree Gauss-Kruger, central meridian 114°E")},
        {"EPSG:4549", tr("CGCS2000 / 3-degree Gauss-Kruger, central meridian 120°E")},
        {"EPSG:3857", tr("Web Mercator")},
    };
    for (const auto &[code, name] : systems)
        m_crs->addItem(
            QStringLiteral("%1 — %2").arg(QLatin1String(code), name), QString::fromLatin1(code));
    m_crs->setToolTip(tr("Pick a system, or type an EPSG code (EPSG:32650) or a PROJ string."));
    m_encoding->addItem(QStringLiteral("UTF-8"));
    m_encoding->addItem(QStringLiteral("GBK"));

    auto *form = new QFormLayout;
    form->addRow(tr("&File:"), fileRow(m_path, browse, this));
    form->addRow(tr("&Level:"), m_level);
    form->addRow(tr("&Coordinate system:"), m_crs);
    form->addRow(tr("&Encoding (shapefile):"), m_encoding);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportGridsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &ExportGridsDialog::updateState);
    updateState();
}

QString ExportGridsDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportGridsDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

std::optional<GridLevel> ExportGridsDialog::level() const
{
    const int level = m_level->currentData().toInt();
    return level < 0 ? std::nullopt : std::optional(GridLevel(level));
}

GridExportOptions ExportGridsDialog::options() const
{
    GridExportOptions options;
    // A system picked from the list carries its code; one typed in is taken as it is.
    const int picked = m_crs->findText(m_crs->currentText());
    options.crs = picked >= 0 ? m_crs->itemData(picked).toString() : m_crs->currentText().trimmed();
    options.encoding = m_encoding->currentText();
    options.overwrite = m_overwrite;
    return options;
}

void ExportGridsDialog::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export grids"), path(),
        tr("GeoPackage (*.gpkg);;Shapefile (*.shp);;GeoJSON (*.geojson *.json);;KML (*.kml)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ExportGridsDialog::updateState()
{
    const auto format = exportFormatForPath(path());
    m_encoding->setEnabled(format == ExportFormat::Shapefile);
    const bool named = !path().isEmpty();
    m_problem->setVisible(named && !format);
    m_problem->setText(tr("The file must end in .gpkg, .shp, .geojson, .json or .kml."));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(named && format.has_value());
}

void ExportGridsDialog::accept()
{
    m_overwrite = false;
    if (QFileInfo::exists(path())) {
        const auto answer = QMessageBox::question(this, tr("Export grids"),
            tr("%1 exists. Replace it?").arg(QFileInfo(path()).fileName()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
        m_overwrite = true;
    }
    QDialog::accept();
}

ImportGridsDialog::ImportGridsDialog(QWidget *parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_level(new QComboBox(this))
    , m_codeField(new QComboBox(this))
    , m_nameField(new QComboBox(this))
    , m_parentField(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_sourceCrs(new QLineEdit(this))
    , m_repair(new QCheckBox(tr("&Mend invalid polygons instead of refusing the file"), this))
    , m_problem(problemLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import grids into the draft"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ImportGridsDialog::browse);
    m_path->setReadOnly(true);
    addLevels(m_level);
    m_level->setCurrentIndex(int(GridLevel::Base));
    m_encoding->addItem(tr("As the file says, or detected"), QString());
    for (const char *encoding : {"UTF-8", "GBK", "Big5"})
        m_encoding->addItem(QLatin1String(encoding), QLatin1String(encoding));
    m_sourceCrs->setPlaceholderText(tr("as the file says (EPSG:4490, gcj02 … when it does not)"));

    auto *form = new QFormLayout;
    form->addRow(tr("&File:"), fileRow(m_path, browse, this));
    form->addRow(tr("&Level:"), m_level);
    form->addRow(tr("&Codes in:"), m_codeField);
    form->addRow(tr("&Names in:"), m_nameField);
    form->addRow(tr("&Parents in:"), m_parentField);
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(tr("Coordinate &system:"), m_sourceCrs);
    form->addRow(QString(), m_repair);
    auto *note = new QLabel(tr("The grids go into the draft as one edit that can be undone; "
                               "grids with codes the map has replace them."),
        this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateState();
}

QString ImportGridsDialog::path() const
{
    return m_path->text();
}

bool ImportGridsDialog::setPath(const QString &path)
{
    m_path->setText(path);
    for (QComboBox *combo : {m_codeField, m_nameField, m_parentField})
        combo->clear();
    m_codeField->addItem(tr("(make codes from the parent's)"), QString());
    m_nameField->addItem(tr("(the code)"), QString());
    m_parentField->addItem(tr("(the grid around it)"), QString());
    VectorReadOptions read;
    read.requireGeometry = false;
    auto data = readVectorFile(path, read);
    m_problem->setVisible(!data);
    if (!data) {
        m_problem->setText(data.error().message);
        updateState();
        return false;
    }
    for (const QString &field : std::as_const(data->fields)) {
        for (QComboBox *combo : {m_codeField, m_nameField, m_parentField})
            combo->addItem(field, field);
    }
    // The fields GridDesk writes, and the usual names, are picked for the person.
    const auto pick = [](QComboBox *combo, const QStringList &names) {
        for (const QString &name : names) {
            const int index = combo->findData(name, Qt::UserRole, Qt::MatchFixedString);
            if (index >= 0)
                return combo->setCurrentIndex(index);
        }
    };
    pick(m_codeField, {QStringLiteral("code")});
    pick(m_nameField, {QStringLiteral("name"), QStringLiteral("Name")});
    pick(m_parentField, {QStringLiteral("parent")});
    updateState();
    return true;
}

GridImportOptions ImportGridsDialog::options() const
{
    GridImportOptions options;
    options.level = GridLevel(m_level->currentData().toInt());
    options.codeField = m_codeField->currentData().toString();
    options.nameField = m_nameField->currentData().toString();
    options.parentField = m_parentField->currentData().toString();
    if (const QString encoding = m_encoding->currentData().toString(); !encoding.isEmpty())
        options.encoding = encoding;
    if (const QString crs = m_sourceCrs->text().trimmed(); !crs.isEmpty())
        options.sourceCrs = crs;
    options.repairInvalid = m_repair->isChecked();
    return options;
}

void ImportGridsDialog::browse()
{
    const QString chosen = QFileDialog::getOpenFileName(this, tr("Import grids"), path(),
        tr("Grid files (*.gpkg *.shp *.geojson *.json *.kml *.csv);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ImportGridsDialog::updateState()
{
    m_buttons->button(QDialogButtonBox::Open)
        ->setEnabled(!path().isEmpty() && m_problem->isHidden());
}

} // namespace GridDesk
