// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "reportdialog.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
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
    , m_message(new QLabel(this))
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
    for (const auto &[key, name] : channels())
        m_channel->addItem(name, key);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #9b1010; }"));
    m_message->setVisible(false);

    auto *where = new QHBoxLayout;
    where->addWidget(m_location, 1);
    where->addWidget(m_pick);
    auto *form = new QFormLayout;
    form->addRow(tr("Category:"), m_category);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Address:"), m_address);
    form->addRow(tr("Location:"), where);
    form->addRow(tr("Came in by:"), m_channel);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *save = buttons->addButton(tr("Report"), QDialogButtonBox::AcceptRole);
    save->setObjectName(QStringLiteral("submit"));
    save->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancel"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(qMax(sizeHint().width(), 480), sizeHint().height());

    connect(save, &QPushButton::clicked, this, &ReportDialog::submit);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_pick, &QPushButton::clicked, this, &ReportDialog::pickOnMapRequested);
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

QList<std::pair<QString, QString>> ReportDialog::channels()
{
    return {
        {QStringLiteral("hotline"), tr("12345 hotline")},
        {QStringLiteral("grid_staff"), tr("Grid staff")},
        {QStringLiteral("video"), tr("Video patrol")},
        {QStringLiteral("iot"), tr("IoT sensor alarm")},
        {QStringLiteral("app"), tr("Public app")},
    };
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
