// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casetimelinemodel.h"

#include <QCoreApplication>

#include "domain/displaytime.h"
#include "workflow/terms.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::CaseTimelineModel)
};

QString text(const CaseEvent &event, const char *key)
{
    return event.data.value(QLatin1String(key)).toVariant().toString().trimmed();
}

QString unitNames(const QJsonValue &value, const OrgDirectory &units)
{
    QStringList names;
    for (const QJsonValue &code : value.toArray())
        names << units.displayName(code.toString());
    return names.join(QStringLiteral(", "));
}

QString dispatchDetails(const CaseEvent &event, const OrgDirectory &units)
{
    QStringList parts;
    parts << Tr::tr("Lead unit: %1.").arg(units.displayName(text(event, "unit")));
    const QString coUnits = unitNames(event.data.value(QLatin1String("co_units")), units);
    if (!coUnits.isEmpty())
        parts << Tr::tr("Jointly with %1.").arg(coUnits);
    const QString handler = text(event, "handler_name");
    if (!handler.isEmpty())
        parts << Tr::tr("Handled by %1.").arg(handler);
    const QString rule = text(event, "rule");
    const QString why = text(event, "rule_reason");
    if (!rule.isEmpty()) {
        //: %1 is a dispatch rule and why it matched, e.g. 'Rule R1 "Roads" (category road)'
        parts << Tr::tr("Proposed by %1.").arg(why.isEmpty() ? rule : why);
    }
    return parts.join(u' ');
}

QString evaluationDetails(const CaseEvent &event)
{
    //: %1 is a satisfaction from 1 to 5
    QString words = Tr::tr("Satisfaction %1 of 5.").arg(text(event, "satisfaction"));
    const QString visit = text(event, "return_visit");
    if (!visit.isEmpty())
        words += u' ' + Tr::tr("Return visit: %1").arg(visit);
    return words;
}

QString attachmentDetails(const CaseEvent &event)
{
    const qint64 size = event.data.value(QLatin1String("size")).toInteger();
    //: %1 is a file name, %2 its size, e.g. "photo.jpg (1.2 MB)"
    return Tr::tr("%1 (%2)").arg(text(event, "name"), QLocale().formattedDataSize(size));
}

/// How an intake channel received the event's report or alarm: when, from which client.
QString intakeDetails(const CaseEvent &event)
{
    const QJsonObject intake = event.data.value(QLatin1String("intake")).toObject();
    if (intake.isEmpty())
        return {};
    const QDateTime received =
        QDateTime::fromString(intake.value(QLatin1String("received_at")).toString(), Qt::ISODate);
    //: %1 is a time, %2 the program or file that sent a report
    return Tr::tr("Received %1 from %2.")
        .arg(QLocale().toString(received.toLocalTime(), QLocale::ShortFormat),
            intake.value(QLatin1String("client")).toString());
}

QString alarmDetails(const CaseEvent &event)
{
    if (!event.data.contains(QLatin1String("alarm_type")))
        return {};
    //: %1 is the type of an alarm, %2 its level from 1 to 4, %3 the device's code
    return Tr::tr("Alarm %1, level %2, from device %3.")
        .arg(text(event, "alarm_type"), text(event, "level"), text(event, "device"));
}

/// The payload the event came in as, for a tooltip: at most this many characters of it.
constexpr int PAYLOAD_TIP_CHARACTERS = 2000;

QString payloadTip(const CaseEvent &event)
{
    const QJsonObject intake = event.data.value(QLatin1String("intake")).toObject();
    QString payload = intake.value(QLatin1String("payload")).toString();
    if (payload.isEmpty() && intake.contains(QLatin1String("payload_base64")))
        payload = Tr::tr(
            "(%n bytes that are not text)", nullptr, intake.value(QLatin1String("bytes")).toInt());
    if (payload.isEmpty())
        return {};
    const bool cut = payload.size() > PAYLOAD_TIP_CHARACTERS
        || intake.value(QLatin1String("truncated")).toBool();
    payload.truncate(PAYLOAD_TIP_CHARACTERS);
    for (QChar &c : payload) {
        if (c.category() == QChar::Other_Control && c != u'\n')
            c = u' ';
    }
    return Tr::tr("As received:") + u'\n' + payload + (cut ? QStringLiteral(" …") : QString());
}

} // namespace

CaseTimelineModel::CaseTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void CaseTimelineModel::setEvents(const QList<CaseEvent> &events, const OrgDirectory &units)
{
    beginResetModel();
    m_events = events;
    m_units = units;
    endResetModel();
}

QString CaseTimelineModel::details(const CaseEvent &event, const OrgDirectory &units)
{
    switch (event.action) {
    case CaseAction::Report: {
        const QString channel = text(event, "channel");
        QStringList parts;
        if (!channel.isEmpty())
            parts << Tr::tr("Channel: %1.").arg(channelName(channel));
        parts << alarmDetails(event) << intakeDetails(event);
        parts.removeAll(QString());
        return parts.join(u' ');
    }
    case CaseAction::Recur:
        //: %1 says which alarm, %2 how many alarms the report holds now
        return Tr::tr("%1 Came again: %2 alarms in all.")
            .arg(alarmDetails(event), text(event, "alarms"));
    case CaseAction::Register: {
        const QString category = text(event, "category");
        return category.isEmpty() ? QString() : Tr::tr("Category: %1.").arg(category);
    }
    case CaseAction::Dispatch:
        return dispatchDetails(event, units);
    case CaseAction::Escalate:
        return Tr::tr("Taken over by %1.").arg(units.displayName(text(event, "unit")));
    case CaseAction::FeedBack:
    case CaseAction::CloseImmediately:
        return Tr::tr("Result: %1").arg(text(event, "result"));
    case CaseAction::ContactReporter:
        return text(event, "result");
    case CaseAction::Verify:
    case CaseAction::FailVerification: {
        const QString checker = text(event, "checked_by_name");
        return checker.isEmpty() ? QString() : Tr::tr("Checked on site by %1.").arg(checker);
    }
    case CaseAction::Evaluate:
    case CaseAction::ReturnVisit:
        return evaluationDetails(event);
    case CaseAction::RequestExtension:
        //: %1 is a time limit such as "2d"
        return Tr::tr("Asked for %1 more.").arg(text(event, "limit"));
    case CaseAction::ApproveExtension:
        return Tr::tr("Granted %1 more.").arg(text(event, "limit"));
    case CaseAction::Promise:
        return Tr::tr("Promised for %1.")
            .arg(text(event, "promised_at").replace(u'T', u' ').left(16));
    case CaseAction::Merge:
        return Tr::tr("Merged into case %1.").arg(text(event, "into"));
    case CaseAction::Absorb:
        return Tr::tr("Case %1 was merged into this one.").arg(text(event, "from"));
    case CaseAction::Attach:
        return attachmentDetails(event);
    case CaseAction::Rehome:
        //: %1 and %2 are grid codes, %3 the number of a grid edition
        return Tr::tr("Grid %1 → %2 (edition %3).")
            .arg(text(event, "from"), text(event, "to"))
            .arg(event.data.value(QLatin1String("edition")).toInt());
    case CaseAction::LinkEntry:
    case CaseAction::UnlinkEntry: {
        //: %1 is a register entry's code, %2 its kind and masked name
        const QString entry = Tr::tr("%1 (%2)").arg(text(event, "entry"), text(event, "label"));
        return text(event, "role") == QLatin1String("reporter")
            ? Tr::tr("Reporter: %1.").arg(entry)
            : Tr::tr("Register entry: %1.").arg(entry);
    }
    default:
        return {};
    }
}

int CaseTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int CaseTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant CaseTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};

    const CaseEvent &event = m_events.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(event, column);
    case Qt::ToolTipRole: {
        if (column != Column::Reason && column != Column::Details)
            return {};
        const QString shown = display(event, column);
        const QString payload = column == Column::Details ? payloadTip(event) : QString();
        if (payload.isEmpty())
            return shown;
        return shown.isEmpty() ? payload : shown + QStringLiteral("\n\n") + payload;
    }
    case int(Role::Sequence):
        return event.sequence;
    case int(Role::Action):
        return int(event.action);
    default:
        return {};
    }
}

QString CaseTimelineModel::display(const CaseEvent &event, Column column) const
{
    switch (column) {
    case Column::When:
        return displayDateTime(event.at.wallTime());
    case Column::Action:
        return caseActionName(event.action);
    case Column::Actor:
        return event.actor;
    case Column::Role:
        return roleName(event.role);
    case Column::Unit:
        return event.unit.isEmpty() ? QString() : m_units.displayName(event.unit);
    case Column::Change:
        if (!event.from)
            return caseStateName(event.to);
        if (*event.from == event.to)
            return {};
        //: a change of state, e.g. "Registered → Dispatched"
        return tr("%1 → %2").arg(caseStateName(*event.from), caseStateName(event.to));
    case Column::Reason:
        return event.reason;
    case Column::Details:
        return details(event, m_units);
    case Column::Count:
        break;
    }
    return {};
}

QVariant CaseTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (Column(section)) {
    case Column::When:
        return tr("When");
    case Column::Action:
        return tr("Action");
    case Column::Actor:
        return tr("Who");
    case Column::Role:
        return tr("Role");
    case Column::Unit:
        return tr("Unit");
    case Column::Change:
        return tr("State");
    case Column::Reason:
        return tr("Reason");
    case Column::Details:
        return tr("Details");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
