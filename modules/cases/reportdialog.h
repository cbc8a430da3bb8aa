// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/caserecord.h"
#include "domain/error.h"
#include "workflow/categorytree.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace GridDesk {

/// Takes a report at the desk: what the problem is (category, description), where (address,
/// and a location typed as "longitude, latitude" or picked on the map) and how it came in.
/// Stays open, keeping its input, until the desk has saved the case.
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReportDialog(const CategoryTree &categories, QWidget *parent = nullptr);

    /// The case as entered: category, descriptor, address, location and source channel.
    CaseRecord record() const;
    /// What is missing or wrong, in words; empty when the report can be saved.
    QString problem() const;

    /// Channels a report comes in by: keys as dispatch rules name them, and their names.
    static QList<std::pair<QString, QString>> channels();

public Q_SLOTS:
    // TODO(#10): offer the register's entries at the location (RegisterBook::near) and keep
    // the ones chosen as links of the case, so that an entry can list its cases.
    void setLocation(const GeoPoint &point);
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

    QComboBox *m_category;
    QLineEdit *m_description;
    QLineEdit *m_address;
    QLineEdit *m_location;
    QPushButton *m_pick;
    QComboBox *m_channel;
    QLabel *m_message;
};

} // namespace GridDesk
