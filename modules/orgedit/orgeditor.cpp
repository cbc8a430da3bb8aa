// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "orgeditor.h"

#include "coveragefindingsmodel.h"
#include "logging.h"
#include "orgdocument.h"
#include "orgterms.h"
#include "orgtreefilter.h"
#include "orgtreemodel.h"
#include "orgtreeview.h"
#include "peoplemodel.h"
#include "unitdetailform.h"

#include "orgdiagram/orgdiagram.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace GridDesk {

OrgEditor::OrgEditor(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new OrgDocument(this))
    , m_treeModel(new OrgTreeModel(m_document, this))
    , m_filter(new OrgTreeFilter(this))
    , m_peopleModel(new PeopleModel(m_document, this))
    , m_findings(new CoverageFindingsModel(this))
{
    setAttribute(Qt::WA_DeleteOnClose, false);
    m_filter->setSourceModel(m_treeModel);
    createWidgets();
    createActions();
    createMenus();
    connectSignals();
    updateActions();
    updateTitle();
    resize(1500, 900);
}

OrgEditor::~OrgEditor() = default;

void OrgEditor::createWidgets()
{
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background: #fdf2d0; padding: 6px;"));
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Find a unit or person (Enter for the next match)"));
    m_search->setClearButtonEnabled(true);
    m_tree = new OrgTreeView(this);
    m_tree->setModel(m_filter);
    m_tree->setTreeModel(m_treeModel);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(
        int(OrgTreeModel::Column::Name), QHeaderView::Interactive);
    for (auto column : {OrgTreeModel::Column::Kind, OrgTreeModel::Column::Status})
        m_tree->setColumnHidden(int(column), true);
    sizeTreeColumns();
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_tree);

    m_diagram = new OrgDiagram(this);
    m_peopleView = new QTableView(this);
    m_peopleView->setModel(m_peopleModel);
    m_peopleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_peopleView->setSelectionMode(QAbstractItemView::SingleSelection);
    // Every column as wide as what it holds, so the numbers show whole; the unit's long title
    // takes what is left.
    QHeaderView *peopleHeader = m_peopleView->horizontalHeader();
    peopleHeader->setSectionResizeMode(QHeaderView::ResizeToContents);
    peopleHeader->setSectionResizeMode(int(PeopleModel::Column::Unit), QHeaderView::Stretch);
    m_peopleView->setTextElideMode(Qt::ElideMiddle);
    m_peopleView->verticalHeader()->hide();
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_diagram, tr("Org chart"));
    m_tabs->addTab(m_peopleView, tr("People"));

    m_detail = new UnitDetailForm(m_document, this);
    auto *detailScroll = new QScrollArea(this);
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setMinimumWidth(380);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->addWidget(detailScroll);
    splitter->setStretchFactor(1, 1);
    // The tree as wide as its columns, the details at their least; the chart takes the rest.
    const int treeWidth = m_tree->header()->length()
        + m_tree->verticalScrollBar()->sizeHint().width() + 2 * m_tree->frameWidth() + 4;
    splitter->setSizes({treeWidth, 1600 - treeWidth - 400, 400});

    auto *centre = new QWidget(this);
    auto *layout = new QVBoxLayout(centre);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    setCentralWidget(centre);

    m_findingsView = new QTableView(this);
    m_findingsView->setModel(m_findings);
    m_findingsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findingsView->horizontalHeader()->setStretchLastSection(true);
    m_findingsView->verticalHeader()->hide();
    m_findingsView->setColumnWidth(int(CoverageFindingsModel::Column::Kind), 260);
    m_findingsView->setColumnWidth(int(CoverageFindingsModel::Column::Codes), 220);
    auto *findingsDock = new QDockWidget(tr("Coverage findings"), this);
    findingsDock->setObjectName(QStringLiteral("coverageFindingsDock"));
    findingsDock->setWidget(m_findingsView);
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock);

    m_undoView = new QUndoView(m_document->undoStack(), this);
    m_undoView->setEmptyLabel(tr("(the chart as saved)"));
    auto *undoDock = new QDockWidget(tr("Edit history"), this);
    undoDock->setObjectName(QStringLiteral("editHistoryDock"));
    undoDock->setWidget(m_undoView);
    addDockWidget(Qt::BottomDockWidgetArea, undoDock);
    splitDockWidget(findingsDock, undoDock, Qt::Horizontal);
    resizeDocks({findingsDock, undoDock}, {1000, 400}, Qt::Horizontal);
    resizeDocks({findingsDock}, {180}, Qt::Vertical);
}

void OrgEditor::sizeTreeColumns()
{
    // Widths from the texts the columns hold in the interface's font and language, so no tier
    // name is cut, whatever the translation; measured rather than fitted to the rows, which an
    // 8 000-unit chart would make slow.
    const QFontMetrics metrics(m_tree->font());
    const int padding = 2 * m_tree->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 16;
    const auto widest = [&metrics](const QStringList &texts) {
        int width = 0;
        for (const QString &text : texts)
            width = std::max(width, metrics.horizontalAdvance(text));
        return width;
    };
    QStringList tiers {
        m_treeModel->headerData(int(OrgTreeModel::Column::Tier), Qt::Horizontal).toString()};
    for (int tier = 1; tier <= 6; ++tier)
        tiers << OrgTreeModel::tierLabel(tier, UnitKind::Tier);
    const QString code = QStringLiteral("440303001000");
    const QString people =
        m_treeModel->headerData(int(OrgTreeModel::Column::People), Qt::Horizontal).toString();

    m_tree->setColumnWidth(int(OrgTreeModel::Column::Name), 175);
    m_tree->setColumnWidth(int(OrgTreeModel::Column::Code), widest({code}) + padding);
    m_tree->setColumnWidth(int(OrgTreeModel::Column::Tier), widest(tiers) + padding);
    m_tree->setColumnWidth(int(OrgTreeModel::Column::People), widest({people, "0000"}) + padding);
}

void OrgEditor::createActions()
{
    m_actions.resize(int(Action::Count));
    const auto make = [this](
                          Action which, const QString &text, const QKeySequence &keys, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_actions[int(which)] = action;
        addAction(action);
        return action;
    };
    make(Action::Save, tr("&Save"), QKeySequence::Save, [this] { save(); });
    make(Action::Reload, tr("&Reload from the workspace"), QKeySequence(Qt::Key_F5),
        [this] { askReload(); });
    m_actions[int(Action::Undo)] = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_actions[int(Action::Undo)]->setShortcut(QKeySequence::Undo);
    m_actions[int(Action::Redo)] = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_actions[int(Action::Redo)]->setShortcut(QKeySequence::Redo);
    addActions({m_actions[int(Action::Undo)], m_actions[int(Action::Redo)]});
    make(Action::AddUnit, tr("Add &unit…"), QKeySequence(Qt::Key_Insert),
        [this] { askAddUnit(UnitKind::Tier); });
    make(Action::AddJointUnit, tr("Add &joint-handling unit…"),
        QKeySequence(Qt::SHIFT | Qt::Key_Insert), [this] { askAddUnit(UnitKind::Joint); });
    make(Action::Rename, tr("Re&name"), QKeySequence(Qt::Key_F2), [this] {
        const QModelIndex index = m_filter->mapFromSource(m_treeModel->indexOf(m_current));
        if (index.isValid())
            m_tree->edit(index);
    });
    make(
        Action::MoveTo, tr("&Move to…"), QKeySequence(Qt::CTRL | Qt::Key_M), [this] { askMove(); });
    make(Action::MergeInto, tr("Mer&ge into…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M),
        [this] { askMerge(); });
    make(Action::Retire, tr("Re&tire unit"), QKeySequence(Qt::CTRL | Qt::Key_Delete),
        [this] { askRetire(); });
    make(Action::AddPerson, tr("Add &person…"), QKeySequence(Qt::CTRL | Qt::Key_P),
        [this] { askPerson(true); });
    make(Action::EditPerson, tr("&Edit person…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
        [this] { askPerson(false); });
    make(Action::PersonLeaves, tr("Person &leaves"), QKeySequence(), [this] { askPersonLeaves(); });
    make(Action::RevealPhone, tr("Reveal &phone number…"), QKeySequence(),
        [this] { askReveal(PersonalField::Phone); });
    make(Action::RevealIdNumber, tr("Reveal &ID number…"), QKeySequence(),
        [this] { askReveal(PersonalField::IdNumber); });
    make(Action::AddGroup, tr("Set up &group…"), QKeySequence(), [this] { askGroup(true); });
    make(Action::EditGroup, tr("Edit g&roup…"), QKeySequence(), [this] { askGroup(false); });
    make(Action::DissolveGroup, tr("&Dissolve group"), QKeySequence(),
        [this] { askDissolveGroup(); });
    make(Action::ImportDivisions, tr("Import &division codes…"), QKeySequence(),
        [this] { askImportDivisions(); });
    make(Action::ImportUnits, tr("Import &units (CSV)…"), QKeySequence(),
        [this] { askImportCsv(false); });
    make(Action::ImportPeople, tr("Import &people (CSV)…"), QKeySequence(),
        [this] { askImportCsv(true); });
    make(Action::ExportUnits, tr("E&xport units (CSV)…"), QKeySequence(),
        [this] { askExportCsv(false); });
    make(Action::ExportPeople, tr("Export p&eople (CSV)…"), QKeySequence(),
        [this] { askExportCsv(true); });
    QAction *retired =
        make(Action::ShowRetired, tr("Show &retired units"), QKeySequence(), [this](bool show) {
            m_filter->setShowRetired(show);
            m_diagram->setShowRetired(show);
            restoreExpansion();
        });
    retired->setCheckable(true);
    make(Action::Find, tr("&Find"), QKeySequence::Find, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
}

void OrgEditor::createMenus()
{
    const auto act = [this](Action which) {
        return action(which);
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(act(Action::Save));
    file->addAction(act(Action::Reload));
    file->addSeparator();
    file->addActions(
        {act(Action::ImportDivisions), act(Action::ImportUnits), act(Action::ImportPeople)});
    file->addSeparator();
    file->addActions({act(Action::ExportUnits), act(Action::ExportPeople)});
    file->addSeparator();
    file->addAction(tr("&Close"), QKeySequence::Close, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({act(Action::Undo), act(Action::Redo)});
    edit->addSeparator();
    edit->addAction(act(Action::Find));

    QMenu *unit = menuBar()->addMenu(tr("&Unit"));
    unit->addActions({act(Action::AddUnit), act(Action::AddJointUnit), act(Action::Rename),
        act(Action::MoveTo), act(Action::MergeInto), act(Action::Retire)});
    unit->addSeparator();
    unit->addActions({act(Action::AddGroup), act(Action::EditGroup), act(Action::DissolveGroup)});

    QMenu *people = menuBar()->addMenu(tr("&People"));
    people->addActions(
        {act(Action::AddPerson), act(Action::EditPerson), act(Action::PersonLeaves)});
    people->addSeparator();
    people->addActions({act(Action::RevealPhone), act(Action::RevealIdNumber)});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(act(Action::ShowRetired));

    QToolBar *bar = addToolBar(tr("Org chart"));
    bar->setObjectName(QStringLiteral("orgEditorToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addActions({act(Action::Save), act(Action::Undo), act(Action::Redo)});
    bar->addSeparator();
    bar->addActions({act(Action::AddUnit), act(Action::AddJointUnit), act(Action::MoveTo),
        act(Action::MergeInto), act(Action::Retire)});
    bar->addSeparator();
    bar->addActions({act(Action::AddPerson), act(Action::EditPerson)});

    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->addActions({act(Action::AddUnit), act(Action::AddJointUnit), act(Action::Rename),
        act(Action::MoveTo), act(Action::MergeInto), act(Action::Retire), act(Action::AddGroup)});
    m_peopleView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_peopleView->addActions({act(Action::AddPerson), act(Action::EditPerson),
        act(Action::PersonLeaves), act(Action::RevealPhone), act(Action::RevealIdNumber)});
}

void OrgEditor::connectSignals()
{
    connect(
        m_filter, &QAbstractItemModel::modelAboutToBeReset, this, &OrgEditor::rememberExpansion);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &OrgEditor::restoreExpansion);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            const QString code = current.data(int(OrgTreeModel::Role::Code)).toString();
            if (!code.isEmpty())
                onUnitSelected(code);
        });
    connect(m_tree, &OrgTreeView::dropRefused, this, &OrgEditor::showMessage);
    connect(m_treeModel, &OrgTreeModel::editRefused, this,
        [this](const QString &reason) { refuse(tr("Not changed"), reason); });
    connect(m_document, &OrgDocument::chartChanged, this, [this] {
        showChart();
        refreshFindings();
        updateActions();
    });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &OrgEditor::updateTitle);
    connect(m_diagram, &OrgDiagram::unitSelected, this, &OrgEditor::selectUnit);
    connect(m_diagram, &OrgDiagram::unitActivated, this, [this](const QString &code) {
        selectUnit(code);
        m_tabs->setCurrentWidget(m_peopleView);
    });
    connect(m_diagram, &OrgDiagram::moveRequested, this,
        [this](const QString &code, const QString &parent) {
            if (auto moved = m_document->moveUnits({code}, parent); !moved)
                refuse(tr("Not moved"), moved.error().message);
        });
    connect(m_diagram, &OrgDiagram::contextMenuRequested, this,
        [this](const QString &code, const QPoint &position) {
            if (!code.isEmpty())
                selectUnit(code);
            QMenu menu;
            menu.addActions(m_tree->actions());
            menu.exec(position);
        });
    connect(m_peopleView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &OrgEditor::updateActions);
    connect(m_peopleView, &QAbstractItemView::doubleClicked, this, [this] { askPerson(false); });
    connect(
        m_findingsView, &QAbstractItemView::doubleClicked, this, &OrgEditor::onFindingActivated);
    connect(m_search, &QLineEdit::returnPressed, this, &OrgEditor::search);
    connect(m_detail, &UnitDetailForm::message, this,
        [this](const QString &text) { refuse(tr("Not changed"), text); });
    connect(m_detail, &UnitDetailForm::linkRequested, this, &OrgEditor::askLinkUnit);
    connect(m_detail, &UnitDetailForm::groupActivated, this, [this] { askGroup(false); });
    connect(
        m_detail->groupList(), &QListWidget::currentRowChanged, this, &OrgEditor::updateActions);
    connect(this, &OrgEditor::message, this,
        [this](const QString &text) { statusBar()->showMessage(text, 15000); });
}

Result<void> OrgEditor::open(const QString &path, const QString &user, const QString &role)
{
    m_document->setUser(user, role);
    if (auto opened = m_document->open(path); !opened)
        return opened;
    // A big chart opens on its top tiers; the search finds the rest.
    m_tree->expandToDepth(0);
    const QModelIndex top = m_filter->index(0, 0);
    if (top.isValid())
        selectUnit(top.data(int(OrgTreeModel::Role::Code)).toString());
    updateTitle();
    return {};
}

void OrgEditor::setUser(const QString &user, const QString &role)
{
    m_document->setUser(user, role);
}

void OrgEditor::updateTitle()
{
    const QString name = QFileInfo(m_document->workspacePath()).completeBaseName();
    //: %1 is the workspace's name; [*] marks unsaved changes
    setWindowTitle(tr("Org chart — %1[*]").arg(name.isEmpty() ? tr("no workspace") : name));
    setWindowModified(m_document->isModified());
}

void OrgEditor::showChart()
{
    m_diagram->setChart(m_document->chart());
    if (!m_current.isEmpty())
        m_diagram->setSelectedUnit(m_current);
    const QString reason = m_document->readOnlyReason();
    m_banner->setText(reason);
    m_banner->setVisible(!reason.isEmpty());
}

void OrgEditor::refreshFindings()
{
    m_findings->setFindings(checkCoverage(m_document->chart(), m_document->grids()));
    m_findingsView->parentWidget()->setWindowTitle(
        tr("Coverage findings (%n)", nullptr, int(m_findings->findings().size())));
}

void OrgEditor::updateActions()
{
    const OrgChart &chart = m_document->chart();
    const ChartUnit *unit = chart.unit(m_current);
    const bool edit = m_document->mayEdit();
    const bool activeUnit = edit && unit && !unit->retired;
    const bool person = selectedPerson() != 0;
    const bool reveal = mayReveal(m_document->role()) && person;
    const bool workspace = m_document->workspace() != nullptr;

    action(Action::Save)->setEnabled(edit && workspace);
    action(Action::Reload)->setEnabled(workspace);
    for (Action which : {Action::AddUnit, Action::AddJointUnit, Action::Rename, Action::MoveTo,
             Action::MergeInto, Action::Retire, Action::AddPerson, Action::AddGroup})
        action(which)->setEnabled(activeUnit);
    for (Action which : {Action::EditPerson, Action::PersonLeaves})
        action(which)->setEnabled(edit && person);
    action(Action::AddUnit)->setEnabled(edit && (activeUnit || chart.units().isEmpty()));
    action(Action::RevealPhone)->setEnabled(reveal && workspace);
    action(Action::RevealIdNumber)->setEnabled(reveal && workspace);
    action(Action::EditGroup)->setEnabled(edit && currentGroup() != 0);
    action(Action::DissolveGroup)->setEnabled(edit && currentGroup() != 0);
    for (Action which : {Action::ImportDivisions, Action::ImportUnits, Action::ImportPeople})
        action(which)->setEnabled(edit);
    m_tree->setEditTriggers(
        edit ? QAbstractItemView::EditKeyPressed : QAbstractItemView::NoEditTriggers);
}

QString OrgEditor::selectedUnit() const
{
    return m_current;
}

void OrgEditor::selectUnit(const QString &code)
{
    const QModelIndex source = m_treeModel->indexOf(code);
    if (!source.isValid())
        return;
    // A retired unit hidden by the filter is shown rather than left unselectable.
    if (!m_filter->mapFromSource(source).isValid()) {
        action(Action::ShowRetired)->setChecked(true);
        m_filter->setShowRetired(true);
        m_diagram->setShowRetired(true);
    }
    const QModelIndex index = m_filter->mapFromSource(source);
    for (QModelIndex up = index.parent(); up.isValid(); up = up.parent())
        m_tree->expand(up);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    onUnitSelected(code);
}

void OrgEditor::onUnitSelected(const QString &code)
{
    if (code == m_current && m_detail->unit() == code)
        return;
    m_current = code;
    m_detail->setUnit(code);
    m_peopleModel->setUnit(code);
    m_diagram->setSelectedUnit(code);
    m_diagram->ensureVisible(code);
    updateActions();
}

qint64 OrgEditor::selectedPerson() const
{
    const QModelIndex current = m_peopleView->currentIndex();
    return current.isValid() ? m_peopleModel->personAt(current.row()) : 0;
}

void OrgEditor::selectPerson(qint64 id)
{
    const Person *person = m_document->chart().person(id);
    if (!person)
        return;
    selectUnit(person->unitCode);
    const int row = m_peopleModel->rowOf(id);
    if (row >= 0)
        m_peopleView->setCurrentIndex(m_peopleModel->index(row, 0));
    m_tabs->setCurrentWidget(m_peopleView);
    updateActions();
}

void OrgEditor::onFindingActivated(const QModelIndex &index)
{
    const CoverageFinding &finding = m_findings->findings().value(index.row());
    if (finding.kind == CoverageKind::GridOutsideJurisdiction && finding.codes.size() > 2) {
        selectPerson(finding.codes[2].toLongLong());
        return;
    }
    for (const QString &code : finding.codes) {
        if (m_document->chart().unit(code)) {
            selectUnit(code);
            return;
        }
    }
    // A grid without staff names no unit; the people answering for grids are listed.
    m_search->setText(finding.codes.value(0));
    showMessage(tr("Grid %1 has no unit of its own; assign staff to it from its unit's people.")
                    .arg(finding.codes.value(0)));
}

void OrgEditor::search()
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty())
        return;
    if (text != m_matchedText) {
        const OrgChart &chart = m_document->chart();
        m_matches = chart.findUnits(text);
        for (qint64 id : chart.findPeople(text)) {
            const Person *person = chart.person(id);
            if (person && !m_matches.contains(person->unitCode))
                m_matches << person->unitCode;
        }
        m_matchedText = text;
        m_match = -1;
    }
    if (m_matches.isEmpty()) {
        showMessage(tr("No unit or person matches \"%1\".").arg(text));
        return;
    }
    m_match = (m_match + 1) % int(m_matches.size());
    selectUnit(m_matches[m_match]);
    //: %1 of %2 matches; the search text is %3
    showMessage(tr("Match %1 of %2 for \"%3\"; Enter for the next.")
                    .arg(m_match + 1)
                    .arg(m_matches.size())
                    .arg(text));
}

void OrgEditor::rememberExpansion()
{
    m_expanded.clear();
    // Only expanded rows are walked, so this costs what is open, not the size of the chart.
    QList<QModelIndex> open {QModelIndex()};
    while (!open.isEmpty()) {
        const QModelIndex parent = open.takeLast();
        for (int row = 0; row < m_filter->rowCount(parent); ++row) {
            const QModelIndex child = m_filter->index(row, 0, parent);
            if (m_tree->isExpanded(child)) {
                m_expanded << child.data(int(OrgTreeModel::Role::Code)).toString();
                open << child;
            }
        }
    }
}

void OrgEditor::restoreExpansion()
{
    for (const QString &code : std::as_const(m_expanded))
        m_tree->expand(m_filter->mapFromSource(m_treeModel->indexOf(code)));
    const QModelIndex current = m_filter->mapFromSource(m_treeModel->indexOf(m_current));
    if (current.isValid()) {
        m_tree->setCurrentIndex(current);
        m_tree->scrollTo(current);
    }
    m_detail->setUnit(m_current);
}

void OrgEditor::showMessage(const QString &text)
{
    Q_EMIT message(text);
}

void OrgEditor::refuse(const QString &title, const QString &reason)
{
    showMessage(reason);
    auto *box = new QMessageBox(QMessageBox::Warning, title, reason, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("refusalBox"));
    box->open();
}

void OrgEditor::takeChartFromServer()
{
    if (m_document->isModified()) {
        showMessage(tr("A newer org chart came from the server. Saving your changes will ask "
                       "you to reload it first."));
        return;
    }
    if (auto done = m_document->reload(); !done)
        refuse(tr("Org chart not reloaded"), done.error().message);
    else
        showMessage(tr("The org chart shows the server's newest revision."));
}

bool OrgEditor::save()
{
    const auto saved = m_document->save();
    if (saved) {
        showMessage(m_document->syncs()
                ? tr("Org chart saved; it goes to the server with the next sync.")
                : tr("Org chart saved."));
        updateTitle();
        Q_EMIT chartSaved();
        return true;
    }
    if (saved.error().code == ErrorCode::Conflict) {
        offerReload(saved.error().message);
        return false;
    }
    refuse(tr("Org chart not saved"), saved.error().message);
    return false;
}

void OrgEditor::offerReload(const QString &reason)
{
    const int steps = m_document->undoStack()->count();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Org chart saved elsewhere"),
        tr("Someone else saved the org chart of this workspace after you opened it, so your "
           "changes were not saved."),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("conflictBox"));
    box->setInformativeText(reason);
    QPushButton *reload =
        box->addButton(tr("Reload and drop my %n unsaved change(s)", nullptr, steps),
            QMessageBox::DestructiveRole);
    reload->setObjectName(QStringLiteral("reloadButton"));
    box->addButton(tr("Keep editing"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, reload](QAbstractButton *button) {
        if (button != reload)
            return;
        if (auto done = m_document->reload(); !done)
            refuse(tr("Org chart not reloaded"), done.error().message);
        else
            showMessage(tr("The org chart was reloaded as it was saved elsewhere."));
    });
    m_conflictBox = box;
    box->open();
}

void OrgEditor::closeEvent(QCloseEvent *event)
{
    if (!m_document->isModified()) {
        event->accept();
        return;
    }
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
        tr("The org chart has %n unsaved change(s). Save them before closing?", nullptr,
            m_document->undoStack()->count()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save())) {
        event->ignore();
        return;
    }
    // Dropped steps stay dropped if the window is opened again.
    if (answer == QMessageBox::Discard && m_document->workspace())
        m_document->reload();
    event->accept();
}

} // namespace GridDesk
