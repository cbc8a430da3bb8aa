// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "calendareditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

const QString TIME_FORMAT = QStringLiteral("HH:mm");

QString periodsText(const QList<std::pair<QTime, QTime>> &periods)
{
    QStringList parts;
    for (const auto &[start, end] : periods)
        parts << start.toString(TIME_FORMAT) + QStringLiteral("–") + end.toString(TIME_FORMAT);
    return parts.join(QStringLiteral(", "));
}

QString kindName(CalendarDayKind kind)
{
    return kind == CalendarDayKind::Holiday ? CalendarEditor::tr("Holiday")
                                            : CalendarEditor::tr("Adjusted workday");
}

} // namespace

CalendarEditor::CalendarEditor(const WorkCalendar &calendar, QWidget *parent)
    : QWidget(parent)
    , m_calendar(calendar)
    , m_message(new QLabel(this))
{
    m_message->setObjectName(QStringLiteral("calendarMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createHoursBox());
    layout->addWidget(createDaysBox(), 1);
    layout->addWidget(m_message);

    const QList<CalendarDay> days = m_calendar.days();
    showYear(days.isEmpty() ? QDate::currentDate().year() : days.last().date.year());
}

QWidget *CalendarEditor::createHoursBox()
{
    auto *box = new QGroupBox(tr("Working week"), this);
    m_hours = new QLineEdit(periodsText(m_calendar.workingHours()), box);
    m_hours->setObjectName(QStringLiteral("workingHours"));
    m_hours->setPlaceholderText(tr("09:00–12:00, 13:30–17:30"));
    m_hours->setToolTip(tr("Working periods of a day, in order, separated by commas."));
    auto *weekend = new QHBoxLayout;
    const QList<Qt::DayOfWeek> current = m_calendar.weekend();
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        auto *check = new QCheckBox(QLocale().dayName(day, QLocale::ShortFormat), box);
        check->setObjectName(QStringLiteral("weekend_%1").arg(day));
        check->setChecked(current.contains(Qt::DayOfWeek(day)));
        m_weekend.insert(day, check);
        weekend->addWidget(check);
        connect(check, &QCheckBox::toggled, this, [this] {
            QList<Qt::DayOfWeek> days;
            for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
                if (m_weekend.value(day)->isChecked())
                    days << Qt::DayOfWeek(day);
            }
            m_calendar.setWeekend(days);
            Q_EMIT changed();
        });
    }
    weekend->addStretch();

    auto *form = new QFormLayout(box);
    form->addRow(tr("Working &periods:"), m_hours);
    form->addRow(tr("Weekend days:"), weekend);
    connect(m_hours, &QLineEdit::textEdited, this, &CalendarEditor::changed);
    connect(m_hours, &QLineEdit::editingFinished, this, [this] {
        const auto read = calendar();
        if (!read)
            showMessage(read.error().message, true);
        else
            m_message->setVisible(false);
    });
    return box;
}

QWidget *CalendarEditor::createDaysBox()
{
    auto *box = new QGroupBox(tr("Holiday schedule"), this);
    m_year = new QSpinBox(box);
    m_year->setObjectName(QStringLiteral("calendarYear"));
    m_year->setRange(1900, 2200);
    auto *importButton = new QPushButton(tr("Imp&ort holiday schedule (CSV)…"), box);
    importButton->setObjectName(QStringLiteral("importCalendar"));
    auto *exportButton = new QPushButton(tr("&Export…"), box);
    exportButton->setObjectName(QStringLiteral("exportCalendar"));
    auto *top = new QHBoxLayout;
    auto *yearLabel = new QLabel(tr("&Year:"), box);
    yearLabel->setBuddy(m_year);
    top->addWidget(yearLabel);
    top->addWidget(m_year);
    top->addStretch();
    top->addWidget(importButton);
    top->addWidget(exportButton);

    m_days = new QTableWidget(0, 3, box);
    m_days->setObjectName(QStringLiteral("calendarDays"));
    m_days->setHorizontalHeaderLabels({tr("Date"), tr("Kind"), tr("Name")});
    m_days->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_days->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_days->verticalHeader()->setVisible(false);
    m_days->verticalHeader()->setDefaultSectionSize(m_days->fontMetrics().height() + 8);
    m_days->horizontalHeader()->setStretchLastSection(true);
    m_days->setColumnWidth(
        0, m_days->fontMetrics().horizontalAdvance(QStringLiteral("2026-10-01  ")));
    m_days->setColumnWidth(1,
        m_days->fontMetrics().horizontalAdvance(
            kindName(CalendarDayKind::AdjustedWorkday) + QStringLiteral("    ")));

    m_newDate = new QDateEdit(QDate::currentDate(), box);
    m_newDate->setObjectName(QStringLiteral("newDayDate"));
    m_newDate->setCalendarPopup(true);
    m_newDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_newKind = new QComboBox(box);
    m_newKind->setObjectName(QStringLiteral("newDayKind"));
    for (CalendarDayKind kind : {CalendarDayKind::Holiday, CalendarDayKind::AdjustedWorkday})
        m_newKind->addItem(kindName(kind), int(kind));
    m_newName = new QLineEdit(box);
    m_newName->setObjectName(QStringLiteral("newDayName"));
    m_newName->setPlaceholderText(tr("Holiday name"));
    auto *add = new QPushButton(tr("&Add day"), box);
    add->setObjectName(QStringLiteral("addDay"));
    auto *remove = new QPushButton(tr("Re&move day"), box);
    remove->setObjectName(QStringLiteral("removeDay"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_newDate);
    bottom->addWidget(m_newKind);
    bottom->addWidget(m_newName, 1);
    bottom->addWidget(add);
    bottom->addWidget(remove);

    auto *layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addWidget(m_days, 1);
    layout->addLayout(bottom);
    connect(m_year, &QSpinBox::valueChanged, this, &CalendarEditor::fillDays);
    connect(importButton, &QPushButton::clicked, this, &CalendarEditor::chooseImport);
    connect(exportButton, &QPushButton::clicked, this, &CalendarEditor::chooseExport);
    connect(add, &QPushButton::clicked, this, &CalendarEditor::addDay);
    connect(remove, &QPushButton::clicked, this, &CalendarEditor::removeDay);
    return box;
}

void CalendarEditor::showYear(int year)
{
    if (m_year->value() == year)
        fillDays();
    else
        m_year->setValue(year);
}

void CalendarEditor::fillDays()
{
    m_days->setRowCount(0);
    for (const CalendarDay &day : m_calendar.days(m_year->value())) {
        const int row = m_days->rowCount();
        m_days->insertRow(row);
        auto *date = new QTableWidgetItem(day.date.toString(Qt::ISODate));
        date->setData(Qt::UserRole, day.date);
        m_days->setItem(row, 0, date);
        m_days->setItem(row, 1, new QTableWidgetItem(kindName(day.kind)));
        m_days->setItem(row, 2, new QTableWidgetItem(day.name));
    }
}

Result<WorkCalendar> CalendarEditor::calendar() const
{
    QList<std::pair<QTime, QTime>> periods;
    static const QRegularExpression dash(QStringLiteral("\\s*[-–]\\s*"));
    for (const QString &part : m_hours->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList ends = part.trimmed().split(dash);
        const QTime start = QTime::fromString(ends.value(0), TIME_FORMAT);
        const QTime end = QTime::fromString(ends.value(1), TIME_FORMAT);
        if (ends.size() != 2 || !start.isValid() || !end.isValid()) {
            return fail(ErrorCode::InvalidArgument,
                tr("Working period \"%1\" is not written like 09:00–12:00.").arg(part.trimmed()));
        }
        periods.append({start, end});
    }
    WorkCalendar calendar = m_calendar;
    if (auto set = calendar.setWorkingHours(periods); !set) {
        return fail(ErrorCode::InvalidArgument,
            tr("Working periods \"%1\": %2").arg(m_hours->text(), set.error().message));
    }
    return calendar;
}

void CalendarEditor::addDay()
{
    const QString name = m_newName->text().trimmed();
    if (name.isEmpty())
        return showMessage(tr("Give the day a name, such as the holiday it belongs to."), true);
    const CalendarDay day {
        m_newDate->date(), CalendarDayKind(m_newKind->currentData().toInt()), name};
    m_calendar.setDay(day);
    showYear(day.date.year());
    showMessage(tr("%1 is now listed as %2.")
                    .arg(day.date.toString(Qt::ISODate), kindName(day.kind).toLower()),
        false);
    Q_EMIT changed();
}

void CalendarEditor::removeDay()
{
    const QTableWidgetItem *item = m_days->item(m_days->currentRow(), 0);
    if (!item)
        return showMessage(tr("Choose the day to remove from the list."), true);
    const QDate date = item->data(Qt::UserRole).toDate();
    m_calendar.removeDay(date);
    fillDays();
    showMessage(tr("%1 follows the normal week again.").arg(date.toString(Qt::ISODate)), false);
    Q_EMIT changed();
}

bool CalendarEditor::importCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showMessage(tr("%1 cannot be read: %2").arg(path, file.errorString()), true);
        return false;
    }
    // readCsv leaves the calendar as it was when it fails.
    const Result<int> read = m_calendar.readCsv(file, QFileInfo(path).fileName());
    if (!read) {
        showMessage(tr("Nothing was imported. %1").arg(read.error().message), true);
        return false;
    }
    fillDays();
    showMessage(
        tr("%n day(s) read from %1.", nullptr, *read).arg(QFileInfo(path).fileName()), false);
    Q_EMIT changed();
    return true;
}

bool CalendarEditor::exportCsv(const QString &path)
{
    QSaveFile file(path);
    const bool written = file.open(QIODevice::WriteOnly)
        && file.write(m_calendar.toCsv(m_year->value())) >= 0 && file.commit();
    if (!written) {
        showMessage(tr("%1 cannot be written: %2").arg(path, file.errorString()), true);
        return false;
    }
    showMessage(tr("The days of %1 were written to %2.").arg(m_year->value()).arg(path), false);
    return true;
}

void CalendarEditor::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import holiday schedule"), {}, tr("Holiday schedules (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importCsv(path);
}

void CalendarEditor::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export holiday schedule"),
        QStringLiteral("holidays-%1.csv").arg(m_year->value()),
        tr("Holiday schedules (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void CalendarEditor::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("QLabel { color: #9b1010; }") : QString());
    m_message->setVisible(true);
}

} // namespace GridDesk
