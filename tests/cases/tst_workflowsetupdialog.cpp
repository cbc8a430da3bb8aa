// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "cases/workflowsetupdialog.h"

#include "casefixture.h"
#include "support/testsupport.h"

#include "cases/calendareditor.h"
#include "cases/categorieseditor.h"
#include "cases/dryrundialog.h"
#include "cases/ruleseditor.h"
#include "storage/workspace.h"
#include "workflow/casebook.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace GridDesk;

namespace {

const DeskUser LEADER {QStringLiteral("Lea"), Role::Leader, QStringLiteral("city")};
const DeskUser OPERATOR {QStringLiteral("Ann"), Role::Operator, QStringLiteral("city")};

CaseTime at(int day, int hour)
{
    return CaseTime::naive(QDate(2026, 3, day), QTime(hour, 0));
}

ActionRequest request(CaseAction action, int version, const CaseTime &when)
{
    ActionRequest request;
    request.action = action;
    request.basedOnVersion = version;
    request.actor = OPERATOR.name;
    request.role = Role::Operator;
    request.actorUnit = OPERATOR.unit;
    request.at = when;
    return request;
}

Category category(const char *code, const char *parent, const char *name, const char *unit)
{
    Category category;
    category.code = QLatin1String(code);
    category.parentCode = QLatin1String(parent);
    category.name = QLatin1String(name);
    category.defaultUnit = QLatin1String(unit);
    return category;
}

DispatchRule rule(const char *id, const char *name, const char *category, const char *unit)
{
    DispatchRule rule;
    rule.id = QLatin1String(id);
    rule.name = QLatin1String(name);
    rule.category = QLatin1String(category);
    rule.unit = QLatin1String(unit);
    return rule;
}

/// The parts of a setup the dialog edits, in the workspace's own JSON and CSV forms.
QByteArray fingerprint(const WorkflowSetup &setup)
{
    QByteArray hours;
    for (const auto &[start, end] : setup.calendar.workingHours())
        hours += start.toString().toLatin1() + '-' + end.toString().toLatin1() + ' ';
    return QJsonDocument(setup.categories.toJson()).toJson(QJsonDocument::Compact)
        + QJsonDocument(setup.rules.toJson()).toJson(QJsonDocument::Compact) + hours
        + setup.calendar.toCsv();
}

} // namespace

class TestWorkflowSetupDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addsACategoryAndRecomputesDeadlines();
    void reordersAndSwitchesRulesFromTheKeyboard();
    void dryRunShowsCountsAndSavesNothing();
    void badCsvNamesTheLineAndKeepsTheCalendar();
    void refusesABadSetup_data();
    void refusesABadSetup();
    void refusesToRemoveACategoryInUse();
    void nonLeaderMayOnlyLook();
    void closingAsksAboutUnsavedChanges();
    void screenshots();

private:
    void makeWorkspace();
    void openDialog(const DeskUser &user);
    Result<WorkflowSetup> savedSetup() const;
    void typeInto(QLineEdit *edit, const QString &text);
    void setCell(int row, RulesEditor::Column column, const QString &text);
    QString message() const;

    template<typename T>
    T *child(const char *name) const
    {
        return m_dialog ? m_dialog->findChild<T *>(QLatin1String(name)) : nullptr;
    }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkflowSetupDialog> m_dialog;
    QByteArray m_original;
    qint64 m_deepPothole = 0;
};

void TestWorkflowSetupDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestWorkflowSetupDialog::init()
{
    makeWorkspace();
    if (QTest::currentTestFailed())
        return;
    auto setup = savedSetup();
    QVERIFY2(setup, Test::why(setup).constData());
    m_original = fingerprint(*setup);
}

void TestWorkflowSetupDialog::cleanup()
{
    m_dialog.reset();
    m_workspace.reset();
}

/// The fixture's units; roads handled by district one (handling: 2 working days), potholes
/// below them, noise; rules R1 roads to street one, R2 night noise and R3 noise by day. Three
/// cases: a deep pothole, in a category not set up yet, waiting to be registered; a road case
/// dispatched to street two; a noise case dispatched to district one.
void TestWorkflowSetupDialog::makeWorkspace()
{
    static int workspaces = 0;
    m_path = m_dir.filePath(QStringLiteral("setup-%1.gpkg").arg(++workspaces));
    auto workspace = Workspace::open(m_path);
    QVERIFY2(workspace, Test::why(workspace).constData());
    m_workspace = std::move(*workspace);

    WorkflowSetup setup = Test::fixtureSetup();
    setup.users = {{LEADER.name, QStringLiteral("leader"), LEADER.unit},
        {OPERATOR.name, QStringLiteral("operator"), OPERATOR.unit}};
    Category road = category("road", "", "Road damage", "district-1");
    road.limits.insert(Stage::Handle, TimeLimit {2, TimeLimit::Unit::WorkingDays});
    auto categories = CategoryTree::build({road, category("road.pothole", "road", "Pothole", ""),
        category("noise", "", "Noise", "")});
    QVERIFY2(categories, Test::why(categories).constData());
    setup.categories = *categories;
    DispatchRule night = rule("R2", "Night noise", "noise", "street-2");
    night.from = QTime(22, 0);
    night.to = QTime(6, 0);
    auto rules = DispatchRules::build({rule("R1", "Roads", "road", "street-1"), night,
        rule("R3", "Noise by day", "noise", "district-1")});
    QVERIFY2(rules, Test::why(rules).constData());
    setup.rules = *rules;
    auto saved = m_workspace->transaction([&] { return setup.save(*m_workspace); });
    QVERIFY2(saved, Test::why(saved).constData());

    CaseBook book(*m_workspace, setup);
    const auto report = [&](const char *external, const char *categoryCode, const char *unit) {
        CaseRecord record;
        record.source = QStringLiteral("hotline");
        record.externalId = QLatin1String(external);
        record.category = QLatin1String(categoryCode);
        record.created = at(2, 9);
        record.location = GeoPoint {121.55, 25.0};
        if (!book.report(record, request(CaseAction::Report, 0, at(2, 9))))
            return qint64(0);
        if (*unit == 0)
            return record.id;
        ActionRequest dispatch = request(CaseAction::Dispatch, 2, at(2, 10));
        dispatch.unit = QLatin1String(unit);
        const bool sent = book.act(record.id, request(CaseAction::Register, 1, at(2, 10)))
            && book.act(record.id, dispatch);
        return sent ? record.id : qint64(0);
    };
    m_deepPothole = report("A-1", "road.pothole.deep", "");
    QVERIFY(m_deepPothole > 0);
    QVERIFY(report("A-2", "road", "street-2") > 0);
    QVERIFY(report("A-3", "noise", "district-1") > 0);
}

void TestWorkflowSetupDialog::openDialog(const DeskUser &user)
{
    auto setup = WorkflowSetup::load(*m_workspace);
    QVERIFY2(setup, Test::why(setup).constData());
    m_dialog = std::make_unique<WorkflowSetupDialog>(*m_workspace, *setup, user);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

Result<WorkflowSetup> TestWorkflowSetupDialog::savedSetup() const
{
    // A connection of its own, as the next session would read it.
    auto workspace = Workspace::open(m_path);
    if (!workspace)
        return std::unexpected(workspace.error());
    return WorkflowSetup::load(**workspace);
}

void TestWorkflowSetupDialog::typeInto(QLineEdit *edit, const QString &text)
{
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void TestWorkflowSetupDialog::setCell(int row, RulesEditor::Column column, const QString &text)
{
    QTableWidget *table = m_dialog->rulesEditor()->table();
    table->item(row, int(column))->setText(text);
}

QString TestWorkflowSetupDialog::message() const
{
    const auto *label = child<QLabel>("message");
    return label && label->isVisibleTo(m_dialog.get()) ? label->text() : QString();
}

void TestWorkflowSetupDialog::addsACategoryAndRecomputesDeadlines()
{
    openDialog(LEADER);
    CategoriesEditor *editor = m_dialog->categoriesEditor();
    QVERIFY(editor->select(QStringLiteral("road.pothole")));
    QTest::mouseClick(child<QPushButton>("addChild"), Qt::LeftButton);
    typeInto(child<QLineEdit>("categoryCode"), QStringLiteral("road.pothole.deep"));
    typeInto(child<QLineEdit>("categoryName"), QStringLiteral("Deep pothole"));
    auto *unit = child<QComboBox>("categoryUnit");
    unit->setCurrentIndex(unit->findData(QStringLiteral("street-2")));
    typeInto(child<QLineEdit>("limit_register"), QStringLiteral("48ch"));
    // Handling comes from road, two levels up; verification from the standard limits.
    QCOMPARE(child<QLineEdit>("limit_handle")->placeholderText(), QStringLiteral("2d from road"));
    QCOMPARE(child<QLineEdit>("limit_verify")->placeholderText(), QStringLiteral("1d standard"));
    QVERIFY(m_dialog->hasUnsavedChanges());

    QTest::mouseClick(child<QPushButton>("save"), Qt::LeftButton);
    QVERIFY2(message().contains(QLatin1String("recomputed")), qPrintable(message()));
    QVERIFY2(message().contains(QLatin1String("Deadlines of 3 open case")), qPrintable(message()));
    QVERIFY(!m_dialog->hasUnsavedChanges());
    QVERIFY(child<QLineEdit>("categoryCode")->isReadOnly());
    m_dialog.reset();
    m_workspace.reset();

    auto workspace = Workspace::open(m_path);
    QVERIFY2(workspace, Test::why(workspace).constData());
    auto setup = WorkflowSetup::load(**workspace);
    QVERIFY2(setup, Test::why(setup).constData());
    const auto deep = setup->categories.category(QStringLiteral("road.pothole.deep"));
    QVERIFY(deep);
    QCOMPARE(deep->parentCode, QStringLiteral("road.pothole"));
    QCOMPARE(deep->name, QStringLiteral("Deep pothole"));
    QCOMPARE(deep->defaultUnit, QStringLiteral("street-2"));
    QCOMPARE(deep->limits.value(Stage::Register).toText(), QStringLiteral("48ch"));
    QCOMPARE(deep->limits.size(), 1);
    // Reported on Monday 09:00: 48 calendar hours instead of one working hour.
    CaseBook book(**workspace, *setup);
    auto record = book.record(m_deepPothole);
    QVERIFY2(record, Test::why(record).constData());
    QCOMPARE(record->deadline.wallTime(), QDateTime(QDate(2026, 3, 4), QTime(9, 0)));
}

void TestWorkflowSetupDialog::reordersAndSwitchesRulesFromTheKeyboard()
{
    openDialog(LEADER);
    m_dialog->tabs()->setCurrentIndex(int(WorkflowSetupDialog::Tab::Rules));
    QTableWidget *table = m_dialog->rulesEditor()->table();
    table->setCurrentCell(2, int(RulesEditor::Column::Name));
    QTest::mouseClick(child<QPushButton>("moveRuleUp"), Qt::LeftButton);
    QCOMPARE(table->currentRow(), 1);
    QVERIFY(child<QPushButton>("moveRuleDown")->isEnabled());
    // Space on the switch of the first rule turns it off.
    table->setFocus();
    table->setCurrentCell(0, int(RulesEditor::Column::Enabled));
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(table->item(0, int(RulesEditor::Column::Enabled))->checkState(), Qt::Unchecked);

    m_dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
    QTest::keyClick(table, Qt::Key_S, Qt::ControlModifier);
    QVERIFY2(message().contains(QLatin1String("Saved")), qPrintable(message()));

    auto setup = savedSetup();
    QVERIFY2(setup, Test::why(setup).constData());
    QStringList order;
    for (const DispatchRule &saved : setup->rules.rules())
        order << saved.id;
    QCOMPARE(order, QStringList({"R1", "R3", "R2"}));
    QVERIFY(!setup->rules.rules().at(0).enabled);
    QCOMPARE(setup->rules.rules().at(2).from, QTime(22, 0));
    QCOMPARE(setup->rules.rules().at(2).to, QTime(6, 0));
}

void TestWorkflowSetupDialog::dryRunShowsCountsAndSavesNothing()
{
    openDialog(LEADER);
    // Roads to street two, as the road case actually went.
    setCell(0, RulesEditor::Column::Unit, QStringLiteral("street-2"));
    QTest::mouseClick(child<QPushButton>("tryRules"), Qt::LeftButton);
    DryRunDialog *dryRun = m_dialog->dryRunDialog();
    QVERIFY(dryRun);
    QVERIFY(!dryRun->findChild<QDateEdit *>(QStringLiteral("dryRunFrom"))->isEnabled());
    QTest::mouseClick(
        dryRun->findChild<QPushButton *>(QStringLiteral("runDryRun")), Qt::LeftButton);

    const QString summary = dryRun->findChild<QLabel *>(QStringLiteral("dryRunSummary"))->text();
    // The deep pothole's category is not in the tree yet: no rule matches it.
    // Without a translator loaded the plural reads as written in the source.
    QVERIFY2(summary.startsWith(QStringLiteral("3 case(s) tried: 2 matched a rule – 2 to the unit "
                                               "they went to, 0 elsewhere, 0 never dispatched; 1 "
                                               "matched no rule.")),
        qPrintable(summary));
    auto *rules = dryRun->findChild<QTableWidget *>(QStringLiteral("dryRunRules"));
    QCOMPARE(rules->rowCount(), 3);
    QCOMPARE(rules->item(0, 0)->text(), QStringLiteral("R1"));
    QCOMPARE(rules->item(0, 2)->text(), QStringLiteral("1"));
    QCOMPARE(rules->item(0, 3)->text(), QStringLiteral("1"));
    QCOMPARE(rules->item(2, 3)->text(), QStringLiteral("1")); // noise by day, as it went

    // The table as saved still sends roads to street one: a difference now.
    setCell(0, RulesEditor::Column::Unit, QStringLiteral("street-1"));
    QTest::mouseClick(child<QPushButton>("tryRules"), Qt::LeftButton);
    dryRun = m_dialog->dryRunDialog();
    QTest::mouseClick(
        dryRun->findChild<QPushButton *>(QStringLiteral("runDryRun")), Qt::LeftButton);
    auto *differences = dryRun->findChild<QTableWidget *>(QStringLiteral("dryRunDifferences"));
    QCOMPARE(differences->rowCount(), 1);
    QCOMPARE(differences->item(0, 0)->text(), QStringLiteral("A-2"));
    QCOMPARE(differences->item(0, 2)->text(), QStringLiteral("street-2"));
    QCOMPARE(differences->item(0, 3)->text(), QStringLiteral("street-1"));

    auto setup = savedSetup();
    QVERIFY2(setup, Test::why(setup).constData());
    QCOMPARE(fingerprint(*setup), m_original);
}

void TestWorkflowSetupDialog::badCsvNamesTheLineAndKeepsTheCalendar()
{
    openDialog(LEADER);
    CalendarEditor *editor = m_dialog->calendarEditor();
    editor->showYear(2026);
    auto *days = child<QTableWidget>("calendarDays");
    QCOMPARE(days->rowCount(), 0);

    const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("date,kind,name,year\n2026-10-01,holiday,National Day,2026\n"
               "2026-10-02,feast,National Day,2026\n");
    file.close();
    QVERIFY(!editor->importCsv(bad));
    const QString shown = child<QLabel>("calendarMessage")->text();
    QVERIFY2(shown.contains(QLatin1String("bad.csv, line 3")), qPrintable(shown));
    QCOMPARE(days->rowCount(), 0);
    QVERIFY(!m_dialog->hasUnsavedChanges());

    const QString good = m_dir.filePath(QStringLiteral("good.csv"));
    QFile goodFile(good);
    QVERIFY(goodFile.open(QIODevice::WriteOnly));
    goodFile.write("date,kind,name,year\r\n2026-10-01,holiday,National Day,2026\r\n"
                   "2026-10-11,workday,National Day,2026\r\n");
    goodFile.close();
    QVERIFY(editor->importCsv(good));
    QCOMPARE(days->rowCount(), 2);
    QCOMPARE(days->item(1, 1)->text(), QStringLiteral("Adjusted workday"));
    QVERIFY(m_dialog->hasUnsavedChanges());

    // What was imported goes out again as it came in.
    const QString exported = m_dir.filePath(QStringLiteral("out.csv"));
    QVERIFY(editor->exportCsv(exported));
    QFile out(exported);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QVERIFY(out.readAll().contains("2026-10-11,workday,National Day,2026"));
}

void TestWorkflowSetupDialog::refusesABadSetup_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<int>("tab");
    QTest::addColumn<QString>("problem");
    using Tab = WorkflowSetupDialog::Tab;
    QTest::newRow("rule unit gone")
        << "rule unit" << int(Tab::Rules) << "Rule R1 names org unit \"gone\"";
    QTest::newRow("bad limit") << "limit" << int(Tab::Categories)
                               << "Category road, limit of Handling";
    QTest::newRow("category unit gone")
        << "category unit" << int(Tab::Categories) << "Category noise names org unit \"street-9\"";
    QTest::newRow("bad time window") << "time" << int(Tab::Rules) << "\"25:00\"";
    QTest::newRow("duplicate rule id") << "rule id" << int(Tab::Rules) << "R1";
    QTest::newRow("periods out of order") << "periods" << int(Tab::Calendar) << "13:00-12:00";
    QTest::newRow("warning over 100 %") << "warning" << int(Tab::Deadlines) << "120";
}

void TestWorkflowSetupDialog::refusesABadSetup()
{
    QFETCH(QString, change);
    QFETCH(int, tab);
    QFETCH(QString, problem);
    if (change == QLatin1String("category unit")) {
        // The unit was taken out of the org chart after the category named it.
        auto setup = WorkflowSetup::load(*m_workspace);
        QVERIFY2(setup, Test::why(setup).constData());
        QList<Category> categories = setup->categories.categories();
        for (Category &category : categories) {
            if (category.code == QLatin1String("noise"))
                category.defaultUnit = QStringLiteral("street-9");
        }
        setup->categories = *CategoryTree::build(categories);
        m_dialog = std::make_unique<WorkflowSetupDialog>(*m_workspace, *setup, LEADER);
        m_dialog->show();
    } else {
        openDialog(LEADER);
    }

    if (change == QLatin1String("rule unit"))
        setCell(0, RulesEditor::Column::Unit, QStringLiteral("gone"));
    if (change == QLatin1String("time"))
        setCell(1, RulesEditor::Column::From, QStringLiteral("25:00"));
    if (change == QLatin1String("rule id"))
        setCell(2, RulesEditor::Column::Id, QStringLiteral("R1"));
    if (change == QLatin1String("limit")) {
        QVERIFY(m_dialog->categoriesEditor()->select(QStringLiteral("road")));
        typeInto(child<QLineEdit>("limit_handle"), QStringLiteral("3 weeks"));
    }
    if (change == QLatin1String("periods"))
        typeInto(child<QLineEdit>("workingHours"), QStringLiteral("09:00-12:00, 13:00-12:00"));
    if (change == QLatin1String("warning"))
        typeInto(child<QLineEdit>("warningFractions"), QStringLiteral("50 %, 120 %"));

    QVERIFY(!m_dialog->save());
    QVERIFY2(message().startsWith(QLatin1String("Nothing was saved.")), qPrintable(message()));
    QVERIFY2(message().contains(problem), qPrintable(message()));
    QCOMPARE(m_dialog->tabs()->currentIndex(), tab);
    auto setup = savedSetup();
    QVERIFY2(setup, Test::why(setup).constData());
    QCOMPARE(fingerprint(*setup), m_original);
}

void TestWorkflowSetupDialog::refusesToRemoveACategoryInUse()
{
    openDialog(LEADER);
    CategoriesEditor *editor = m_dialog->categoriesEditor();
    auto *remove = child<QPushButton>("removeCategory");
    auto *shown = child<QLabel>("categoryMessage");
    QVERIFY(editor->select(QStringLiteral("road.pothole")));
    QVERIFY(editor->select(QStringLiteral("road")));
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY2(shown->text().contains(QLatin1String("subcategories")), qPrintable(shown->text()));
    QVERIFY(editor->select(QStringLiteral("noise")));
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY2(shown->text().contains(QLatin1String("rule R2")), qPrintable(shown->text()));
    QVERIFY(!m_dialog->hasUnsavedChanges());

    QVERIFY(editor->select(QStringLiteral("road.pothole")));
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(!editor->select(QStringLiteral("road.pothole")));
    QVERIFY(m_dialog->hasUnsavedChanges());
    auto categories = editor->categories();
    QVERIFY2(categories, Test::why(categories).constData());
    QCOMPARE(categories->size(), 2);
}

void TestWorkflowSetupDialog::nonLeaderMayOnlyLook()
{
    openDialog(OPERATOR);
    auto *save = child<QPushButton>("save");
    QVERIFY(!save->isEnabled());
    QVERIFY2(save->toolTip().contains(QLatin1String("Only a leader")), qPrintable(save->toolTip()));
    QVERIFY(m_dialog->categoriesEditor()->select(QStringLiteral("noise")));
    typeInto(child<QLineEdit>("categoryName"), QStringLiteral("Noise complaints"));

    m_dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
    QTest::keyClick(child<QLineEdit>("categoryName"), Qt::Key_S, Qt::ControlModifier);
    QVERIFY2(message().contains(QLatin1String("Only a leader")), qPrintable(message()));
    auto setup = savedSetup();
    QVERIFY2(setup, Test::why(setup).constData());
    QCOMPARE(fingerprint(*setup), m_original);
}

void TestWorkflowSetupDialog::closingAsksAboutUnsavedChanges()
{
    openDialog(LEADER);
    auto *close = child<QPushButton>("close");
    typeInto(child<QLineEdit>("warningFractions"), QStringLiteral("25 %, 75 %"));
    QTest::mouseClick(close, Qt::LeftButton);
    auto *question = child<QMessageBox>("discardQuestion");
    QVERIFY(question);
    QTRY_VERIFY(question->isVisible());
    QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(m_dialog->isVisible());

    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_VERIFY(child<QMessageBox>("discardQuestion"));
    question = child<QMessageBox>("discardQuestion");
    QTest::mouseClick(question->button(QMessageBox::Discard), Qt::LeftButton);
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(m_dialog->result(), int(QDialog::Rejected));
}

void TestWorkflowSetupDialog::screenshots()
{
    openDialog(LEADER);
    m_dialog->resize(1040, 660);
    QVERIFY(m_dialog->categoriesEditor()->select(QStringLiteral("road.pothole")));
    const QString holidays = m_dir.filePath(QStringLiteral("holidays.csv"));
    QFile csv(holidays);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("date,kind,name,year\n2026-10-01,holiday,National Day,2026\n"
              "2026-10-02,holiday,National Day,2026\n2026-10-10,workday,National Day,2026\n");
    csv.close();
    QVERIFY(m_dialog->calendarEditor()->importCsv(holidays));
    m_dialog->calendarEditor()->showYear(2026);
    const QString folder = QStringLiteral(GRIDDESK_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(folder));
    const QStringList names {"categories", "rules", "calendar", "deadlines"};
    for (int tab = 0; tab < int(WorkflowSetupDialog::Tab::Count); ++tab) {
        m_dialog->tabs()->setCurrentIndex(tab);
        const QString path =
            QDir(folder).filePath(QStringLiteral("workflow-setup-%1.png").arg(names.at(tab)));
        QVERIFY(m_dialog->grab().save(path));
    }

    m_dialog->tabs()->setCurrentIndex(int(WorkflowSetupDialog::Tab::Rules));
    QTest::mouseClick(child<QPushButton>("tryRules"), Qt::LeftButton);
    DryRunDialog *dryRun = m_dialog->dryRunDialog();
    QVERIFY(dryRun);
    QTest::mouseClick(
        dryRun->findChild<QPushButton *>(QStringLiteral("runDryRun")), Qt::LeftButton);
    // The summary's new lines are laid out once the dialog handles its pending events.
    QCoreApplication::processEvents();
    QVERIFY(
        dryRun->grab().save(QDir(folder).filePath(QStringLiteral("workflow-setup-dryrun.png"))));
}

GRIDDESK_TEST_MAIN(TestWorkflowSetupDialog, QApplication)
#include "tst_workflowsetupdialog.moc"
