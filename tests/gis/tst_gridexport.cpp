// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gis/gridexport.h"
#include "gis/vectorfile.h"
#include "gis/wkb.h"

#include "support/testsupport.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <iconv.h>
#include <memory>

using namespace GridDesk;

namespace {

QString taipei(const QString &file)
{
    return GridDesk::Test::dataPath(QStringLiteral("taipei/") + file);
}

/// The 43 villages of Wenshan as base grids, a few with staff and counts.
QList<Grid> wenshanGrids()
{
    auto data = readVectorFile(taipei(QStringLiteral("wenshan_villages.geojson")));
    if (!data)
        return {};
    QList<Grid> grids;
    for (const VectorFeature &feature : data->features) {
        Grid grid;
        grid.code = data->value(feature, QStringLiteral("CPTVID")).toString();
        grid.name = data->value(feature, QStringLiteral("VNAME")).toString();
        grid.parentCode = data->value(feature, QStringLiteral("CPTID")).toString();
        grid.level = GridLevel::Base;
        grid.wkb = feature.wkb;
        grid.areaM2 = Wkb::geodesicAreaM2(feature.wkb).value_or(0.0);
        grids << grid;
    }
    grids[0].supervisor = QStringLiteral("王小明");
    grids[0].households = 1520;
    grids[0].population = 4012;
    return grids;
}

struct DatasetCloser
{
    void operator()(void *dataset) const { GDALClose(dataset); }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

Dataset openVector(const QString &path)
{
    return Dataset(GDALOpenEx(QFile::encodeName(path).constData(),
        GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
}

/// The first vertex of a multipolygon's first ring.
std::pair<double, double> firstVertex(OGRGeometryH geometry)
{
    while (OGR_G_GetGeometryCount(geometry) > 0)
        geometry = OGR_G_GetGeometryRef(geometry, 0);
    return {OGR_G_GetX(geometry, 0), OGR_G_GetY(geometry, 0)};
}

/// First vertex of a grid, read from the exported file as written (no conversion).
std::optional<std::pair<double, double>> writtenVertex(const QString &path, const QString &code)
{
    Dataset dataset = openVector(path);
    if (!dataset)
        return std::nullopt;
    OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
        const int field = OGR_F_GetFieldIndex(feature, "code");
        const bool found = QString::fromUtf8(OGR_F_GetFieldAsString(feature, field)) == code;
        std::optional<std::pair<double, double>> vertex;
        if (found)
            vertex = firstVertex(OGR_F_GetGeometryRef(feature));
        OGR_F_Destroy(feature);
        if (found)
            return vertex;
    }
    return std::nullopt;
}

/// The same point converted by PROJ on its own, longitude/easting first.
std::pair<double, double> projConvert(double lon, double lat, const QString &crs)
{
    PJ_CONTEXT *context = proj_context_create();
    PJ *raw = proj_create_crs_to_crs(context, "EPSG:4326", crs.toUtf8().constData(), nullptr);
    PJ *operation = proj_normalize_for_visualization(context, raw);
    const PJ_COORD out = proj_trans(operation, PJ_FWD, proj_coord(lon, lat, 0, 0));
    proj_destroy(operation);
    proj_destroy(raw);
    proj_context_destroy(context);
    return {out.xy.x, out.xy.y};
}

QByteArray gbk(const QString &text)
{
    iconv_t converter = iconv_open("GBK", "UTF-8");
    QByteArray input = text.toUtf8();
    QByteArray output(input.size() * 2, '\0');
    char *in = input.data();
    char *out = output.data();
    std::size_t inLeft = std::size_t(input.size());
    std::size_t outLeft = std::size_t(output.size());
    iconv(converter, &in, &inLeft, &out, &outLeft);
    iconv_close(converter);
    output.truncate(out - output.data());
    return output;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList folderEntries(const QString &path)
{
    return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

/// A look with colours no default has, to see them come back out of the file.
ExportStyle distinctStyle()
{
    ExportStyle style;
    style.levels[std::size_t(GridLevel::District)].stroke = QStringLiteral("11,22,33,255");
    style.levels[std::size_t(GridLevel::Base)].fill = QStringLiteral("227,236,214,255");
    style.levels[std::size_t(GridLevel::Base)].stroke = QStringLiteral("138,154,122,255");
    style.levels[std::size_t(GridLevel::Business)].dashed = true;
    style.levels[std::size_t(GridLevel::Fine)].labelled = false;
    return style;
}

/// The layer_styles rows of a GeoPackage, column by column.
QList<QVariantMap> styleRows(const QString &path, QStringList *columns)
{
    Dataset dataset = openVector(path);
    OGRLayerH table = dataset ? GDALDatasetGetLayerByName(dataset.get(), "layer_styles") : nullptr;
    if (!table)
        return {};
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(table);
    for (int i = 0; i < OGR_FD_GetFieldCount(definition); ++i)
        *columns << QString::fromUtf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i)));
    QList<QVariantMap> rows;
    while (OGRFeatureH feature = OGR_L_GetNextFeature(table)) {
        QVariantMap row;
        for (int i = 0; i < columns->size(); ++i)
            row.insert(columns->at(i),
                OGR_F_IsFieldSetAndNotNull(feature, i)
                    ? QVariant(QString::fromUtf8(OGR_F_GetFieldAsString(feature, i)))
                    : QVariant());
        rows << row;
        OGR_F_Destroy(feature);
    }
    return rows;
}

/// What a QGIS style document says, read with QXmlStreamReader: the renderer, its categories
/// with their fill and outline colours, and the label rule.
struct QmlFacts
{
    QString root;
    QString renderer;
    QString attribute;
    QStringList categories;
    QMap<QString, QString> optionsOfSymbol0;
    QMap<QString, QString> passBySymbol;
    QString labeling;
    QString labelFilter;
    QString labelField;
    QString error;
};

QmlFacts readQml(const QString &qml)
{
    QmlFacts facts;
    QXmlStreamReader xml(qml);
    QString symbol;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto attribute = [&xml](const char *name) {
            return xml.attributes().value(QLatin1String(name)).toString();
        };
        const QStringView name = xml.name();
        if (facts.root.isEmpty())
            facts.root = name.toString();
        if (name == u"renderer-v2") {
            facts.renderer = attribute("type");
            facts.attribute = attribute("attr");
        } else if (name == u"category") {
            facts.categories << attribute("value");
        } else if (name == u"symbol") {
            symbol = attribute("name");
        } else if (name == u"layer" && !symbol.isEmpty()) {
            facts.passBySymbol.insert(symbol, attribute("pass"));
        } else if (name == u"Option" && symbol == u"0" && !attribute("name").isEmpty()) {
            facts.optionsOfSymbol0.insert(attribute("name"), attribute("value"));
        } else if (name == u"labeling") {
            facts.labeling = attribute("type");
        } else if (name == u"rule") {
            facts.labelFilter = attribute("filter");
        } else if (name == u"text-style") {
            facts.labelField = attribute("fieldName");
        }
    }
    if (xml.hasError())
        facts.error = xml.errorString();
    return facts;
}

QString systemPython()
{
    return QStringLiteral("/usr/bin/python3");
}

/// Asks QGIS itself (its Python bindings, headless) what it makes of the exported layer.
const char *QGIS_CHECK = R"(
import json, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
layer = QgsVectorLayer(sys.argv[1] + "|layername=grids", "grids", "ogr")
renderer = layer.renderer()
facts = {"valid": layer.isValid(), "features": layer.featureCount(),
         "renderer": renderer.type() if renderer else "",
         "styles": layer.listStylesInDatabase()[0] if layer.isValid() else 0,
         "labels": layer.labelsEnabled(),
         "labeling": layer.labeling().type() if layer.labeling() else ""}
if renderer and renderer.type() == "categorizedSymbol":
    facts["attr"] = renderer.classAttribute()
    facts["categories"] = [c.value() for c in renderer.categories()]
    for category in renderer.categories():
        if category.value() == "district":
            facts["district_outline"] = category.symbol().symbolLayer(0).strokeColor().name()
        if category.value() == "base":
            facts["base_fill"] = category.symbol().color().name()
from qgis.core import QgsMapRendererSequentialJob, QgsMapSettings
from qgis.PyQt.QtCore import QSize
settings = QgsMapSettings()
settings.setLayers([layer])
settings.setDestinationCrs(layer.crs())
settings.setOutputSize(QSize(600, 600))
settings.setExtent(layer.extent())
def render():
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    return bytes(image.constBits().asarray(image.sizeInBytes())), job.takeLabelingResults()
labelled, results = render()
facts["placed"] = sorted(label.labelText for label in results.allLabels())
layer.setLabelsEnabled(False)
bare, _ = render()
facts["label_bytes"] = sum(1 for a, b in zip(labelled, bare) if a != b)
print(json.dumps(facts), flush=True)
settings.setLayers([])
del renderer, layer, results
app.exitQgis()
)";

} // namespace

class TestGridExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QList<Grid> m_grids;

    QString out(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_grids = wenshanGrids();
        QCOMPARE(m_grids.size(), 43);
    }

    void formatsAndCrs_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("crs");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("epsg");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("gpkg wgs84") << "w.gpkg"
                                    << ""
                                    << "UTF-8"
                                    << "4326" << 1e-9;
        QTest::newRow("gpkg cgcs2000") << "c.gpkg"
                                       << "EPSG:4490"
                                       << "UTF-8"
                                       << "4490" << 1e-9;
        QTest::newRow("gpkg twd97 tm2") << "t.gpkg"
                                        << "EPSG:3826"
                                        << "UTF-8"
                                        << "3826" << 1e-4;
        QTest::newRow("gpkg proj string") << "p.gpkg"
                                          << "+proj=tmerc +lat_0=0 +lon_0=121 +k=0.9999 "
                                             "+x_0=250000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
                                          << "UTF-8"
                                          << "" << 1e-4;
        QTest::newRow("shp utf-8 wgs84") << "u.shp"
                                         << ""
                                         << "UTF-8"
                                         << "4326" << 1e-9;
        QTest::newRow("shp gbk mercator") << "g.shp"
                                          << "EPSG:3857"
                                          << "GBK"
                                          << "3857" << 1e-4;
        QTest::newRow("shp gbk cgcs2000") << "g2.shp"
                                          << "EPSG:4490"
                                          << "GBK"
                                          << "4490" << 1e-9;
        QTest::newRow("SHP in capitals") << "CAPS.SHP"
                                         << ""
                                         << "GBK"
                                         << "4326" << 1e-9;
        QTest::newRow("geojson wgs84") << "w.geojson"
                                       << ""
                                       << "UTF-8"
                                       << "4326" << 1e-9;
        QTest::newRow("geojson cgcs2000") << "c.geojson"
                                          << "EPSG:4490"
                                          << "UTF-8"
                                          << "4490" << 1e-9;
        QTest::newRow("json twd97") << "t.json"
                                    << "EPSG:3826"
                                    << "UTF-8"
                                    << "3826" << 1e-4;
        QTest::newRow("kml wgs84") << "w.kml"
                                   << ""
                                   << "UTF-8"
                                   << "4326" << 1e-9;
        QTest::newRow("kml wgs84 as a proj string") << "p.kml"
                                                    << "+proj=longlat +datum=WGS84 +no_defs"
                                                    << "UTF-8"
                                                    << "4326" << 1e-9;
    }
    void formatsAndCrs()
    {
        QFETCH(QString, file);
        QFETCH(QString, crs);
        QFETCH(QString, encoding);
        QFETCH(QString, epsg);
        QFETCH(double, tolerance);
        GridExportOptions options;
        options.crs = crs;
        options.encoding = encoding;
        auto summary = exportGrids(m_grids, out(file), options);
        QVERIFY2(summary.has_value(), GridDesk::Test::why(summary).constData());
        QCOMPARE(summary->count, 43);
        QCOMPARE(summary->encoding, encoding);
        QCOMPARE(summary->crsCode, epsg.isEmpty() ? QString() : QStringLiteral("EPSG:") + epsg);

        // Read back as GridDesk reads files: codes, Chinese names, and back in WGS84.
        auto data = readVectorFile(out(file));
        QVERIFY2(data.has_value(), GridDesk::Test::why(data).constData());
        QCOMPARE(data->features.size(), 43);
        QCOMPARE(data->encoding, encoding);
        const QString nameField = data->fields.contains(QStringLiteral("name"))
            ? QStringLiteral("name")
            : QStringLiteral("Name"); // KML readers give the placemark's <name> so
        for (int i = 0; i < 43; ++i) {
            const VectorFeature &feature = data->features.at(i);
            QCOMPARE(data->value(feature, QStringLiteral("code")).toString(), m_grids[i].code);
            QCOMPARE(data->value(feature, nameField).toString(), m_grids[i].name);
            const BoundingBox expected = *Wkb::envelope(m_grids[i].wkb);
            const BoundingBox back = *Wkb::envelope(feature.wkb);
            QVERIFY2(
                qAbs(back.west - expected.west) < 1e-7 && qAbs(back.north - expected.north) < 1e-7,
                qPrintable(QStringLiteral("%1: %2 vs %3")
                               .arg(m_grids[i].code)
                               .arg(back.west, 0, 'f', 9)
                               .arg(expected.west, 0, 'f', 9)));
        }

        // The coordinates in the file are the CRS's, as PROJ alone computes them.
        Dataset dataset = openVector(out(file));
        OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(GDALDatasetGetLayer(dataset.get(), 0));
        QVERIFY(srs);
        if (!epsg.isEmpty()) {
            OSRAutoIdentifyEPSG(srs);
            QCOMPARE(QString::fromLatin1(OSRGetAuthorityCode(srs, nullptr)), epsg);
        }
        const Grid &grid = m_grids.at(7);
        OGRGeometryH source = nullptr;
        OGR_G_CreateFromWkb(grid.wkb.constData(), nullptr, &source, int(grid.wkb.size()));
        const auto [lon, lat] = firstVertex(source);
        OGR_G_DestroyGeometry(source);
        const auto expected = crs.isEmpty() ? std::pair(lon, lat) : projConvert(lon, lat, crs);
        const auto written = writtenVertex(out(file), grid.code);
        QVERIFY(written.has_value());
        QVERIFY2(qAbs(written->first - expected.first) < tolerance
                && qAbs(written->second - expected.second) < tolerance,
            qPrintable(QStringLiteral("%1,%2 written, %3,%4 expected")
                           .arg(written->first, 0, 'f', 9)
                           .arg(written->second, 0, 'f', 9)
                           .arg(expected.first, 0, 'f', 9)
                           .arg(expected.second, 0, 'f', 9)));
        const bool geographic = epsg == QLatin1String("4326") || epsg == QLatin1String("4490");
        if (!crs.isEmpty() && !geographic)
            QVERIFY(qAbs(written->first - lon) > 1000.0); // really projected, in metres
    }

    void shapefileTextIsInItsEncoding_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::newRow("GBK") << "GBK";
        QTest::newRow("UTF-8") << "UTF-8";
    }
    void shapefileTextIsInItsEncoding()
    {
        QFETCH(QString, encoding);
        const QString file = out(QStringLiteral("enc_%1.shp").arg(encoding));
        GridExportOptions options;
        options.encoding = encoding;
        auto summary = exportGrids(m_grids, file, options);
        QVERIFY2(summary.has_value(), GridDesk::Test::why(summary).constData());
        QCOMPARE(summary->files.size(), 5);
        const QString base = file.chopped(4);
        QCOMPARE(readAll(base + QStringLiteral(".cpg")), encoding.toLatin1());
        QVERIFY(readAll(base + QStringLiteral(".prj")).contains("WGS"));

        const QString name = QStringLiteral("博嘉里");
        QCOMPARE(m_grids.first().name, name);
        const QByteArray dbf = readAll(base + QStringLiteral(".dbf"));
        const QByteArray gbkBytes = gbk(name);
        QCOMPARE(gbkBytes.size(), 6);
        const bool isGbk = encoding == QLatin1String("GBK");
        QCOMPARE(dbf.contains(gbkBytes), isGbk);
        QCOMPARE(dbf.contains(name.toUtf8()), !isGbk);
        QCOMPARE(dbf.contains(gbk(QStringLiteral("王小明"))), isGbk);

        // GDAL on its own honours the .cpg and hands back the same UTF-8 names.
        Dataset dataset = openVector(file);
        OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
        OGRFeatureH first = OGR_L_GetNextFeature(layer);
        QCOMPARE(
            QString::fromUtf8(OGR_F_GetFieldAsString(first, OGR_F_GetFieldIndex(first, "name"))),
            name);
        QCOMPARE(OGR_F_GetFieldAsInteger64(first, OGR_F_GetFieldIndex(first, "population")), 4012);
        OGR_F_Destroy(first);
    }

    void gbkRefusesCharactersItCannotHold()
    {
        QList<Grid> grids = m_grids;
        grids[5].name = QStringLiteral("博嘉里 🏠");
        const QString file = out(QStringLiteral("emoji.shp"));
        const QStringList before = folderEntries(m_dir.path());
        GridExportOptions options;
        options.encoding = QStringLiteral("GBK");
        auto summary = exportGrids(grids, file, options);
        QVERIFY(!summary.has_value());
        QCOMPARE(summary.error().code, ErrorCode::UnknownEncoding);
        QVERIFY2(
            summary.error().message.contains(grids[5].code), qPrintable(summary.error().message));
        QVERIFY(summary.error().message.contains(QLatin1String("emoji.shp")));
        QCOMPARE(folderEntries(m_dir.path()), before);

        options.encoding = QStringLiteral("UTF-8");
        QVERIFY(exportGrids(grids, file, options).has_value());
    }

    void geoPackageCarriesItsStyle()
    {
        QList<Grid> grids = m_grids;
        grids[0].level = GridLevel::District;
        GridExportOptions options;
        options.style = distinctStyle();
        const QString file = out(QStringLiteral("styled.gpkg"));
        QVERIFY(exportGrids(grids, file, options).has_value());

        {
            Dataset dataset = openVector(file);
            QCOMPARE(QString::fromUtf8(OGR_L_GetName(GDALDatasetGetLayer(dataset.get(), 0))),
                QStringLiteral("grids"));
        }
        QStringList columns;
        const QList<QVariantMap> rows = styleRows(file, &columns);
        QCOMPARE(columns,
            QStringList({"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
                "styleName", "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui",
                "update_time"}));
        QCOMPARE(rows.size(), 1);
        const QVariantMap &row = rows.first();
        QCOMPARE(row.value("f_table_name").toString(), QStringLiteral("grids"));
        QCOMPARE(row.value("f_geometry_column").toString(), QStringLiteral("geom"));
        QCOMPARE(row.value("f_table_schema").toString(), QString());
        QCOMPARE(row.value("useAsDefault").toString(), QStringLiteral("1"));
        QVERIFY(!row.value("update_time").isNull());

        const QmlFacts qml = readQml(row.value("styleQML").toString());
        QVERIFY2(qml.error.isEmpty(), qPrintable(qml.error));
        QCOMPARE(qml.root, QStringLiteral("qgis"));
        QCOMPARE(qml.renderer, QStringLiteral("categorizedSymbol"));
        QCOMPARE(qml.attribute, QStringLiteral("level"));
        QCOMPARE(qml.categories.join(u','),
            QStringLiteral("district,street,community,base,fine,business"));
        QCOMPARE(qml.optionsOfSymbol0.value("outline_color"), QStringLiteral("11,22,33,255"));
        QCOMPARE(qml.optionsOfSymbol0.value("style"), QStringLiteral("no"));
        // Districts are drawn last, base grids first, as on the workstation's map.
        QCOMPARE(qml.passBySymbol.value("0"), QStringLiteral("5"));
        QCOMPARE(qml.passBySymbol.value("3"), QStringLiteral("0"));
        QCOMPARE(qml.labeling, QStringLiteral("rule-based"));
        QVERIFY(qml.labelField.contains(QLatin1String("\"name\"")));
        QVERIFY(qml.labelFilter.contains(QLatin1String("'district'")));
        QVERIFY(!qml.labelFilter.contains(QLatin1String("'fine'")));

        QXmlStreamReader sld(row.value("styleSLD").toString());
        int rules = 0;
        while (!sld.atEnd()) {
            if (sld.readNext() == QXmlStreamReader::StartElement && sld.name() == u"Rule")
                ++rules;
        }
        QVERIFY2(!sld.hasError(), qPrintable(sld.errorString()));
        QCOMPARE(rules, 6);
        QVERIFY(row.value("styleSLD").toString().contains(QLatin1String("#e3ecd6")));
    }

    void qgisLoadsTheDefaultStyle()
    {
        QProcess probe;
        probe.start(systemPython(), {QStringLiteral("-c"), QStringLiteral("import qgis.core")});
        const bool hasQgis = probe.waitForFinished(60'000)
            && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
        if (!hasQgis)
            QSKIP("QGIS's Python bindings (python3-qgis) are not installed; the style table is "
                  "checked by geoPackageCarriesItsStyle alone.");

        QList<Grid> grids = m_grids;
        grids[0].level = GridLevel::District;
        GridExportOptions options;
        options.style = distinctStyle();
        const QString file = out(QStringLiteral("qgis.gpkg"));
        QVERIFY(exportGrids(grids, file, options).has_value());

        QProcess qgis;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        qgis.setProcessEnvironment(environment);
        qgis.start(systemPython(), {QStringLiteral("-c"), QString::fromUtf8(QGIS_CHECK), file});
        QVERIFY(qgis.waitForFinished(120'000));
        const QByteArray printed = qgis.readAllStandardOutput().trimmed();
        QVERIFY2(qgis.exitCode() == 0, qgis.readAllStandardError().constData());
        const QJsonObject facts = QJsonDocument::fromJson(printed.split('\n').last()).object();
        QVERIFY2(facts.value("valid").toBool(), printed.constData());
        QCOMPARE(facts.value("features").toInt(), 43);
        QCOMPARE(facts.value("styles").toInt(), 1);
        QCOMPARE(facts.value("renderer").toString(), QStringLiteral("categorizedSymbol"));
        QCOMPARE(facts.value("attr").toString(), QStringLiteral("level"));
        QCOMPARE(facts.value("categories").toArray().size(), 6);
        QCOMPARE(facts.value("district_outline").toString(), QStringLiteral("#0b1621"));
        QCOMPARE(facts.value("base_fill").toString(), QStringLiteral("#e3ecd6"));
        QVERIFY(facts.value("labels").toBool());
        QCOMPARE(facts.value("labeling").toString(), QStringLiteral("rule-based"));
        // QGIS really draws the names: most villages get theirs, in Chinese.
        const QJsonArray placed = facts.value("placed").toArray();
        QVERIFY2(placed.size() > 20, printed.constData());
        QVERIFY(placed.contains(QJsonValue(QStringLiteral("博嘉里"))));
        QVERIFY2(facts.value("label_bytes").toInt() > 5000, printed.constData());
    }

    void optionalAttributesStayEmpty()
    {
        const QString file = out(QStringLiteral("attributes.gpkg"));
        QVERIFY(exportGrids(m_grids, file, {}).has_value());
        Dataset dataset = openVector(file);
        OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
        OGRFeatureH first = OGR_L_GetNextFeature(layer);
        OGRFeatureH second = OGR_L_GetNextFeature(layer);
        const int households = OGR_F_GetFieldIndex(first, "households");
        const int supervisor = OGR_F_GetFieldIndex(first, "supervisor");
        QCOMPARE(OGR_F_GetFieldAsInteger64(first, households), 1520);
        QCOMPARE(
            QString::fromUtf8(OGR_F_GetFieldAsString(first, supervisor)), QStringLiteral("王小明"));
        QVERIFY(!OGR_F_IsFieldSetAndNotNull(second, households));
        QVERIFY(!OGR_F_IsFieldSetAndNotNull(second, supervisor));
        const double area = OGR_F_GetFieldAsDouble(first, OGR_F_GetFieldIndex(first, "area_m2"));
        QVERIFY(qAbs(area - m_grids[0].areaM2) < 0.01);
        QCOMPARE(
            QString::fromUtf8(OGR_F_GetFieldAsString(first, OGR_F_GetFieldIndex(first, "parent"))),
            QStringLiteral("6300800"));
        OGR_F_Destroy(first);
        OGR_F_Destroy(second);
    }

    void badCrsIsRefused_data()
    {
        QTest::addColumn<QString>("crs");
        QTest::addColumn<QString>("file");
        QTest::newRow("unknown code") << "EPSG:999999"
                                      << "bad.gpkg";
        QTest::newRow("nonsense") << "+proj=nowhere +ellps=GRS80"
                                  << "bad.shp";
        QTest::newRow("geocentric") << "EPSG:4978"
                                    << "bad.geojson";
        QTest::newRow("kml projected") << "EPSG:3826"
                                       << "bad.kml";
    }
    void badCrsIsRefused()
    {
        QFETCH(QString, crs);
        QFETCH(QString, file);
        const QStringList before = folderEntries(m_dir.path());
        GridExportOptions options;
        options.crs = crs;
        auto summary = exportGrids(m_grids, out(file), options);
        QVERIFY(!summary.has_value());
        QCOMPARE(summary.error().code, ErrorCode::UnknownCrs);
        QVERIFY(!summary.error().message.isEmpty());
        QCOMPARE(folderEntries(m_dir.path()), before);
    }

    void unwritablePathIsRefused()
    {
        const QString missing = out(QStringLiteral("no/such/folder/grids.gpkg"));
        auto summary = exportGrids(m_grids, missing, {});
        QVERIFY(!summary.has_value());
        QVERIFY2(summary.error().message.contains(QLatin1String("no/such/folder")),
            qPrintable(summary.error().message));

        QFile plain(out(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        summary = exportGrids(m_grids, out(QStringLiteral("plain.txt/grids.gpkg")), {});
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("plain.txt")));

        summary = exportGrids(m_grids, m_dir.path(), {});
        QVERIFY(!summary.has_value());
    }

    void existingFileIsRefusedUnlessOverwriting_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("existing");
        QTest::newRow("gpkg") << "again.gpkg"
                              << "again.gpkg";
        QTest::newRow("geojson") << "again.geojson"
                                 << "again.geojson";
        QTest::newRow("shapefile's dbf") << "again.shp"
                                         << "again.dbf";
    }
    void existingFileIsRefusedUnlessOverwriting()
    {
        QFETCH(QString, file);
        QFETCH(QString, existing);
        QFile old(out(existing));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("an older file");
        old.close();

        auto summary = exportGrids(m_grids, out(file), {});
        QVERIFY(!summary.has_value());
        QVERIFY2(summary.error().message.contains(existing), qPrintable(summary.error().message));
        QCOMPARE(readAll(out(existing)), QByteArray("an older file"));

        GridExportOptions options;
        options.overwrite = true;
        summary = exportGrids(m_grids, out(file), options);
        QVERIFY2(summary.has_value(), GridDesk::Test::why(summary).constData());
        QVERIFY(readAll(out(existing)) != QByteArray("an older file"));
        auto data = readVectorFile(out(file));
        QVERIFY2(data.has_value(), GridDesk::Test::why(data).constData());
        QCOMPARE(data->features.size(), 43);
    }

    void failureLeavesNoFile()
    {
        QList<Grid> grids = m_grids;
        grids[20].wkb.clear();
        const QStringList before = folderEntries(m_dir.path());
        for (const QString &name : {QStringLiteral("half.gpkg"), QStringLiteral("half.shp")}) {
            auto summary = exportGrids(grids, out(name), {});
            QVERIFY(!summary.has_value());
            QCOMPARE(summary.error().code, ErrorCode::InvalidGeometry);
            QVERIFY2(
                summary.error().message.contains(name + QStringLiteral(", grid ") + grids[20].code),
                qPrintable(summary.error().message));
            QCOMPARE(folderEntries(m_dir.path()), before);
        }

        // A failed overwrite keeps the file that was there.
        QVERIFY(exportGrids(m_grids, out(QStringLiteral("kept.geojson")), {}).has_value());
        const QByteArray kept = readAll(out(QStringLiteral("kept.geojson")));
        GridExportOptions options;
        options.overwrite = true;
        QVERIFY(!exportGrids(grids, out(QStringLiteral("kept.geojson")), options).has_value());
        QCOMPARE(readAll(out(QStringLiteral("kept.geojson"))), kept);

        // A shapefile whose companion name is taken by a folder: refused before anything is
        // moved, so the old set stays whole and readable.
        QVERIFY(exportGrids(m_grids, out(QStringLiteral("whole.shp")), {}).has_value());
        const QByteArray dbf = readAll(out(QStringLiteral("whole.dbf")));
        QVERIFY(QFile::remove(out(QStringLiteral("whole.prj"))));
        QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("whole.prj")));
        auto refused = exportGrids(m_grids, out(QStringLiteral("whole.shp")), options);
        QVERIFY(!refused.has_value());
        QVERIFY2(refused.error().message.contains(QLatin1String("whole.prj")),
            qPrintable(refused.error().message));
        QCOMPARE(readAll(out(QStringLiteral("whole.dbf"))), dbf);
        QVERIFY(QFileInfo(out(QStringLiteral("whole.prj"))).isDir());
        QVERIFY(QDir(m_dir.path()).rmdir(QStringLiteral("whole.prj")));
    }

    void formatAndEncodingChoices()
    {
        auto summary = exportGrids(m_grids, out(QStringLiteral("grids.txt")), {});
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String(".gpkg")));

        GridExportOptions options;
        options.format = ExportFormat::GeoJson;
        summary = exportGrids(m_grids, out(QStringLiteral("grids.txt")), options);
        QVERIFY2(summary.has_value(), GridDesk::Test::why(summary).constData());
        QCOMPARE(summary->format, ExportFormat::GeoJson);

        options = {};
        options.encoding = QStringLiteral("GBK");
        summary = exportGrids(m_grids, out(QStringLiteral("gbk.geojson")), options);
        QVERIFY(!summary.has_value());
        QCOMPARE(summary.error().code, ErrorCode::UnknownEncoding);

        options.encoding = QStringLiteral("Big5");
        summary = exportGrids(m_grids, out(QStringLiteral("big5.shp")), options);
        QVERIFY(!summary.has_value());
        QVERIFY(summary.error().message.contains(QLatin1String("Big5")));
        QVERIFY(!QFile::exists(out(QStringLiteral("big5.shp"))));
    }
};

GRIDDESK_TEST_MAIN(TestGridExport, QCoreApplication)
#include "tst_gridexport.moc"
