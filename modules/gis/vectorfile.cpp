// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "vectorfile.h"

#include "logging.h"
#include "vectorreader.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace GridDesk {

namespace {

void CPL_STDCALL logGdalMessage(CPLErr level, CPLErrorNum number, const char *message)
{
    if (level >= CE_Failure)
        qCWarning(lcGis) << "GDAL error" << number << message;
    else if (level == CE_Warning)
        qCInfo(lcGis) << "GDAL warning" << number << message;
    else
        qCDebug(lcGis) << "GDAL" << message;
}

} // namespace

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // GDAL's messages go to our log; the failures among them also reach the user as the
        // Error of the operation that met them.
        CPLSetErrorHandler(&logGdalMessage);
        GDALAllRegister();
        CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0");
    });
}

Result<VectorData> readVectorFile(const QString &path, const VectorReadOptions &options)
{
    auto reader = VectorReader::open(path, options);
    if (!reader)
        return std::unexpected(reader.error());
    VectorData data = (*reader)->header();
    while (true) {
        auto feature = (*reader)->next();
        if (!feature)
            return std::unexpected(feature.error());
        if (!*feature)
            break;
        data.features << std::move(**feature);
    }
    data.implausible = (*reader)->implausible();
    qCInfo(lcGis) << "read" << data.features.size() << "features from" << data.path << "layer"
                  << data.layer << "encoding" << data.encoding << "crs" << data.crs;
    return data;
}

} // namespace GridDesk
