// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolspanel.h"

#include "logging.h"
#include "patrolplandialog.h"
#include "planperiodchooser.h"

#include "domain/posts.h"
#include "patrol/patrolimportjob.h"
#include "patrol/patrolsummaryjob.h"
#include "storage/workspace.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QVBoxLayout>

namespace GridDesk {

namespace {

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

QTableWidgetItem *cell(const QString &text, const QVariant &key = {})
{
    auto *item = new QTableWidgetItem(text);
    if (key.isValid())
        item->setData(Qt::UserRole, key);
    return item;
}

QString utcText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString stageText(ImportStage stage)
{
    switch (stage) {
    case ImportStage::Reading:
        return PatrolsPanel::tr("Reading the log…");
    case ImportStage::Analysing:
        return PatrolsPanel::tr("Working out the grids the track saw…");
    case ImportStage::Saving:
        return PatrolsPanel::tr("Saving the fixes…");
    }
    return {};
}

} // namespace

PatrolsPanel::PatrolsPanel(QWidget *parent)
    : QWidget(parent)
    , m_person(new QComboBox(this))
    , m_sight(new QDoubleSpinBox(this))
    , m_importButton(new QPushButton(tr("&Import track…"), this))
    , m_progressRow(new QWidget(this))
    , m_progress(new QProgressBar(m_progressRow))
    , m_cancel(new QPushButton(tr("Cancel import"), m_progressRow))
    , m_message(new QLabel(this))
    , m_loadingBar(new QProgressBar(this))
    , m_tracks(makeTable({tr("Person"), tr("File"), tr("Started (UTC)"), tr("Ended (UTC)"),
                             tr("Fixes"), tr("Length")},
          this))
    , m_coverage(makeTable({tr("Grid"), tr("Seen"), tr("Area seen")}, this))
    , m_cases(makeTable({tr("Case"), tr("Reported by"), tr("At (UTC)"), tr("From the path")}, this))
    , m_period(new PlanPeriodChooser(this))
    , m_planTable(makeTable({tr("Grid"), tr("Met"), tr("How often"), tr("Checks")}, this))
    , m_editPlan(new QPushButton(tr("&Edit plan…"), this))
    , m_removePlan(new QPushButton(tr("&Remove plan…"), this))
{
    setObjectName(QStringLiteral("patrolsPanel"));
    m_person->setEditable(true);
    m_person->setObjectName(QStringLiteral("patrolPerson"));
    m_sight->setRange(1.0, 1000.0);
    m_sight->setDecimals(0);
    m_sight->setValue(PatrolBook::DEFAULT_SIGHT_METRES);
    m_sight->setSuffix(tr(" m"));
    m_sight->setToolTip(tr("How far the patroller is taken to see to each side of the track."));
    m_message->setObjectName(QStringLiteral("patrolMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_loadingBar->setObjectName(QStringLiteral("patrolLoading"));
    m_loadingBar->setRange(0, 0);
    m_loadingBar->setTextVisible(true);
    m_loadingBar->setFormat(tr("Loading the patrol tracks…"));
    m_loadingBar->hide();
    m_tracks->setObjectName(QStringLiteral("patrolTracks"));
    m_coverage->setObjectName(QStringLiteral("patrolCoverage"));
    m_cases->setObjectName(QStringLiteral("patrolCases"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Patroller:"), m_person);
    form->addRow(tr("&Sight:"), m_sight);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    buildImportRow(layout);
    layout->addWidget(m_message);
    layout->addWidget(m_loadingBar);
    layout->addWidget(new QLabel(tr("Patrol tracks:"), this));
    layout->addWidget(m_tracks, 2);
    layout->addWidget(new QLabel(tr("Grids the chosen patrol saw (double-click to show):"), this));
    layout->addWidget(m_coverage, 1);
    layout->addWidget(new QLabel(tr("Cases found on it (double-click to open):"), this));
    layout->addWidget(m_cases, 1);
    buildPlansSection(layout);

    connect(m_tracks, &QTableWidget::itemSelectionChanged, this, [this] {
        const QList<QTableWidgetItem *> chosen = m_tracks->selectedItems();
        if (!chosen.isEmpty())
            chooseTrack(m_tracks->item(chosen.first()->row(), 0)->data(Qt::UserRole).toLongLong());
    });
    connect(m_coverage, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem *item) {
        Q_EMIT gridRequested(m_coverage->item(item->row(), 0)->data(Qt::UserRole).toString());
    });
    connect(m_cases, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem *item) {
        Q_EMIT caseRequested(m_cases->item(item->row(), 0)->data(Qt::UserRole).toLongLong());
    });
}

PatrolsPanel::~PatrolsPanel() = default;

void PatrolsPanel::buildImportRow(QBoxLayout *layout)
{
    m_importButton->setObjectName(QStringLiteral("importTrackButton"));
    m_importButton->setToolTip(tr("Read a GPX or NMEA log as this person's patrol."));
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setTextVisible(true);
    m_cancel->setObjectName(QStringLiteral("cancelImportButton"));
    m_cancel->setToolTip(tr("Stop the import; nothing of the log is kept."));
    m_progressRow->setObjectName(QStringLiteral("importProgressRow"));

    auto *row = new QHBoxLayout(m_progressRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    m_progressRow->hide();
    layout->addWidget(m_importButton);
    layout->addWidget(m_progressRow);

    connect(m_importButton, &QPushButton::clicked, this, &PatrolsPanel::chooseFile);
    connect(m_cancel, &QPushButton::clicked, this, &PatrolsPanel::cancelImport);
}

void PatrolsPanel::buildPlansSection(QBoxLayout *layout)
{
    m_planTable->setObjectName(QStringLiteral("patrolPlans"));
    m_planTable->setToolTip(tr("Enter or double-click edits a plan, Delete removes it."));
    auto *add = new QPushButton(tr("&Add plan…"), this);
    add->setObjectName(QStringLiteral("addPlanButton"));
    add->setToolTip(tr("Plan what the grid's patrols check, how often and by whom."));
    m_editPlan->setObjectName(QStringLiteral("editPlanButton"));
    m_removePlan->setObjectName(QStringLiteral("removePlanButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_editPlan);
    buttons->addWidget(m_removePlan);
    buttons->addStretch(1);

    layout->addWidget(new QLabel(tr("Patrol plans:"), this));
    layout->addWidget(m_period);
    layout->addWidget(m_planTable, 1);
    layout->addLayout(buttons);

    // The buttons are made in another order than they are shown; Tab follows the eye.
    setTabOrder(m_planTable, add);
    setTabOrder(add, m_editPlan);
    setTabOrder(m_editPlan, m_removePlan);

    auto *remove = new QShortcut(QKeySequence::Delete, m_planTable);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &PatrolsPanel::removePlan);
    connect(add, &QPushButton::clicked, this, &PatrolsPanel::addPlan);
    connect(m_editPlan, &QPushButton::clicked, this, &PatrolsPanel::editPlan);
    connect(m_removePlan, &QPushButton::clicked, this, &PatrolsPanel::removePlan);
    connect(m_planTable, &QTableWidget::itemActivated, this, &PatrolsPanel::editPlan);
    connect(m_planTable, &QTableWidget::itemSelectionChanged, this, &PatrolsPanel::showPlanChosen);
    connect(m_period, &PlanPeriodChooser::periodChanged, this, &PatrolsPanel::judgePlans);
    showPlanChosen();
}

Result<void> PatrolsPanel::open(const QString &path)
{
    // The import works on the file open before; it must stop before another one is shown.
    ++m_importSerial;
    m_import.reset();
    m_loading.reset();
    endImport();
    endLoading();
    auto opened = Workspace::open(path);
    if (!opened)
        return std::unexpected(opened.error());
    m_book.reset();
    m_workspace = std::move(*opened);
    m_workspacePath = path;
    m_book = std::make_unique<PatrolBook>(*m_workspace);
    m_chosen = 0;

    const QString current = m_person->currentText();
    m_person->clear();
    m_person->addItems(peopleNames());
    m_person->setCurrentText(current);
    showMessage({}, false);
    return reload();
}

void PatrolsPanel::setUser(const QString &name)
{
    m_person->setCurrentText(name);
}

void PatrolsPanel::setCurrentGrid(const QString &code)
{
    m_currentGrid = code;
}

QString PatrolsPanel::message() const
{
    return m_message->text();
}

void PatrolsPanel::showMessage(const QString &text, bool failure)
{
    m_message->setText(text);
    m_message->setStyleSheet(failure ? QStringLiteral("color: #b00020;") : QString());
}

QStringList PatrolsPanel::peopleNames() const
{
    QStringList names;
    QSqlQuery query(m_workspace->database());
    if (!query.exec(QStringLiteral("SELECT name FROM local_users UNION SELECT name FROM people "
                                   "WHERE retired = 0 ORDER BY 1"))) {
        qCWarning(lcPatrolView) << "reading the people of the workspace failed:"
                                << query.lastError().text();
        return names;
    }
    while (query.next())
        names << query.value(0).toString();
    return names;
}

// Importing ------------------------------------------------------------------------------

void PatrolsPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a patrol track"), {},
        tr("GPS logs (*.gpx *.nmea *.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

bool PatrolsPanel::importFile(const QString &path)
{
    if (!m_workspace) {
        showMessage(tr("No workspace is open."), true);
        return false;
    }
    if (isImporting()) {
        showMessage(tr("%1 is still being imported; wait for it or cancel it first.")
                        .arg(QFileInfo(m_import->path()).fileName()),
            true);
        return false;
    }
    if (isLoading()) {
        showMessage(tr("The patrol tracks are still being loaded; import again once they are "
                       "shown."),
            true);
        return false;
    }
    // The path as opened: for a PostgreSQL store, path() leaves the password out.
    m_import = std::make_unique<PatrolImportJob>(
        m_workspacePath, path, m_person->currentText(), m_sight->value());
    // Signals of a job given up (another workspace opened) may still wait in the queue; the
    // number tells them apart from the current job's.
    const int serial = ++m_importSerial;
    connect(m_import.get(), &PatrolImportJob::importProgressed, this,
        [this, serial](ImportStage stage, qint64 done, qint64 total) {
            if (serial == m_importSerial)
                showProgress(stage, done, total);
        });
    connect(m_import.get(), &PatrolImportJob::importFinished, this,
        [this, serial](const PatrolImport &import) {
            if (serial == m_importSerial)
                onImportFinished(import);
        });
    connect(
        m_import.get(), &PatrolImportJob::importFailed, this, [this, serial](const Error &error) {
            if (serial == m_importSerial)
                onImportFailed(error);
        });

    m_importButton->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Starting…"));
    m_progressRow->show();
    m_cancel->setEnabled(true);
    //: %1 is a file name
    showMessage(tr("Importing %1…").arg(QFileInfo(path).fileName()), false);
    // Told before the worker starts, so that whoever listens can follow the job from its start.
    Q_EMIT importStarted(path);
    m_import->start();
    return true;
}

bool PatrolsPanel::isImporting() const
{
    return m_import && m_import->isRunning();
}

void PatrolsPanel::cancelImport()
{
    if (!isImporting())
        return;
    m_import->cancel();
    m_cancel->setEnabled(false);
    m_progress->setFormat(tr("Cancelling…"));
}

void PatrolsPanel::showProgress(ImportStage stage, qint64 done, qint64 total)
{
    if (!isImporting())
        return;
    // A bar of int steps: large counts are scaled to thousandths.
    const bool counted = total > 0;
    m_progress->setRange(0, counted ? 1000 : 0);
    if (counted)
        m_progress->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
    m_progress->setFormat(counted ? stageText(stage) + QStringLiteral(" %p%") : stageText(stage));
}

void PatrolsPanel::endImport()
{
    m_progressRow->hide();
    m_importButton->setEnabled(!isLoading());
}

void PatrolsPanel::onImportFinished(const PatrolImport &import)
{
    // The tracks are read again before another import may start.
    m_progressRow->hide();
    const PatrolTrack &track = import.track;
    QString text = tr(
        "Imported %1 as %2's patrol: %n fix(es), %3 m, %4 grid(s) seen.", nullptr, track.pointCount)
                       .arg(track.sourceFile, track.person)
                       .arg(track.lengthMetres, 0, 'f', 0)
                       .arg(import.coverage.size());
    if (!import.notes.isEmpty())
        text += u' ' + import.notes.join(u' ');
    showMessage(text, false);
    startLoading(track.id);
}

void PatrolsPanel::onImportFailed(const Error &error)
{
    endImport();
    const QString text = error.code == ErrorCode::Cancelled
        ? error.message
        : tr("Not imported: %1").arg(error.message);
    showMessage(text, true);
    Q_EMIT importFailed(text);
}

// Tracks ---------------------------------------------------------------------------------

Result<void> PatrolsPanel::reload()
{
    QElapsedTimer timer;
    timer.start();
    auto summary = m_book->summary({}, true);
    if (!summary)
        return std::unexpected(summary.error());
    qCInfo(lcPatrolView) << "read" << summary->tracks.size() << "patrol tracks in"
                         << timer.elapsed() << "ms";
    showSummary(std::move(*summary));
    return {};
}

bool PatrolsPanel::isLoading() const
{
    return m_loading && m_loading->isRunning();
}

void PatrolsPanel::startLoading(qint64 chosenId)
{
    // Every track is read with its fixes and the credits are worked out anew: with a hundred
    // thousand fixes that takes about half a second, so not on this thread.
    m_loading = std::make_unique<PatrolSummaryJob>(m_workspacePath, PatrolFilter {}, true);
    const int serial = m_importSerial;
    connect(m_loading.get(), &PatrolSummaryJob::summaryFinished, this,
        [this, serial, chosenId](const PatrolSummary &summary) {
            if (serial == m_importSerial)
                onLoaded(summary, chosenId);
        });
    connect(m_loading.get(), &PatrolSummaryJob::summaryFailed, this,
        [this, serial, chosenId](const Error &error) {
            if (serial == m_importSerial)
                onLoadFailed(error, chosenId);
        });
    m_importButton->setEnabled(false);
    m_loadingBar->show();
    m_loading->start();
}

void PatrolsPanel::onLoaded(const PatrolSummary &summary, qint64 chosenId)
{
    endLoading();
    showSummary(PatrolSummary(summary));
    chooseTrack(chosenId);
    Q_EMIT tracksLoaded();
    Q_EMIT importFinished(chosenId);
}

void PatrolsPanel::onLoadFailed(const Error &error, qint64 chosenId)
{
    endLoading();
    //: %1 says why
    showMessage(tr("The track was imported, but the patrol tracks could not be read again: %1")
                    .arg(error.message),
        true);
    Q_EMIT tracksLoaded();
    Q_EMIT importFinished(chosenId);
}

void PatrolsPanel::endLoading()
{
    m_loadingBar->hide();
    m_importButton->setEnabled(!isImporting());
}

void PatrolsPanel::showSummary(PatrolSummary &&summary)
{
    m_summary = std::move(summary);
    m_overlay.setTracks(m_summary.tracks);
    fillTracks();
    fillChosen();
    judgePlans();
    Q_EMIT tracksChanged();
}

void PatrolsPanel::fillTracks()
{
    const QSignalBlocker blocker(m_tracks);
    m_tracks->setRowCount(int(m_summary.tracks.size()));
    for (int row = 0; row < m_summary.tracks.size(); ++row) {
        const PatrolTrack &track = m_summary.tracks.at(row);
        auto *person = cell(track.person, track.id);
        person->setForeground(TrackOverlay::colourOf(row));
        m_tracks->setItem(row, 0, person);
        m_tracks->setItem(row, 1, cell(track.sourceFile));
        m_tracks->setItem(row, 2, cell(utcText(track.startedAt)));
        m_tracks->setItem(row, 3, cell(utcText(track.endedAt)));
        m_tracks->setItem(row, 4, cell(QString::number(track.pointCount)));
        m_tracks->setItem(row, 5, cell(tr("%1 m").arg(track.lengthMetres, 0, 'f', 0)));
        if (track.id == m_chosen)
            m_tracks->selectRow(row);
    }
}

void PatrolsPanel::chooseTrack(qint64 id)
{
    m_chosen = id;
    m_overlay.setHighlighted(id);
    for (int row = 0; row < m_tracks->rowCount(); ++row) {
        if (m_tracks->item(row, 0)->data(Qt::UserRole).toLongLong() == id) {
            const QSignalBlocker blocker(m_tracks);
            m_tracks->selectRow(row);
        }
    }
    fillChosen();
    for (const PatrolTrack &track : m_overlay.tracks()) {
        if (track.id == id)
            Q_EMIT trackChosen(id, PatrolTrack::boxOf(track.points));
    }
    Q_EMIT tracksChanged();
}

void PatrolsPanel::fillChosen()
{
    const QList<GridCoverage> seen = m_summary.coverage.value(m_chosen);
    m_coverage->setRowCount(int(seen.size()));
    for (int row = 0; row < seen.size(); ++row) {
        const GridCoverage &grid = seen.at(row);
        m_coverage->setItem(row, 0, cell(grid.gridCode, grid.gridCode));
        m_coverage->setItem(row, 1, cell(tr("%1%").arg(grid.share() * 100.0, 0, 'f', 1)));
        m_coverage->setItem(row, 2,
            cell(tr("%1 of %2 m²")
                     .arg(grid.coveredSquareMetres, 0, 'f', 0)
                     .arg(grid.gridSquareMetres, 0, 'f', 0)));
    }
    QList<PatrolCredit> credits;
    for (const PatrolCredit &credit : std::as_const(m_summary.credits)) {
        if (credit.trackId == m_chosen)
            credits << credit;
    }
    m_cases->setRowCount(int(credits.size()));
    for (int row = 0; row < credits.size(); ++row) {
        const PatrolCredit &credit = credits.at(row);
        m_cases->setItem(row, 0, cell(QString::number(credit.caseId), credit.caseId));
        m_cases->setItem(row, 1, cell(credit.reporter));
        m_cases->setItem(row, 2, cell(utcText(credit.reportedAt)));
        m_cases->setItem(row, 3, cell(tr("%1 m").arg(credit.distanceMetres, 0, 'f', 0)));
    }
}

// Plans ----------------------------------------------------------------------------------

void PatrolsPanel::judgePlans()
{
    if (!m_book)
        return;
    auto judged = m_book->judgePlans(m_period->first(), m_period->last());
    if (!judged) {
        showMessage(judged.error().message, true);
        return;
    }
    const std::optional<PatrolPlan> chosen = chosenPlan();
    m_plans = std::move(*judged);
    fillPlans(chosen ? chosen->id : 0);
}

void PatrolsPanel::fillPlans(qint64 chosenId)
{
    const QSignalBlocker blocker(m_planTable);
    // Cleared once the rows are there: removing the chosen row would choose a neighbour.
    m_planTable->setRowCount(int(m_plans.size()));
    m_planTable->clearSelection();
    for (int row = 0; row < m_plans.size(); ++row) {
        const PlanStatus &status = m_plans.at(row);
        const std::optional<bool> met = status.met();
        QString verdict;
        if (!met)
            verdict = tr("not judged: no whole %1").arg(planPeriodName(status.plan.per));
        else
            //: %1 periods with enough patrols, %n periods judged
            verdict = tr("%1 of %n", nullptr, int(status.slots.size())).arg(status.slotsMet());
        auto *judged = cell(verdict);
        if (met)
            judged->setForeground(*met ? QColor(0, 110, 40) : QColor(176, 0, 32));
        m_planTable->setItem(row, 0, cell(status.plan.gridCode, status.plan.id));
        m_planTable->setItem(row, 1, judged);
        m_planTable->setItem(row, 2, cell(status.plan.describe()));
        m_planTable->setItem(row, 3, cell(status.plan.tasks));
        if (status.plan.id == chosenId)
            m_planTable->selectRow(row);
    }
    showPlanChosen();
}

std::optional<PatrolPlan> PatrolsPanel::chosenPlan() const
{
    const QList<QTableWidgetItem *> chosen = m_planTable->selectedItems();
    if (chosen.isEmpty())
        return std::nullopt;
    const qint64 id = m_planTable->item(chosen.first()->row(), 0)->data(Qt::UserRole).toLongLong();
    for (const PlanStatus &status : m_plans) {
        if (status.plan.id == id)
            return status.plan;
    }
    return std::nullopt;
}

void PatrolsPanel::showPlanChosen()
{
    const bool chosen = chosenPlan().has_value();
    m_editPlan->setEnabled(chosen);
    m_removePlan->setEnabled(chosen);
}

QList<GridChoice> PatrolsPanel::gridChoices() const
{
    QList<GridChoice> choices;
    auto grids = m_workspace->grids({}, false);
    if (!grids) {
        qCWarning(lcPatrolView) << "reading the grids for a patrol plan failed:"
                                << grids.error().message;
        return choices;
    }
    for (const Grid &grid : *grids)
        choices << GridChoice {grid.code, grid.name};
    return choices;
}

void PatrolsPanel::addPlan()
{
    if (!m_book)
        return;
    // Most plans ask the grid's patrollers, whoever is on duty.
    PatrolPlan plan;
    plan.post = postKey(Post::GridPatroller);
    showPlanDialog(plan);
}

void PatrolsPanel::editPlan()
{
    if (const std::optional<PatrolPlan> plan = chosenPlan())
        showPlanDialog(*plan);
}

void PatrolsPanel::showPlanDialog(const PatrolPlan &plan)
{
    auto *dialog =
        new PatrolPlanDialog(*m_book, plan, gridChoices(), m_currentGrid, peopleNames(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { savePlan(dialog->plan()); });
    dialog->open();
}

void PatrolsPanel::savePlan(const PatrolPlan &plan)
{
    Result<qint64> saved = plan.id;
    if (plan.id == 0) {
        saved = m_book->addPlan(plan);
    } else if (auto updated = m_book->updatePlan(plan); !updated) {
        saved = std::unexpected(updated.error());
    }
    if (!saved) {
        showMessage(tr("The patrol plan was not saved: %1").arg(saved.error().message), true);
        return;
    }
    //: %1 is a plan number, %2 a grid code, %3 how often and by whom
    showMessage(
        tr("Patrol plan %1 saved: grid %2, %3.").arg(*saved).arg(plan.gridCode, plan.describe()),
        false);
    judgePlans();
    for (int row = 0; row < m_plans.size(); ++row) {
        if (m_plans.at(row).plan.id == *saved)
            m_planTable->selectRow(row);
    }
    Q_EMIT plansChanged();
}

void PatrolsPanel::removePlan()
{
    const std::optional<PatrolPlan> plan = chosenPlan();
    if (!plan)
        return;
    auto *confirm = new QMessageBox(QMessageBox::Question, tr("Remove patrol plan"),
        //: %1 is a grid code, %2 how often and by whom, %3 what is checked
        tr("Remove the patrol plan of grid %1, %2, checking %3? Its patrols stay; only the "
           "plan goes.")
            .arg(plan->gridCode, plan->describe(), plan->tasks),
        QMessageBox::Yes | QMessageBox::No, this);
    confirm->setObjectName(QStringLiteral("removePlanQuestion"));
    confirm->setDefaultButton(QMessageBox::No);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 id = plan->id;
    connect(confirm, &QMessageBox::finished, this, [this, id](int answer) {
        if (answer != QMessageBox::Yes || !m_book)
            return;
        if (auto removed = m_book->removePlan(id); !removed) {
            showMessage(
                tr("The patrol plan was not removed: %1").arg(removed.error().message), true);
            return;
        }
        showMessage(tr("Patrol plan %1 removed.").arg(id), false);
        judgePlans();
        Q_EMIT plansChanged();
    });
    confirm->open();
}

} // namespace GridDesk
