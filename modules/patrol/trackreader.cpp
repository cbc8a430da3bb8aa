// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "trackreader.h"

#include "logging.h"

#include "gis/gdalhandles.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QGeoPositionInfo>
#include <QNmeaPositionInfoSource>

#include <algorithm>
#include <mutex>
#include <optional>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Patrol)
};

/// Opens Qt Positioning's sentence parser to us. The source is never started: replaying a
/// log through it paces the updates by the recorded times, which would take as long as the
/// patrol did, so each sentence is handed to its parser directly.
class NmeaParser : public QNmeaPositionInfoSource
{
public:
    NmeaParser()
        : QNmeaPositionInfoSource(QNmeaPositionInfoSource::SimulationMode)
    { }

    bool parse(const QByteArray &sentence, QGeoPositionInfo &info, bool &hasFix)
    {
        return parsePosInfoFromNmeaData(sentence.constData(), int(sentence.size()), &info, &hasFix);
    }
};

QString lastGdalError()
{
    const QString message = QString::fromUtf8(CPLGetLastErrorMsg()).trimmed();
    return message.isEmpty() ? Tr::tr("no details from GDAL") : message;
}

/// Keeps GDAL's own messages off stderr while a log is read: they reach the user in the
/// error the reader returns instead.
struct QuietGdal
{
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal &) = delete;
    QuietGdal &operator=(const QuietGdal &) = delete;
};

void registerGdal()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// GPX ------------------------------------------------------------------------------------

QDateTime featureTime(OGRFeatureH feature, int field)
{
    if (field < 0 || !OGR_F_IsFieldSetAndNotNull(feature, field))
        return {};
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
    float second = 0.0f;
    if (!OGR_F_GetFieldAsDateTimeEx(
            feature, field, &year, &month, &day, &hour, &minute, &second, &zone))
        return {};
    const int wholeSeconds = int(second);
    const int millis = qRound((second - float(wholeSeconds)) * 1000.0f);
    QDateTime time(
        QDate(year, month, day), QTime(hour, minute, wholeSeconds, std::min(millis, 999)), Qt::UTC);
    // GDAL's zone flag: 100 is UTC, 100 ± n is n quarter hours east or west, 0 and 1 unknown
    // or local; GPX times are UTC by definition.
    if (zone > 1 && zone != 100)
        time = time.addSecs(-qint64(zone - 100) * 15 * 60);
    return time;
}

/// How many fixes a step of progress covers: often enough for a bar and a prompt Cancel,
/// seldom enough to cost nothing.
constexpr qint64 PROGRESS_STEP = 2000;

Error cancelled(const QString &name)
{
    return Error {ErrorCode::Cancelled, Tr::tr("Reading %1 was cancelled.").arg(name)};
}

/// How many track points a GPX file holds, counted in its text: the total reading reports
/// progress against, before GDAL reads the points one by one.
qint64 countTrackPoints(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    static const QByteArray tag = "<trkpt";
    qint64 count = 0;
    QByteArray carried;
    while (!file.atEnd()) {
        // The last bytes of a chunk, too few to hold a whole tag, start the next one: a tag
        // split across two chunks is counted once.
        const QByteArray chunk = carried + file.read(1 << 20);
        for (qsizetype at = chunk.indexOf(tag); at >= 0; at = chunk.indexOf(tag, at + 1))
            ++count;
        carried = chunk.right(tag.size() - 1);
    }
    return count;
}

/// The track points of a GPX layer in file order, each track segment a stretch of its own;
/// a point without a time has an invalid one. Empty when progress stopped the reading.
std::optional<QList<TrackPoint>> trackPoints(
    OGRLayerH layer, qint64 total, const TrackReader::Progress &progress)
{
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    const int timeField = OGR_FD_GetFieldIndex(definition, "time");
    const int trackField = OGR_FD_GetFieldIndex(definition, "track_fid");
    const int segmentField = OGR_FD_GetFieldIndex(definition, "track_seg_id");
    QList<TrackPoint> points;
    std::pair<qint64, qint64> lastStretch {-1, -1};
    int stretch = -1;
    OGR_L_ResetReading(layer);
    while (Gdal::FeaturePtr feature {OGR_L_GetNextFeature(layer)}) {
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
        if (!geometry || OGR_G_IsEmpty(geometry))
            continue;
        const std::pair<qint64, qint64> key {OGR_F_GetFieldAsInteger64(feature.get(), trackField),
            OGR_F_GetFieldAsInteger64(feature.get(), segmentField)};
        if (key != lastStretch) {
            ++stretch;
            lastStretch = key;
        }
        points << TrackPoint {{OGR_G_GetX(geometry, 0), OGR_G_GetY(geometry, 0)},
            featureTime(feature.get(), timeField), stretch};
        const bool report = progress && points.size() % PROGRESS_STEP == 0;
        if (report && !progress(points.size(), std::max<qint64>(total, points.size())))
            return std::nullopt;
    }
    return points;
}

/// Fails, naming the first point without one, unless every point has a time.
Result<void> checkTimes(const QString &name, const QList<TrackPoint> &points)
{
    const auto untimed = [](const TrackPoint &point) {
        return !point.time.isValid();
    };
    const int count = int(std::count_if(points.cbegin(), points.cend(), untimed));
    if (count == 0)
        return {};
    if (count == points.size()) {
        return fail(ErrorCode::MissingField,
            Tr::tr("%1 has no times: a patrol track needs the time of each point.").arg(name));
    }
    const auto first = std::find_if(points.cbegin(), points.cend(), untimed);
    return fail(ErrorCode::MissingField,
        Tr::tr("%1: %n track point(s) have no time, the first is point %2; a patrol track "
               "needs the time of each point.",
            nullptr, count)
            .arg(name)
            .arg(first - points.cbegin() + 1));
}

Result<TrackReading> readGpx(const QString &path, const TrackReader::Progress &progress)
{
    registerGdal();
    const QuietGdal quiet;
    const QString name = QFileInfo(path).fileName();
    const char *drivers[] = {"GPX", nullptr};
    CPLErrorReset();
    Gdal::DatasetPtr dataset(GDALOpenEx(QFile::encodeName(path).constData(),
        GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!dataset) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is not a GPX file GDAL can read: %2").arg(name, lastGdalError()));
    }
    OGRLayerH layer = GDALDatasetGetLayerByName(dataset.get(), "track_points");
    if (!layer)
        return fail(ErrorCode::UnreadableFile, Tr::tr("%1 has no track points.").arg(name));

    CPLErrorReset();
    const qint64 total = progress ? countTrackPoints(path) : 0;
    std::optional<QList<TrackPoint>> points = trackPoints(layer, total, progress);
    if (!points)
        return std::unexpected(cancelled(name));
    TrackReading reading {QStringLiteral("gpx"), std::move(*points), {}};
    if (CPLGetLastErrorType() == CE_Failure) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is damaged after %n track point(s): %2", nullptr, int(reading.points.size()))
                .arg(name, lastGdalError()));
    }
    if (reading.points.isEmpty())
        return fail(ErrorCode::UnreadableFile, Tr::tr("%1 has no track points.").arg(name));
    if (auto timed = checkTimes(name, reading.points); !timed)
        return std::unexpected(timed.error());
    return reading;
}

// NMEA -----------------------------------------------------------------------------------

/// The sentence of an NMEA log line: from "$" up to the two checksum digits, without what
/// loggers put around it (Android's "NMEA," before and ",unix-ms" after).
QByteArray sentenceOf(QByteArray line)
{
    line = line.trimmed();
    if (line.startsWith("NMEA,"))
        line = line.mid(5);
    const qsizetype star = line.indexOf('*');
    if (star >= 0 && star + 3 <= line.size())
        line.truncate(star + 3);
    return line;
}

enum class Checksum { Good, Bad, Missing };

Checksum checksumOf(const QByteArray &sentence)
{
    const qsizetype star = sentence.indexOf('*');
    if (star < 0 || star + 3 != sentence.size())
        return Checksum::Missing;
    quint8 computed = 0;
    for (qsizetype i = 1; i < star; ++i)
        computed ^= quint8(sentence.at(i));
    bool ok = false;
    const uint written = sentence.mid(star + 1, 2).toUInt(&ok, 16);
    return ok && written == computed ? Checksum::Good : Checksum::Bad;
}

bool isRmc(const QByteArray &sentence)
{
    return sentence.size() > 6 && sentence.mid(3, 3) == "RMC";
}

/// What was passed over in a log, with the first line of each kind for the message.
struct Skipped
{
    int count = 0;
    int firstLine = 0;

    void add(int line)
    {
        if (count++ == 0)
            firstLine = line;
    }
};

void noteSkipped(TrackReading &reading, const QString &name, const Skipped &badChecksum,
    const Skipped &noFix, const Skipped &foreign)
{
    if (badChecksum.count > 0) {
        reading.notes << Tr::tr("%1: %n sentence(s) with a bad or missing checksum were "
                                "skipped, the first on line %2.",
            nullptr, badChecksum.count)
                             .arg(name)
                             .arg(badChecksum.firstLine);
    }
    if (noFix.count > 0) {
        reading.notes << Tr::tr("%1: %n position sentence(s) without a fix were skipped, the "
                                "first on line %2.",
            nullptr, noFix.count)
                             .arg(name)
                             .arg(noFix.firstLine);
    }
    if (foreign.count > 0) {
        reading.notes << Tr::tr("%1: %n line(s) that are not NMEA sentences were skipped, the "
                                "first is line %2.",
            nullptr, foreign.count)
                             .arg(name)
                             .arg(foreign.firstLine);
    }
}

Result<TrackReading> readNmea(const QString &path, const TrackReader::Progress &progress)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 cannot be read: %2").arg(name, file.errorString()));
    }
    NmeaParser parser;
    TrackReading reading;
    reading.format = QStringLiteral("nmea");
    Skipped badChecksum, noFix, foreign;
    int sentences = 0;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const bool report = progress && lineNumber % PROGRESS_STEP == 0;
        if (report && !progress(file.pos(), file.size()))
            return std::unexpected(cancelled(name));
        const QByteArray sentence = sentenceOf(file.readLine());
        if (sentence.isEmpty())
            continue;
        if (!sentence.startsWith('$')) {
            foreign.add(lineNumber);
            continue;
        }
        ++sentences;
        if (checksumOf(sentence) != Checksum::Good) {
            badChecksum.add(lineNumber);
            continue;
        }
        if (!isRmc(sentence))
            continue;
        QGeoPositionInfo info;
        bool hasFix = false;
        const bool parsed = parser.parse(sentence, info, hasFix);
        if (!parsed || !hasFix || !info.coordinate().isValid() || !info.timestamp().isValid()) {
            noFix.add(lineNumber);
            continue;
        }
        reading.points << TrackPoint {{info.coordinate().longitude(), info.coordinate().latitude()},
            info.timestamp().toUTC(), 0};
    }
    noteSkipped(reading, name, badChecksum, noFix, foreign);
    if (sentences == 0) {
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 holds no NMEA sentences: it is neither GPX nor an NMEA log.").arg(name));
    }
    if (reading.points.isEmpty()) {
        return fail(ErrorCode::InvalidRow,
            Tr::tr("%1 holds no position fix with a date and time (no valid RMC sentence). %2")
                .arg(name, reading.notes.join(u' ')));
    }
    qCInfo(lcPatrol) << "read" << reading.points.size() << "fixes from" << sentences
                     << "NMEA sentences of" << name;
    return reading;
}

/// Whether the file starts as UTF-16 or UTF-32 text does: with such a byte order mark, or
/// with an ASCII character next to a zero byte, which ASCII and UTF-8 text never hold.
bool looksWide(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray start = file.read(4);
    if (start.size() < 2)
        return false;
    const bool mark = start.startsWith("\xFF\xFE") || start.startsWith("\xFE\xFF")
        || start.startsWith(QByteArray("\0\0\xFE\xFF", 4));
    const bool littleEndian = start.at(0) != '\0' && start.at(1) == '\0';
    const bool bigEndian = start.at(0) == '\0' && start.at(1) != '\0';
    return mark || littleEndian || bigEndian;
}

bool looksLikeXml(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray start = file.read(512).trimmed();
    if (start.startsWith("\xEF\xBB\xBF"))
        start = start.mid(3);
    return start.startsWith('<');
}

} // namespace

Result<TrackReading> TrackReader::read(const QString &path, const Progress &progress)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return fail(ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(path));

    if (looksWide(path)) {
        return fail(ErrorCode::UnknownEncoding,
            Tr::tr("%1 is written in UTF-16 or UTF-32, but GPX files and NMEA logs are ASCII or "
                   "UTF-8 text. Save it as UTF-8 and import it again.")
                .arg(info.fileName()));
    }

    const QString suffix = info.suffix().toLower();
    const bool nmea = suffix == QLatin1String("nmea") || suffix == QLatin1String("log")
        || suffix == QLatin1String("txt");
    if (suffix == QLatin1String("gpx"))
        return readGpx(path, progress);
    if (nmea)
        return readNmea(path, progress);
    return looksLikeXml(path) ? readGpx(path, progress) : readNmea(path, progress);
}

} // namespace GridDesk
