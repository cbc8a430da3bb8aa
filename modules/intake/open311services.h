// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "open311.h"

#include "domain/error.h"

#include <QDateTime>
#include <QHash>

namespace GridDesk {

class CategoryTree;
class Workspace;

/// The services the Open311 endpoint offers: every workflow category is one, with the settings
/// an administrator gave it (attributes, notice, description, keywords) kept in the store's
/// open311_services table. Use on the store's thread.
class Open311Services
{
public:
    explicit Open311Services(Workspace &store)
        : m_store(store)
    { }

    /// Sets the settings of the service with code, replacing those it had. Refused (NotFound)
    /// for a code that is not one of categories.
    Result<void> set(const QString &code, const Open311::ServiceSettings &settings,
        const CategoryTree &categories, const QDateTime &now);
    /// Takes the service's settings away: it asks for no attributes any more. NotFound when it
    /// had none.
    Result<void> clear(const QString &code);
    /// The settings of every service that has some, by code.
    Result<QHash<QString, Open311::ServiceSettings>> all() const;
    /// When the settings last changed (UTC); invalid when no service ever had settings.
    Result<QDateTime> changedAt() const;

    /// The service list: the categories, parents first, each in the group of its parent's name,
    /// with the description and keywords settings give it.
    static QList<Open311::Service> services(
        const CategoryTree &categories, const QHash<QString, Open311::ServiceSettings> &settings);

private:
    Workspace &m_store;
};

} // namespace GridDesk
