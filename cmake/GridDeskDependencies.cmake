# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Finds every library GridDesk builds on. A library that is missing stops the configure step
# with the name of the Debian 12 package that provides it.

include(GridDeskRequire)

griddesk_require_qt(Core qt6-base-dev)
griddesk_require_qt(Gui qt6-base-dev)
griddesk_require_qt(Widgets qt6-base-dev)
griddesk_require_qt(Sql qt6-base-dev)
griddesk_require_qt(Concurrent qt6-base-dev)
griddesk_require_qt(Network qt6-base-dev)
griddesk_require_qt(HttpServer qt6-httpserver-dev)
griddesk_require_qt(Test qt6-base-dev)
griddesk_require_qt(Positioning qt6-positioning-dev)
griddesk_require_qt(Charts qt6-charts-dev)
griddesk_require_qt(LinguistTools qt6-l10n-tools)

griddesk_require(GDAL libgdal-dev CONFIG)
griddesk_require(GEOS libgeos-dev CONFIG)
griddesk_require(PROJ libproj-dev CONFIG)
griddesk_require(SQLite3 libsqlite3-dev)

if(NOT TARGET SQLite::SQLite3)
    message(FATAL_ERROR "SQLite3 was found without its imported target; install libsqlite3-dev")
endif()
message(STATUS "GridDesk: Qt ${Qt6_VERSION}, GDAL ${GDAL_VERSION}, GEOS ${GEOS_VERSION}, "
               "PROJ ${PROJ_VERSION}, SQLite ${SQLite3_VERSION}")
