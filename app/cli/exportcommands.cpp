// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "clicontext.h"

#include "domain/gridlevel.h"
#include "gis/gridexport.h"
#include "maprender/exportstyle.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace GridDesk::Cli {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Cli)
};

} // namespace

int exportGridsCommand(Context &context)
{
    if (context.positional.size() != 3)
        return usageError(context, Tr::tr("export-grids needs a WORKSPACE and an OUT file."));
    std::optional<GridLevel> level;
    if (context.isSet("level")) {
        level = gridLevelFromKey(context.value("level"));
        if (!level)
            return usageError(context,
                Tr::tr("unknown level \"%1\"; use one of %2.")
                    .arg(context.value("level"), gridLevelKeys()));
    }
    const QString path = context.positional.at(1);
    if (!QFileInfo::exists(path))
        return failWith(
            context, Error {ErrorCode::FileNotFound, Tr::tr("%1 does not exist.").arg(path)});

    const QString target = context.positional.at(2);
    if (QFileInfo(target).canonicalFilePath() == QFileInfo(path).canonicalFilePath())
        return usageError(context,
            Tr::tr("%1 is the workspace itself; give another file to export to.").arg(target));

    GridExportOptions options;
    options.crs = context.value("crs");
    if (context.isSet("encoding"))
        options.encoding = context.value("encoding");
    options.overwrite = context.isSet("overwrite");
    options.style = exportStyle(MapStyle());

    auto workspace = openWorkspace(path);
    if (!workspace)
        return failWith(context, workspace.error());
    auto grids = (*workspace)->grids(level);
    if (!grids)
        return failWith(context, grids.error());
    if (grids->isEmpty())
        return failWith(context,
            Error {ErrorCode::NotFound,
                level ? Tr::tr("%1 has no grids of this level (%2) to export.")
                            .arg(path, gridLevelName(*level))
                      : Tr::tr("%1 has no grids to export.").arg(path)});

    auto summary = exportGrids(*grids, target, options);
    if (!summary)
        return failWith(context, summary.error());
    const QString crs = summary->crsCode.isEmpty()
        ? summary->crs
        : QStringLiteral("%1 (%2)").arg(summary->crsCode, summary->crs);
    //: %1 is a file, %2 a format such as GeoPackage, %3 a coordinate system, %4 UTF-8 or GBK
    context.out << Tr::tr(
        "%1: %n grid(s) written as %2, CRS %3, text in %4", nullptr, int(summary->count))
                       .arg(
                           summary->path, exportFormatName(summary->format), crs, summary->encoding)
                << '\n';
    return OK;
}

} // namespace GridDesk::Cli
