// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "attachstandarddialog.h"

#include "standards/standardsstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace GridDesk {

namespace {

QWidget *dateRow(QCheckBox *known, QDateEdit *date)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(known);
    layout->addWidget(date, 1);
    date->setCalendarPopup(true);
    date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    date->setDate(QDate::currentDate());
    date->setEnabled(false);
    QObject::connect(known, &QCheckBox::toggled, date, &QWidget::setEnabled);
    return row;
}

} // namespace

AttachStandardDialog::AttachStandardDialog(
    const QString &code, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_number(new QLineEdit)
    , m_title(new QLineEdit)
    , m_level(new QComboBox)
    , m_status(new QComboBox)
    , m_publishedKnown(new QCheckBox(tr("Known")))
    , m_published(new QDateEdit)
    , m_implementedKnown(new QCheckBox(tr("Known")))
    , m_implemented(new QDateEdit)
    , m_document(new QLineEdit)
    , m_problem(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    //: %1 category code, %2 its title
    setWindowTitle(tr("Attach a standard to %1 %2").arg(code, title));
    m_number->setPlaceholderText(tr("for example GB/T 34300-2017"));
    for (int level = 0; level < int(StandardLevel::Count); ++level)
        m_level->addItem(standardLevelName(StandardLevel(level)), level);
    for (int status = 0; status < int(StandardStatus::Count); ++status)
        m_status->addItem(standardStatusName(StandardStatus(status)), status);
    m_document->setPlaceholderText(
        tr("optional; at most %1 MB").arg(StandardsStore::MAX_DOCUMENT_SIZE / (1024 * 1024)));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b03a2e"));

    auto *browse = new QPushButton(tr("Choose…"));
    auto *documentRow = new QWidget;
    auto *documentLayout = new QHBoxLayout(documentRow);
    documentLayout->setContentsMargins(0, 0, 0, 0);
    documentLayout->addWidget(m_document, 1);
    documentLayout->addWidget(browse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Number:"), m_number);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Level:"), m_level);
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("&Published:"), dateRow(m_publishedKnown, m_published));
    form->addRow(tr("&Implemented:"), dateRow(m_implementedKnown, m_implemented));
    form->addRow(tr("&Document:"), documentRow);
    form->addRow(m_problem);
    form->addRow(m_buttons);

    connect(browse, &QPushButton::clicked, this, &AttachStandardDialog::chooseDocument);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_number, m_title, m_document})
        connect(edit, &QLineEdit::textChanged, this, &AttachStandardDialog::check);
    for (QCheckBox *box : {m_publishedKnown, m_implementedKnown})
        connect(box, &QCheckBox::toggled, this, &AttachStandardDialog::check);
    for (QDateEdit *date : {m_published, m_implemented})
        connect(date, &QDateEdit::dateChanged, this, &AttachStandardDialog::check);
    check();
}

AttachedStandard AttachStandardDialog::standard() const
{
    AttachedStandard standard;
    standard.number = m_number->text().trimmed();
    standard.title = m_title->text().trimmed();
    standard.level = StandardLevel(m_level->currentData().toInt());
    standard.status = StandardStatus(m_status->currentData().toInt());
    if (m_publishedKnown->isChecked())
        standard.published = m_published->date();
    if (m_implementedKnown->isChecked())
        standard.implemented = m_implemented->date();
    return standard;
}

QString AttachStandardDialog::documentPath() const
{
    return m_document->text().trimmed();
}

QString AttachStandardDialog::problem() const
{
    if (m_number->text().trimmed().isEmpty())
        return tr("A standard needs a number.");
    if (m_title->text().trimmed().isEmpty())
        return tr("A standard needs a title.");
    const AttachedStandard chosen = standard();
    const bool inverted = chosen.published.isValid() && chosen.implemented.isValid()
        && chosen.implemented < chosen.published;
    if (inverted)
        return tr("A standard cannot be implemented before it is published.");

    const QString path = documentPath();
    if (path.isEmpty())
        return {};
    const QFileInfo info(path);
    if (!info.isFile())
        return tr("The document %1 does not exist.").arg(path);
    if (info.size() > StandardsStore::MAX_DOCUMENT_SIZE)
        //: %1 file name, %2 its size in MB, %3 the largest size in MB
        return tr("%1 is %2 MB; a document kept in the workspace may be at most %3 MB.")
            .arg(info.fileName())
            .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1)
            .arg(StandardsStore::MAX_DOCUMENT_SIZE / (1024 * 1024));
    return {};
}

void AttachStandardDialog::check()
{
    const QString wrong = problem();
    m_problem->setText(wrong);
    m_problem->setVisible(!wrong.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(wrong.isEmpty());
}

void AttachStandardDialog::chooseDocument()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Document of the standard"),
        QFileInfo(documentPath()).absolutePath(),
        tr("Documents (*.pdf *.doc *.docx *.odt *.txt);;All files (*)"));
    if (!path.isEmpty())
        m_document->setText(path);
}

} // namespace GridDesk
