// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
// The editing actions of the org chart editor: each as a step without a dialog (for the actions
// and tests) and as the dialog that asks for it.
#include "orgeditor.h"

#include "addunitdialog.h"
#include "groupdialog.h"
#include "logging.h"
#include "orgdocument.h"
#include "orgterms.h"
#include "persondialog.h"
#include "unitchooserdialog.h"
#include "unitdetailform.h"

#include "org/divisionimport.h"
#include "org/orgcsv.h"

#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QUndoStack>

namespace GridDesk {

namespace {

QString importReport(const OrgImportReport &report)
{
    QStringList lines;
    for (const RefusedRow &row : report.refused)
        //: %1 is a line number of the imported file, %2 why the row was refused
        lines << OrgEditor::tr("Line %1: %2").arg(row.line).arg(row.reason);
    return lines.join(u'\n');
}

} // namespace

bool OrgEditor::addUnit(
    const QString &parentCode, UnitKind kind, const QString &code, const QString &name)
{
    const ChartUnit *parent = m_document->chart().unit(parentCode);
    ChartUnit unit;
    unit.code = code.trimmed();
    unit.name = name.trimmed();
    unit.parentCode = parentCode;
    unit.kind = kind;
    // A new unit sits one tier below its parent; a joint-handling unit at its parent's side.
    unit.tier = parent ? std::min(parent->tier + 1, 6) : 1;
    if (kind == UnitKind::Joint && parent)
        unit.linkedUnits = {parentCode};
    return addUnit(unit);
}

bool OrgEditor::addUnit(const ChartUnit &unit)
{
    //: %1 is the new unit's name and code
    const auto done = m_document->apply(tr("Add %1").arg(unitTitle(unit)),
        [&unit](OrgChart &chart) { return chart.putUnit(unit); });
    if (!done) {
        refuse(tr("Unit not added"), done.error().message);
        return false;
    }
    selectUnit(unit.code);
    return true;
}

bool OrgEditor::moveSelectedUnit(const QString &parentCode)
{
    const auto done = m_document->moveUnits({m_current}, parentCode);
    if (!done) {
        refuse(tr("Unit not moved"), done.error().message);
        return false;
    }
    selectUnit(m_current);
    return true;
}

bool OrgEditor::mergeSelectedUnit(const QString &survivor)
{
    const QString retiring = m_current;
    //: %1 is the retiring unit's code, %2 the unit it merges into
    const auto done =
        m_document->apply(tr("Merge %1 into %2").arg(retiring, survivor), [&](OrgChart &chart) {
            return chart.mergeUnit(retiring, survivor, QDateTime::currentDateTimeUtc());
        });
    if (!done) {
        refuse(tr("Units not merged"), done.error().message);
        return false;
    }
    selectUnit(survivor);
    return true;
}

bool OrgEditor::retireSelectedUnit()
{
    const QString code = m_current;
    //: %1 is a unit code
    const auto done = m_document->apply(tr("Retire %1").arg(code), [&code](OrgChart &chart) {
        return chart.retireUnit(code, QDateTime::currentDateTimeUtc());
    });
    if (!done) {
        refuse(tr("Unit not retired"), done.error().message);
        return false;
    }
    return true;
}

bool OrgEditor::putPerson(const Person &person)
{
    qint64 id = person.id;
    const QString text =
        person.id == 0 ? tr("Add %1").arg(person.name) : tr("Change %1").arg(person.name);
    const auto done = m_document->apply(text, [&](OrgChart &chart) -> Result<void> {
        auto put = chart.putPerson(person);
        if (!put)
            return std::unexpected(put.error());
        id = *put;
        return {};
    });
    if (!done) {
        refuse(tr("Person not saved"), done.error().message);
        return false;
    }
    selectPerson(id);
    return true;
}

bool OrgEditor::personLeaves(qint64 id)
{
    const Person *found = m_document->chart().person(id);
    if (!found)
        return false;
    Person leaving = *found;
    leaving.retired = true;
    //: %1 is a person's name
    const auto done = m_document->apply(
        tr("%1 leaves").arg(leaving.name), [&leaving](OrgChart &chart) -> Result<void> {
            auto put = chart.putPerson(leaving);
            return put ? Result<void> {} : std::unexpected(put.error());
        });
    if (!done) {
        refuse(tr("Not changed"), done.error().message);
        return false;
    }
    return true;
}

bool OrgEditor::revealSelected(PersonalField field, const QString &why)
{
    const qint64 id = selectedPerson();
    if (id == 0)
        return false;
    const auto shown = m_document->reveal(id, field, why);
    if (!shown) {
        refuse(tr("Number not revealed"), shown.error().message);
        return false;
    }
    showMessage(tr("The number is shown; the reveal was recorded with your name and reason."));
    return true;
}

bool OrgEditor::putGroup(const OrgGroup &group)
{
    const QString text = group.id == 0 ? tr("Set up group %1").arg(group.name)
                                       : tr("Change group %1").arg(group.name);
    const auto done = m_document->apply(text, [&group](OrgChart &chart) -> Result<void> {
        auto put = chart.putGroup(group);
        return put ? Result<void> {} : std::unexpected(put.error());
    });
    if (!done) {
        refuse(tr("Group not saved"), done.error().message);
        return false;
    }
    return true;
}

QStringList OrgEditor::allowedParents(const QString &code) const
{
    const OrgChart &chart = m_document->chart();
    const ChartUnit *unit = chart.unit(code);
    if (!unit)
        return {};
    QStringList allowed;
    for (const ChartUnit &candidate : chart.units()) {
        const bool fits = !candidate.retired && candidate.tier < unit->tier
            && candidate.code != unit->parentCode && !chart.isWithin(candidate.code, code);
        if (fits)
            allowed << candidate.code;
    }
    return allowed;
}

QString OrgEditor::mergeExplanation(const QString &retiring) const
{
    const OrgChart &chart = m_document->chart();
    const ChartUnit *unit = chart.unit(retiring);
    if (!unit)
        return {};
    //: %1 is a unit; %2 people, %3 units, %4 grid codes move
    return tr("%1 is retired. Its %2 people, %3 units below it and %4 grids of its "
              "jurisdiction move to the unit you choose; its history stays with it.")
        .arg(unitTitle(*unit))
        .arg(chart.activePeopleCount(retiring))
        .arg(chart.childCodes(retiring).size())
        .arg(unit->jurisdiction.size());
}

void OrgEditor::askAddUnit(UnitKind kind)
{
    AddUnitDialog dialog(m_document->chart(), m_current, kind, this);
    if (dialog.exec() == QDialog::Accepted)
        addUnit(dialog.unit());
}

void OrgEditor::askMove()
{
    UnitChooserDialog dialog(m_document->chart(), allowedParents(m_current),
        !m_document->chart().unit(m_current)->parentCode.isEmpty(),
        tr("Move %1 under which unit? Only units the tier rule allows are offered.")
            .arg(unitTitle(*m_document->chart().unit(m_current))),
        this);
    dialog.setWindowTitle(tr("Move to"));
    if (dialog.exec() == QDialog::Accepted && dialog.chosen())
        moveSelectedUnit(*dialog.chosen());
}

void OrgEditor::askMerge()
{
    const OrgChart &chart = m_document->chart();
    QStringList survivors;
    for (const ChartUnit &unit : chart.units()) {
        if (!unit.retired && unit.code != m_current && !chart.isWithin(unit.code, m_current))
            survivors << unit.code;
    }
    UnitChooserDialog dialog(chart, survivors, false,
        tr("Merge %1 into which unit?").arg(unitTitle(*chart.unit(m_current))), this);
    dialog.setWindowTitle(tr("Merge into"));
    dialog.setExplanation(mergeExplanation(m_current));
    if (dialog.exec() == QDialog::Accepted && dialog.chosen())
        mergeSelectedUnit(*dialog.chosen());
}

void OrgEditor::askRetire()
{
    const ChartUnit *unit = m_document->chart().unit(m_current);
    if (!unit)
        return;
    const auto answer = QMessageBox::question(this, tr("Retire unit"),
        tr("Retire %1? It keeps its code and history and takes no new work.")
            .arg(unitTitle(*unit)));
    if (answer == QMessageBox::Yes)
        retireSelectedUnit();
}

void OrgEditor::askPerson(bool add)
{
    Person person;
    if (add) {
        person.unitCode = m_current;
    } else {
        const Person *found = m_document->chart().person(selectedPerson());
        if (!found)
            return;
        person = *found;
    }
    PersonDialog dialog(m_document->chart(), person, this);
    if (dialog.exec() == QDialog::Accepted)
        putPerson(dialog.person());
}

void OrgEditor::askPersonLeaves()
{
    const Person *person = m_document->chart().person(selectedPerson());
    if (!person)
        return;
    const auto answer = QMessageBox::question(this, tr("Person leaves"),
        tr("%1 leaves the organisation? They keep their record and history.").arg(person->name));
    if (answer == QMessageBox::Yes)
        personLeaves(person->id);
}

void OrgEditor::askReveal(PersonalField field)
{
    if (!mayReveal(m_document->role())) {
        refuse(tr("Number not revealed"),
            tr("Your role may not see whole personal numbers; leaders and administrators may."));
        return;
    }
    bool ok = false;
    const QString why = QInputDialog::getText(this, tr("Reveal number"),
        tr("Why do you need the whole number? The reason is recorded with your name."),
        QLineEdit::Normal, {}, &ok);
    if (ok)
        revealSelected(field, why);
}

qint64 OrgEditor::currentGroup() const
{
    const QListWidgetItem *item = m_detail->groupList()->currentItem();
    return item ? item->data(Qt::UserRole + 1).toLongLong() : 0;
}

void OrgEditor::askGroup(bool add)
{
    OrgGroup group;
    if (add) {
        group.unitCode = m_current;
        group.memberUnits = {m_current};
    } else {
        const OrgGroup *found = m_document->chart().group(currentGroup());
        if (!found)
            return;
        group = *found;
    }
    GroupDialog dialog(m_document->chart(), group, this);
    if (dialog.exec() == QDialog::Accepted)
        putGroup(dialog.group());
}

void OrgEditor::askDissolveGroup()
{
    const qint64 id = currentGroup();
    const OrgGroup *group = m_document->chart().group(id);
    if (!group)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Dissolve group"), tr("Dissolve %1? It keeps its record.").arg(group->name));
    if (answer != QMessageBox::Yes)
        return;
    const auto done = m_document->apply(tr("Dissolve group %1").arg(group->name),
        [id](OrgChart &chart) { return chart.dissolveGroup(id); });
    if (!done)
        refuse(tr("Group not dissolved"), done.error().message);
}

void OrgEditor::askLinkUnit()
{
    const OrgChart &chart = m_document->chart();
    QStringList tierUnits;
    for (const ChartUnit &unit : chart.units()) {
        if (unit.kind == UnitKind::Tier && !unit.retired)
            tierUnits << unit.code;
    }
    UnitChooserDialog dialog(chart, tierUnits, false, tr("Which tier unit does it serve?"), this);
    dialog.setWindowTitle(tr("Link tier unit"));
    if (dialog.exec() == QDialog::Accepted && dialog.chosen())
        m_detail->addLinkedUnit(*dialog.chosen());
}

void OrgEditor::askImportDivisions()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Folder of division code tables (cities.csv, areas.csv, streets, villages)"));
    if (folder.isEmpty())
        return;
    bool ok = false;
    const QString root = QInputDialog::getText(this, tr("Import division codes"),
        tr("Limit to the subtree of a city, district or street code (blank: the whole city):"),
        QLineEdit::Normal, {}, &ok);
    if (ok)
        importDivisions(folder, root);
}

bool OrgEditor::importDivisions(const QString &folder, const QString &rootCode)
{
    auto tree = readDivisionTree(folder, rootCode.trimmed());
    if (!tree) {
        refuse(tr("Divisions not imported"), tree.error().message);
        return false;
    }
    OrgImportReport report;
    const auto done = m_document->apply(tr("Import %n division unit(s)", nullptr, tree->size()),
        [&](OrgChart &chart) -> Result<void> {
            auto imported = importDivisionTree(chart, *tree);
            if (!imported)
                return std::unexpected(imported.error());
            report = *imported;
            return {};
        });
    if (!done) {
        refuse(tr("Divisions not imported"), done.error().message);
        return false;
    }
    showImportReport(tr("Divisions imported"), report);
    return true;
}

void OrgEditor::askImportCsv(bool people)
{
    const QString path = QFileDialog::getOpenFileName(
        this, people ? tr("Import people") : tr("Import units"), {}, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        importCsv(path, people);
}

bool OrgEditor::importCsv(const QString &path, bool people)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        refuse(tr("Not imported"), tr("%1 cannot be read: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray content = file.readAll();
    OrgImportReport report;
    const auto done = m_document->apply(
        tr("Import %1").arg(QFileInfo(path).fileName()), [&](OrgChart &chart) -> Result<void> {
            auto imported =
                people ? importPeopleCsv(chart, content) : importUnitsCsv(chart, content);
            if (!imported)
                return std::unexpected(imported.error());
            report = *imported;
            return {};
        });
    if (!done) {
        refuse(tr("Not imported"), done.error().message);
        return false;
    }
    showImportReport(tr("Import finished"), report);
    return true;
}

void OrgEditor::showImportReport(const QString &title, const OrgImportReport &report)
{
    const QString summary =
        tr("%1 added, %2 updated, %n row(s) refused.", nullptr, report.refused.size())
            .arg(report.added)
            .arg(report.updated);
    showMessage(summary);
    auto *box =
        new QMessageBox(report.refused.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
            title, summary, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("importReportBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!report.refused.isEmpty())
        box->setDetailedText(importReport(report));
    m_importReportBox = box;
    box->open();
}

void OrgEditor::askExportCsv(bool people)
{
    const QString path =
        QFileDialog::getSaveFileName(this, people ? tr("Export people") : tr("Export units"),
            people ? QStringLiteral("people.csv") : QStringLiteral("units.csv"),
            tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path, people);
}

bool OrgEditor::exportCsv(const QString &path, bool people)
{
    const QByteArray content =
        people ? exportPeopleCsv(m_document->chart()) : exportUnitsCsv(m_document->chart());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0) {
        refuse(tr("Not exported"), tr("%1 cannot be written: %2").arg(path, file.errorString()));
        return false;
    }
    showMessage(people ? tr("People exported to %1, numbers masked.").arg(path)
                       : tr("Units exported to %1.").arg(path));
    return true;
}

void OrgEditor::askReload()
{
    if (m_document->isModified()) {
        const auto answer = QMessageBox::question(this, tr("Reload org chart"),
            tr("Reloading drops your %n unsaved change(s). Reload anyway?", nullptr,
                m_document->undoStack()->count()));
        if (answer != QMessageBox::Yes)
            return;
    }
    if (auto done = m_document->reload(); !done)
        refuse(tr("Org chart not reloaded"), done.error().message);
}

} // namespace GridDesk
