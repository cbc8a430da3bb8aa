// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace GridDesk {

/// Tools → Preferences: the workspace opened at start, the server and its CA file (as the
/// connect dialog remembers them), the language (from the next start), the map's colours and
/// the alerts. OK and Apply check everything first and say what is wrong and on which page,
/// saving nothing; what is saved is emitted as applied().
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const DeskPreferences &preferences, QWidget *parent = nullptr);

    /// The preferences as the pages show them now.
    DeskPreferences preferences() const;
    /// Shows preferences on the pages, to be applied or not.
    void setPreferences(const DeskPreferences &preferences);
    /// Checks and saves what the pages show; false, with the problem shown, when it is wrong.
    bool apply();
    /// The problem shown last; empty when none.
    QString message() const;
    QTabWidget *pages() const { return m_pages; }

Q_SIGNALS:
    void applied(const GridDesk::DeskPreferences &preferences);

private:
    QWidget *workspacePage();
    QWidget *serverPage();
    QWidget *languagePage();
    QWidget *mapPage();
    QWidget *alertsPage();
    QPushButton *colourButton(const char *name);
    void setColour(QPushButton *button, const QColor &colour);
    void chooseColour(QPushButton *button);
    void showMap(const MapPreferences &map);
    void showProblem(const QString &problem);

    DeskPreferences m_saved;
    QTabWidget *m_pages;
    QLabel *m_message;
    QLineEdit *m_startWorkspace = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_caFile = nullptr;
    QComboBox *m_language = nullptr;
    QPushButton *m_background = nullptr;
    QPushButton *m_baseGridFill = nullptr;
    QPushButton *m_openCase = nullptr;
    QPushButton *m_closedCase = nullptr;
    QDoubleSpinBox *m_caseRadius = nullptr;
    QSpinBox *m_deadlineShare = nullptr;
    QCheckBox *m_overdue = nullptr;
    QCheckBox *m_urgentCases = nullptr;
    QSpinBox *m_urgentLevel = nullptr;
    QCheckBox *m_tray = nullptr;
    QCheckBox *m_sound = nullptr;
};

} // namespace GridDesk
