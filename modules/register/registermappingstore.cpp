// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "registermappingstore.h"

#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace GridDesk::RegisterMappingStore {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Register)
};

const QString KEY_PREFIX = QStringLiteral("register.mapping:");

bool matches(const QString &pattern, const QString &fileName)
{
    const QRegularExpression expression(
        QRegularExpression::wildcardToRegularExpression(pattern),
        QRegularExpression::CaseInsensitiveOption);
    return expression.match(fileName).hasMatch();
}

} // namespace

Result<QList<RememberedMapping>> all(const Workspace &workspace)
{
    QSqlQuery query(workspace.database());
    query.prepare(QStringLiteral(
        "SELECT key, value FROM griddesk_metadata WHERE substr(key, 1, ?) = ? ORDER BY key"));
    query.addBindValue(KEY_PREFIX.size());
    query.addBindValue(KEY_PREFIX);
    if (!query.exec())
        return fail(ErrorCode::Database,
            Tr::tr("Reading the remembered mappings: %1").arg(query.lastError().text()));
    QList<RememberedMapping> remembered;
    while (query.next()) {
        const QString pattern = query.value(0).toString().mid(KEY_PREFIX.size());
        const QJsonObject stored =
            QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
        auto mapping = RegisterMapping::fromJson(
            QJsonDocument(stored.value(QLatin1String("mapping")).toObject()).toJson(), pattern);
        if (!mapping) {
            qCWarning(lcRegister) << "remembered mapping for" << pattern
                                  << "skipped:" << mapping.error().message;
            continue;
        }
        remembered << RememberedMapping {
            pattern, stored.value(QLatin1String("kind")).toString(), *mapping};
    }
    return remembered;
}

Result<std::optional<RememberedMapping>> forFile(const Workspace &workspace, const QString &path)
{
    auto remembered = all(workspace);
    if (!remembered)
        return std::unexpected(remembered.error());
    const QString fileName = QFileInfo(path).fileName();
    std::optional<RememberedMapping> best;
    for (const RememberedMapping &each : std::as_const(*remembered)) {
        if (!matches(each.pattern, fileName))
            continue;
        const bool exact = each.pattern.compare(fileName, Qt::CaseInsensitive) == 0;
        if (exact)
            return std::optional(each);
        if (!best || each.pattern.size() > best->pattern.size())
            best = each;
    }
    return best;
}

Result<void> remember(Workspace &workspace, const RememberedMapping &remembered)
{
    if (isBlankText(remembered.pattern))
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("Say which files the mapping is for: a file name, or one with * and ?."));
    if (isBlankText(remembered.kind))
        return fail(ErrorCode::InvalidArgument, Tr::tr("Say which kind the mapping imports."));
    const QJsonObject stored {{QStringLiteral("kind"), remembered.kind},
        {QStringLiteral("mapping"), remembered.mapping.toJson()}};
    return workspace.setMetadata(KEY_PREFIX + remembered.pattern.trimmed(),
        QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
}

} // namespace GridDesk::RegisterMappingStore
