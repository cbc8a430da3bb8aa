// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "importsummary.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace GridDesk {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::ImportSummary)
};
} // namespace

ImportSummary &ImportSummary::operator+=(const ImportSummary &other)
{
    read += other.read;
    imported += other.imported;
    located += other.located;
    unlocated += other.unlocated;
    flagged += other.flagged;
    histories += other.histories;
    events += other.events;
    if (encoding.isEmpty())
        encoding = other.encoding;
    notes << other.notes;
    return *this;
}

QString ImportSummary::toText() const
{
    if (events == 0) {
        return Tr::tr("read %1, imported %2, located %3, unlocated %4, flagged %5")
            .arg(read)
            .arg(imported)
            .arg(located)
            .arg(unlocated)
            .arg(flagged);
    }
    return Tr::tr("read %1, imported %2, located %3, unlocated %4, flagged %5, %6 events in %7 "
                  "case histories")
        .arg(read)
        .arg(imported)
        .arg(located)
        .arg(unlocated)
        .arg(flagged)
        .arg(events)
        .arg(histories);
}

QString ImportSummary::toJson() const
{
    const QJsonObject counts {{QStringLiteral("read"), read},
        {QStringLiteral("imported"), imported}, {QStringLiteral("located"), located},
        {QStringLiteral("unlocated"), unlocated}, {QStringLiteral("flagged"), flagged},
        {QStringLiteral("histories"), histories}, {QStringLiteral("events"), events},
        {QStringLiteral("encoding"), encoding}};
    return QString::fromUtf8(QJsonDocument(counts).toJson(QJsonDocument::Compact));
}

} // namespace GridDesk
