# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# The .deb, made by CPack from the install rules: the programs under /usr/bin, the samples,
# desktop file, icons and workspace file type under /usr/share, the report timers under
# /usr/lib/systemd/system. Included from the top-level CMakeLists.txt, which includes CPack after
# it; built by `packaging/package.sh deb` (the `deb` target).
#
# The libraries the programs link come from dpkg-shlibdeps; Depends names what they load or read
# at run time that it cannot see. Desktop menus, the icon cache and the file-type database are
# refreshed by the triggers of desktop-file-utils, hicolor-icon-theme and shared-mime-info, so
# the package needs no maintainer scripts.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME griddesk)
set(CPACK_PACKAGE_VENDOR "GridDesk contributors")
set(CPACK_PACKAGE_CONTACT "GridDesk maintainers <maintainers@users.noreply.r-seed-be37e744.example>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "command-and-dispatch workstation for city grid governance")
set(CPACK_PACKAGE_DESCRIPTION
    "GridDesk is the workstation of a city grid-governance command centre: the city's base and "
    "fine grids on a map, the cases reported in them, and the closed loop that runs each case "
    "from report to evaluation (group standard T/CSSG 001.3-2020).\n"
    "This package holds the workstation (griddesk), the command line for administrators and "
    "scripts (griddesk-cli), the central server the workstations sync with (griddesk-server), "
    "the New York and Taipei samples and the systemd timers of the periodic evaluation reports.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Installed with DESTDIR and the final prefix, so that paths written into files at install time
# (the report service's ExecStart) are the installed ones, not the staging folder's.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded or read at run time, invisible to dpkg-shlibdeps: the SQLite driver every workspace is
# opened with, OpenSSL for HTTPS (Qt opens it by name), PROJ's database and GDAL's data. (The
# X11 and offscreen platforms come with libqt6gui6.)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libssl3, proj-data, gdal-data")
# Chinese text on the map and in the interface, Qt's own dialogs in Chinese, and the PostgreSQL
# store of the server.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n, libqt6sql6-psql")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-15-postgis-3, qgis")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
