// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "topologyfindingsmodel.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSet>

#include <algorithm>

namespace GridDesk {

TopologyFindingsModel::TopologyFindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TopologyFindingsModel::setFindings(const QList<TopologyFinding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

void TopologyFindingsModel::replaceAround(
    const QStringList &touched, const QStringList &parents, const QList<TopologyFinding> &findings)
{
    const QSet<QString> edited(touched.cbegin(), touched.cend());
    const QSet<QString> gapParents(parents.cbegin(), parents.cend());

    QList<TopologyFinding> kept;
    for (const TopologyFinding &finding : std::as_const(m_findings)) {
        const bool concernsEdited = std::any_of(finding.codes.cbegin(), finding.codes.cend(),
            [&edited](const QString &code) { return edited.contains(code); });
        const bool gapInParent = finding.kind == TopologyFinding::Kind::Gap
            && gapParents.contains(finding.codes.value(0));
        if (!concernsEdited && !gapInParent)
            kept.append(finding);
    }
    QSet<QString> keys;
    for (const TopologyFinding &finding : std::as_const(kept))
        keys.insert(finding.key());
    for (const TopologyFinding &finding : findings) {
        if (!keys.contains(finding.key()))
            kept.append(finding);
    }
    std::stable_sort(kept.begin(), kept.end(), [](const auto &a, const auto &b) {
        return a.kind != b.kind ? a.kind < b.kind : a.codes < b.codes;
    });
    setFindings(kept);
}

void TopologyFindingsModel::setAccepted(const QList<AcceptedFinding> &accepted)
{
    m_accepted.clear();
    for (const AcceptedFinding &item : accepted)
        m_accepted.insert(item.key, item);
    if (!m_findings.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

std::optional<AcceptedFinding> TopologyFindingsModel::acceptance(int row) const
{
    const auto found = m_accepted.constFind(m_findings.at(row).key());
    if (found == m_accepted.cend())
        return std::nullopt;
    return *found;
}

int TopologyFindingsModel::openCount() const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
        [this](const TopologyFinding &finding) { return !m_accepted.contains(finding.key()); }));
}

int TopologyFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int TopologyFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant TopologyFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TopologyFinding &finding = m_findings.at(index.row());
    const auto accepted = acceptance(index.row());

    switch (role) {
    case int(Role::Key):
        return finding.key();
    case int(Role::IsAccepted):
        return accepted.has_value();
    case Qt::ForegroundRole:
        if (accepted)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::ToolTipRole:
        if (accepted) {
            //: %1 is a person, %2 a date, %3 their reason
            return tr("Accepted by %1 on %2: %3")
                .arg(accepted->acceptedBy,
                    QLocale().toString(accepted->acceptedAt.toLocalTime(), QLocale::ShortFormat),
                    accepted->reason);
        }
        return finding.detail;
    case Qt::TextAlignmentRole:
        if (index.column() == int(Column::Area))
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        return displayText(index.row(), Column(index.column()));
    default:
        return {};
    }
}

QString TopologyFindingsModel::displayText(int row, Column column) const
{
    const TopologyFinding &finding = m_findings.at(row);
    const auto accepted = acceptance(row);
    switch (column) {
    case Column::Kind:
        return topologyKindName(finding.kind);
    case Column::Grids:
        return finding.codes.join(QStringLiteral(", "));
    case Column::Area:
        if (finding.areaM2 <= 0)
            return QString();
        return QLocale().toString(finding.areaM2, 'f', finding.areaM2 < 100 ? 1 : 0);
    case Column::Detail:
        return finding.detail;
    case Column::Accepted:
        return accepted ? accepted->reason : QString();
    case Column::Count:
        break;
    }
    return {};
}

QVariant TopologyFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Kind:
        return tr("Kind");
    case Column::Grids:
        return tr("Grids");
    case Column::Area:
        return tr("Area (m²)");
    case Column::Detail:
        return tr("Detail");
    case Column::Accepted:
        return tr("Accepted because");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
