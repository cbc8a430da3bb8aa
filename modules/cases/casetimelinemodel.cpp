// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casetimelinemodel.h"

#include <QCoreApplication>

#include "workflow/terms.h"

#include <QJsonArray>
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
        return channel.isEmpty() ? QString() : Tr::tr("Channel: %1.").arg(channel);
    }
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
    case Qt::ToolTipRole:
        if (column == Column::Reason || column == Column::Details)
            return display(event, column);
        return {};
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
        return event.at.wallTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
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
