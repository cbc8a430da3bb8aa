// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/vectorfile.h"
#include "gis/wkb.h"

#include "support/testsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace GridDesk;

namespace {
QString taipei(const QString &file)
{
    return GridDesk::Test::dataPath(QStringLiteral("taipei/") + file);
}

QStringList villageNames(const VectorData &data)
{
    QStringList names;
    for (const VectorFeature &feature : data.features)
        names << data.value(feature, QStringLiteral("VNAME")).toString();
    return names;
}

BoundingBox extentOf(const VectorData &data)
{
    BoundingBox box;
    for (const VectorFeature &feature : data.features)
        box.expand(*Wkb::envelope(feature.wkb));
    return box;
}
} // namespace

class TestVectorFile : public QObject
{
    Q_OBJECT

private:
    VectorData m_reference;

private Q_SLOTS:
    void initTestCase()
    {
        auto reference = readVectorFile(taipei(QStringLiteral("wenshan_villages.geojson")));
        QVERIFY2(reference.has_value(), GridDesk::Test::why(reference).constData());
        m_reference = *reference;
        QCOMPARE(m_reference.features.size(), 43);
        QCOMPARE(m_reference.encoding, QStringLiteral("UTF-8"));
        QVERIFY(villageNames(m_reference).contains(QStringLiteral("博嘉里")));
    }

    void shapefileEncodings_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<bool>("noted");
        QTest::newRow("UTF-8 with .cpg") << "wenshan_utf_8.shp"
                                         << "UTF-8" << false;
        QTest::newRow("GBK, no .cpg") << "wenshan_gbk.shp"
                                      << "GBK" << true;
        QTest::newRow("Big5, no .cpg") << "wenshan_big5.shp"
                                       << "Big5" << true;
    }
    void shapefileEncodings()
    {
        QFETCH(QString, file);
        QFETCH(QString, encoding);
        QFETCH(bool, noted);
        auto data = readVectorFile(taipei(file));
        QVERIFY2(data.has_value(), GridDesk::Test::why(data).constData());
        QCOMPARE(data->encoding, encoding);
        QCOMPARE(villageNames(*data), villageNames(m_reference));
        QCOMPARE(data->notes.join(u' ').contains(encoding), noted);
    }

    void encodingOverrideWins()
    {
        // Forcing the wrong encoding must read differently (or fail), never silently the same.
        VectorReadOptions options;
        options.encoding = QStringLiteral("Big5");
        auto data = readVectorFile(taipei(QStringLiteral("wenshan_gbk.shp")), options);
        if (data.has_value())
            QVERIFY(villageNames(*data) != villageNames(m_reference));
        else
            QCOMPARE(data.error().code, ErrorCode::UnknownEncoding);

        options.encoding = QStringLiteral("GBK");
        data = readVectorFile(taipei(QStringLiteral("wenshan_gbk.shp")), options);
        QVERIFY(data.has_value());
        QCOMPARE(villageNames(*data), villageNames(m_reference));
    }

    void unknownEncodingOptionIsRefused()
    {
        VectorReadOptions options;
        options.encoding = QStringLiteral("KOI8-Q");
        auto data = readVectorFile(taipei(QStringLiteral("wenshan_gbk.shp")), options);
        QVERIFY(!data.has_value());
        QVERIFY(data.error().message.contains(QLatin1String("KOI8-Q")));
    }

    void missingPrjNeedsACrs()
    {
        auto data = readVectorFile(taipei(QStringLiteral("wenshan_noprj.shp")));
        QVERIFY(!data.has_value());
        QCOMPARE(data.error().code, ErrorCode::MissingCrs);
        QVERIFY(data.error().message.contains(QLatin1String("wenshan_noprj.shp")));
        QVERIFY(data.error().message.contains(QLatin1String("--source-crs")));

        VectorReadOptions options;
        options.sourceCrs = QStringLiteral("EPSG:4326");
        data = readVectorFile(taipei(QStringLiteral("wenshan_noprj.shp")), options);
        QVERIFY2(data.has_value(), GridDesk::Test::why(data).constData());
        QCOMPARE(data->features.size(), 43);
    }

    void missingShxIsNamed()
    {
        auto data = readVectorFile(taipei(QStringLiteral("wenshan_noshx.shp")));
        QVERIFY(!data.has_value());
        QCOMPARE(data.error().code, ErrorCode::MissingCompanionFile);
        QVERIFY(data.error().message.contains(QLatin1String("wenshan_noshx.shx")));
    }

    void webMercatorIsConverted()
    {
        auto data = readVectorFile(taipei(QStringLiteral("wenshan_3857.geojson")));
        QVERIFY2(data.has_value(), GridDesk::Test::why(data).constData());
        const BoundingBox got = extentOf(*data);
        const BoundingBox want = extentOf(m_reference);
        QVERIFY(qAbs(got.west - want.west) < 1e-7 && qAbs(got.north - want.north) < 1e-7);
    }

    void projectedCoordinatesWithoutCrsAreCaught()
    {
        // The Web Mercator file with its CRS stripped: numbers in metres posing as degrees.
        QFile file(taipei(QStringLiteral("wenshan_3857.geojson")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
        object.remove(QStringLiteral("crs"));
        QTemporaryDir dir;
        QFile stripped(dir.filePath(QStringLiteral("stripped.geojson")));
        QVERIFY(stripped.open(QIODevice::WriteOnly));
        stripped.write(QJsonDocument(object).toJson());
        stripped.close();

        auto data = readVectorFile(stripped.fileName());
        QVERIFY(!data.has_value());
        QCOMPARE(data.error().code, ErrorCode::UnknownCrs);
        QVERIFY(data.error().message.contains(QLatin1String("feature 1")));
    }

    void csvWithWktColumn()
    {
        auto data = readVectorFile(Test::dataPath(QStringLiteral("nyc/squares_wkt.csv")));
        QVERIFY2(data.has_value(), GridDesk::Test::why(data).constData());
        QCOMPARE(data->features.size(), 2);
        QCOMPARE(data->value(data->features.at(1), QStringLiteral("code")).toString(),
            QStringLiteral("S2"));
        QCOMPARE(Wkb::envelope(data->features.at(1).wkb)->west, -73.99);
    }

    void truncatedFileIsUnreadable()
    {
        auto data = readVectorFile(Test::dataPath(QStringLiteral("nyc/truncated.geojson")));
        QVERIFY(!data.has_value());
        QVERIFY(data.error().message.contains(QLatin1String("truncated.geojson")));
    }

    void damagedRecordIsReportedWithItsNumber()
    {
        QTemporaryDir dir;
        for (const char *suffix : {"shp", "shx", "dbf", "prj", "cpg"}) {
            const QString name = QStringLiteral("wenshan_utf_8.") + QLatin1String(suffix);
            QVERIFY(QFile::copy(taipei(name), dir.filePath(name)));
        }
        // Cut the geometry file short: the index still points past its end.
        QFile shp(dir.filePath(QStringLiteral("wenshan_utf_8.shp")));
        QVERIFY(shp.open(QIODevice::ReadWrite));
        QVERIFY(shp.resize(60000));
        shp.close();

        auto data = readVectorFile(shp.fileName());
        QVERIFY(!data.has_value());
        QCOMPARE(data.error().code, ErrorCode::InvalidRow);
        QVERIFY2(data.error().message.contains(QLatin1String("feature 23")),
            qPrintable(data.error().message));
    }

    void missingFile()
    {
        auto data = readVectorFile(QStringLiteral("/nonexistent/grids.shp"));
        QVERIFY(!data.has_value());
        QCOMPARE(data.error().code, ErrorCode::FileNotFound);
    }

    void unknownLayerListsTheLayers()
    {
        VectorReadOptions options;
        options.layer = QStringLiteral("nope");
        auto data = readVectorFile(taipei(QStringLiteral("wenshan_villages.geojson")), options);
        QVERIFY(!data.has_value());
        QVERIFY(data.error().message.contains(QLatin1String("wenshan_villages")));
    }
};

GRIDDESK_TEST_MAIN(TestVectorFile, QCoreApplication)
#include "tst_vectorfile.moc"
