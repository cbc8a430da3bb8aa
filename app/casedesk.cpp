// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "casedesk.h"

#include "deskregister.h"
#include "logging.h"

#include "cases/caseactions.h"
#include "cases/casedetailpanel.h"
#include "cases/casequeuewidget.h"
#include "cases/casetablemodel.h"
#include "cases/duplicatepicker.h"
#include "cases/reportdialog.h"
#include "cases/runasdialog.h"
#include "domain/compactcaselist.h"
#include "mapview/mapcanvas.h"
#include "org/reportercontact.h"
#include "storage/workspace.h"
#include "workflow/stageclock.h"
#include "workflow/transitions.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSettings>
#include <QTimer>
#include <QUrl>
#include <QUuid>

namespace GridDesk {

namespace {

constexpr int DEADLINE_RULES_INTERVAL_MS = 60 * 1000;

/// How far apart in time reports may be to be proposed as the same, while one waits to be
/// registered: a morning's reports of one pothole by phone, app and camera.
constexpr double PROPOSED_DUPLICATE_HOURS = 6.0;

CaseTime caseTime(const QDateTime &wall)
{
    return CaseTime::naive(wall.date(), wall.time());
}

} // namespace

CaseDesk::CaseDesk(QWidget *window, CaseQueueWidget *queue, CaseDetailPanel *panel,
    MapCanvas *canvas, CaseActions *actions)
    : QObject(window)
    , m_window(window)
    , m_queue(queue)
    , m_panel(panel)
    , m_canvas(canvas)
    , m_actions(actions)
    , m_deadlineTimer(new QTimer(this))
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    m_deadlineTimer->setInterval(DEADLINE_RULES_INTERVAL_MS);
    connect(m_deadlineTimer, &QTimer::timeout, this, &CaseDesk::applyDeadlineRules);
    connect(m_actions, &CaseActions::triggered, this, &CaseDesk::startAction);
    connect(m_actions->reportAction(), &QAction::triggered, this, &CaseDesk::startReport);
    connect(m_actions->runAsAction(), &QAction::triggered, this, &CaseDesk::chooseUser);
    connect(m_actions->reloadAction(), &QAction::triggered, this, &CaseDesk::reloadCase);
    connect(m_panel, &CaseDetailPanel::showOnMapRequested, this, &CaseDesk::showOnMap);
    connect(m_panel, &CaseDetailPanel::linkEntryRequested, this, &CaseDesk::chooseEntryToLink);
    connect(m_panel, &CaseDetailPanel::unlinkEntryRequested, this, &CaseDesk::unlinkEntry);
    connect(m_panel, &CaseDetailPanel::revealContactRequested, this, &CaseDesk::askContactReveal);
    connect(m_panel, &CaseDetailPanel::addAttachmentRequested, this, &CaseDesk::chooseAttachment);
    connect(m_panel, &CaseDetailPanel::openAttachmentRequested, this, &CaseDesk::openAttachment);
    connect(m_panel, &CaseDetailPanel::saveAttachmentRequested, this, &CaseDesk::saveAttachment);
    m_canvas->installEventFilter(this);
    updateActions();
}

CaseDesk::~CaseDesk() = default;

void CaseDesk::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    m_queue->setNow(now());
}

QDateTime CaseDesk::now() const
{
    return m_clock();
}

QString CaseDesk::settingsKey() const
{
    return QStringLiteral("runAs/") + QString::fromLatin1(QUrl::toPercentEncoding(m_path));
}

void CaseDesk::open(const QString &path, const WorkflowSetup &setup)
{
    // Dialogs of the workspace shown before act on it; they go with it.
    for (QDialog *dialog :
        {static_cast<QDialog *>(m_dialog.data()), static_cast<QDialog *>(m_reportDialog.data()),
            static_cast<QDialog *>(m_runAsDialog.data())}) {
        if (dialog)
            dialog->close();
    }
    // The setup dialog holds the workspace that goes now; its unsaved edits go with it.
    if (m_setupDialog) {
        m_setupDialog->discard();
        m_setupDialog->deleteLater();
        m_setupDialog = nullptr;
    }
    m_drafts.clear();
    m_caseId.reset();
    m_file.reset();
    m_register.reset();
    m_book.reset();
    m_outbox.reset();
    m_workspace.reset();
    m_panel->clear();

    auto workspace = Workspace::open(path);
    if (!workspace) {
        Q_EMIT message(tr("The desk cannot work on %1: %2").arg(path, workspace.error().message));
        return;
    }
    m_workspace = std::move(*workspace);
    m_book = std::make_unique<CaseBook>(*m_workspace, setup);
    m_outbox = std::make_unique<Sync::Outbox>(*m_workspace);
    m_book->setJournal(m_outbox.get());
    if (auto opened = DeskRegister::open(*m_book); opened) {
        m_register = std::move(*opened);
    } else {
        qCWarning(lcApp) << "the register of" << path
                         << "cannot be read:" << opened.error().message;
        Q_EMIT message(
            tr("Reports cannot be linked to the register: %1").arg(opened.error().message));
    }
    m_lastEventSeen = m_book->changedSince(0).value_or(std::pair<QList<qint64>, qint64>()).second;
    m_path = path;
    readGridPaths();
    m_queue->setSetup(setup);
    m_queue->setNow(now());
    m_deadlineTimer->start();
    Q_EMIT deadlinesDue(now());

    const QString remembered = QSettings().value(settingsKey()).toString();
    if (const auto user = setup.user(remembered)) {
        runAs(*user);
        return;
    }
    m_user = {};
    m_queue->setDeskUser(m_user);
    updateActions();
    Q_EMIT userChanged(m_user);
    // After the window has shown the workspace, so the question has its context.
    QTimer::singleShot(0, this, &CaseDesk::chooseUser);
}

void CaseDesk::readGridPaths()
{
    m_gridPaths.clear();
    const auto grids = m_workspace->grids(std::nullopt, false);
    if (!grids) {
        qCWarning(lcApp).noquote() << "grids not read for dispatch rules:" << grids.error().message;
        return;
    }
    QHash<QString, QString> parents;
    for (const Grid &grid : *grids)
        parents.insert(grid.code, grid.parentCode);
    for (const Grid &grid : *grids) {
        QStringList path;
        // The depth bound ends the walk should a file hold a cycle.
        for (QString code = grid.code; !code.isEmpty() && path.size() <= parents.size();
             code = parents.value(code)) {
            path << code;
        }
        m_gridPaths.insert(grid.code, path);
    }
}

void CaseDesk::chooseUser()
{
    if (!m_book)
        return;
    if (m_runAsDialog) {
        m_runAsDialog->raise();
        m_runAsDialog->activateWindow();
        return;
    }
    auto *dialog = new RunAsDialog(
        m_book->setup().users, m_book->setup().units, m_user.name,
        [this](const LocalUser &user) { return addUser(user); }, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RunAsDialog::userChosen, this, &CaseDesk::runAs);
    connect(dialog, &QDialog::finished, this, [this] { m_runAsDialog = nullptr; });
    m_runAsDialog = dialog;
    dialog->open();
}

void CaseDesk::runAs(const LocalUser &user)
{
    const auto role = roleFromKey(user.role);
    if (!role || *role == Role::System) {
        Q_EMIT message(
            tr("%1 has the role \"%2\", which the desk does not know.").arg(user.name, user.role));
        return;
    }
    m_user = DeskUser {user.name, *role, user.unitCode};
    m_contactShownFor.reset();
    QSettings().setValue(settingsKey(), user.name);
    m_queue->setDeskUser(m_user);
    qCInfo(lcApp) << "desk runs as a" << roleKey(*role) << "of unit" << user.unitCode;
    if (m_caseId)
        showCase(*m_caseId);
    updateActions();
    Q_EMIT userChanged(m_user);
}

Result<void> CaseDesk::addUser(const LocalUser &user)
{
    if (!m_book)
        return fail(ErrorCode::NotFound, tr("No workspace is open."));
    WorkflowSetup setup = m_book->setup();
    setup.users << user;
    auto saved = m_workspace->transaction([&]() { return setup.saveUsers(*m_workspace); });
    if (!saved)
        return saved;
    m_book->setSetup(setup);
    qCInfo(lcApp) << "local user added with the role" << user.role;
    return {};
}

void CaseDesk::openWorkflowSetup()
{
    if (!m_book)
        return;
    if (m_setupDialog) {
        m_setupDialog->raise();
        m_setupDialog->activateWindow();
        return;
    }
    auto *dialog = new WorkflowSetupDialog(*m_workspace, m_book->setup(), m_user, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WorkflowSetupDialog::setupSaved, this, &CaseDesk::takeSetup);
    connect(dialog, &QDialog::finished, this, [this] { m_setupDialog = nullptr; });
    m_setupDialog = dialog;
    dialog->open();
}

void CaseDesk::takeSetup(const WorkflowSetup &setup)
{
    if (!m_book)
        return;
    m_book->setSetup(setup);
    m_queue->setSetup(setup);

    // Saving recomputed the deadlines of open cases in the workspace; the queue reads them anew.
    CompactCaseList cases;
    const auto read =
        m_workspace->forEachCase({}, [&cases](const CaseRecord &record) { cases.append(record); });
    if (read)
        m_queue->setCaseList(std::make_shared<CompactCaseList>(std::move(cases)));
    else
        qCWarning(lcApp).noquote()
            << "cases not re-read after the setup changed:" << read.error().message;
    m_queue->setNow(now());
    if (m_caseId)
        showCase(*m_caseId);
    updateActions();
    Q_EMIT message(tr("The desk works with the saved workflow setup."));
}

Result<void> CaseDesk::reloadOrganisation()
{
    if (!m_book)
        return {};
    auto setup = WorkflowSetup::load(*m_workspace);
    if (!setup)
        return std::unexpected(setup.error());
    m_book->setSetup(*setup);
    m_queue->setSetup(*setup);
    if (m_caseId)
        showCase(*m_caseId);
    updateActions();
    return {};
}

void CaseDesk::showCase(qint64 id)
{
    if (!m_book)
        return;
    auto record = m_book->record(id);
    if (!record) {
        m_caseId.reset();
        m_file.reset();
        m_panel->clear();
        updateActions();
        Q_EMIT message(record.error().message);
        return;
    }
    if (m_caseId != id)
        m_contactShownFor.reset();
    m_caseId = id;
    auto file = m_book->file(id);
    m_file = file ? std::optional(*file) : std::nullopt;

    const WorkflowSetup &setup = m_book->setup();
    CaseDetails details {*record, m_file, {}, {},
        m_book->attachments(id).value_or(QList<CaseAttachment>()), setup.units, setup.categories,
        {}, now(), {}};
    if (m_register)
        details.entries = m_register->linkedEntries(id).value_or(QList<LinkedEntry>());
    if (m_file)
        details.clocks = StageClocks::history(*m_file, setup.categories, setup.calendar);
    if (record->state == caseStateKey(CaseState::Reported)) {
        details.duplicates =
            m_book->possibleDuplicates(
                      id, DuplicatePicker::DEFAULT_METRES, PROPOSED_DUPLICATE_HOURS)
                .value_or(QList<CaseRecord>());
    }
    if (!file && file.error().code != ErrorCode::NotFound) {
        // A history another program damaged: say so rather than show an empty one.
        details.historyError = file.error().message;
        Q_EMIT message(file.error().message);
    }
    if (const auto row = m_queue->model()->rowOf(id))
        details.deadline = m_queue->model()->deadline(*row);
    details.contact = reporterContactOfCurrent();
    details.contactRevealed = m_contactShownFor == id;
    details.mayRevealContact = m_user.isValid() && mayRevealContact(roleKey(m_user.role));
    m_panel->showCase(details);
    updateActions();
}

void CaseDesk::reloadCase()
{
    // The case of an open dialog first: that is the one a refusal asked to look at again.
    const std::optional<qint64> id = m_dialog ? std::optional(m_dialog->caseId()) : m_caseId;
    if (!id || !m_book)
        return;
    refreshCase(*id);
    if (!m_dialog)
        return;
    const auto file = m_book->file(*id);
    const auto record = m_book->record(*id);
    if (file && record)
        m_dialog->setContext(contextFor(*file, *record));
}

void CaseDesk::refreshCase(qint64 id)
{
    auto record = m_book->record(id);
    if (!record) {
        qCWarning(lcApp).noquote() << "case" << id << "not re-read:" << record.error().message;
        return;
    }
    m_queue->updateCase(*record);
    Q_EMIT caseChanged(*record);
    if (m_caseId == id)
        showCase(id);
}

QJsonObject CaseDesk::reporterContactOfCurrent() const
{
    if (!m_file)
        return {};
    for (const CaseEvent &event : m_file->events()) {
        if (event.action == CaseAction::Report)
            return event.data.value(QLatin1String("contact")).toObject();
    }
    return {};
}

void CaseDesk::askContactReveal(qint64 caseId)
{
    if (m_caseId != caseId)
        return;
    bool given = false;
    const QString reason = QInputDialog::getText(m_window, tr("Reveal the reporter's contact"),
        tr("Why do you need the reporter's contact? The reveal is recorded with your name and "
           "this reason."),
        QLineEdit::Normal, QString(), &given);
    if (given)
        revealContactWith(reason);
}

bool CaseDesk::revealContactWith(const QString &reason)
{
    if (!m_book || !m_caseId || !m_file)
        return false;
    const QJsonObject contact = reporterContactOfCurrent();
    if (contact.isEmpty()) {
        Q_EMIT message(tr("This case's report left no contact."));
        return false;
    }
    auto record = m_book->record(*m_caseId);
    if (!record)
        return false;
    auto revealed =
        revealContact(*m_workspace, contactRevealCode(record->source, record->externalId), contact,
            m_user.name, roleKey(m_user.role), reason, now());
    if (!revealed) {
        Q_EMIT message(revealed.error().message);
        return false;
    }
    m_contactShownFor = m_caseId;
    showCase(*m_caseId);
    Q_EMIT message(tr("The reporter's contact is shown; the reveal is recorded."));
    return true;
}

void CaseDesk::updateActions()
{
    const bool ready = m_book && m_user.isValid();
    m_actions->setAvailable(ready && m_file ? availableActions(*m_file) : QList<CaseAction>());
    m_actions->reportAction()->setEnabled(
        ready && Transitions::roleMay(m_user.role, CaseAction::Report));
    m_actions->runAsAction()->setEnabled(m_book != nullptr);
    m_actions->reloadAction()->setEnabled(m_caseId.has_value() || m_dialog);
    m_queue->setContextActions(m_actions->availableActions());
}

QList<CaseAction> CaseDesk::availableActions(const CaseFile &file) const
{
    QList<CaseAction> actions = WorkflowEngine::available(file, m_user.role);
    if (m_user.role != Role::UnitHandler)
        return actions;
    // A unit acts only on the cases it leads or shares: the engine would refuse the rest, so
    // they are not offered.
    const OrgDirectory &units = m_book->setup().units;
    const bool ownCase =
        units.isWithin(m_user.unit, file.leadUnit()) || file.coUnits().contains(m_user.unit);
    if (ownCase)
        return actions;
    for (CaseAction unitAction : {CaseAction::Accept, CaseAction::Return, CaseAction::FeedBack,
             CaseAction::RequestExtension})
        actions.removeAll(unitAction);
    return actions;
}

ActionRequest CaseDesk::request(CaseAction action) const
{
    ActionRequest request;
    request.action = action;
    request.actor = m_user.name;
    request.role = m_user.role;
    request.actorUnit = m_user.unit;
    request.at = caseTime(now());
    return request;
}

void CaseDesk::startAction(CaseAction action)
{
    if (!m_book || !m_caseId || !m_file || !m_user.isValid())
        return;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        Q_EMIT message(tr("Finish or cancel the open dialog first."));
        return;
    }
    if (action == CaseAction::Attach) {
        chooseAttachment(*m_caseId);
        return;
    }
    auto record = m_book->record(*m_caseId);
    if (!record)
        return;

    auto *dialog = new ActionDialog(action, contextFor(*m_file, *record), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const std::pair<qint64, int> draftKey {*m_caseId, int(action)};
    if (const auto draft = m_drafts.constFind(draftKey); draft != m_drafts.cend())
        dialog->restore(*draft);
    connect(dialog, &ActionDialog::submitted, this, &CaseDesk::takeAction);
    connect(dialog, &ActionDialog::reloadRequested, this, &CaseDesk::reloadCase);
    // What was entered in a dialog closed without acting comes back when it is opened again.
    connect(dialog, &QDialog::rejected, this,
        [this, dialog, draftKey] { m_drafts.insert(draftKey, dialog->input()); });
    // Gone for the desk as soon as it is closed, though Qt deletes it a moment later.
    connect(dialog, &QDialog::finished, this, [this] { m_dialog = nullptr; });
    m_dialog = dialog;
    dialog->show();
}

void CaseDesk::takeAction(const ActionInput &input)
{
    if (!m_dialog || !m_book)
        return;
    ActionRequest request = this->request(input.action);
    request.basedOnVersion = input.basedOnVersion;
    request.reason = input.reason;
    request.unit = input.unit;
    request.coUnits = input.coUnits;
    request.data = input.data;

    const qint64 caseId = m_dialog->caseId();
    const auto event = m_book->act(caseId, request);
    if (!event) {
        qCInfo(lcApp) << "action" << caseActionKey(input.action) << "on case" << caseId
                      << "refused with code" << int(event.error().code);
        m_dialog->showRefusal(event.error());
        return;
    }

    m_drafts.remove({caseId, int(m_dialog->action())});
    m_dialog->accept();
    Q_ASSERT(!m_dialog);
    refreshCase(caseId);
    if (input.action == CaseAction::Merge)
        refreshCase(input.data.value(QLatin1String("into")).toInteger());
    //: %1 is a case, %2 an action, %3 the state it is in now
    Q_EMIT message(tr("Case %1: %2 done; it is now %3.")
                       .arg(caseId)
                       .arg(caseActionName(event->action), caseStateName(event->to).toLower()));
    Q_EMIT actionTaken(caseId);
}

ActionContext CaseDesk::contextFor(const CaseFile &file, const CaseRecord &record) const
{
    const WorkflowSetup &setup = m_book->setup();
    ActionContext context {file, record, setup.units, setup.categories, now(), {}, {}, {}};
    const CaseBook *book = m_book.get();
    const qint64 id = record.id;
    context.findDuplicates = [book, id](double metres, double hours) {
        return book->possibleDuplicates(id, metres, hours);
    };
    proposeDispatch(context);
    return context;
}

void CaseDesk::proposeDispatch(ActionContext &context) const
{
    const WorkflowSetup &setup = m_book->setup();
    const CaseRecord &record = context.record;
    DispatchInput input;
    input.categoryPath = setup.categories.path(record.category);
    input.gridPath = m_gridPaths.value(record.gridCode, {record.gridCode});
    input.time = record.created.wallTime().time();
    input.channel = record.source;

    if (const auto proposal = setup.rules.propose(input)) {
        context.proposal = proposal;
        //: %1 is the unit a dispatch rule proposes, %2 the rule and why it matched
        context.proposalText =
            tr("%1 – %2").arg(setup.units.displayName(proposal->unit), proposal->reason);
        return;
    }
    const QString unit = setup.categories.defaultUnit(record.category);
    if (!unit.isEmpty()) {
        context.proposal = DispatchProposal {unit, {}, {}, {}};
        context.proposalText = tr("%1: no rule matches; it is the default unit of category %2.")
                                   .arg(setup.units.displayName(unit), record.category);
        return;
    }
    context.proposalText =
        tr("No rule matches and the category names no default unit: choose the unit.");
}

void CaseDesk::startReport()
{
    if (!m_book || !m_user.isValid())
        return;
    if (m_reportDialog) {
        m_reportDialog->raise();
        m_reportDialog->activateWindow();
        return;
    }
    auto *dialog = new ReportDialog(m_book->setup().categories, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportDialog::submitted, this, &CaseDesk::takeReport);
    if (m_register) {
        dialog->setEntryFinder(
            [this](const std::optional<GeoPoint> &point, const QString &address) {
                return m_register ? m_register->offers(point, address) : QList<OfferedEntry>();
            });
        dialog->setReporterFinder([this](const QString &typed) {
            return m_register ? m_register->reporters(typed) : QList<OfferedEntry>();
        });
    }
    connect(dialog, &ReportDialog::pickOnMapRequested, this, [this] {
        m_picking = true;
        m_canvas->setCursor(Qt::CrossCursor);
        Q_EMIT message(tr("Click the place of the case on the map."));
    });
    connect(dialog, &QDialog::finished, this, [this] {
        m_reportDialog = nullptr;
        m_picking = false;
        m_canvas->unsetCursor();
    });
    m_reportDialog = dialog;
    dialog->show();
}

void CaseDesk::takeReport(CaseRecord record)
{
    if (!m_reportDialog || !m_book)
        return;
    record.created = caseTime(now());
    // Desks and the server know a case by its channel and its id there; a random id keeps the
    // reports of every desk apart, as the command line's are.
    record.externalId = QUuid::createUuid().toString(QUuid::Id128).left(12);
    const auto scene = m_canvas->scene();
    if (record.location && scene)
        record.gridCode = scene->gridAt(*record.location).value_or(QString());
    const QStringList chosen = m_reportDialog->chosenEntries();
    const QString reporter = m_reportDialog->chosenReporter();
    auto event = (chosen.isEmpty() && reporter.isEmpty()) || !m_register
        ? m_book->report(record, request(CaseAction::Report))
        : m_register->report(record, request(CaseAction::Report), chosen, reporter);
    if (!event) {
        m_reportDialog->showRefusal(event.error());
        return;
    }

    m_reportDialog->accept();
    refreshCase(record.id);
    if (!m_queue->selectCase(record.id))
        m_queue->setQueueView(QueueView::All);
    m_queue->selectCase(record.id);
    showCase(record.id);
    Q_EMIT message(tr("Case %1 reported; it waits to be registered.").arg(record.id));
    Q_EMIT actionTaken(record.id);
}

bool CaseDesk::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_canvas || !m_picking)
        return QObject::eventFilter(watched, event);
    const bool press = event->type() == QEvent::MouseButtonPress;
    const bool release = event->type() == QEvent::MouseButtonRelease;
    if (!press && !release)
        return QObject::eventFilter(watched, event);
    // While picking, a click places the report instead of selecting what is under it.
    const auto *mouse = static_cast<QMouseEvent *>(event);
    if (release && mouse->button() == Qt::LeftButton && m_reportDialog) {
        m_picking = false;
        m_canvas->unsetCursor();
        m_reportDialog->setLocation(m_canvas->viewport().toLonLat(mouse->position()));
    }
    return true;
}

bool CaseDesk::attachFile(const QString &path)
{
    if (!m_book || !m_caseId || !m_user.isValid())
        return false;
    const qint64 caseId = *m_caseId;
    ActionRequest attach = request(CaseAction::Attach);
    attach.basedOnVersion = m_file ? m_file->version() : 0;
    auto event = m_book->attach(caseId, path, attach);
    if (!event) {
        Q_EMIT message(event.error().message);
        return false;
    }
    refreshCase(caseId);
    Q_EMIT message(tr("%1 is kept with case %2.").arg(QFileInfo(path).fileName()).arg(caseId));
    return true;
}

void CaseDesk::chooseAttachment(qint64 caseId)
{
    if (m_caseId != caseId)
        return;
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Attach a file to the case"), QDir::homePath(),
            tr("Photos and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.txt);;"
               "All files (*)"));
    if (!path.isEmpty())
        attachFile(path);
}

void CaseDesk::openAttachment(qint64 attachmentId, const QString &name)
{
    auto content = m_book->attachmentContent(attachmentId);
    if (!content) {
        Q_EMIT message(content.error().message);
        return;
    }
    // A copy in a folder of its own, so the file keeps its name for the program that opens it.
    const QString folder =
        QDir::temp().filePath(QStringLiteral("griddesk-attachment-%1").arg(attachmentId));
    QDir().mkpath(folder);
    QFile file(QDir(folder).filePath(QFileInfo(name).fileName()));
    if (!file.open(QIODevice::WriteOnly) || file.write(*content) != content->size()) {
        Q_EMIT message(tr("%1 cannot be written: %2").arg(file.fileName(), file.errorString()));
        return;
    }
    file.close();
    QDesktopServices::openUrl(QUrl::fromLocalFile(file.fileName()));
}

void CaseDesk::saveAttachment(qint64 attachmentId, const QString &name)
{
    auto content = m_book->attachmentContent(attachmentId);
    if (!content) {
        Q_EMIT message(content.error().message);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Save attachment as"), QDir::home().filePath(QFileInfo(name).fileName()));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*content) != content->size()) {
        Q_EMIT message(tr("%1 cannot be written: %2").arg(path, file.errorString()));
        return;
    }
    Q_EMIT message(tr("Saved %1.").arg(path));
}

void CaseDesk::showOnMap(qint64 caseId)
{
    if (m_canvas->zoomToCase(caseId))
        return;
    // A case reported since the map was drawn is not on it yet: centre on its location.
    const auto record = m_book ? m_book->record(caseId) : Result<CaseRecord>();
    if (record && record->location) {
        m_canvas->setSelectedCase(std::nullopt);
        m_canvas->setViewport(m_canvas->viewport().centredOn(*record->location));
        Q_EMIT message(tr("The map is centred on the case; its point appears when the workspace "
                          "is opened again."));
    }
}

void CaseDesk::takeInOtherChanges()
{
    if (!m_book)
        return;
    // The workspace's own history tells what changed: the sync writes the server's feed into
    // it, and another program may have reported or acted on cases since the last look.
    const auto changed = m_book->changedSince(m_lastEventSeen);
    if (!changed) {
        qCWarning(lcApp).noquote() << "changed cases not read:" << changed.error().message;
        return;
    }
    m_lastEventSeen = changed->second;
    for (qint64 id : changed->first)
        refreshCase(id);
}

void CaseDesk::applyDeadlineRules()
{
    if (!m_book)
        return;
    takeInOtherChanges();
    Q_EMIT deadlinesDue(now());
    // A desk that syncs leaves the deadline rules to its server, which decides them once for
    // every desk; run here too, they would make histories the server's then replaces.
    const bool synced = m_outbox && !m_outbox->server().isEmpty();
    const auto events = synced ? Result<QList<CaseEvent>>(QList<CaseEvent>())
                               : m_book->applyDeadlineRules(caseTime(now()));
    if (!events) {
        qCWarning(lcApp).noquote() << "deadline rules not applied:" << events.error().message;
        Q_EMIT message(events.error().message);
    } else {
        for (const CaseEvent &event : *events)
            refreshCase(event.caseId);
        if (!events->isEmpty())
            Q_EMIT message(tr("Deadline rules acted on %n case(s).", nullptr, int(events->size())));
    }
    m_queue->setNow(now());
    if (m_caseId) {
        if (const auto row = m_queue->model()->rowOf(*m_caseId))
            m_panel->setDeadline(m_queue->model()->deadline(*row));
    }
}

void CaseDesk::chooseEntryToLink(qint64 caseId)
{
    if (!m_register || !m_user.isValid())
        return;
    auto record = m_book->record(caseId);
    if (!record)
        return;
    QStringList items;
    for (const OfferedEntry &offer : m_register->offers(record->location, record->address))
        //: a register entry offered for a case: its code, kind and name
        items << tr("%1 — %2 %3").arg(offer.code, offer.kind, offer.name);
    bool chosen = false;
    const QString picked = QInputDialog::getItem(m_window, tr("Link a register entry"),
        tr("An entry at the case's place, or any entry's code:"), items, 0, true, &chosen);
    const QString code = picked.section(u' ', 0, 0).trimmed();
    if (!chosen || code.isEmpty())
        return;
    auto event = m_register->link(caseId, code, false, request(CaseAction::LinkEntry));
    if (!event) {
        Q_EMIT message(event.error().message);
        return;
    }
    refreshCase(caseId);
    Q_EMIT message(tr("Case %1 is linked to %2.").arg(caseId).arg(code));
    Q_EMIT actionTaken(caseId);
}

void CaseDesk::unlinkEntry(qint64 caseId, const QString &code, bool reporter)
{
    if (!m_register || !m_user.isValid())
        return;
    auto event = m_register->unlink(caseId, code, reporter, request(CaseAction::UnlinkEntry));
    if (!event) {
        Q_EMIT message(event.error().message);
        return;
    }
    refreshCase(caseId);
    Q_EMIT message(tr("Case %1 is no longer linked to %2.").arg(caseId).arg(code));
    Q_EMIT actionTaken(caseId);
}

} // namespace GridDesk
