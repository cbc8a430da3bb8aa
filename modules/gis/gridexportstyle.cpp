// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "gridexportstyle.h"

#include <QXmlStreamWriter>

#include <algorithm>
#include <array>

namespace GridDesk::GridExportStyle {

namespace {

/// "R,G,B,A" as its parts; black when the text is not four numbers.
std::array<int, 4> colourParts(const QString &colour)
{
    std::array<int, 4> parts {0, 0, 0, 255};
    const QStringList texts = colour.split(u',');
    for (int i = 0; i < std::min<qsizetype>(4, texts.size()); ++i)
        parts[std::size_t(i)] = std::clamp(texts.at(i).trimmed().toInt(), 0, 255);
    return parts;
}

QString hexColour(const QString &colour)
{
    const std::array<int, 4> parts = colourParts(colour);
    return QStringLiteral("#%1%2%3")
        .arg(parts[0], 2, 16, QLatin1Char('0'))
        .arg(parts[1], 2, 16, QLatin1Char('0'))
        .arg(parts[2], 2, 16, QLatin1Char('0'));
}

QString opacity(const QString &colour)
{
    return QString::number(colourParts(colour)[3] / 255.0, 'g', 3);
}

void writeOption(QXmlStreamWriter &xml, const QString &name, const QString &value)
{
    xml.writeStartElement(QStringLiteral("Option"));
    xml.writeAttribute(QStringLiteral("name"), name);
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("QString"));
    xml.writeAttribute(QStringLiteral("value"), value);
    xml.writeEndElement();
}

/// One QGIS fill symbol: a simple fill drawn in the given pass of the symbol levels.
void writeFillSymbol(QXmlStreamWriter &xml, int index, const ExportLevelStyle &style, int pass)
{
    xml.writeStartElement(QStringLiteral("symbol"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("fill"));
    xml.writeAttribute(QStringLiteral("name"), QString::number(index));
    xml.writeAttribute(QStringLiteral("alpha"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("clip_to_extent"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("force_rhr"), QStringLiteral("0"));
    xml.writeStartElement(QStringLiteral("layer"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("SimpleFill"));
    xml.writeAttribute(QStringLiteral("enabled"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("locked"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("pass"), QString::number(pass));
    xml.writeStartElement(QStringLiteral("Option"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("Map"));
    const bool filled = !style.fill.isEmpty();
    writeOption(xml, QStringLiteral("color"), filled ? style.fill : QStringLiteral("0,0,0,0"));
    writeOption(xml, QStringLiteral("joinstyle"), QStringLiteral("round"));
    writeOption(xml, QStringLiteral("outline_color"), style.stroke);
    writeOption(xml, QStringLiteral("outline_style"),
        style.dashed ? QStringLiteral("dash") : QStringLiteral("solid"));
    writeOption(xml, QStringLiteral("outline_width"), QString::number(style.strokeWidth));
    writeOption(xml, QStringLiteral("outline_width_unit"), QStringLiteral("Pixel"));
    writeOption(
        xml, QStringLiteral("style"), filled ? QStringLiteral("solid") : QStringLiteral("no"));
    xml.writeEndElement(); // Option
    xml.writeEndElement(); // layer
    xml.writeEndElement(); // symbol
}

/// A categorized renderer on the level field, one category per level, drawn in the style's
/// drawing order through symbol levels.
void writeRenderer(QXmlStreamWriter &xml, const ExportStyle &style)
{
    xml.writeStartElement(QStringLiteral("renderer-v2"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("categorizedSymbol"));
    xml.writeAttribute(QStringLiteral("attr"), QLatin1String(LEVEL_FIELD));
    xml.writeAttribute(QStringLiteral("symbollevels"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("enableorderby"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("forceraster"), QStringLiteral("0"));
    xml.writeStartElement(QStringLiteral("categories"));
    for (int level = 0; level < int(GridLevel::Count); ++level) {
        xml.writeStartElement(QStringLiteral("category"));
        xml.writeAttribute(QStringLiteral("value"), gridLevelKey(GridLevel(level)));
        xml.writeAttribute(QStringLiteral("label"), gridLevelKey(GridLevel(level)));
        xml.writeAttribute(QStringLiteral("symbol"), QString::number(level));
        xml.writeAttribute(QStringLiteral("render"), QStringLiteral("true"));
        xml.writeAttribute(QStringLiteral("type"), QStringLiteral("string"));
        xml.writeEndElement();
    }
    xml.writeEndElement(); // categories
    xml.writeStartElement(QStringLiteral("symbols"));
    for (int level = 0; level < int(GridLevel::Count); ++level) {
        const auto order = std::ranges::find(style.drawingOrder, GridLevel(level));
        const int pass = int(order - style.drawingOrder.begin());
        writeFillSymbol(xml, level, style.levels.at(std::size_t(level)), pass);
    }
    xml.writeEndElement(); // symbols
    xml.writeEndElement(); // renderer-v2
}

/// The expression labels are drawn with: the name, or the code of a grid without one.
QString labelExpression()
{
    return QStringLiteral("coalesce(nullif(\"%1\", ''), \"%2\")")
        .arg(QLatin1String(NAME_FIELD), QLatin1String(CODE_FIELD));
}

/// The filter that keeps labels to the levels the style labels.
QString labelFilter(const ExportStyle &style)
{
    QStringList levels;
    for (int level = 0; level < int(GridLevel::Count); ++level) {
        if (style.levels.at(std::size_t(level)).labelled)
            levels << u'\'' + gridLevelKey(GridLevel(level)) + u'\'';
    }
    return QStringLiteral("\"%1\" IN (%2)")
        .arg(QLatin1String(LEVEL_FIELD), levels.join(QStringLiteral(", ")));
}

void writeLabelSettings(QXmlStreamWriter &xml, const ExportStyle &style)
{
    xml.writeStartElement(QStringLiteral("settings"));
    xml.writeAttribute(QStringLiteral("calloutType"), QStringLiteral("simple"));
    xml.writeStartElement(QStringLiteral("text-style"));
    xml.writeAttribute(QStringLiteral("fieldName"), labelExpression());
    xml.writeAttribute(QStringLiteral("isExpression"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("fontFamily"), style.labelFont);
    xml.writeAttribute(QStringLiteral("fontSize"), QString::number(style.labelSize));
    xml.writeAttribute(QStringLiteral("fontSizeUnit"), QStringLiteral("Pixel"));
    xml.writeAttribute(QStringLiteral("textColor"), style.labelColor);
    xml.writeAttribute(QStringLiteral("textOpacity"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("fontWeight"), QStringLiteral("50"));
    xml.writeAttribute(QStringLiteral("namedStyle"), QStringLiteral("Regular"));
    xml.writeStartElement(QStringLiteral("text-buffer"));
    xml.writeAttribute(QStringLiteral("bufferDraw"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("bufferSize"), QStringLiteral("1.5"));
    xml.writeAttribute(QStringLiteral("bufferSizeUnits"), QStringLiteral("Pixel"));
    xml.writeAttribute(QStringLiteral("bufferColor"), style.labelHalo);
    xml.writeAttribute(QStringLiteral("bufferOpacity"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("bufferJoinStyle"), QStringLiteral("128"));
    xml.writeEndElement(); // text-buffer
    xml.writeEndElement(); // text-style
    xml.writeStartElement(QStringLiteral("placement"));
    // Over the polygon's centroid, kept inside the polygon, as the workstation places names.
    xml.writeAttribute(QStringLiteral("placement"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("centroidInside"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("centroidWhole"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("placementFlags"), QStringLiteral("10"));
    xml.writeAttribute(QStringLiteral("priority"), QStringLiteral("5"));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("rendering"));
    xml.writeAttribute(QStringLiteral("obstacle"), QStringLiteral("1"));
    xml.writeAttribute(QStringLiteral("displayAll"), QStringLiteral("0"));
    xml.writeAttribute(QStringLiteral("obstacleType"), QStringLiteral("1"));
    xml.writeEndElement();
    xml.writeEndElement(); // settings
}

void writeLabeling(QXmlStreamWriter &xml, const ExportStyle &style)
{
    xml.writeStartElement(QStringLiteral("labeling"));
    xml.writeAttribute(QStringLiteral("type"), QStringLiteral("rule-based"));
    xml.writeStartElement(QStringLiteral("rules"));
    xml.writeAttribute(QStringLiteral("key"), QStringLiteral("{griddesk-labels}"));
    xml.writeStartElement(QStringLiteral("rule"));
    xml.writeAttribute(QStringLiteral("key"), QStringLiteral("{griddesk-grid-names}"));
    xml.writeAttribute(QStringLiteral("description"), QStringLiteral("grid names"));
    xml.writeAttribute(QStringLiteral("filter"), labelFilter(style));
    writeLabelSettings(xml, style);
    xml.writeEndElement(); // rule
    xml.writeEndElement(); // rules
    xml.writeEndElement(); // labeling
}

/// The layer's style as a QGIS style document (QML).
QString styleQml(const ExportStyle &style)
{
    QString text;
    QXmlStreamWriter xml(&text);
    xml.setAutoFormatting(true);
    xml.writeDTD(QStringLiteral("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"));
    xml.writeStartElement(QStringLiteral("qgis"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("3.22.0"));
    xml.writeAttribute(QStringLiteral("styleCategories"), QStringLiteral("Symbology|Labeling"));
    xml.writeAttribute(QStringLiteral("labelsEnabled"), QStringLiteral("1"));
    writeRenderer(xml, style);
    writeLabeling(xml, style);
    xml.writeTextElement(QStringLiteral("layerGeometryType"), QStringLiteral("2"));
    xml.writeEndElement(); // qgis
    xml.writeEndDocument();
    return text;
}

void writeSvgParameter(QXmlStreamWriter &xml, const QString &name, const QString &value)
{
    xml.writeStartElement(QStringLiteral("se:SvgParameter"));
    xml.writeAttribute(QStringLiteral("name"), name);
    xml.writeCharacters(value);
    xml.writeEndElement();
}

void writeSldRule(QXmlStreamWriter &xml, GridLevel level, const ExportStyle &style)
{
    const ExportLevelStyle &look = style.levels.at(std::size_t(level));
    xml.writeStartElement(QStringLiteral("se:Rule"));
    xml.writeTextElement(QStringLiteral("se:Name"), gridLevelKey(level));
    xml.writeStartElement(QStringLiteral("ogc:Filter"));
    xml.writeStartElement(QStringLiteral("ogc:PropertyIsEqualTo"));
    xml.writeTextElement(QStringLiteral("ogc:PropertyName"), QLatin1String(LEVEL_FIELD));
    xml.writeTextElement(QStringLiteral("ogc:Literal"), gridLevelKey(level));
    xml.writeEndElement();
    xml.writeEndElement(); // ogc:Filter
    xml.writeStartElement(QStringLiteral("se:PolygonSymbolizer"));
    if (!look.fill.isEmpty()) {
        xml.writeStartElement(QStringLiteral("se:Fill"));
        writeSvgParameter(xml, QStringLiteral("fill"), hexColour(look.fill));
        writeSvgParameter(xml, QStringLiteral("fill-opacity"), opacity(look.fill));
        xml.writeEndElement();
    }
    xml.writeStartElement(QStringLiteral("se:Stroke"));
    writeSvgParameter(xml, QStringLiteral("stroke"), hexColour(look.stroke));
    writeSvgParameter(xml, QStringLiteral("stroke-opacity"), opacity(look.stroke));
    writeSvgParameter(xml, QStringLiteral("stroke-width"), QString::number(look.strokeWidth));
    writeSvgParameter(xml, QStringLiteral("stroke-linejoin"), QStringLiteral("round"));
    if (look.dashed)
        writeSvgParameter(xml, QStringLiteral("stroke-dasharray"), QStringLiteral("4 2"));
    xml.writeEndElement(); // se:Stroke
    xml.writeEndElement(); // se:PolygonSymbolizer
    if (look.labelled) {
        xml.writeStartElement(QStringLiteral("se:TextSymbolizer"));
        xml.writeStartElement(QStringLiteral("se:Label"));
        xml.writeTextElement(QStringLiteral("ogc:PropertyName"), QLatin1String(NAME_FIELD));
        xml.writeEndElement();
        xml.writeStartElement(QStringLiteral("se:Fill"));
        writeSvgParameter(xml, QStringLiteral("fill"), hexColour(style.labelColor));
        xml.writeEndElement();
        xml.writeEndElement(); // se:TextSymbolizer
    }
    xml.writeEndElement(); // se:Rule
}

/// The same style as an SLD 1.1 document, for programs other than QGIS.
QString styleSld(const ExportStyle &style, const QString &layerName)
{
    QString text;
    QXmlStreamWriter xml(&text);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("StyledLayerDescriptor"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.opengis.net/sld"));
    xml.writeNamespace(QStringLiteral("http://www.opengis.net/ogc"), QStringLiteral("ogc"));
    xml.writeNamespace(QStringLiteral("http://www.opengis.net/se"), QStringLiteral("se"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1.0"));
    xml.writeStartElement(QStringLiteral("NamedLayer"));
    xml.writeTextElement(QStringLiteral("se:Name"), layerName);
    xml.writeStartElement(QStringLiteral("UserStyle"));
    xml.writeTextElement(QStringLiteral("se:Name"), layerName);
    xml.writeStartElement(QStringLiteral("se:FeatureTypeStyle"));
    for (GridLevel level : style.drawingOrder)
        writeSldRule(xml, level, style);
    xml.writeEndElement(); // se:FeatureTypeStyle
    xml.writeEndElement(); // UserStyle
    xml.writeEndElement(); // NamedLayer
    xml.writeEndElement(); // StyledLayerDescriptor
    xml.writeEndDocument();
    return text;
}

} // namespace

QString qml(const ExportStyle &style)
{
    return styleQml(style);
}

QString sld(const ExportStyle &style, const QString &layerName)
{
    return styleSld(style, layerName);
}

} // namespace GridDesk::GridExportStyle
