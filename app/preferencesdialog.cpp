// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "preferencesdialog.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

const auto PROBLEM_STYLE = QStringLiteral("QLabel { color: #9b1010; }");
const auto COLOUR_PROPERTY = "colour";

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); }"));
    return label;
}

/// A line edit with a Browse… button that fills it from a file dialog.
QWidget *fileField(QLineEdit *edit, const QString &title, const QString &filter, QWidget *parent)
{
    auto *field = new QWidget(parent);
    auto *layout = new QHBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto *browse = new QPushButton(PreferencesDialog::tr("Browse…"), field);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, field, [edit, title, filter, parent] {
        const QString start = edit->text().trimmed().isEmpty()
            ? QDir::homePath()
            : QFileInfo(edit->text().trimmed()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(parent, title, start, filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return field;
}

} // namespace

PreferencesDialog::PreferencesDialog(const DeskPreferences &preferences, QWidget *parent)
    : QDialog(parent)
    , m_saved(preferences)
    , m_pages(new QTabWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_pages->setObjectName(QStringLiteral("pages"));
    // In the order of PreferencesProblem::Page, which names the page a problem is on.
    m_pages->addTab(workspacePage(), tr("Workspace"));
    m_pages->addTab(serverPage(), tr("Server"));
    m_pages->addTab(languagePage(), tr("Language"));
    m_pages->addTab(mapPage(), tr("Map styles"));
    m_pages->addTab(alertsPage(), tr("Alerts"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(PROBLEM_STYLE);
    m_message->setVisible(false);

    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::Apply, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("ok"));
    buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("apply"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
        &PreferencesDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setPreferences(preferences);
    resize(560, 420);
}

QWidget *PreferencesDialog::workspacePage()
{
    auto *page = new QWidget(this);
    m_startWorkspace = new QLineEdit(page);
    m_startWorkspace->setObjectName(QStringLiteral("startWorkspace"));
    m_startWorkspace->setPlaceholderText(tr("the workspace open last"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Open at start:"),
        fileField(m_startWorkspace, tr("Workspace opened at start"),
            tr("GridDesk workspaces (*.gpkg)"), this));
    form->addRow(noteLabel(tr("Leave it empty to open the workspace that was open last. A "
                              "workspace named on the command line is opened instead."),
        page));
    return page;
}

QWidget *PreferencesDialog::serverPage()
{
    auto *page = new QWidget(this);
    m_server = new QLineEdit(page);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(tr("https://HOST:PORT"));
    m_caFile = new QLineEdit(page);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("none: the system's trusted certificates"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Server address:"), m_server);
    form->addRow(tr("City CA certificate:"),
        fileField(m_caFile, tr("The city's CA certificate"),
            tr("Certificates (*.pem *.crt *.cer);;All files (*)"), this));
    form->addRow(noteLabel(tr("Sync → Connect to server… offers these the next time; a "
                              "connection made now stays as it is."),
        page));
    return page;
}

QWidget *PreferencesDialog::languagePage()
{
    auto *page = new QWidget(this);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("Follow the system"), QString());
    // Each language in its own words, so that anyone finds theirs.
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("Language:"), m_language);
    form->addRow(noteLabel(tr("The language changes at the next start of GridDesk; dates, "
                              "numbers and the order of names follow it. The GRIDDESK_LANG "
                              "environment variable, when set, comes before this choice."),
        page));
    return page;
}

QPushButton *PreferencesDialog::colourButton(const char *name)
{
    auto *button = new QPushButton(this);
    button->setObjectName(QLatin1String(name));
    button->setMinimumWidth(120);
    connect(button, &QPushButton::clicked, this, [this, button] { chooseColour(button); });
    return button;
}

QWidget *PreferencesDialog::mapPage()
{
    auto *page = new QWidget(this);
    m_background = colourButton("mapBackground");
    m_baseGridFill = colourButton("baseGridFill");
    m_openCase = colourButton("openCaseColour");
    m_closedCase = colourButton("closedCaseColour");
    m_caseRadius = new QDoubleSpinBox(page);
    m_caseRadius->setObjectName(QStringLiteral("caseRadius"));
    m_caseRadius->setRange(1.0, 12.0);
    m_caseRadius->setSingleStep(0.5);
    m_caseRadius->setDecimals(1);
    m_caseRadius->setSuffix(tr(" px"));
    auto *defaults = new QPushButton(tr("Restore the standard look"), page);
    connect(defaults, &QPushButton::clicked, this, [this] { showMap(MapPreferences::defaults()); });

    auto *form = new QFormLayout(page);
    form->addRow(tr("Background:"), m_background);
    form->addRow(tr("Base grid fill:"), m_baseGridFill);
    form->addRow(tr("Open cases:"), m_openCase);
    form->addRow(tr("Closed cases:"), m_closedCase);
    form->addRow(tr("Case dot radius:"), m_caseRadius);
    form->addRow(QString(), defaults);
    form->addRow(noteLabel(tr("The map is drawn again with these when they are applied."), page));
    return page;
}

QWidget *PreferencesDialog::alertsPage()
{
    auto *page = new QWidget(this);
    m_deadlineShare = new QSpinBox(page);
    m_deadlineShare->setObjectName(QStringLiteral("deadlineShare"));
    m_deadlineShare->setRange(0, 99);
    m_deadlineShare->setSuffix(QStringLiteral(" %"));
    m_deadlineShare->setSpecialValueText(tr("no alert"));
    m_overdue = new QCheckBox(tr("Alert when a case's deadline passes"), page);
    m_overdue->setObjectName(QStringLiteral("overdue"));
    m_urgentCases = new QCheckBox(tr("Alert for urgent cases coming in"), page);
    m_urgentCases->setObjectName(QStringLiteral("urgentCases"));
    m_urgentLevel = new QSpinBox(page);
    m_urgentLevel->setObjectName(QStringLiteral("urgentLevel"));
    m_urgentLevel->setRange(1, 4);
    m_tray = new QCheckBox(tr("Also in the system tray"), page);
    m_tray->setObjectName(QStringLiteral("tray"));
    m_sound = new QCheckBox(tr("Beep with each alert"), page);
    m_sound->setObjectName(QStringLiteral("sound"));
    connect(m_urgentCases, &QCheckBox::toggled, m_urgentLevel, &QWidget::setEnabled);

    auto *form = new QFormLayout(page);
    form->addRow(tr("Alert when a stage has used:"), m_deadlineShare);
    form->addRow(m_overdue);
    form->addRow(m_urgentCases);
    form->addRow(tr("Urgent from alarm level:"), m_urgentLevel);
    form->addRow(noteLabel(tr("A case is urgent when a sensor or video alarm of this level or "
                              "higher filed it, or when someone marks it special."),
        page));
    form->addRow(m_tray);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        form->addRow(noteLabel(tr("This desktop has no system tray: alerts show in the window "
                                  "only."),
            page));
    form->addRow(m_sound);
    return page;
}

void PreferencesDialog::setColour(QPushButton *button, const QColor &colour)
{
    button->setProperty(COLOUR_PROPERTY, colour);
    button->setText(colour.name());
    const QString text =
        colour.lightnessF() > 0.5 ? QStringLiteral("black") : QStringLiteral("white");
    button->setStyleSheet(
        QStringLiteral("QPushButton { background: %1; color: %2; }").arg(colour.name(), text));
}

void PreferencesDialog::chooseColour(QPushButton *button)
{
    const QColor current = button->property(COLOUR_PROPERTY).value<QColor>();
    const QColor chosen = QColorDialog::getColor(current, this, tr("Choose a colour"));
    if (chosen.isValid())
        setColour(button, chosen);
}

void PreferencesDialog::showMap(const MapPreferences &map)
{
    setColour(m_background, map.background);
    setColour(m_baseGridFill, map.baseGridFill);
    setColour(m_openCase, map.openCase);
    setColour(m_closedCase, map.closedCase);
    m_caseRadius->setValue(map.caseRadius);
}

void PreferencesDialog::setPreferences(const DeskPreferences &preferences)
{
    m_startWorkspace->setText(preferences.startWorkspace);
    m_server->setText(preferences.server);
    m_caFile->setText(preferences.caFile);
    const int language = m_language->findData(preferences.language);
    m_language->setCurrentIndex(language >= 0 ? language : 0);
    showMap(preferences.map);
    const AlertPreferences &alerts = preferences.alerts;
    m_deadlineShare->setValue(int(alerts.deadlineShare * 100 + 0.5));
    m_overdue->setChecked(alerts.overdue);
    m_urgentCases->setChecked(alerts.urgentCases);
    m_urgentLevel->setValue(alerts.urgentAlarmLevel);
    m_urgentLevel->setEnabled(alerts.urgentCases);
    m_tray->setChecked(alerts.tray);
    m_sound->setChecked(alerts.sound);
}

DeskPreferences PreferencesDialog::preferences() const
{
    DeskPreferences shown;
    shown.startWorkspace = m_startWorkspace->text().trimmed();
    shown.server = m_server->text().trimmed();
    shown.caFile = m_caFile->text().trimmed();
    shown.language = m_language->currentData().toString();
    shown.map.background = m_background->property(COLOUR_PROPERTY).value<QColor>();
    shown.map.baseGridFill = m_baseGridFill->property(COLOUR_PROPERTY).value<QColor>();
    shown.map.openCase = m_openCase->property(COLOUR_PROPERTY).value<QColor>();
    shown.map.closedCase = m_closedCase->property(COLOUR_PROPERTY).value<QColor>();
    shown.map.caseRadius = m_caseRadius->value();
    shown.alerts.deadlineShare = m_deadlineShare->value() / 100.0;
    shown.alerts.overdue = m_overdue->isChecked();
    shown.alerts.urgentCases = m_urgentCases->isChecked();
    shown.alerts.urgentAlarmLevel = m_urgentLevel->value();
    shown.alerts.tray = m_tray->isChecked();
    shown.alerts.sound = m_sound->isChecked();
    return shown;
}

bool PreferencesDialog::apply()
{
    const DeskPreferences shown = preferences();
    if (const auto problem = shown.problem()) {
        m_pages->setCurrentIndex(int(problem->page));
        showProblem(problem->message);
        return false;
    }
    shown.save();
    QString note;
    if (shown.language != m_saved.language)
        note = tr("Saved. The new language takes effect at the next start of GridDesk.");
    m_saved = shown;
    m_message->setStyleSheet(QString());
    m_message->setText(note);
    m_message->setVisible(!note.isEmpty());
    Q_EMIT applied(shown);
    return true;
}

void PreferencesDialog::showProblem(const QString &problem)
{
    m_message->setStyleSheet(PROBLEM_STYLE);
    m_message->setText(problem);
    m_message->setVisible(true);
}

QString PreferencesDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

} // namespace GridDesk
