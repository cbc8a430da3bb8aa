# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Builds the relocatable GridDesk bundle: the programs with every library they need that a
# Linux host with glibc 2.36 or newer cannot be counted on to have, the Qt plugins, and the data
# of PROJ and GDAL, in one folder that runs from wherever it is unpacked. Run by the `bundle`
# target (packaging/linux/CMakeLists.txt), which passes:
#   BUILD_DIR          the build tree, installed with its runtime component
#   BUNDLE_DIR         the folder made, e.g. build/bundle/griddesk (emptied first)
#   QT_PLUGINS_DIR     Qt's plugin folder;  QT_TRANSLATIONS_DIR  Qt's translations
#   PROJ_DATA_DIR      the folder of proj.db;  GDAL_DATA_DIR  GDAL's data
#   GDAL_PLUGINS_DIR   GDAL's plugin folder (may be empty: none)
#   OPENSSL            libssl.so.3, which Qt's TLS backend opens by name
#   COPYRIGHT          GridDesk's copyright file (packaging/linux/copyright)
#   PATCHELF           the patchelf program;  README  the bundle's README
#
# The layout, which the AppImage is built from:
#   bin/griddesk, bin/griddesk-cli, bin/griddesk-server   RUNPATH $ORIGIN/../lib
#   bin/qt.conf                                           Qt's plugins and translations
#   lib/*.so*                                             RUNPATH $ORIGIN
#   lib/gdalplugins/                                      GDAL_DRIVER_PATH (set by the programs)
#   plugins/<type>/*.so                                   RUNPATH $ORIGIN/../../lib
#   share/griddesk/maps, share/proj, share/gdal, share/applications, share/icons,
#   share/mime/packages, share/doc/griddesk/copyright, share/doc/third-party/<package>/copyright,
#   translations/, README.md
cmake_minimum_required(VERSION 3.25)

foreach(variable BUILD_DIR BUNDLE_DIR QT_PLUGINS_DIR PROJ_DATA_DIR GDAL_DATA_DIR OPENSSL PATCHELF
        README)
    if(NOT ${variable})
        message(FATAL_ERROR "bundle.cmake needs -D${variable}=…")
    endif()
endforeach()

# The Qt plugins the programs load: the X11 and offscreen platforms (the command line and the
# server draw offscreen), input methods, TLS, the SQLite and PostgreSQL drivers and images.
set(QT_PLUGIN_FILES
    platforms/libqxcb.so
    platforms/libqoffscreen.so
    platforms/libqminimal.so
    xcbglintegrations/libqxcb-glx-integration.so
    xcbglintegrations/libqxcb-egl-integration.so
    platforminputcontexts/libcomposeplatforminputcontextplugin.so
    platforminputcontexts/libibusplatforminputcontextplugin.so
    tls/libqopensslbackend.so
    tls/libqcertonlybackend.so
    sqldrivers/libqsqlite.so
    sqldrivers/libqsqlpsql.so
)
# Plugin folders taken whole when Qt has them (imageformats always; the others when the
# Qt SVG module or a platform theme is installed where the bundle is built).
set(QT_PLUGIN_FOLDERS imageformats iconengines platformthemes)
# Qt's own catalogues for its dialogs and buttons, in the languages GridDesk speaks.
set(QT_TRANSLATION_FILES qtbase_zh_CN.qm qt_zh_CN.qm)

# What the host provides and the bundle must not carry, matched against the full path of each
# library found:
#  - glibc, which the programs were built against (2.36): one copy per process, the host's;
#  - the C++ runtime: every system with glibc 2.36 has GCC 12's or a newer one, and graphics
#    drivers loaded into the process need the host's;
#  - OpenGL/EGL (libglvnd) and the X11 connection libraries, which the host's graphics driver
#    shares with the program;
#  - fontconfig and FreeType, which read the host's font configuration.
set(HOST_LIBRARIES
    "/(libc|libm|libmvec|libdl|librt|libpthread|libresolv|libutil|libanl|libBrokenLocale)\\.so[^/]*$"
    "/(libnss_[^/]*|libthread_db|libmemusage|libpcprofile|libSegFault)\\.so[^/]*$"
    "/ld-linux[^/]*\\.so[^/]*$"
    "/(libstdc\\+\\+|libgcc_s)\\.so[^/]*$"
    "/(libGL|libEGL|libGLX|libOpenGL|libGLdispatch|libGLESv2|libdrm|libgbm)\\.so[^/]*$"
    "/(libX11|libX11-xcb|libxcb)\\.so[^/]*$"
    "/(libfontconfig|libfreetype)\\.so[^/]*$"
)

function(set_runpath file runpath)
    execute_process(COMMAND ${PATCHELF} --set-rpath ${runpath} ${file}
        RESULT_VARIABLE status ERROR_VARIABLE error)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "patchelf could not set the RUNPATH of ${file}: ${error}")
    endif()
endfunction()

# 1. The programs, samples and desktop files, laid out by the install rules.
file(REMOVE_RECURSE ${BUNDLE_DIR})
execute_process(
    COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${BUNDLE_DIR} --component runtime
        --strip
    RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "installing the runtime component into ${BUNDLE_DIR} failed")
endif()
set(PROGRAMS ${BUNDLE_DIR}/bin/griddesk ${BUNDLE_DIR}/bin/griddesk-cli
    ${BUNDLE_DIR}/bin/griddesk-server)
foreach(program IN LISTS PROGRAMS)
    if(NOT EXISTS ${program})
        message(FATAL_ERROR "${program} was not installed; build griddesk, griddesk-cli and "
                            "griddesk-server first")
    endif()
endforeach()

# 2. The Qt plugins.
set(PLUGINS)
foreach(relative IN LISTS QT_PLUGIN_FILES)
    if(NOT EXISTS ${QT_PLUGINS_DIR}/${relative})
        message(FATAL_ERROR "the Qt plugin ${QT_PLUGINS_DIR}/${relative} is missing")
    endif()
    list(APPEND PLUGINS ${relative})
endforeach()
foreach(folder IN LISTS QT_PLUGIN_FOLDERS)
    file(GLOB found RELATIVE ${QT_PLUGINS_DIR} ${QT_PLUGINS_DIR}/${folder}/*.so)
    list(APPEND PLUGINS ${found})
endforeach()
set(PLUGIN_FILES)
foreach(relative IN LISTS PLUGINS)
    get_filename_component(type ${relative} DIRECTORY)
    file(COPY ${QT_PLUGINS_DIR}/${relative} DESTINATION ${BUNDLE_DIR}/plugins/${type})
    list(APPEND PLUGIN_FILES ${BUNDLE_DIR}/plugins/${relative})
endforeach()

# 3. Every library the programs and plugins need, except the host's.
# Qt's TLS backend opens OpenSSL by name at run time rather than linking it: OPENSSL names
# libssl, whose own needs come with it.
set(openssl ${OPENSSL})
file(GET_RUNTIME_DEPENDENCIES
    RESOLVED_DEPENDENCIES_VAR resolved
    UNRESOLVED_DEPENDENCIES_VAR unresolved
    CONFLICTING_DEPENDENCIES_PREFIX conflicting
    EXECUTABLES ${PROGRAMS}
    MODULES ${PLUGIN_FILES}
    LIBRARIES ${openssl}
    POST_EXCLUDE_REGEXES ${HOST_LIBRARIES})
if(unresolved)
    message(FATAL_ERROR "libraries not found on this machine: ${unresolved}")
endif()
# On a merged /usr one library is found under /lib and /usr/lib: the same file, kept once.
foreach(name IN LISTS conflicting_FILENAMES)
    set(real)
    foreach(path IN LISTS conflicting_${name})
        file(REAL_PATH ${path} one)
        list(APPEND real ${one})
    endforeach()
    list(REMOVE_DUPLICATES real)
    list(LENGTH real count)
    if(count GREATER 1)
        message(FATAL_ERROR "${name} is found as different files: ${conflicting_${name}}")
    endif()
    list(GET conflicting_${name} 0 first)
    list(APPEND resolved ${first})
endforeach()
list(APPEND resolved ${openssl})
list(REMOVE_DUPLICATES resolved)

set(LIBRARY_FILES)
set(SOURCE_FILES)
file(MAKE_DIRECTORY ${BUNDLE_DIR}/lib)
foreach(path IN LISTS resolved)
    get_filename_component(name ${path} NAME)
    file(REAL_PATH ${path} real)
    list(APPEND SOURCE_FILES ${real})
    file(COPY_FILE ${real} ${BUNDLE_DIR}/lib/${name})
    list(APPEND LIBRARY_FILES ${BUNDLE_DIR}/lib/${name})
endforeach()
list(REMOVE_DUPLICATES LIBRARY_FILES)

# 4. Each file finds the bundle's libraries first, wherever the bundle is.
foreach(program IN LISTS PROGRAMS)
    set_runpath(${program} [[$ORIGIN/../lib]])
endforeach()
foreach(library IN LISTS LIBRARY_FILES)
    file(CHMOD ${library} PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
    set_runpath(${library} [[$ORIGIN]])
endforeach()
foreach(plugin IN LISTS PLUGIN_FILES)
    set_runpath(${plugin} [[$ORIGIN/../../lib]])
endforeach()

# 5. Qt finds its plugins and translations in the bundle, not where Qt was built for.
file(WRITE ${BUNDLE_DIR}/bin/qt.conf
    "[Paths]\nPrefix = ..\nPlugins = plugins\nTranslations = translations\n")
foreach(name IN LISTS QT_TRANSLATION_FILES)
    if(QT_TRANSLATIONS_DIR AND EXISTS ${QT_TRANSLATIONS_DIR}/${name})
        file(COPY ${QT_TRANSLATIONS_DIR}/${name} DESTINATION ${BUNDLE_DIR}/translations)
    endif()
endforeach()

# 6. PROJ's and GDAL's data; the programs point PROJ_DATA, GDAL_DATA and GDAL_DRIVER_PATH here
# (GridDesk::useBundledGisData). The plugin folder exists even when empty, so that GDAL never
# loads the host's plugins, built for another GDAL.
file(COPY ${PROJ_DATA_DIR}/ DESTINATION ${BUNDLE_DIR}/share/proj)
file(COPY ${GDAL_DATA_DIR}/ DESTINATION ${BUNDLE_DIR}/share/gdal)
file(MAKE_DIRECTORY ${BUNDLE_DIR}/lib/gdalplugins)
if(GDAL_PLUGINS_DIR)
    file(GLOB gdal_plugins ${GDAL_PLUGINS_DIR}/*)
    foreach(plugin IN LISTS gdal_plugins)
        if(plugin MATCHES "\\.so$")
            message(FATAL_ERROR "GDAL plugins (${plugin}) are not bundled yet; build on a "
                                "machine without them or bundle their libraries")
        endif()
        file(COPY ${plugin} DESTINATION ${BUNDLE_DIR}/lib/gdalplugins)
    endforeach()
endif()
configure_file(${README} ${BUNDLE_DIR}/README.md COPYONLY)

# 7. The terms of all it carries: GridDesk's own (COPYRIGHT), and the Debian copyright file of
# each package a bundled library, plugin or data folder comes from.
if(COPYRIGHT)
    configure_file(${COPYRIGHT} ${BUNDLE_DIR}/share/doc/griddesk/copyright COPYONLY)
endif()
foreach(relative IN LISTS PLUGINS)
    list(APPEND SOURCE_FILES ${QT_PLUGINS_DIR}/${relative})
endforeach()
list(APPEND SOURCE_FILES ${PROJ_DATA_DIR}/proj.db ${GDAL_DATA_DIR}/gdalvrt.xsd)
file(GLOB translations ${BUNDLE_DIR}/translations/*.qm)
foreach(translation IN LISTS translations)
    get_filename_component(name ${translation} NAME)
    list(APPEND SOURCE_FILES ${QT_TRANSLATIONS_DIR}/${name})
endforeach()
# dpkg knows a library by the path its package ships it under, /lib or /usr/lib: search by name.
set(patterns)
foreach(file IN LISTS SOURCE_FILES)
    get_filename_component(name ${file} NAME)
    if(file MATCHES "\\.so[.0-9]*$" AND NOT file MATCHES "/plugins/")
        list(APPEND patterns "*/${name}")
    else()
        list(APPEND patterns ${file})
    endif()
endforeach()
find_program(DPKG_QUERY dpkg-query)
if(DPKG_QUERY)
    execute_process(COMMAND ${DPKG_QUERY} --search ${patterns}
        OUTPUT_VARIABLE owners ERROR_VARIABLE not_found)
    if(not_found)
        message(WARNING "files of no Debian package, their terms not carried:\n${not_found}")
    endif()
    string(REGEX MATCHALL "(^|\n)[^:\n]+" packages "${owners}")
    set(package_names)
    foreach(package IN LISTS packages)
        string(STRIP "${package}" package)
        string(REPLACE ", " ";" package "${package}")
        list(APPEND package_names ${package})
    endforeach()
    list(REMOVE_DUPLICATES package_names)
    list(SORT package_names)
    foreach(package IN LISTS package_names)
        if(EXISTS /usr/share/doc/${package}/copyright)
            configure_file(/usr/share/doc/${package}/copyright
                ${BUNDLE_DIR}/share/doc/third-party/${package}/copyright COPYONLY)
        else()
            message(WARNING "${package} has no /usr/share/doc/${package}/copyright")
        endif()
    endforeach()
    list(LENGTH package_names package_count)
    message(STATUS "terms of ${package_count} Debian packages in share/doc/third-party")
else()
    message(WARNING "dpkg-query not found: the bundle carries no third-party copyright files")
endif()

list(LENGTH LIBRARY_FILES library_count)
list(LENGTH PLUGIN_FILES plugin_count)
message(STATUS "GridDesk bundle in ${BUNDLE_DIR}: ${library_count} libraries, "
               "${plugin_count} Qt plugins")
