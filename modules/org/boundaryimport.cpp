// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "boundaryimport.h"

#include "logging.h"

#include "gis/vectorreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <memory>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Org)
};

/// How a feature names its unit's parent.
struct ParentRule
{
    enum class Kind { Root, Field, Divide, Left };
    Kind kind = Kind::Root;
    QString field;
    qint64 number = 0; ///< the divisor, or how many characters to keep
    qsizetype column = -1;
};

/// The forms of a parent expression, read only when the text is not a field of the file.
ParentRule parseParentRule(const QString &expression, const QStringList &fields)
{
    static const QRegularExpression divide(QStringLiteral("^\\s*(.+?)\\s*/\\s*(\\d+)\\s*$"));
    static const QRegularExpression left(
        QStringLiteral("^\\s*left\\s*\\(\\s*(.+?)\\s*,\\s*(\\d+)\\s*\\)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    if (expression.isEmpty())
        return {};
    if (fields.contains(expression))
        return ParentRule {ParentRule::Kind::Field, expression};
    if (const auto match = divide.match(expression); match.hasMatch())
        return ParentRule {
            ParentRule::Kind::Divide, match.captured(1), match.captured(2).toLongLong()};
    if (const auto match = left.match(expression); match.hasMatch())
        return ParentRule {
            ParentRule::Kind::Left, match.captured(1), match.captured(2).toLongLong()};
    return ParentRule {ParentRule::Kind::Field, expression.trimmed()};
}

Result<void> checkOptions(const BoundaryImportOptions &options)
{
    if (options.tier < 1 || options.tier > 6)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The units of a boundary file need a tier from 1 to 6, not %1.")
                .arg(options.tier));
    if (options.codeField.trimmed().isEmpty())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("Name the field that holds the units' codes."));
    if (!options.parentField.isEmpty() && !options.rootCode.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Give the units' parent either as a field or as a root unit, not both."));
    return {};
}

/// Checks that every field the options name is in the file; the message lists its fields.
Result<void> checkFields(
    const VectorData &header, const BoundaryImportOptions &options, const ParentRule &parent)
{
    const QString file = QFileInfo(header.path).fileName();
    const QString known = header.fields.join(QStringLiteral(", "));
    // A file without features has no fields either (GeoJSON takes them from the features).
    if (header.fields.isEmpty())
        return fail(
            ErrorCode::InvalidArgument, Tr::tr("%1 has no features to make units from.").arg(file));
    if (!header.fields.contains(options.codeField))
        return fail(ErrorCode::MissingField,
            Tr::tr("%1 has no field \"%2\" to take the units' codes from; its fields are: %3.")
                .arg(file, options.codeField, known));
    if (!options.nameField.isEmpty() && !header.fields.contains(options.nameField))
        return fail(ErrorCode::MissingField,
            Tr::tr("%1 has no field \"%2\" to take the units' names from; its fields are: %3.")
                .arg(file, options.nameField, known));
    if (parent.kind != ParentRule::Kind::Root && !header.fields.contains(parent.field))
        return fail(ErrorCode::MissingField,
            Tr::tr("%1 has no field \"%2\" to take the units' parents from; give a field, "
                   "FIELD/N or left(FIELD,N) with one of its fields: %3.")
                .arg(file, parent.field, known));
    if ((parent.kind == ParentRule::Kind::Divide || parent.kind == ParentRule::Kind::Left)
        && parent.number < 1)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("The parent expression \"%1\" needs a number of 1 or more.")
                .arg(options.parentField));
    return {};
}

/// The root every unit sits under: taken from the chart, or made at tier 1.
Result<void> ensureRoot(OrgChart &chart, const BoundaryImportOptions &options)
{
    if (options.rootCode.isEmpty())
        return {};
    const ChartUnit *root = chart.unit(options.rootCode);
    if (root && root->tier >= options.tier)
        return fail(ErrorCode::NotAllowed,
            Tr::tr("Units of tier %1 cannot sit under %2 %3, which has tier %4; tiers may be "
                   "skipped, never inverted.")
                .arg(options.tier)
                .arg(root->code, root->name)
                .arg(root->tier));
    if (root)
        return {};
    ChartUnit made;
    made.code = options.rootCode;
    made.name = options.rootName.trimmed().isEmpty() ? options.rootCode : options.rootName;
    made.tier = 1;
    if (options.tier <= made.tier)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Units of tier 1 cannot sit under a root unit; leave the root out."));
    return chart.putUnit(made);
}

/// The parent code a feature names by the rule, or why it names none that can be used.
Result<QString> parentOf(
    const VectorFeature &feature, const ParentRule &rule, const BoundaryImportOptions &options)
{
    if (rule.kind == ParentRule::Kind::Root)
        return options.rootCode;
    const QVariant value = feature.values.value(rule.column);
    const QString text = attributeText(value);
    if (text.isEmpty())
        return fail(
            ErrorCode::InvalidRow, Tr::tr("the parent field \"%1\" is empty.").arg(rule.field));
    if (rule.kind == ParentRule::Kind::Field)
        return text;
    if (rule.kind == ParentRule::Kind::Left)
        return text.left(rule.number);

    bool whole = false;
    const qint64 number = text.toLongLong(&whole);
    if (!whole)
        return fail(ErrorCode::InvalidRow,
            Tr::tr("the parent field \"%1\" holds \"%2\", which is not a whole number to divide "
                   "by %3.")
                .arg(rule.field, text)
                .arg(rule.number));
    return QString::number(number / rule.number);
}

/// Opens the file; when its text is in no encoding that can be told, the message also says
/// where the first text that is not UTF-8 is, by feature and field.
Result<std::unique_ptr<VectorReader>> openReader(
    const QString &path, const VectorReadOptions &options)
{
    auto reader = VectorReader::open(path, options);
    const bool undecided = !reader && reader.error().code == ErrorCode::UnknownEncoding;
    if (!undecided || options.encoding)
        return reader;

    VectorReadOptions strict = options;
    strict.encoding = QStringLiteral("UTF-8");
    auto utf8 = VectorReader::open(path, strict);
    for (qint64 read = 0; utf8 && read < VectorReader::ENCODING_SAMPLE; ++read) {
        auto feature = (*utf8)->next();
        if (!feature)
            return fail(ErrorCode::UnknownEncoding,
                Tr::tr("%1\nThe first text that is not UTF-8: %2")
                    .arg(reader.error().message, feature.error().message));
        if (!*feature)
            break;
    }
    return reader;
}

/// What one import has seen so far: the codes of earlier features and the running report.
struct ImportState
{
    QHash<QString, qint64> seen;
    OrgImportReport report;

    void refuse(qint64 feature, const QString &reason)
    {
        report.refused << RefusedRow {int(feature), reason};
    }
};

/// Makes the unit of one feature and puts it into chart, or records why not.
void importFeature(OrgChart &chart, const VectorFeature &feature, const ParentRule &rule,
    const BoundaryImportOptions &options, const std::pair<qsizetype, qsizetype> &columns,
    ImportState &state)
{
    const QString code = attributeText(feature.values.value(columns.first));
    if (code.isEmpty()) {
        state.refuse(feature.number,
            Tr::tr("the code field \"%1\" is empty; a unit needs a code.").arg(options.codeField));
        return;
    }
    if (const auto earlier = state.seen.constFind(code); earlier != state.seen.constEnd()) {
        state.refuse(feature.number,
            Tr::tr("code %1 is already used by feature %2.").arg(code).arg(earlier.value()));
        return;
    }
    state.seen.insert(code, feature.number);

    auto parent = parentOf(feature, rule, options);
    if (!parent) {
        state.refuse(feature.number, Tr::tr("code %1: %2").arg(code, parent.error().message));
        return;
    }
    if (!parent->isEmpty() && !chart.unit(*parent)) {
        state.refuse(feature.number,
            Tr::tr("code %1: its parent %2 is not in the chart; import the units of the level "
                   "above first.")
                .arg(code, *parent));
        return;
    }

    const ChartUnit *known = chart.unit(code);
    ChartUnit unit = known ? *known : ChartUnit {};
    unit.code = code;
    const QString name = attributeText(feature.values.value(columns.second));
    unit.name = name.isEmpty() ? code : name;
    unit.tier = options.tier;
    unit.parentCode = *parent;
    if (!unit.jurisdiction.contains(code))
        unit.jurisdiction << code;
    if (auto put = chart.putUnit(unit, true); !put) {
        state.refuse(feature.number, Tr::tr("code %1: %2").arg(code, put.error().message));
        return;
    }
    ++(known ? state.report.updated : state.report.added);
}

} // namespace

Result<OrgImportReport> importBoundaries(
    OrgChart &chart, const QString &path, const BoundaryImportOptions &options)
{
    if (auto checked = checkOptions(options); !checked)
        return std::unexpected(checked.error());
    QElapsedTimer timer;
    timer.start();

    // Only the attributes matter here: a feature without a usable shape still makes a unit.
    VectorReadOptions readOptions;
    readOptions.layer = options.layer;
    readOptions.encoding = options.encoding;
    readOptions.requireGeometry = false;
    readOptions.rejectImplausible = false;
    auto reader = openReader(path, readOptions);
    if (!reader)
        return std::unexpected(reader.error());
    const VectorData &header = (*reader)->header();
    ParentRule rule = parseParentRule(options.parentField, header.fields);
    if (auto checked = checkFields(header, options, rule); !checked)
        return std::unexpected(checked.error());
    rule.column = header.fields.indexOf(rule.field);
    const std::pair<qsizetype, qsizetype> columns {header.fields.indexOf(options.codeField),
        options.nameField.isEmpty() ? -1 : header.fields.indexOf(options.nameField)};

    // A file that fails half-way leaves the chart as it was.
    OrgChart changed = chart;
    if (auto root = ensureRoot(changed, options); !root)
        return std::unexpected(root.error());
    ImportState state;
    qint64 features = 0;
    for (;;) {
        auto feature = (*reader)->next();
        if (!feature)
            return std::unexpected(feature.error());
        if (!*feature)
            break;
        ++features;
        importFeature(changed, **feature, rule, options, columns, state);
    }
    if (features == 0)
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 has no features to make units from.").arg(QFileInfo(path).fileName()));

    chart = changed;
    qCInfo(lcOrg) << "boundaries" << QFileInfo(path).fileName() << ":" << state.report.added
                  << "added," << state.report.updated << "updated," << state.report.refused.size()
                  << "refused in" << timer.elapsed() << "ms";
    return state.report;
}

} // namespace GridDesk
