// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgdocument.h"

#include "logging.h"
#include "orgterms.h"

#include "storage/workspace.h"
#include "sync/outbox.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace GridDesk {

namespace {

/// One step of the editor: the chart as it was before and after.
class SnapshotCommand : public QUndoCommand
{
public:
    SnapshotCommand(OrgDocument *document, const QString &text, OrgChart before, OrgChart after)
        : QUndoCommand(text)
        , m_document(document)
        , m_before(std::move(before))
        , m_after(std::move(after))
    { }

    void undo() override { m_document->restore(m_before); }
    void redo() override { m_document->restore(m_after); }

private:
    OrgDocument *m_document;
    OrgChart m_before;
    OrgChart m_after;
};

} // namespace

OrgDocument::OrgDocument(QObject *parent)
    : QObject(parent)
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this,
        [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

OrgDocument::~OrgDocument() = default;

Result<void> OrgDocument::open(const QString &path)
{
    auto workspace = Workspace::open(path);
    if (!workspace)
        return std::unexpected(workspace.error());
    auto chart = OrgChart::load(**workspace);
    if (!chart)
        return std::unexpected(chart.error());
    auto grids = (*workspace)->grids(std::nullopt, false);
    if (!grids)
        return std::unexpected(grids.error());

    m_workspace = std::move(*workspace);
    m_path = path;
    m_grids = *grids;
    m_revealed.clear();
    m_undo->clear();
    m_chart = std::move(*chart);
    qCInfo(lcOrgEdit) << "opened the org chart of" << path << "with" << m_chart.units().size()
                      << "units";
    Q_EMIT chartChanged();
    return {};
}

void OrgDocument::setChart(const OrgChart &chart, const QList<Grid> &grids)
{
    m_undo->clear();
    m_revealed.clear();
    m_grids = grids;
    m_chart = chart;
    Q_EMIT chartChanged();
}

void OrgDocument::setUser(const QString &name, const QString &role)
{
    m_user = name;
    m_role = role;
    // Numbers revealed to someone else are not shown to the next user of the desk.
    m_revealed.clear();
    Q_EMIT chartChanged();
}

bool OrgDocument::mayEdit() const
{
    return !m_user.isEmpty() && OrgChart::mayEdit(m_role);
}

QString OrgDocument::readOnlyReason() const
{
    if (m_user.isEmpty())
        return tr("Read only: the desk acts as nobody. Choose a user to edit the org chart.");
    if (!OrgChart::mayEdit(m_role))
        //: %1 is a person, %2 their role key
        return tr("Read only: %1 acts in the role \"%2\"; only leaders, supervisors and "
                  "administrators change the org chart.")
            .arg(m_user, m_role);
    return {};
}

bool OrgDocument::syncs() const
{
    if (!m_workspace)
        return false;
    return !Sync::Outbox(*m_workspace).server().isEmpty();
}

bool OrgDocument::isModified() const
{
    return !m_undo->isClean();
}

Result<void> OrgDocument::apply(const QString &text, const Change &change)
{
    if (!mayEdit())
        return fail(ErrorCode::Forbidden, readOnlyReason());

    OrgChart changed = m_chart;
    if (auto done = change(changed); !done)
        return done;

    if (changed.pendingChanges().size() == m_chart.pendingChanges().size())
        return {};
    // The command's first redo puts the changed chart in place and tells the views.
    m_undo->push(new SnapshotCommand(this, text, m_chart, std::move(changed)));
    return {};
}

Result<void> OrgDocument::moveUnits(const QStringList &codes, const QString &parentCode)
{
    const QString target = parentCode.isEmpty() ? tr("the top") : parentCode;
    //: %1 is one or more unit codes, %2 the new parent's code
    return apply(tr("Move %1 under %2").arg(codes.join(u','), target), [&](OrgChart &chart) {
        for (const QString &code : codes) {
            if (auto moved = chart.moveUnit(code, parentCode); !moved)
                return moved;
        }
        return Result<void> {};
    });
}

Result<void> OrgDocument::save()
{
    if (!m_workspace)
        return fail(ErrorCode::NotFound, tr("This org chart has no workspace to be saved in."));
    if (!mayEdit())
        return fail(ErrorCode::Forbidden, readOnlyReason());

    // A workspace that syncs sends the chart to its server in the save's own transaction; the
    // server takes it as the city's chart unless someone changed that meanwhile.
    if (auto done = Sync::saveOrgChart(*m_workspace, m_chart, m_user); !done)
        return std::unexpected(done.error());
    // Steps before the save hold the revision the workspace had; undoing into them would make
    // the next save conflict with this one, so the saved chart starts a new history.
    m_undo->clear();
    qCInfo(lcOrgEdit) << "saved the org chart of" << m_path << "revision" << m_chart.revision();
    Q_EMIT chartChanged();
    Q_EMIT saved();
    return {};
}

Result<void> OrgDocument::reload()
{
    if (m_path.isEmpty())
        return fail(ErrorCode::NotFound, tr("This org chart has no workspace to be read from."));
    return open(m_path);
}

QList<OrgChange> OrgDocument::history(const QString &unitCode) const
{
    QList<OrgChange> changes;
    if (m_workspace) {
        auto saved = OrgChart::history(*m_workspace, unitCode);
        if (saved)
            changes = *saved;
        else
            qCWarning(lcOrgEdit).noquote()
                << "history of unit" << unitCode << "not read:" << saved.error().message;
    }
    for (const OrgChange &change : m_chart.pendingChanges()) {
        if (change.unitCode == unitCode)
            changes << change;
    }
    return changes;
}

Result<QString> OrgDocument::reveal(qint64 personId, PersonalField field, const QString &why)
{
    const Person *person = m_chart.person(personId);
    if (!person)
        return fail(ErrorCode::NotFound, tr("The chart has no person %1.").arg(personId));
    if (!m_workspace)
        return fail(ErrorCode::NotFound,
            tr("Numbers are revealed only in a workspace, where the reveal is recorded."));

    auto shown = GridDesk::reveal(*m_workspace, *person, field, m_user, m_role, why);
    if (!shown)
        return shown;
    m_revealed.insert({personId, int(field)}, *shown);
    qCInfo(lcOrgEdit) << "a personal number was revealed and recorded";
    Q_EMIT revealedChanged(personId);
    return shown;
}

std::optional<QString> OrgDocument::revealed(qint64 personId, PersonalField field) const
{
    const auto found = m_revealed.constFind({personId, int(field)});
    if (found == m_revealed.constEnd())
        return std::nullopt;
    return *found;
}

void OrgDocument::restore(const OrgChart &chart)
{
    m_chart = chart;
    Q_EMIT chartChanged();
}

} // namespace GridDesk
