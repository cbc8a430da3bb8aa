// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registermapping.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

std::optional<QString> optionalText(const QJsonObject &object, const char *key)
{
    const QString text = object.value(QLatin1String(key)).toString().trimmed();
    return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
}

Result<void> readFields(const QJsonValue &value, const QString &fileName, RegisterMapping &mapping)
{
    if (!value.isObject() && !value.isUndefined())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1: \"fields\" must be an object of source field → register field.")
                .arg(fileName));
    const QJsonObject fields = value.toObject();
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        QStringList targets;
        if (it.value().isString())
            targets << it.value().toString();
        for (const QJsonValue &each : it.value().toArray())
            targets << each.toString();
        targets.removeAll(QString());
        if (targets.isEmpty())
            return fail(ErrorCode::InvalidArgument,
                Tr::tr("%1: the source field \"%2\" maps to no register field; give a field "
                       "name or a list of them.")
                    .arg(fileName, it.key()));
        for (const QString &target : std::as_const(targets))
            mapping.fields.append({it.key(), target});
    }
    return {};
}

} // namespace

Result<RegisterMapping> RegisterMapping::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return fail(
            ErrorCode::FileNotFound, Tr::tr("The mapping file %1 does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("The mapping file %1 cannot be read: %2").arg(path, file.errorString()));
    return fromJson(file.readAll(), QFileInfo(path).fileName());
}

Result<RegisterMapping> RegisterMapping::fromJson(const QByteArray &json, const QString &fileName)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1 is not JSON: %2 at character %3.")
                .arg(fileName, error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        return fail(ErrorCode::UnreadableFile,
            Tr::tr("%1: a mapping is a JSON object with \"fields\".").arg(fileName));
    const QJsonObject object = document.object();

    RegisterMapping mapping;
    mapping.source = object.value(QLatin1String("source")).toString().trimmed();
    mapping.layer = object.value(QLatin1String("layer")).toString().trimmed();
    mapping.encoding = optionalText(object, "encoding");
    mapping.sourceCrs = optionalText(object, "source_crs");
    if (auto read = readFields(object.value(QLatin1String("fields")), fileName, mapping); !read)
        return std::unexpected(read.error());
    mapping.values = object.value(QLatin1String("values")).toObject().toVariantMap();
    if (mapping.fields.isEmpty() && mapping.values.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 maps no fields: give \"fields\" (source field → register field).")
                .arg(fileName));
    return mapping;
}

RegisterMapping RegisterMapping::byName(const QStringList &sourceFields, const QStringList &targets)
{
    RegisterMapping mapping;
    for (const QString &source : sourceFields) {
        for (const QString &target : targets) {
            if (source.compare(target, Qt::CaseInsensitive) == 0)
                mapping.fields.append({source, target});
        }
    }
    return mapping;
}

QJsonObject RegisterMapping::toJson() const
{
    QJsonObject fieldsObject;
    for (const auto &[source, target] : fields) {
        const QJsonValue before = fieldsObject.value(source);
        if (before.isUndefined()) {
            fieldsObject.insert(source, target);
            continue;
        }
        QJsonArray targets = before.isArray() ? before.toArray() : QJsonArray {before};
        targets << target;
        fieldsObject.insert(source, targets);
    }
    QJsonObject object {{QStringLiteral("fields"), fieldsObject}};
    if (!source.isEmpty())
        object.insert(QStringLiteral("source"), source);
    if (!layer.isEmpty())
        object.insert(QStringLiteral("layer"), layer);
    if (encoding)
        object.insert(QStringLiteral("encoding"), *encoding);
    if (sourceCrs)
        object.insert(QStringLiteral("source_crs"), *sourceCrs);
    if (!values.isEmpty())
        object.insert(QStringLiteral("values"), QJsonObject::fromVariantMap(values));
    return object;
}

QStringList RegisterMapping::sourcesOf(const QString &target) const
{
    QStringList sources;
    for (const auto &[source, each] : fields) {
        if (each == target)
            sources << source;
    }
    return sources;
}

} // namespace GridDesk
