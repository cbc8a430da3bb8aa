# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Packs the bundle (BUNDLE_DIR, e.g. build/bundle/griddesk) into TARBALL, a .tar.gz whose one
# top folder is the bundle's, its files owned by root (numeric ids, whoever built it).
#   cmake -DBUNDLE_DIR=DIR -DTARBALL=FILE -P tarball.cmake
cmake_minimum_required(VERSION 3.25)

if(NOT IS_DIRECTORY "${BUNDLE_DIR}/bin")
    message(FATAL_ERROR "no bundle in ${BUNDLE_DIR}: build the bundle target first")
endif()
get_filename_component(parent ${BUNDLE_DIR} DIRECTORY)
get_filename_component(top ${BUNDLE_DIR} NAME)
find_program(TAR tar REQUIRED)
find_program(GZIP gzip REQUIRED)

file(REMOVE ${TARBALL})
execute_process(
    COMMAND ${TAR} --create --sort=name --owner=0 --group=0 --numeric-owner
--file=- --directory=${parent} ${top}
    COMMAND ${GZIP} --no-name -6
    OUTPUT_FILE ${TARBALL}
    RESULTS_VARIABLE statuses)
foreach(status IN LISTS statuses)
    if(NOT status EQUAL 0)
        file(REMOVE ${TARBALL})
        message(FATAL_ERROR "packing ${BUNDLE_DIR} into ${TARBALL} failed (${statuses})")
    endif()
endforeach()
file(SIZE ${TARBALL} size)
math(EXPR megabytes "${size} / 1048576")
message(STATUS "${TARBALL}: ${megabytes} MiB")
