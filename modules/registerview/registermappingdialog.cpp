// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registermappingdialog.h"

#include "logging.h"

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
    VectorReadOptions options;
    options.requireGeometry = false;
    auto remembered = RegisterMappingStore::forFile(m_workspace, path);
    if (remembered && *remembered) {
        options.layer = (*remembered)->mapping.layer;
        options.encoding = (*remembered)->mapping.encoding;
        options.sourceCrs = (*remembered)->mapping.sourceCrs;
    }
    auto reader = VectorReader::open(path, options);
    if (!reader) {
        showMessage(reader.error().message, true);
        return false;
    }
    m_path = path;
    m_layer = options.layer;
    m_columns = (*reader)->header().fields;
    auto first = (*reader)->next();
    m_sample = first && *first ? (*first)->values : QList<QVariant>();
    m_file->setText(QFileInfo(path).fileName());
    m_report.reset();
    m_preview->setRowCount(0);
    m_summary->clear();

    if (remembered && *remembered) {
        const QSignalBlocker blocker(m_kind);
        setKind((*remembered)->kind);
        fillFields();
        applyMapping((*remembered)->mapping);
        m_pattern->setText((*remembered)->pattern);
        showMessage(
            tr("Mapped as remembered for files named %1.").arg((*remembered)->pattern), false);
    } else {
        fillFields();
        applyMapping(RegisterMapping::byName(m_columns, targets()));
        m_pattern->setText(QFileInfo(path).fileName());
        showMessage(remembered ? QString() : remembered.error().message, !remembered);
    }
    return true;
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
    mapping.layer = m_layer;
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
    RegisterImportOptions options;
    options.kind = kind();
    options.mapping = mapping();
    options.dryRun = dry;
    options.skipRefused = m_skipRefused->isChecked();
    options.importedBy = m_importedBy;
    auto report = importRegister(m_workspace, m_path, options);
    if (!report) {
        showMessage(report.error().message, true);
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
