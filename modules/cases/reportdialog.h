// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "domain/error.h"
#include "workflow/categorytree.h"

#include <QDialog>
#include <QSet>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTimer;

namespace GridDesk {

/// A register entry offered for a case, as the operator may see it (personal data masked).
struct OfferedEntry
{
    QString code;
    QString kind; ///< the kind's title, as people read it
    QString name;
    QString address;
    std::optional<double> metres; ///< from the case's location, when both have one
};

/// Finds the register entries to offer for a case at a location and an address (either may
/// be empty), nearest first; an empty list when there are none or the register is not there.
using EntryFinder =
    std::function<QList<OfferedEntry>(const std::optional<GeoPoint> &, const QString &)>;
/// Finds the people of the register a reporter's name or phone number, as typed, may be.
using ReporterFinder = std::function<QList<OfferedEntry>(const QString &)>;

/// Takes a report at the desk: what the problem is (category, description), where (address,
/// and a location typed as "longitude, latitude" or picked on the map) and how it came in.
/// With an entry finder, it offers the register's entries at that place, and the operator
/// ticks those the case concerns; and a reporter already in the register is found by name or
/// phone and chosen, not typed again. Stays open, keeping its input, until the desk has saved the
/// case.
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReportDialog(const CategoryTree &categories, QWidget *parent = nullptr);

    /// The case as entered: category, descriptor, address, location and source channel.
    CaseRecord record() const;
    /// What is missing or wrong, in words; empty when the report can be saved.
    QString problem() const;

    /// Where the offers come from; they are looked up again a moment after the address or the
    /// location changes.
    void setEntryFinder(EntryFinder finder);
    /// The codes of the offered entries the operator ticked, in the order offered.
    QStringList chosenEntries() const;
    QListWidget *offeredEntries() const { return m_entries; }

    /// Where the people matching the reporter's name or phone come from.
    void setReporterFinder(ReporterFinder finder);
    /// The register entry of the reporter chosen; empty when none is.
    QString chosenReporter() const { return m_reporterCode; }
    QListWidget *reporterMatches() const { return m_reporterMatches; }

public Q_SLOTS:
    void setLocation(const GeoPoint &point);
    /// Looks the offers up now for the address and location as typed.
    void refreshOffers();
    /// Looks the people up now for the reporter as typed.
    void refreshReporters();
    void showRefusal(const Error &error);
    void submit();

Q_SIGNALS:
    void submitted(const GridDesk::CaseRecord &record);
    /// The operator wants to click the location on the map.
    void pickOnMapRequested();

private:
    void fillCategories(const CategoryTree &categories);
    std::optional<GeoPoint> location(bool *valid = nullptr) const;
    QString category() const;
    void noteTick(QListWidgetItem *item);
    void chooseReporter(const QListWidgetItem *item);

    QComboBox *m_category;
    QLineEdit *m_description;
    QLineEdit *m_address;
    QLineEdit *m_location;
    QPushButton *m_pick;
    QComboBox *m_channel;
    QListWidget *m_entries;
    QLabel *m_noEntries;
    QLabel *m_message;
    QTimer *m_offerTimer;
    EntryFinder m_finder;
    QSet<QString> m_ticked; ///< kept while the offers change under the operator's typing
    QLineEdit *m_reporter;
    QListWidget *m_reporterMatches;
    QLabel *m_reporterChosen;
    QTimer *m_reporterTimer;
    ReporterFinder m_reporterFinder;
    QString m_reporterCode;
};

} // namespace GridDesk
