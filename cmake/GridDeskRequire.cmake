# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# griddesk_require(Package debian-package [find_package arguments…])
# griddesk_require_qt(Component debian-package)
# Stop the configure step, naming the Debian package to install, when a dependency is missing.

macro(griddesk_require package debian)
    find_package(${package} ${ARGN} QUIET)
    if(NOT ${package}_FOUND)
        message(FATAL_ERROR
            "GridDesk needs ${package}, which was not found.\n"
            "On Debian 12 install it with:  sudo apt-get install ${debian}\n"
            "(packaging/dev.sh installs every missing package for you.)")
    endif()
endmacro()

macro(griddesk_require_qt component debian)
    find_package(Qt6 6.4 QUIET COMPONENTS ${component})
    if(NOT Qt6${component}_FOUND)
        message(FATAL_ERROR
            "GridDesk needs Qt 6 ${component}, which was not found.\n"
            "On Debian 12 install it with:  sudo apt-get install ${debian}\n"
            "(packaging/dev.sh installs every missing package for you.)")
    endif()
endmacro()
