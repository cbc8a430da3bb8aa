// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "reportdialog.h"

#include "workflow/terms.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace GridDesk {

ReportDialog::ReportDialog(const CategoryTree &categories, QWidget *parent)
    : QDialog(parent)
    , m_category(new QComboBox(this))
    , m_description(new QLineEdit(this))
    , m_address(new QLineEdit(this))
    , m_location(new QLineEdit(this))
    , m_pick(new QPushButton(tr("Pick on map"), this))
    , m_channel(new QComboBox(this))
    , m_entries(new QListWidget(this))
    , m_noEntries(new QLabel(tr("No register entries here."), this))
    , m_message(new QLabel(this))
    , m_offerTimer(new QTimer(this))
    , m_reporter(new QLineEdit(this))
    , m_reporterMatches(new QListWidget(this))
    , m_reporterChosen(new QLabel(this))
    , m_reporterTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(tr("Report a case"));
    fillCategories(categories);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setPlaceholderText(tr("What the reporter describes"));
    m_address->setObjectName(QStringLiteral("address"));
    m_location->setObjectName(QStringLiteral("location"));
    m_location->setPlaceholderText(tr("longitude, latitude – or pick it on the map"));
    m_pick->setObjectName(QStringLiteral("pickOnMap"));
    m_pick->setToolTip(tr("Click the place on the map; this dialog stays open"));
    m_channel->setObjectName(QStringLiteral("channel"));
    for (const auto &[key, name] : deskChannels())
        m_channel->addItem(name, key);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #9b1010; }"));
    m_message->setVisible(false);
    m_entries->setObjectName(QStringLiteral("registerEntries"));
    m_entries->setToolTip(tr("The register's entries at this place, nearest first: tick those "
                             "the case concerns"));
    m_entries->setMaximumHeight(m_entries->fontMetrics().height() * 7);
    m_noEntries->setObjectName(QStringLiteral("noRegisterEntries"));
    m_offerTimer->setSingleShot(true);
    m_offerTimer->setInterval(300);
    m_reporter->setObjectName(QStringLiteral("reporter"));
    m_reporter->setPlaceholderText(tr("Name or phone number, to find them in the register"));
    m_reporterMatches->setObjectName(QStringLiteral("reporterMatches"));
    m_reporterMatches->setToolTip(tr("People of the register: click the one who reports"));
    m_reporterMatches->setMaximumHeight(m_reporterMatches->fontMetrics().height() * 5);
    m_reporterMatches->setVisible(false);
    m_reporterChosen->setObjectName(QStringLiteral("reporterChosen"));
    m_reporterChosen->setVisible(false);
    m_reporterTimer->setSingleShot(true);
    m_reporterTimer->setInterval(300);

    auto *where = new QHBoxLayout;
    where->addWidget(m_location, 1);
    where->addWidget(m_pick);
    auto *form = new QFormLayout;
    form->addRow(tr("Category:"), m_category);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Location:"), where);
    form->addRow(tr("Came in by:"), m_channel);
    auto *reporter = new QVBoxLayout;
    reporter->addWidget(m_reporter);
    reporter->addWidget(m_reporterMatches);
    reporter->addWidget(m_reporterChosen);
    form->addRow(tr("Reporter:"), reporter);
    auto *entries = new QVBoxLayout;
    entries->addWidget(m_entries);
    entries->addWidget(m_noEntries);
    form->addRow(tr("Register entries:"), entries);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("Report"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("submit"));
    save->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(qMax(sizeHint().width(), 480), sizeHint().height());

    connect(save, &QPushButton::clicked, this, &ReportDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_pick, &QPushButton::clicked, this, &ReportDialog::pickOnMapRequested);
    connect(m_offerTimer, &QTimer::timeout, this, &ReportDialog::refreshOffers);
    for (QLineEdit *edit : {m_address, m_location})
        connect(edit, &QLineEdit::textChanged, m_offerTimer, qOverload<>(&QTimer::start));
    connect(m_entries, &QListWidget::itemChanged, this, &ReportDialog::noteTick);
    connect(m_reporterTimer, &QTimer::timeout, this, &ReportDialog::refreshReporters);
    connect(m_reporter, &QLineEdit::textEdited, this, [this] {
        m_reporterCode.clear();
        m_reporterChosen->setVisible(false);
        m_reporterTimer->start();
    });
    connect(m_reporterMatches, &QListWidget::itemClicked, this, &ReportDialog::chooseReporter);
    connect(m_reporterMatches, &QListWidget::itemActivated, this, &ReportDialog::chooseReporter);
    refreshOffers();
}

void ReportDialog::setReporterFinder(ReporterFinder finder)
{
    m_reporterFinder = std::move(finder);
    refreshReporters();
}

void ReportDialog::refreshReporters()
{
    m_reporterTimer->stop();
    m_reporterMatches->clear();
    const QString typed = m_reporter->text().trimmed();
    const QList<OfferedEntry> people =
        m_reporterFinder && !typed.isEmpty() && m_reporterCode.isEmpty() ? m_reporterFinder(typed)
                                                                         : QList<OfferedEntry>();
    for (const OfferedEntry &person : people) {
        QString text =
            tr("%1 %2", "a register entry's kind, then its name").arg(person.kind, person.name);
        if (!person.address.isEmpty())
            text += QStringLiteral(" — ") + person.address;
        auto *item = new QListWidgetItem(text, m_reporterMatches);
        item->setData(Qt::UserRole, person.code);
        item->setToolTip(person.code);
    }
    m_reporterMatches->setVisible(!people.isEmpty());
}

void ReportDialog::chooseReporter(const QListWidgetItem *item)
{
    m_reporterCode = item->data(Qt::UserRole).toString();
    //: %1 is a person of the register as shown (masked), %2 the entry's code
    m_reporterChosen->setText(
        tr("Reporter in the register: %1 (%2)").arg(item->text(), m_reporterCode));
    m_reporterChosen->setVisible(true);
    m_reporterMatches->setVisible(false);
}

void ReportDialog::setEntryFinder(EntryFinder finder)
{
    m_finder = std::move(finder);
    refreshOffers();
}

void ReportDialog::refreshOffers()
{
    m_offerTimer->stop();
    const QList<OfferedEntry> offers =
        m_finder ? m_finder(location(), m_address->text().trimmed()) : QList<OfferedEntry>();
    const QSignalBlocker blocker(m_entries);
    m_entries->clear();
    for (const OfferedEntry &offer : offers) {
        QString text =
            tr("%1 %2", "a register entry's kind, then its name").arg(offer.kind, offer.name);
        if (!offer.address.isEmpty())
            text += QStringLiteral(" — ") + offer.address;
        if (offer.metres)
            //: %1 is a distance in whole metres
            text += QStringLiteral(" · ") + tr("%1 m").arg(qRound(*offer.metres));
        auto *item = new QListWidgetItem(text, m_entries);
        item->setData(Qt::UserRole, offer.code);
        item->setToolTip(offer.code);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(m_ticked.contains(offer.code) ? Qt::Checked : Qt::Unchecked);
    }
    m_entries->setVisible(!offers.isEmpty());
    m_noEntries->setVisible(offers.isEmpty() && m_finder);
}

void ReportDialog::noteTick(QListWidgetItem *item)
{
    const QString code = item->data(Qt::UserRole).toString();
    if (item->checkState() == Qt::Checked)
        m_ticked.insert(code);
    else
        m_ticked.remove(code);
}

QStringList ReportDialog::chosenEntries() const
{
    QStringList codes;
    for (int row = 0; row < m_entries->count(); ++row) {
        const QListWidgetItem *item = m_entries->item(row);
        if (item->checkState() == Qt::Checked)
            codes << item->data(Qt::UserRole).toString();
    }
    return codes;
}

void ReportDialog::fillCategories(const CategoryTree &categories)
{
    m_category->setObjectName(QStringLiteral("category"));
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    m_category->completer()->setFilterMode(Qt::MatchContains);
    m_category->completer()->setCompletionMode(QCompleter::PopupCompletion);
    for (const Category &category : categories.categories()) {
        const QString name = category.name.isEmpty() ? category.code : category.name;
        m_category->addItem(tr("%1 (%2)").arg(name, category.code), category.code);
    }
    m_category->setCurrentIndex(-1);
}

QString ReportDialog::category() const
{
    const QString typed = m_category->currentText().trimmed();
    for (int index = 0; index < m_category->count(); ++index) {
        const QString code = m_category->itemData(index).toString();
        if (typed == m_category->itemText(index) || typed == code)
            return code;
    }
    // A workspace without configured categories takes what the operator types.
    return m_category->count() == 0 ? typed : QString();
}

std::optional<GeoPoint> ReportDialog::location(bool *valid) const
{
    if (valid)
        *valid = true;
    const QString text = m_location->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const QStringList parts =
        text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    bool lonRead = false;
    bool latRead = false;
    const double lon = parts.value(0).toDouble(&lonRead);
    const double lat = parts.value(1).toDouble(&latRead);
    const bool usable =
        parts.size() == 2 && lonRead && latRead && std::abs(lon) <= 180 && std::abs(lat) <= 90;
    if (!usable) {
        if (valid)
            *valid = false;
        return std::nullopt;
    }
    return GeoPoint {lon, lat};
}

CaseRecord ReportDialog::record() const
{
    CaseRecord record;
    record.category = category();
    record.descriptor = m_description->text().trimmed();
    record.address = m_address->text().trimmed();
    record.location = location();
    record.source = m_channel->currentData().toString();
    return record;
}

QString ReportDialog::problem() const
{
    if (category().isEmpty())
        return tr("Choose the category from the list.");
    bool valid = true;
    const auto point = location(&valid);
    if (!valid)
        return tr("Give the location as longitude, latitude (e.g. 121.5654, 25.0330).");
    if (!point && m_address->text().trimmed().isEmpty())
        return tr("Say where: an address, a location, or both.");
    return {};
}

void ReportDialog::setLocation(const GeoPoint &point)
{
    m_location->setText(
        QStringLiteral("%1, %2").arg(point.lon, 0, 'f', 6).arg(point.lat, 0, 'f', 6));
    raise();
    activateWindow();
}

void ReportDialog::showRefusal(const Error &error)
{
    m_message->setText(error.message);
    m_message->setVisible(true);
}

void ReportDialog::submit()
{
    if (const QString missing = problem(); !missing.isEmpty()) {
        m_message->setText(missing);
        m_message->setVisible(true);
        return;
    }
    m_message->setVisible(false);
    Q_EMIT submitted(record());
}

} // namespace GridDesk
