// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registermappingdialog.h"

#include "logging.h"

#include "gis/textencoding.h"
#include "gis/vectorreader.h"
#include "register/registermappingstore.h"
#include "storage/workspace.h"

#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

enum class FieldColumn { Target, Source, Value, Sample, Count };
enum class PreviewColumn { Feature, Action, Code, Name, Grid, Reason, Count };

QString actionName(RegisterImportLine::Action action)
{
    switch (action) {
    case RegisterImportLine::Action::Created:
        return RegisterMappingDialog::tr("create");
    case RegisterImportLine::Action::Updated:
        return RegisterMappingDialog::tr("update");
    case RegisterImportLine::Action::Unchanged:
        return RegisterMappingDialog::tr("unchanged");
    case RegisterImportLine::Action::Refused:
        return RegisterMappingDialog::tr("refused");
    }
    return {};
}

/// A CRS as typed, with a bare or lower-case EPSG code written "EPSG:N"; other text (a PROJ
/// string, "gcj02") as it is.
QString normalisedCrs(const QString &typed)
{
    QString crs = typed.trimmed();
    if (crs.startsWith(QLatin1String("epsg:"), Qt::CaseInsensitive))
        crs = crs.mid(5).trimmed();
    bool number = false;
    crs.toUInt(&number);
    return number ? QStringLiteral("EPSG:") + crs : typed.trimmed();
}

/// A reading problem, with what to choose in the dialog to mend it.
QString problemText(const Error &error)
{
    switch (error.code) {
    case ErrorCode::MissingCrs:
    case ErrorCode::UnknownCrs:
        return RegisterMappingDialog::tr("%1\nGive the file's coordinate system as an EPSG code "
                                         "under \"Source CRS\".")
            .arg(error.message);
    case ErrorCode::UnknownEncoding:
        return RegisterMappingDialog::tr("%1\nChoose the file's text encoding under \"Text "
                                         "encoding\".")
            .arg(error.message);
    default:
        return error.message;
    }
}

QTableWidgetItem *readOnly(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

RegisterMappingDialog::RegisterMappingDialog(
    Workspace &workspace, const QString &importedBy, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_importedBy(importedBy)
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Choose…"), this))
    , m_layer(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_crs(new QLineEdit(this))
    , m_crsRead(new QLabel(this))
    , m_kind(new QComboBox(this))
    , m_pattern(new QLineEdit(this))
    , m_fields(new QTableWidget(0, int(FieldColumn::Count), this))
    , m_skipRefused(new QCheckBox(tr("Import the rest when some rows are refused"), this))
    , m_summary(new QLabel(this))
    , m_preview(new QTableWidget(0, int(PreviewColumn::Count), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("registerMappingDialog"));
    setWindowTitle(tr("Import into the register"));
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("A CSV, XLSX, GeoJSON, Shapefile, GeoPackage … file"));
    m_layer->setObjectName(QStringLiteral("layer"));
    m_layer->setEnabled(false);
    m_layer->setToolTip(tr("The layer of a file that holds several (a GeoPackage, a workbook)"));
    m_encoding->setObjectName(QStringLiteral("encoding"));
    m_encoding->addItem(tr("As declared or detected"), QString());
    m_encoding->addItem(QStringLiteral("UTF-8"), QStringLiteral("UTF-8"));
    m_encoding->addItem(tr("GBK / GB18030 (Simplified Chinese)"), QStringLiteral("GBK"));
    m_encoding->addItem(tr("Big5 (Traditional Chinese)"), QStringLiteral("Big5"));
    m_encoding->setEnabled(false);
    m_encoding->setToolTip(tr("For a CSV file or a shapefile that does not say how its text is "
                              "encoded, or says it wrongly"));
    m_crs->setObjectName(QStringLiteral("sourceCrs"));
    m_crs->setPlaceholderText(tr("The file's own; or an EPSG code, such as 3826"));
    m_crs->setToolTip(tr("For a file without a coordinate system, or with a wrong one"));
    m_crsRead->setObjectName(QStringLiteral("sourceCrsRead"));
    m_kind->setObjectName(QStringLiteral("kind"));
    m_pattern->setObjectName(QStringLiteral("pattern"));
    m_pattern->setToolTip(tr("The mapping is remembered for files named like this; * stands for "
                             "any text, as in youbike_*.geojson"));
    m_fields->setObjectName(QStringLiteral("fields"));
    m_fields->setHorizontalHeaderLabels(
        {tr("Register field"), tr("From column"), tr("Or the value"), tr("First row")});
    m_fields->horizontalHeader()->setStretchLastSection(true);
    m_fields->horizontalHeader()->setSectionResizeMode(
        int(FieldColumn::Target), QHeaderView::ResizeToContents);
    m_fields->verticalHeader()->hide();
    m_skipRefused->setObjectName(QStringLiteral("skipRefused"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setHorizontalHeaderLabels(
        {tr("Row"), tr("Would be"), tr("Entry"), tr("Name"), tr("Grid"), tr("Why")});
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    auto schema = RegisterSchema::load(workspace);
    if (schema)
        m_schema = *schema;
    else
        showMessage(tr("The register cannot be read: %1").arg(schema.error().message), true);
    for (const RegisterKind &kind : m_schema.kinds())
        m_kind->addItem(tr("%1 %2", "a register kind in English, then in Chinese")
                            .arg(kind.title, kind.titleZh),
            kind.key);

    auto *file = new QHBoxLayout;
    file->addWidget(m_file, 1);
    file->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("File:"), file);
    form->addRow(tr("Layer:"), m_layer);
    form->addRow(tr("Text encoding:"), m_encoding);
    auto *crs = new QHBoxLayout;
    crs->addWidget(m_crs, 1);
    crs->addWidget(m_crsRead, 1);
    form->addRow(tr("Source CRS:"), crs);
    form->addRow(tr("Entries of kind:"), m_kind);
    form->addRow(tr("Remember for files named:"), m_pattern);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *dry = buttons->addButton(tr("Dry run"), QDialogButtonBox::ActionRole);
    dry->setObjectName(QStringLiteral("dryRun"));
    QPushButton *import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    import->setObjectName(QStringLiteral("import"));
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("close"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_fields, 3);
    layout->addWidget(m_skipRefused);
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 2);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(960, 780);

    connect(m_browse, &QPushButton::clicked, this, &RegisterMappingDialog::browse);
    connect(m_layer, &QComboBox::currentIndexChanged, this, &RegisterMappingDialog::chooseLayer);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this] {
        readSource();
        showSample();
    });
    connect(m_crs, &QLineEdit::editingFinished, this, [this] {
        if (!m_path.isEmpty() && m_crs->isModified())
            readSource();
        m_crs->setModified(false);
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        fillFields();
        applyMapping(RegisterMapping::byName(m_columns, targets()));
    });
    connect(dry, &QPushButton::clicked, this, &RegisterMappingDialog::dryRun);
    connect(import, &QPushButton::clicked, this, &RegisterMappingDialog::importFile);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    fillFields();
}

QString RegisterMappingDialog::kind() const
{
    return m_kind->currentData().toString();
}

void RegisterMappingDialog::setKind(const QString &kind)
{
    m_kind->setCurrentIndex(m_kind->findData(kind));
}

void RegisterMappingDialog::setPattern(const QString &pattern)
{
    m_pattern->setText(pattern);
}

QString RegisterMappingDialog::summary() const
{
    return m_summary->text();
}

QString RegisterMappingDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void RegisterMappingDialog::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #9b1010; }") : QString());
    m_message->setVisible(!text.isEmpty());
}

void RegisterMappingDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file to import"), {},
        tr("Vector files and tables (*.csv *.xlsx *.geojson *.json *.shp *.gpkg *.kml);;All "
           "files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool RegisterMappingDialog::openFile(const QString &path)
{
    auto layers = vectorLayerNames(path);
    if (!layers) {
        showMessage(layers.error().message, true);
        return false;
    }
    auto remembered = RegisterMappingStore::forFile(m_workspace, path);
    const bool known = remembered && *remembered;
    const RegisterMapping chosen = known ? (*remembered)->mapping : RegisterMapping {};

    // The choices remembered for such files, before the file is read with them.
    QString note;
    {
        const QSignalBlocker layerBlocker(m_layer);
        const QSignalBlocker encodingBlocker(m_encoding);
        m_layer->clear();
        m_layer->addItems(*layers);
        m_layer->setEnabled(layers->size() > 1);
        qsizetype layerIndex = chosen.layer.isEmpty() ? 0 : layers->indexOf(chosen.layer);
        if (layerIndex < 0) {
            note = tr("The layer \"%1\" remembered for such files is not in this one; its first "
                      "layer is read.")
                       .arg(chosen.layer);
            layerIndex = 0;
        }
        m_layer->setCurrentIndex(int(layerIndex));
        const QString encoding = chosen.encoding
            ? TextEncoding::canonicalName(*chosen.encoding).value_or(*chosen.encoding)
            : QString();
        if (m_encoding->findData(encoding) < 0)
            m_encoding->addItem(encoding, encoding);
        m_encoding->setCurrentIndex(m_encoding->findData(encoding));
        m_crs->setText(chosen.sourceCrs.value_or(QString()));
    }
    const QString before = m_path;
    m_path = path;
    if (!readSource()) {
        m_path = before;
        return false;
    }
    const QString problem = message();

    m_file->setText(QFileInfo(path).fileName());
    m_report.reset();
    m_preview->setRowCount(0);
    m_summary->clear();
    if (known) {
        const QSignalBlocker blocker(m_kind);
        setKind((*remembered)->kind);
        fillFields();
        applyMapping(chosen);
        m_pattern->setText((*remembered)->pattern);
        showMessage(
            tr("Mapped as remembered for files named %1.").arg((*remembered)->pattern), false);
    } else {
        fillFields();
        applyMapping(RegisterMapping::byName(m_columns, targets()));
        m_pattern->setText(QFileInfo(path).fileName());
        showMessage(remembered ? QString() : remembered.error().message, !remembered);
    }
    if (!note.isEmpty() || !problem.isEmpty()) {
        QStringList problems {note, problem, message()};
        problems.removeAll(QString());
        showMessage(problems.join(u'\n'), true);
    }
    return true;
}

bool RegisterMappingDialog::readSource()
{
    VectorReadOptions options;
    options.requireGeometry = false;
    options.layer = m_layer->currentText();
    if (!encoding().isEmpty())
        options.encoding = encoding();
    if (!sourceCrs().isEmpty())
        options.sourceCrs = sourceCrs();
    auto reader = VectorReader::open(m_path, options);
    std::optional<Error> problem;
    bool crsProblem = false;
    if (!reader) {
        problem = reader.error();
        crsProblem =
            problem->code == ErrorCode::MissingCrs || problem->code == ErrorCode::UnknownCrs;
        const bool encodingProblem = problem->code == ErrorCode::UnknownEncoding;
        if (!crsProblem && !encodingProblem) {
            showMessage(problem->message, true);
            return false;
        }
        // The columns are read all the same, so that the choice is made beside them; the
        // dry run and the import read with the choice, or refuse.
        if (crsProblem)
            options.sourceCrs = QStringLiteral("EPSG:4326");
        if (encodingProblem)
            options.encoding = QStringLiteral("ISO-8859-1");
        reader = VectorReader::open(m_path, options);
        if (!reader) {
            showMessage(reader.error().message, true);
            return false;
        }
    }
    m_crsMissing = problem && problem->code == ErrorCode::MissingCrs;

    const VectorData &header = (*reader)->header();
    m_driver = header.driver;
    m_columns = header.fields;
    auto first = (*reader)->next();
    m_sample = first && *first ? (*first)->values : QList<QVariant>();
    if (!first && !problem)
        problem = first.error();

    const bool textDeclaresNothing =
        m_driver == QLatin1String("ESRI Shapefile") || m_driver == QLatin1String("CSV");
    m_encoding->setEnabled(textDeclaresNothing);
    m_encoding->setItemText(0,
        encoding().isEmpty() && !problem ? tr("As declared or detected (%1)").arg(header.encoding)
                                         : tr("As declared or detected"));
    m_crsRead->setText(m_crsMissing ? tr("The file names no coordinate system.")
            : crsProblem            ? QString()
                                    : tr("Read as %1").arg(header.crs));
    showMessage(problem ? problemText(*problem) : QString(), problem.has_value());
    return true;
}

void RegisterMappingDialog::chooseLayer()
{
    if (m_path.isEmpty())
        return;
    readSource();
    fillFields();
    applyMapping(RegisterMapping::byName(m_columns, targets()));
    m_report.reset();
    m_preview->setRowCount(0);
    m_summary->clear();
}

QStringList RegisterMappingDialog::layers() const
{
    QStringList names;
    for (int index = 0; index < m_layer->count(); ++index)
        names << m_layer->itemText(index);
    return names;
}

QString RegisterMappingDialog::layer() const
{
    return m_layer->count() > 1 ? m_layer->currentText() : QString();
}

bool RegisterMappingDialog::setLayer(const QString &layer)
{
    const int index = m_layer->findText(layer);
    if (index < 0) {
        showMessage(tr("%1 has no layer \"%2\"; its layers are %3.")
                        .arg(m_file->text(), layer, layers().join(QStringLiteral(", "))),
            true);
        return false;
    }
    if (index == m_layer->currentIndex())
        return message().isEmpty();
    m_layer->setCurrentIndex(index); // reads it through chooseLayer()
    return message().isEmpty();
}

QString RegisterMappingDialog::encoding() const
{
    return m_encoding->currentData().toString();
}

bool RegisterMappingDialog::setEncoding(const QString &encoding)
{
    const QString name = encoding.trimmed().isEmpty()
        ? QString()
        : TextEncoding::canonicalName(encoding).value_or(QString());
    const int index = m_encoding->findData(name);
    if (index < 0 || (name.isEmpty() && !encoding.trimmed().isEmpty())) {
        showMessage(
            tr("The encoding \"%1\" is not one offered; choose UTF-8, GBK or Big5.").arg(encoding),
            true);
        return false;
    }
    if (index != m_encoding->currentIndex())
        m_encoding->setCurrentIndex(index); // reads the file again
    else if (!m_path.isEmpty())
        readSource();
    return message().isEmpty();
}

QString RegisterMappingDialog::sourceCrs() const
{
    return normalisedCrs(m_crs->text());
}

bool RegisterMappingDialog::setSourceCrs(const QString &crs)
{
    m_crs->setText(crs);
    if (m_path.isEmpty())
        return true;
    readSource();
    showSample();
    return message().isEmpty();
}

QStringList RegisterMappingDialog::targets() const
{
    QStringList targets = registerCoreFields();
    for (const FieldDefinition &field : m_schema.fields(kind()))
        targets << field.key;
    return targets;
}

void RegisterMappingDialog::fillFields()
{
    QList<std::pair<QString, QString>> targets;
    for (const QString &core : registerCoreFields())
        targets.append({core, core});
    for (const FieldDefinition &field : m_schema.fields(kind()))
        //: a register field's English and Chinese titles, then its key
        targets.append({field.key, tr("%1 %2 (%3)").arg(field.title, field.titleZh, field.key)});

    // The combo boxes of the kind shown before go at once, not when the event loop next runs.
    for (int row = 0; row < m_fields->rowCount(); ++row)
        delete m_fields->cellWidget(row, int(FieldColumn::Source));
    m_fields->setRowCount(0);
    m_fields->setRowCount(int(targets.size()));
    for (int row = 0; row < targets.size(); ++row) {
        auto *target = readOnly(targets.at(row).second);
        target->setData(Qt::UserRole, targets.at(row).first);
        m_fields->setItem(row, int(FieldColumn::Target), target);
        auto *source = new QComboBox(m_fields);
        source->setObjectName(QStringLiteral("source_") + targets.at(row).first);
        source->addItem(tr("— none —"), QString());
        for (const QString &column : std::as_const(m_columns))
            source->addItem(column, column);
        connect(source, &QComboBox::currentIndexChanged, this, &RegisterMappingDialog::showSample);
        m_fields->setCellWidget(row, int(FieldColumn::Source), source);
        m_fields->setItem(row, int(FieldColumn::Value), new QTableWidgetItem);
        m_fields->setItem(row, int(FieldColumn::Sample), readOnly({}));
    }
    m_fields->resizeColumnsToContents();
}

void RegisterMappingDialog::applyMapping(const RegisterMapping &mapping)
{
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const QString target =
            m_fields->item(row, int(FieldColumn::Target))->data(Qt::UserRole).toString();
        const QStringList sources = mapping.sourcesOf(target);
        mapField(target, sources.value(0));
        setValue(target, mapping.values.value(target).toString());
    }
    showSample();
}

int RegisterMappingDialog::rowOf(const QString &target) const
{
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        if (m_fields->item(row, int(FieldColumn::Target))->data(Qt::UserRole) == target)
            return row;
    }
    return -1;
}

void RegisterMappingDialog::mapField(const QString &target, const QString &column)
{
    const int row = rowOf(target);
    if (row < 0)
        return;
    auto *source = qobject_cast<QComboBox *>(m_fields->cellWidget(row, int(FieldColumn::Source)));
    source->setCurrentIndex(std::max(0, source->findData(column)));
}

void RegisterMappingDialog::setValue(const QString &target, const QString &value)
{
    if (const int row = rowOf(target); row >= 0)
        m_fields->item(row, int(FieldColumn::Value))->setText(value);
}

void RegisterMappingDialog::showSample()
{
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const auto *source =
            qobject_cast<QComboBox *>(m_fields->cellWidget(row, int(FieldColumn::Source)));
        const qsizetype index = m_columns.indexOf(source->currentData().toString());
        m_fields->item(row, int(FieldColumn::Sample))
            ->setText(index < 0 ? QString() : attributeText(m_sample.value(index)));
    }
}

RegisterMapping RegisterMappingDialog::mapping() const
{
    RegisterMapping mapping;
    mapping.layer = layer();
    if (!encoding().isEmpty())
        mapping.encoding = encoding();
    if (!sourceCrs().isEmpty())
        mapping.sourceCrs = sourceCrs();
    for (int row = 0; row < m_fields->rowCount(); ++row) {
        const QString target =
            m_fields->item(row, int(FieldColumn::Target))->data(Qt::UserRole).toString();
        const auto *source =
            qobject_cast<QComboBox *>(m_fields->cellWidget(row, int(FieldColumn::Source)));
        const QString column = source->currentData().toString();
        const QString value = m_fields->item(row, int(FieldColumn::Value))->text().trimmed();
        if (!column.isEmpty())
            mapping.fields.append({column, target});
        else if (!value.isEmpty())
            mapping.values.insert(target, value);
    }
    return mapping;
}

std::optional<RegisterImportReport> RegisterMappingDialog::run(bool dry)
{
    if (m_path.isEmpty()) {
        showMessage(tr("Choose a file first."), true);
        return std::nullopt;
    }
    if (m_crsMissing && sourceCrs().isEmpty()) {
        showMessage(tr("%1 names no coordinate system: give it as an EPSG code under \"Source "
                       "CRS\" (4326 for longitude and latitude).")
                        .arg(m_file->text()),
            true);
        return std::nullopt;
    }
    RegisterImportOptions options;
    options.kind = kind();
    options.mapping = mapping();
    options.dryRun = dry;
    options.skipRefused = m_skipRefused->isChecked();
    options.importedBy = m_importedBy;
    auto report = importRegister(m_workspace, m_path, options);
    if (!report) {
        showMessage(problemText(report.error()), true);
        return std::nullopt;
    }
    showMessage({}, false);
    m_report = *report;
    showReport(*report);
    return *report;
}

bool RegisterMappingDialog::dryRun()
{
    return run(true).has_value();
}

bool RegisterMappingDialog::importFile()
{
    const auto report = run(false);
    if (!report)
        return false;
    if (!report->written) {
        showMessage(tr("Nothing was imported: %n row(s) refused. Change the mapping, or tick "
                       "\"Import the rest\".",
                        nullptr, int(report->refused)),
            true);
        return false;
    }
    const RememberedMapping remembered {m_pattern->text().trimmed(), kind(), mapping()};
    if (auto kept = RegisterMappingStore::remember(m_workspace, remembered); !kept) {
        qCWarning(lcRegisterView) << "remembering the mapping failed:" << kept.error().message;
        showMessage(
            tr("Imported, but the mapping could not be remembered: %1").arg(kept.error().message),
            true);
    } else {
        showMessage(
            tr("Imported; the mapping is remembered for files named %1.").arg(remembered.pattern),
            false);
    }
    Q_EMIT imported(*report);
    return true;
}

void RegisterMappingDialog::showReport(const RegisterImportReport &report)
{
    //: %1 is a file, %2 a kind; the counts follow
    m_summary->setText(tr("%1 as %2: %3 created, %4 updated, %5 unchanged, %6 refused%7")
                           .arg(report.file, report.kind)
                           .arg(report.created)
                           .arg(report.updated)
                           .arg(report.unchanged)
                           .arg(report.refused)
                           .arg(report.dryRun ? tr(" (dry run: nothing written)") : QString())
        + (report.notes.isEmpty() ? QString() : u'\n' + report.notes.join(u'\n')));
    m_preview->setRowCount(int(report.lines.size()));
    for (int row = 0; row < report.lines.size(); ++row) {
        const RegisterImportLine &line = report.lines.at(row);
        const QStringList cells {QString::number(line.feature), actionName(line.action), line.code,
            line.name, line.grid, line.reason};
        for (int column = 0; column < cells.size(); ++column)
            m_preview->setItem(row, column, readOnly(cells.at(column)));
        if (line.action == RegisterImportLine::Action::Refused)
            m_preview->item(row, int(PreviewColumn::Action))
                ->setForeground(QColor(0x9b, 0x10, 0x10));
    }
    m_preview->resizeColumnsToContents();
}

} // namespace GridDesk
