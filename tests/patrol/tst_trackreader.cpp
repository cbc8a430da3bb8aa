// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "patrol/trackreader.h"

#include "patrolfixture.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {

/// One row of tracks_stats.csv: what was measured of the log independently of GridDesk.
struct Stats
{
    int fixes = 0;
    QDateTime start;
    QDateTime end;
    qint64 spanSeconds = 0;
    double pathMetres = 0.0;
    BoundingBox box;
};

QHash<QString, Stats> readStats()
{
    QHash<QString, Stats> stats;
    QFile file(Test::trackPath(QStringLiteral("tracks_stats.csv")));
    if (!file.open(QIODevice::ReadOnly))
        return stats;
    const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(u',');
    while (!file.atEnd()) {
        const QStringList cells = QString::fromUtf8(file.readLine()).trimmed().split(u',');
        if (cells.size() != header.size())
            continue;
        auto cell = [&](const char *name) {
            return cells.at(header.indexOf(QLatin1String(name)));
        };
        Stats row;
        row.fixes = cell("fixes").toInt();
        row.start = QDateTime::fromString(cell("start_time"), Qt::ISODateWithMs);
        row.end = QDateTime::fromString(cell("end_time"), Qt::ISODateWithMs);
        row.spanSeconds = cell("span_s").toLongLong();
        row.pathMetres = cell("path_m").toDouble();
        row.box = {cell("min_lon").toDouble(), cell("min_lat").toDouble(),
            cell("max_lon").toDouble(), cell("max_lat").toDouble()};
        stats.insert(cell("file"), row);
    }
    return stats;
}

QByteArray nmeaWithChecksum(const QByteArray &body)
{
    quint8 sum = 0;
    for (char c : body)
        sum ^= quint8(c);
    return '$' + body + '*' + QByteArray::number(sum, 16).toUpper().rightJustified(2, '0');
}

} // namespace

class TestTrackReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QHash<QString, Stats> m_stats;

    QString write(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_stats = readStats();
        if (m_stats.isEmpty())
            QSKIP("The shared tracks are not beside this checkout.");
    }

    void realLogsMatchTheirKnownFigures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("stretches");
        QTest::newRow("nyc-gpx") << "us_nyc_centralpark_bike_gpsbabel_bike-gpx.gpx"
                                 << "gpx" << 1;
        QTest::newRow("la-gpx") << "us_la_agoura_thousandoaks_gpsies_tcxtest.gpx"
                                << "gpx" << 2;
        QTest::newRow("taipei-gpx") << "tw_taipei_neihu_walk_qstarz_bl-1000.gpx"
                                    << "gpx" << 1;
        QTest::newRow("gothenburg-gpx") << "se_gothenburg_walk_mtk_logger.gpx"
                                        << "gpx" << 3;
        QTest::newRow("brisbane-nmea") << "au_brisbane_drive_qt_satelliteinfo_nmealog.nmea"
                                       << "nmea" << 1;
        QTest::newRow("stanford-android-nmea") << "us_stanford_campus_walk_pixel6_android.nmea"
                                               << "nmea" << 1;
    }

    void realLogsMatchTheirKnownFigures()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(int, stretches);
        QVERIFY2(m_stats.contains(file), qPrintable(file));
        const Stats expected = m_stats.value(file);

        auto reading = TrackReader::read(Test::trackPath(file));
        QVERIFY2(reading, Test::why(reading));
        QCOMPARE(reading->format, format);
        QCOMPARE(reading->points.size(), expected.fixes);
        QCOMPARE(reading->points.constFirst().time, expected.start);
        QCOMPARE(reading->points.constLast().time, expected.end);
        QCOMPARE(reading->points.constFirst().time.secsTo(reading->points.constLast().time),
            expected.spanSeconds);
        QCOMPARE(reading->points.constLast().segment + 1, stretches);

        const BoundingBox box = PatrolTrack::boxOf(reading->points);
        QVERIFY2(std::abs(box.west - expected.box.west) < 1e-6,
            qPrintable(QString::number(box.west, 'f', 7)));
        QVERIFY(std::abs(box.east - expected.box.east) < 1e-6);
        QVERIFY(std::abs(box.south - expected.box.south) < 1e-6);
        QVERIFY(std::abs(box.north - expected.box.north) < 1e-6);

        // The stats round the path to the metre and may join stretches; within half a per cent.
        const double length = PatrolTrack::lengthOf(reading->points);
        QVERIFY2(std::abs(length - expected.pathMetres) <= 0.005 * expected.pathMetres + 1.0,
            qPrintable(QStringLiteral("%1 m, expected %2 m").arg(length).arg(expected.pathMetres)));
        QVERIFY2(reading->notes.isEmpty(), qPrintable(reading->notes.join(u'\n')));
    }

    void aTruncatedGpxIsRefused()
    {
        QFile whole(Test::trackPath(QStringLiteral("tw_taipei_neihu_walk_qstarz_bl-1000.gpx")));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        const QByteArray content = whole.readAll();
        const QString path = write(QStringLiteral("cut.gpx"), content.left(content.size() / 2));
        auto reading = TrackReader::read(path);
        QVERIFY(!reading);
        QCOMPARE(reading.error().code, ErrorCode::UnreadableFile);
        QVERIFY2(reading.error().message.contains(QLatin1String("cut.gpx")),
            qPrintable(reading.error().message));
    }

    void somethingElseNamedGpxIsRefused()
    {
        const QString path = write(QStringLiteral("photo.gpx"), QByteArray("\x89PNG\r\n\x1a\n", 8));
        auto reading = TrackReader::read(path);
        QVERIFY(!reading);
        QVERIFY2(reading.error().message.contains(QLatin1String("photo.gpx is not a GPX file")),
            qPrintable(reading.error().message));
    }

    void aGpxWithoutTimesIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("untimed.gpx"));
        QVERIFY(Test::writeGpx(path, {{121.59, 25.06, {}}, {121.591, 25.061, {}}}));
        auto reading = TrackReader::read(path);
        QVERIFY(!reading);
        QCOMPARE(reading.error().code, ErrorCode::MissingField);
        QVERIFY2(reading.error().message.contains(QLatin1String("has no times")),
            qPrintable(reading.error().message));
    }

    void aGpxWithOnePointWithoutATimeNamesIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("gap.gpx"));
        const QDateTime start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        QList<Test::Fix> fixes = Test::walk(121.59, 25.06, 121.6, 25.06, 4, start);
        fixes[2].time = QDateTime();
        QVERIFY(Test::writeGpx(path, fixes));
        auto reading = TrackReader::read(path);
        QVERIFY(!reading);
        QVERIFY2(reading.error().message.contains(QLatin1String("the first is point 3")),
            qPrintable(reading.error().message));
    }

    void nmeaSentencesWithBadChecksumsAreSkippedAndCounted()
    {
        QFile log(
            Test::trackPath(QStringLiteral("au_brisbane_drive_qt_satelliteinfo_nmealog.nmea")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = log.readAll().split('\n');
        // Spoil the checksum of the first two RMC sentences (lines 8 and 17).
        int spoiled = 0;
        int firstSpoiled = 0;
        for (int i = 0; i < lines.size() && spoiled < 2; ++i) {
            if (!lines[i].startsWith("$GPRMC"))
                continue;
            lines[i][lines[i].indexOf('*') + 1] =
                lines[i].at(lines[i].indexOf('*') + 1) == '0' ? '1' : '0';
            if (spoiled++ == 0)
                firstSpoiled = i + 1;
        }
        const QString path = write(QStringLiteral("spoiled.nmea"), lines.join('\n'));
        auto reading = TrackReader::read(path);
        QVERIFY2(reading, Test::why(reading));
        QCOMPARE(reading->points.size(), 156 - 2);
        QCOMPARE(reading->notes.size(), 1);
        QVERIFY2(reading->notes.first().contains(
                     QStringLiteral("2 sentence(s) with a bad or missing checksum were skipped, "
                                    "the first on line %1")
                         .arg(firstSpoiled)),
            qPrintable(reading->notes.first()));
    }

    void anNmeaLogWithOnlyBadChecksumsIsRefused()
    {
        const QByteArray good = nmeaWithChecksum(
            "GPRMC,222437.000,A,2734.33926,S,15305.44310,E,33.9,157.8,030308,11.2,W,A");
        QByteArray bad = good;
        bad[bad.size() - 1] = bad.at(bad.size() - 1) == '0' ? '1' : '0';
        const QString path = write(QStringLiteral("bad.nmea"), bad + "\n" + bad + "\n");
        auto reading = TrackReader::read(path);
        QVERIFY(!reading);
        QVERIFY2(reading.error().message.contains(QLatin1String("no position fix"))
                && reading.error().message.contains(QLatin1String("bad or missing checksum")),
            qPrintable(reading.error().message));

        // The same sentence with its checksum right is one fix: the checksum is what failed.
        auto fixed = TrackReader::read(write(QStringLiteral("good.nmea"), good + "\n"));
        QVERIFY2(fixed, Test::why(fixed));
        QCOMPARE(fixed->points.size(), 1);
        QCOMPARE(
            fixed->points.first().time, QDateTime(QDate(2008, 3, 3), QTime(22, 24, 37), Qt::UTC));
        QVERIFY(std::abs(fixed->points.first().position.lat - (-(27 + 34.33926 / 60))) < 1e-9);
    }

    void anNmeaLogWithoutAFixIsRefused()
    {
        const QByteArray noFix = nmeaWithChecksum("GPRMC,222437.000,V,,,,,,,030308,,,N");
        const QByteArray gga = nmeaWithChecksum("GPGGA,222437.000,,,,,0,00,,,M,,M,,");
        const QString path = write(QStringLiteral("nofix.nmea"), gga + "\n" + noFix + "\n");
        auto reading = TrackReader::read(path);
        QVERIFY(!reading);
        QVERIFY2(reading.error().message.contains(QLatin1String("nofix.nmea holds no position fix"))
                && reading.error().message.contains(QLatin1String("first on line 2")),
            qPrintable(reading.error().message));
    }

    void aFileThatIsNeitherIsRefused()
    {
        auto reading =
            TrackReader::read(write(QStringLiteral("notes.txt"), "shopping list\nmilk\n"));
        QVERIFY(!reading);
        QVERIFY2(reading.error().message.contains(QLatin1String("holds no NMEA sentences")),
            qPrintable(reading.error().message));

        auto missing = TrackReader::read(m_dir.filePath(QStringLiteral("nowhere.gpx")));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::FileNotFound);
    }

    void wideEncodingsAreNamed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        const QString gpx = QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<gpx version=\"1.1\"></gpx>\n");
        const QByteArray rmc = nmeaWithChecksum(
            "GPRMC,222437.000,A,2734.33926,S,15305.44310,E,33.9,157.8,030308,11.2,W,A");
        QByteArray utf16le("\xFF\xFE", 2);
        for (QChar c : gpx)
            utf16le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        QByteArray utf16be;
        for (char c : rmc + "\n")
            utf16be.append('\0').append(c);
        QByteArray utf32("\0\0\xFE\xFF", 4);
        for (char c : rmc + "\n")
            utf32.append(3, '\0').append(c);
        QTest::newRow("UTF-16 GPX with its byte order mark") << "wide.gpx" << utf16le;
        QTest::newRow("UTF-16 NMEA without a mark") << "wide.nmea" << utf16be;
        QTest::newRow("UTF-32 NMEA of another name") << "wide.dat" << utf32;
    }

    void wideEncodingsAreNamed()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        auto reading = TrackReader::read(write(name, content));
        QVERIFY(!reading);
        QCOMPARE(reading.error().code, ErrorCode::UnknownEncoding);
        QVERIFY2(reading.error().message.startsWith(
                     name + QStringLiteral(" is written in UTF-16 or UTF-32")),
            qPrintable(reading.error().message));
    }

    void progressIsToldAndCanStopTheReading_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("GPX") << "long.gpx";
        QTest::newRow("NMEA") << "long.nmea";
    }

    void progressIsToldAndCanStopTheReading()
    {
        QFETCH(QString, name);
        const QDateTime start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        const QString path = m_dir.filePath(name);
        if (name.endsWith(QLatin1String(".gpx"))) {
            QVERIFY(Test::writeGpx(path, Test::walk(0.0, 0.0, 0.01, 0.01, 9999, start)));
        } else {
            QByteArray log;
            for (int i = 0; i < 10000; ++i) {
                const QTime at = QTime(9, 0).addSecs(i % 3600);
                log += nmeaWithChecksum("GPRMC," + at.toString(QStringLiteral("hhmmss")).toLatin1()
                           + ".000,A,0000.1000,N,00000.1000,E,1.0,90.0,020326,,,A")
                    + "\n";
            }
            QVERIFY(!write(name, log).isEmpty());
        }

        QList<std::pair<qint64, qint64>> told;
        auto reading = TrackReader::read(path, [&told](qint64 done, qint64 total) {
            told << std::pair {done, total};
            return true;
        });
        QVERIFY2(reading, Test::why(reading));
        QCOMPARE(reading->points.size(), 10000);
        QVERIFY2(told.size() >= 4, qPrintable(QString::number(told.size())));
        const qint64 total = name.endsWith(QLatin1String(".gpx")) ? 10000 : QFileInfo(path).size();
        for (qsizetype i = 0; i < told.size(); ++i) {
            QCOMPARE(told.at(i).second, total);
            QVERIFY(told.at(i).first > 0 && told.at(i).first <= total);
            QVERIFY(i == 0 || told.at(i).first > told.at(i - 1).first);
        }

        int asked = 0;
        auto stopped = TrackReader::read(path, [&asked](qint64, qint64) { return ++asked < 2; });
        QVERIFY(!stopped);
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QCOMPARE(asked, 2);
    }
};

GRIDDESK_TEST_MAIN(TestTrackReader, QCoreApplication)
#include "tst_trackreader.moc"
