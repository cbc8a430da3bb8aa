// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrolspanel.h"

#include "logging.h"

#include "storage/workspace.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
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

} // namespace

PatrolsPanel::PatrolsPanel(QWidget *parent)
    : QWidget(parent)
    , m_person(new QComboBox(this))
    , m_sight(new QDoubleSpinBox(this))
    , m_message(new QLabel(this))
    , m_tracks(makeTable({tr("Person"), tr("File"), tr("Started (UTC)"), tr("Ended (UTC)"),
                             tr("Fixes"), tr("Length")},
          this))
    , m_coverage(makeTable({tr("Grid"), tr("Seen"), tr("Area seen")}, this))
    , m_cases(makeTable({tr("Case"), tr("Reported by"), tr("At (UTC)"), tr("From the path")}, this))
    , m_plansTitle(new QLabel(this))
    , m_plans(makeTable({tr("Grid"), tr("Met"), tr("How often"), tr("Checks")}, this))
{
    setObjectName(QStringLiteral("patrolsPanel"));
    m_person->setEditable(true);
    m_person->setObjectName(QStringLiteral("patrolPerson"));
    m_sight->setRange(1.0, 1000.0);
    m_sight->setDecimals(0);
    m_sight->setValue(PatrolBook::DEFAULT_SIGHT_METRES);
    m_sight->setSuffix(tr(" m"));
    m_sight->setToolTip(tr("How far the patroller is taken to see to each side of the track."));
    auto *import = new QPushButton(tr("&Import track…"), this);
    import->setObjectName(QStringLiteral("importTrackButton"));
    import->setToolTip(tr("Read a GPX or NMEA log as this person's patrol."));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Patroller:"), m_person);
    form->addRow(tr("&Sight:"), m_sight);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(import);
    layout->addWidget(m_message);
    layout->addWidget(new QLabel(tr("Patrol tracks:"), this));
    layout->addWidget(m_tracks, 2);
    layout->addWidget(new QLabel(tr("Grids the chosen patrol saw (double-click to show):"), this));
    layout->addWidget(m_coverage, 1);
    layout->addWidget(new QLabel(tr("Cases found on it (double-click to open):"), this));
    layout->addWidget(m_cases, 1);
    layout->addWidget(m_plansTitle);
    layout->addWidget(m_plans, 1);
    // TODO(#8): patrol plans are added and removed with griddesk-cli patrol-plan only, and
    // judged here over the patrols' own days rather than a period the user chooses.

    connect(import, &QPushButton::clicked, this, &PatrolsPanel::chooseFile);
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

Result<void> PatrolsPanel::open(const QString &path)
{
    auto opened = Workspace::open(path);
    if (!opened)
        return std::unexpected(opened.error());
    m_book.reset();
    m_workspace = std::move(*opened);
    m_book = std::make_unique<PatrolBook>(*m_workspace);
    m_chosen = 0;

    const QString current = m_person->currentText();
    m_person->clear();
    QSqlQuery query(m_workspace->database());
    if (query.exec(QStringLiteral("SELECT name FROM local_users UNION SELECT name FROM people "
                                  "WHERE retired = 0 ORDER BY 1"))) {
        while (query.next())
            m_person->addItem(query.value(0).toString());
    }
    m_person->setCurrentText(current);
    showMessage({}, false);
    return reload();
}

void PatrolsPanel::setUser(const QString &name)
{
    m_person->setCurrentText(name);
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

void PatrolsPanel::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a patrol track"), {},
        tr("GPS logs (*.gpx *.nmea *.log *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

Result<PatrolImport> PatrolsPanel::importFile(const QString &path)
{
    if (!m_book)
        return fail(ErrorCode::InvalidArgument, tr("No workspace is open."));
    auto imported = m_book->importTrack(path, m_person->currentText(), m_sight->value());
    if (!imported) {
        showMessage(tr("Not imported: %1").arg(imported.error().message), true);
        return imported;
    }
    const PatrolTrack &track = imported->track;
    QString text = tr(
        "Imported %1 as %2's patrol: %n fix(es), %3 m, %4 grid(s) seen.", nullptr, track.pointCount)
                       .arg(track.sourceFile, track.person)
                       .arg(track.lengthMetres, 0, 'f', 0)
                       .arg(imported->coverage.size());
    if (!imported->notes.isEmpty())
        text += u' ' + imported->notes.join(u' ');
    showMessage(text, false);
    if (auto shown = reload(); !shown)
        showMessage(shown.error().message, true);
    chooseTrack(track.id);
    return imported;
}

Result<void> PatrolsPanel::reload()
{
    auto summary = m_book->summary({});
    if (!summary)
        return std::unexpected(summary.error());
    m_summary = std::move(*summary);
    auto tracks = m_book->tracks({}, true);
    if (!tracks)
        return std::unexpected(tracks.error());
    m_overlay.setTracks(*tracks);
    fillTracks();
    fillChosen();
    fillPlans();
    qCInfo(lcPatrolView) << "showing" << tracks->size() << "patrol tracks";
    Q_EMIT tracksChanged();
    return {};
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

void PatrolsPanel::fillPlans()
{
    m_plansTitle->setText(m_summary.first.isValid()
            //: %1 and %2 are the days of the first and the last patrol
            ? tr("Patrol plans, from %1 to %2:")
                  .arg(m_summary.first.toString(Qt::ISODate), m_summary.last.toString(Qt::ISODate))
            : tr("Patrol plans (no patrol yet):"));
    m_plans->setRowCount(int(m_summary.plans.size()));
    for (int row = 0; row < m_summary.plans.size(); ++row) {
        const PlanStatus &status = m_summary.plans.at(row);
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
        m_plans->setItem(row, 0, cell(status.plan.gridCode, status.plan.gridCode));
        m_plans->setItem(row, 1, judged);
        m_plans->setItem(row, 2, cell(status.plan.describe()));
        m_plans->setItem(row, 3, cell(status.plan.tasks));
    }
}

} // namespace GridDesk
