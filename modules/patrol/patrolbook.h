// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "patrolplan.h"
#include "patroltrack.h"
#include "trackshape.h"

#include "domain/error.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace GridDesk {

class Workspace;

/// What importing a patrol log made: the track kept (with its points), the grids it saw and
/// what the log's reader passed over.
struct PatrolImport
{
    PatrolTrack track;
    QList<GridCoverage> coverage;
    QStringList notes;
};

/// Which patrols to look at: those that saw a grid (any part of it), started from one day to
/// another (UTC days, both included). Empty fields do not filter.
struct PatrolFilter
{
    QString gridCode;
    std::optional<QDate> from;
    std::optional<QDate> to;
};

/// A case found on a patrol: reported within the track's time span and within its sight
/// distance of the path, by the patrolling person or through the grid staff channel.
struct PatrolCredit
{
    qint64 caseId = 0;
    qint64 trackId = 0;
    QString reporter; ///< who recorded the report
    QString channel;
    QDateTime reportedAt; ///< UTC
    double distanceMetres = 0.0; ///< from the case to the path
};

/// The steps of importing a patrol log, in order.
enum class ImportStage {
    Reading, ///< the log is read; done and total count its points or bytes
    Analysing, ///< the grids the track saw are worked out; no count
    Saving, ///< the fixes are written; done and total count them
};

/// Told how an import gets on: its stage, with done of total (0 when there is no count).
/// Returns false to stop the import, which then fails with ErrorCode::Cancelled and keeps
/// nothing. Called on the importing thread, every few thousand points.
using ImportProgress = std::function<bool(ImportStage stage, qint64 done, qint64 total)>;

/// Everything about the patrols a filter selects: the tracks (with their points only when
/// asked), the grids each saw, the cases credited to them and how each patrol plan fared.
struct PatrolSummary
{
    PatrolFilter filter;
    QDate first; ///< the period plans were judged over
    QDate last;
    QList<PatrolTrack> tracks;
    QHash<qint64, QList<GridCoverage>> coverage; ///< by track id
    QList<PatrolCredit> credits;
    QList<PlanStatus> plans;
};

/// The patrols kept in a workspace: importing tracks from GPS logs, the plans of each grid,
/// and what patrols covered and found. Works on the workspace's thread and blocks it.
class PatrolBook
{
public:
    /// How far to each side of the path a patroller is taken to see, unless told otherwise.
    static constexpr double DEFAULT_SIGHT_METRES = 30.0;

    explicit PatrolBook(Workspace &workspace);
    /// A book that only reads: importTrack(), addPlan() and removePlan() fail.
    explicit PatrolBook(const Workspace &workspace);

    /// Reads the GPX or NMEA log at path as a patrol by person (a local user or a person of
    /// the org chart, by name), works out the share of each grid it saw with sightMetres,
    /// and keeps track, fixes and coverage in one transaction, which is begun only once the
    /// log is read and analysed. Fails, keeping nothing, when the person is unknown, the log
    /// cannot be read (see TrackReader::read), the same log was imported for the person
    /// before, the track enters no grid, or progress (when set) stops it. Runs on the
    /// workspace's thread: a worker thread opens a Workspace of its own for it.
    Result<PatrolImport> importTrack(const QString &path, const QString &person,
        double sightMetres = DEFAULT_SIGHT_METRES, const ImportProgress &progress = {});

    /// The tracks filter selects, by start time; their points only when withPoints is set.
    Result<QList<PatrolTrack>> tracks(
        const PatrolFilter &filter = {}, bool withPoints = false) const;
    /// The grids track id saw, by code.
    Result<QList<GridCoverage>> coverage(qint64 trackId) const;
    /// The cases credited to tracks (which need their points), each case to one track: the
    /// patrolling person's own before others', then the nearest.
    Result<QList<PatrolCredit>> credits(const QList<PatrolTrack> &tracks) const;

    /// Whether the workspace would keep plan: fails, saying what is wrong, when the plan does
    /// not validate (see PatrolPlan::validate), its grid is not one of the workspace, or the
    /// person it names is neither a user nor a person of the org chart. addPlan() and
    /// updatePlan() check the same; a dialog calls this to say so before it closes.
    Result<void> checkPlan(const PatrolPlan &plan) const;
    /// Keeps plan (which must pass checkPlan()) and returns its id.
    Result<qint64> addPlan(const PatrolPlan &plan);
    /// Replaces the plan with plan's id by plan (which must pass checkPlan()); fails when
    /// there is no plan with that id.
    Result<void> updatePlan(const PatrolPlan &plan);
    /// Removes plan id; fails when there is none.
    Result<void> removePlan(qint64 id);
    /// The plans of one grid, or all when gridCode is empty, by id.
    Result<QList<PatrolPlan>> plans(const QString &gridCode = {}) const;

    /// How each plan (of gridCode, or all when it is empty) fared from first to last (UTC
    /// days, both included): the patrols started on those days are counted in the whole
    /// days, weeks or months of the period. The same judgement summary() makes.
    Result<QList<PlanStatus>> judgePlans(
        const QDate &first, const QDate &last, const QString &gridCode = {}) const;

    /// The patrols of filter with their coverage, credits and plans; the tracks keep their
    /// points when withPoints is set. Plans are judged from filter's from to its to; a missing
    /// end is taken from the first or last patrol.
    Result<PatrolSummary> summary(const PatrolFilter &filter, bool withPoints = false) const;

    /// The cases credited to a patrol in workspace: what the evaluation's first discovery
    /// adds to the cases reported through the city's own channels. With from or to, only
    /// patrols that started from a day before the period to a day after it are looked at: a
    /// patrol is credited only with cases reported while it went on, so this finds every case
    /// of the period unless a patrol lasted more than a day.
    static Result<QSet<qint64>> creditedCaseIds(
        const Workspace &workspace, std::optional<QDate> from = {}, std::optional<QDate> to = {});

private:
    Result<QString> knownPerson(const QString &person) const;
    /// Fails when the file with sha256 was imported for person before.
    Result<void> checkNotImported(
        const QString &path, const QString &person, const QByteArray &sha256) const;
    /// The grids shape sees; fails, saying where the fixes lie, when it sees none.
    Result<QList<GridCoverage>> gridsSeen(
        const QString &path, const TrackShape &shape, const QList<TrackPoint> &points) const;
    Result<QList<TrackPoint>> points(qint64 trackId) const;
    Result<QHash<QString, QString>> postsByName() const;
    Result<void> saveTrack(PatrolImport &import, const QByteArray &sha256, const TrackShape &shape,
        const ImportProgress &progress);
    Result<void> savePoints(const PatrolTrack &track, const ImportProgress &progress);
    /// plans judged from first to last by the patrols of tracks, with what each saw.
    Result<QList<PlanStatus>> judge(const QList<PatrolPlan> &plans,
        const QList<PatrolTrack> &tracks, const QHash<qint64, QList<GridCoverage>> &coverage,
        const QDate &first, const QDate &last) const;

    Result<Workspace *> writable();

    const Workspace &m_workspace;
    Workspace *m_writable = nullptr;
};

} // namespace GridDesk
