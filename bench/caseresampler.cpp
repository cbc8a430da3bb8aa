// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "caseresampler.h"

#include "gis/gridlocator.h"

#include <QFile>
#include <QTextStream>

#include <cmath>
#include <numbers>
#include <random>

namespace GridDesk::Bench {

namespace {

constexpr double JITTER_DEGREES = 0.003; // about 330 m north-south
constexpr int MAX_DRAWS = 50;
constexpr int MAX_FAILED_SOURCES = 10000;
constexpr qint64 FIRST_KEY = 900000000;

QString csvField(const QString &value)
{
    const bool needsQuotes = value.contains(u',') || value.contains(u'"') || value.contains(u'\n')
        || value.contains(u'\r');
    if (!needsQuotes)
        return value;
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

QStringList CaseResampler::columns()
{
    return {QStringLiteral("Unique Key"), QStringLiteral("Created Date"),
        QStringLiteral("Closed Date"), QStringLiteral("Agency"), QStringLiteral("Complaint Type"),
        QStringLiteral("Descriptor"), QStringLiteral("Status"), QStringLiteral("Incident Address"),
        QStringLiteral("Latitude"), QStringLiteral("Longitude")};
}

CaseResampler::CaseResampler(QList<QStringList> sourceValues, QList<GeoPoint> sourceLocations,
    QList<Grid> bases, quint64 seed)
    : m_values(std::move(sourceValues))
    , m_locations(std::move(sourceLocations))
    , m_bases(std::move(bases))
    , m_seed(seed)
{ }

Result<void> CaseResampler::write(const QString &path, qint64 count) const
{
    GridLocator city;
    if (auto built = city.build(m_bases); !built)
        return built;
    if (m_locations.isEmpty())
        return fail(ErrorCode::InvalidArgument, QStringLiteral("no located source cases"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(ErrorCode::UnreadableFile,
            QStringLiteral("%1 cannot be written: %2").arg(path, file.errorString()));
    QTextStream out(&file);
    out.setEncoding(QStringConverter::Utf8);
    out << columns().join(u',') << '\n';

    std::mt19937_64 random(m_seed);
    std::uniform_int_distribution<qsizetype> pick(0, m_locations.size() - 1);
    std::normal_distribution<double> jitter(0.0, JITTER_DEGREES);
    const double lonScale = 1.0 / std::cos(m_locations.first().lat * std::numbers::pi / 180);
    int failedInARow = 0;
    for (qint64 written = 0; written < count;) {
        if (failedInARow > MAX_FAILED_SOURCES)
            return fail(ErrorCode::InvalidArgument,
                QStringLiteral("no source case can be moved inside the city"));
        const qsizetype source = pick(random);
        ++failedInARow;
        for (int draw = 0; draw < MAX_DRAWS; ++draw) {
            const GeoPoint point {m_locations[source].lon + jitter(random) * lonScale,
                m_locations[source].lat + jitter(random)};
            if (!city.locate(point))
                continue;
            QStringList row {QString::number(FIRST_KEY + written)};
            for (qsizetype i = 1; i < m_values[source].size(); ++i)
                row << csvField(m_values[source][i]);
            row << QString::number(point.lat, 'f', 7) << QString::number(point.lon, 'f', 7);
            out << row.join(u',') << '\n';
            ++written;
            failedInARow = 0;
            break;
        }
    }
    out.flush();
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::UnreadableFile,
            QStringLiteral("%1 could not be written: %2").arg(path, file.errorString()));
    return {};
}

} // namespace GridDesk::Bench
