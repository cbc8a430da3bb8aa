// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "open311services.h"

#include "logging.h"

#include "domain/text.h"
#include "storage/workspace.h"
#include "workflow/categorytree.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Intake)
};

Result<void> exec(QSqlQuery &query, const QString &doing)
{
    if (query.exec())
        return {};
    return fail(ErrorCode::Database, Tr::tr("%1 failed: %2").arg(doing, query.lastError().text()));
}

} // namespace

Result<void> Open311Services::set(const QString &code, const Open311::ServiceSettings &settings,
    const CategoryTree &categories, const QDateTime &now)
{
    if (!categories.contains(code))
        return fail(ErrorCode::NotFound,
            Tr::tr("There is no category %1 to offer as an Open311 service.")
                .arg(printableText(code)));
    return m_store.transaction([&]() -> Result<void> {
        QSqlQuery upsert(m_store.database());
        upsert.prepare(QStringLiteral(
            "INSERT INTO open311_services (service_code, settings, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (service_code) DO UPDATE SET settings = excluded.settings, updated_at "
            "= excluded.updated_at"));
        upsert.addBindValue(code);
        upsert.addBindValue(QString::fromUtf8(Open311::serviceSettingsJson(settings)));
        upsert.addBindValue(now.toUTC().toString(Qt::ISODate));
        return exec(upsert, Tr::tr("Setting the Open311 service %1").arg(code));
    });
}

Result<void> Open311Services::clear(const QString &code)
{
    return m_store.transaction([&]() -> Result<void> {
        QSqlQuery remove(m_store.database());
        remove.prepare(QStringLiteral("DELETE FROM open311_services WHERE service_code = ?"));
        remove.addBindValue(code);
        if (auto done = exec(remove, Tr::tr("Clearing the Open311 service %1").arg(code)); !done)
            return done;
        if (remove.numRowsAffected() == 0)
            return fail(ErrorCode::NotFound,
                Tr::tr("The Open311 service %1 has no settings.").arg(printableText(code)));
        return {};
    });
}

Result<QHash<QString, Open311::ServiceSettings>> Open311Services::all() const
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT service_code, settings FROM open311_services"));
    if (auto read = exec(query, Tr::tr("Reading the Open311 services")); !read)
        return std::unexpected(read.error());
    QHash<QString, Open311::ServiceSettings> settings;
    while (query.next()) {
        auto read = Open311::readServiceSettings(query.value(1).toString().toUtf8());
        // What set() wrote always reads back; a row edited by hand into nonsense is skipped.
        if (!read) {
            qCWarning(lcIntake).noquote() << "the Open311 service" << query.value(0).toString()
                                          << "has unreadable settings:" << read.error().message;
            continue;
        }
        settings.insert(query.value(0).toString(), *read);
    }
    return settings;
}

Result<QDateTime> Open311Services::changedAt() const
{
    QSqlQuery query(m_store.database());
    query.prepare(QStringLiteral("SELECT max(updated_at) FROM open311_services"));
    if (auto read = exec(query, Tr::tr("Reading the Open311 services")); !read)
        return std::unexpected(read.error());
    if (!query.next() || query.value(0).isNull())
        return QDateTime();
    return QDateTime::fromString(query.value(0).toString(), Qt::ISODate).toUTC();
}

QList<Open311::Service> Open311Services::services(
    const CategoryTree &categories, const QHash<QString, Open311::ServiceSettings> &settings)
{
    QList<Open311::Service> services;
    for (const Category &category : categories.categories()) {
        const Open311::ServiceSettings given = settings.value(category.code);
        Open311::Service service;
        service.code = category.code;
        service.name = category.name.isEmpty() ? category.code : category.name;
        service.description = given.description;
        service.metadata = !given.attributes.isEmpty();
        service.keywords = given.keywords;
        if (const auto parent = categories.category(category.parentCode))
            service.group = parent->name.isEmpty() ? parent->code : parent->name;
        services << service;
    }
    return services;
}

} // namespace GridDesk
