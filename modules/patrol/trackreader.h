// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "patroltrack.h"

#include "domain/error.h"

#include <QStringList>

#include <functional>

namespace GridDesk {

/// What a GPS log held: its fixes in file order and what was passed over, in words.
struct TrackReading
{
    QString format; ///< "gpx" or "nmea"
    QList<TrackPoint> points;
    QStringList notes; ///< sentences skipped (bad checksum, no fix …), for the user
};

/// Reads patrol logs: GPX through GDAL's GPX driver (its track points, with each track
/// segment a stretch of its own) and NMEA 0183 through Qt Positioning's sentence parser (the
/// RMC sentences, which carry date, time and fix). NMEA lines as Android's GNSS logger
/// writes them ("NMEA,$GPRMC…*hh,unix-ms") are read too.
namespace TrackReader {

/// Told how far reading got: done of total, in units of the reader's choosing (track points of
/// a GPX file, bytes of an NMEA log). Returns false to stop: read() then fails with
/// ErrorCode::Cancelled. Called on the reading thread, every few thousand units.
using Progress = std::function<bool(qint64 done, qint64 total)>;

/// Reads the log at path, telling the format by its suffix (.gpx; .nmea, .log, .txt) or, for
/// any other suffix, by its first bytes. Fails, naming the file and the line or point, when
/// the file cannot be read, is not GPX or NMEA, is written in UTF-16 or UTF-32 (both are
/// ASCII or UTF-8 text), is cut short or malformed, holds no fix, or has a fix without a
/// time. NMEA sentences with a bad checksum or without a fix are skipped and counted in the
/// notes. Thread-safe; blocks while it reads, telling progress (when set) how far it got.
Result<TrackReading> read(const QString &path, const Progress &progress = {});

} // namespace TrackReader

} // namespace GridDesk
