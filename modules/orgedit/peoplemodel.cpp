// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "peoplemodel.h"

#include "orgdocument.h"
#include "orgterms.h"

#include "domain/posts.h"
#include "org/personaldata.h"

#include <QBrush>

namespace GridDesk {

PeopleModel::PeopleModel(OrgDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    reread();
    connect(m_document, &OrgDocument::chartChanged, this, [this] {
        beginResetModel();
        reread();
        endResetModel();
    });
    connect(m_document, &OrgDocument::revealedChanged, this, [this](qint64 personId) {
        const int row = rowOf(personId);
        if (row >= 0)
            Q_EMIT dataChanged(index(row, int(Column::Phone)), index(row, int(Column::IdNumber)));
    });
}

void PeopleModel::setUnit(const QString &code)
{
    beginResetModel();
    m_unit = code;
    reread();
    endResetModel();
}

void PeopleModel::reread()
{
    m_ids.clear();
    const OrgChart &chart = m_document->chart();
    const QList<Person> people = m_unit.isEmpty() ? chart.people() : chart.peopleOf(m_unit);
    for (const Person &person : people) {
        if (!person.retired)
            m_ids << person.id;
    }
}

qint64 PeopleModel::personAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids[row] : 0;
}

int PeopleModel::rowOf(qint64 personId) const
{
    return int(m_ids.indexOf(personId));
}

int PeopleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int PeopleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant PeopleModel::number(qint64 personId, Column column, int role) const
{
    const Person *person = m_document->chart().person(personId);
    const PersonalField field =
        column == Column::Phone ? PersonalField::Phone : PersonalField::IdNumber;
    const std::optional<QString> shown = m_document->revealed(personId, field);
    switch (role) {
    case Qt::DisplayRole:
        return shown ? *shown : maskedField(*person, field);
    case Qt::ToolTipRole:
        return shown ? tr("Revealed in this session; the reveal is recorded.")
                     : tr("Masked. Reveal it with a reason to see the whole number.");
    case int(Role::Revealed):
        return shown.has_value();
    default:
        return {};
    }
}

QVariant PeopleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 id = m_ids[index.row()];
    const Person *person = m_document->chart().person(id);
    if (!person)
        return {};
    const auto column = Column(index.column());
    if (role == int(Role::PersonId))
        return id;
    if (column == Column::Phone || column == Column::IdNumber)
        return number(id, column, role);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};

    switch (column) {
    case Column::Name:
        return person->name;
    case Column::Post: {
        const auto post = postFromKey(person->post);
        return post ? postName(*post) : person->post;
    }
    case Column::Unit: {
        const ChartUnit *unit = m_document->chart().unit(person->unitCode);
        return unit ? unitTitle(*unit) : person->unitCode;
    }
    case Column::Grids:
        return person->gridCodes.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant PeopleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Post:
        return tr("Post");
    case Column::Unit:
        return tr("Unit");
    case Column::Grids:
        return tr("Grids");
    case Column::Phone:
        return tr("Phone");
    case Column::IdNumber:
        return tr("ID number");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace GridDesk
