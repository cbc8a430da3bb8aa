// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "alertcentre.h"

#include "casedesk.h"
#include "logging.h"

#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "workflow/casebook.h"
#include "workflow/terms.h"
#include "worktime/deadlinestate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QLocale>
#include <QStyle>
#include <QSystemTrayIcon>

namespace GridDesk {

namespace {

constexpr int TRAY_MESSAGE_MS = 15'000;

bool isAlarmChannel(const QString &source)
{
    return source == QLatin1String("iot") || source == QLatin1String("video");
}

bool isSpecial(const QString &caseTypes)
{
    return caseTypes.split(u',').contains(caseTypeKey(CaseType::Special));
}

QString shortTime(const QDateTime &time)
{
    return QLocale().toString(time, QLocale::ShortFormat);
}

} // namespace

AlertCentre::AlertCentre(CaseDesk *desk, CaseQueueWidget *queue, QObject *parent)
    : QObject(parent)
    , m_desk(desk)
    , m_queue(queue)
{
    connect(m_desk, &CaseDesk::caseChanged, this, &AlertCentre::takeCase);
    connect(m_desk, &CaseDesk::deadlinesDue, this, &AlertCentre::checkDeadlines);
    connect(m_queue->model(), &QAbstractItemModel::modelReset, this, &AlertCentre::takeQueue);
    takeQueue();
}

AlertCentre::~AlertCentre() = default;

void AlertCentre::setPreferences(const AlertPreferences &preferences)
{
    m_preferences = preferences;
    updateTray();
}

void AlertCentre::takeQueue()
{
    // A queue loaded anew (another workspace, a new setup) is where the desk starts from:
    // cases listed now are not new, and where their deadlines stand is noted at the next look.
    const CompactCaseList &cases = m_queue->model()->cases();
    m_known.clear();
    m_known.reserve(cases.size());
    m_said.clear();
    for (qsizetype row = 0; row < cases.size(); ++row) {
        m_known.insert(cases.id(row));
        if (isSpecial(cases.caseTypes(row)))
            m_said[cases.id(row)].special = true;
    }
    m_seeded = false;
}

void AlertCentre::takeCase(const CaseRecord &record)
{
    const bool isNew = !m_known.contains(record.id);
    m_known.insert(record.id);
    if (!m_preferences.urgentCases)
        return;

    Said &said = m_said[record.id];
    if (isSpecial(record.caseTypes) && !std::exchange(said.special, true)) {
        if (!madeHere(record.id, false)) {
            //: %1 is a case, %2 its category
            raise({DeskAlert::Kind::UrgentCase, record.id,
                tr("Case %1 (%2) was marked special.").arg(caseLabel(record.id), record.category),
                m_desk->now()});
        }
        return;
    }
    if (!isNew || !isAlarmChannel(record.source) || madeHere(record.id, true))
        return;
    const auto level = alarmLevel(record.id);
    if (!level || *level < m_preferences.urgentAlarmLevel)
        return;
    //: %1 is an alarm level 1–4, %2 a channel ("IoT sensor alarm"), %3 a case, %4 what it is
    raise({DeskAlert::Kind::UrgentCase, record.id,
        tr("Level %1 alarm (%2): case %3, %4")
            .arg(*level)
            .arg(channelName(record.source), caseLabel(record.id),
                record.descriptor.isEmpty() ? record.category : record.descriptor),
        m_desk->now()});
}

std::optional<int> AlertCentre::alarmLevel(qint64 id) const
{
    const CaseBook *book = m_desk->caseBook();
    if (!book)
        return std::nullopt;
    const auto file = book->file(id);
    if (!file || file->events().isEmpty())
        return std::nullopt;
    const QJsonValue level = file->events().first().data.value(QLatin1String("level"));
    return level.isDouble() ? std::optional(level.toInt()) : std::nullopt;
}

bool AlertCentre::madeHere(qint64 id, bool firstEvent) const
{
    const CaseBook *book = m_desk->caseBook();
    if (!book || !m_desk->user().isValid())
        return false;
    const auto file = book->file(id);
    if (!file || file->events().isEmpty())
        return false;
    const CaseEvent &event = firstEvent ? file->events().first() : file->events().last();
    return event.actor == m_desk->user().name;
}

void AlertCentre::checkDeadlines(const QDateTime &at)
{
    if (!at.isValid())
        return;
    const bool seeding = !std::exchange(m_seeded, true);
    QElapsedTimer timer;
    timer.start();
    const int rows = m_queue->model()->rowCount();
    for (int row = 0; row < rows; ++row)
        checkRow(row, at, seeding);
    qCDebug(lcApp) << "deadlines of" << rows << "cases looked at for alerts in" << timer.elapsed()
                   << "ms";
}

void AlertCentre::checkRow(int row, const QDateTime &at, bool seeding)
{
    const CaseTableModel *model = m_queue->model();
    const CompactCaseList &cases = model->cases();
    const auto state = caseStateFromKey(cases.state(row));
    const auto stage = state ? stageOf(*state) : std::nullopt;
    const bool running = stage && *state != CaseState::Closed
        && cases.deadlineMsecs(row) != CompactCaseList::NO_TIME && !cases.isSuspended(row);
    if (!running)
        return;

    const WorkflowSetup &setup = model->setup();
    const bool workingTime =
        setup.categories.limit(cases.category(row), *stage).unit != TimeLimit::Unit::CalendarHours;
    const QDateTime started = cases.stageStartedWallTime(row);
    const QDateTime deadline = cases.deadlineWallTime(row);
    const QList<double> shares = m_preferences.deadlineShare > 0
        ? QList<double> {m_preferences.deadlineShare}
        : QList<double>();
    const DeadlineStatus status =
        deadlineStatus(setup.calendar, started, deadline, at, shares, workingTime);

    const qint64 id = cases.id(row);
    Said &said = m_said[id];
    if (said.stageStarted != started.toMSecsSinceEpoch()) {
        // Another stage: its marks are still to be said.
        said = Said {started.toMSecsSinceEpoch(), false, false, said.special};
    }
    const bool overdue = status.state == DeadlineState::Overdue;
    const bool atShare = overdue || status.state == DeadlineState::Warning;
    const bool sayOverdue = overdue && !std::exchange(said.overdue, true);
    // A case seen overdue first is not also said to have reached the share.
    const bool sayShare = atShare && !std::exchange(said.share, true) && !overdue;
    if (seeding)
        return;

    const QString stageText = stageName(*stage);
    if (sayOverdue && m_preferences.overdue) {
        //: %1 is a case, %2 a stage ("Handling"), %3 the deadline's date and time
        raise({DeskAlert::Kind::Overdue, id,
            tr("Case %1 is overdue: its %2 time ran out at %3.")
                .arg(caseLabel(id), stageText.toLower(), shortTime(deadline)),
            at});
    } else if (sayShare && !shares.isEmpty()) {
        //: %1 is a case, %2 a percentage, %3 a stage ("Handling"), %4 the deadline
        raise({DeskAlert::Kind::DeadlineShare, id,
            tr("Case %1 has used %2 of its %3 time; due %4.")
                .arg(caseLabel(id),
                    QLocale().toString(int(m_preferences.deadlineShare * 100 + 0.5))
                        + QStringLiteral(" %"),
                    stageText.toLower(), shortTime(deadline)),
            at});
    }
}

QString AlertCentre::caseLabel(qint64 id) const
{
    const auto row = m_queue->model()->rowOf(id);
    return row ? m_queue->model()->displayText(*row, CaseTableModel::Column::Id)
               : QString::number(id);
}

void AlertCentre::raise(DeskAlert alert)
{
    qCInfo(lcApp) << "alert of kind" << int(alert.kind) << "for case" << alert.caseId;
    m_active.prepend(alert);
    m_recent.prepend(alert);
    if (m_recent.size() > RECENT_LIMIT)
        m_recent.removeLast();
    announce(alert);
    Q_EMIT alertRaised(alert);
    Q_EMIT activeChanged();
}

void AlertCentre::announce(const DeskAlert &alert)
{
    if (m_preferences.sound)
        QApplication::beep();
    if (!m_tray)
        return;
    m_trayCase = alert.caseId;
    const bool urgent = alert.kind != DeskAlert::Kind::DeadlineShare;
    m_tray->showMessage(tr("GridDesk"), alert.text,
        urgent ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, TRAY_MESSAGE_MS);
}

void AlertCentre::updateTray()
{
    const bool wanted = m_preferences.tray && QSystemTrayIcon::isSystemTrayAvailable();
    if (!wanted) {
        delete m_tray;
        return;
    }
    if (m_tray)
        return;
    m_tray = new QSystemTrayIcon(this);
    m_tray->setObjectName(QStringLiteral("alertTray"));
    QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    m_tray->setIcon(icon);
    m_tray->setToolTip(tr("GridDesk alerts"));
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (m_trayCase > 0)
            Q_EMIT caseRequested(m_trayCase);
    });
    m_tray->show();
}

void AlertCentre::dismissNewest()
{
    if (m_active.isEmpty())
        return;
    m_active.removeFirst();
    Q_EMIT activeChanged();
}

void AlertCentre::dismissAll()
{
    if (m_active.isEmpty())
        return;
    m_active.clear();
    Q_EMIT activeChanged();
}

} // namespace GridDesk
