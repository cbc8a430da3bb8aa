# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# The workstation's --screenshot, which the clean-root tests start the packages with: offscreen,
# it builds a workspace from the New York sample, saves a screenshot that shows the map and ends
# by itself with 0; it ends with 1, saying why, when the workspace cannot be opened or the
# screenshot cannot be saved.
#   cmake -DGRIDDESK=path/to/griddesk -DIMAGE_CHECK=griddesk-imagecheck -DWORK=DIR -P this
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/config)
set(environment QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=${WORK}/config
    XDG_DATA_HOME=${WORK}/data XDG_RUNTIME_DIR=${WORK} GRIDDESK_LANG=en)

function(run_workstation status_var errors_var)
    execute_process(COMMAND ${CMAKE_COMMAND} -E env ${environment} ${GRIDDESK} ${ARGN}
        RESULT_VARIABLE status ERROR_VARIABLE errors OUTPUT_QUIET TIMEOUT 300)
    set(${status_var} "${status}" PARENT_SCOPE)
    set(${errors_var} "${errors}" PARENT_SCOPE)
endfunction()

# A new workspace from the sample, its screenshot.
run_workstation(status errors --sample nyc ${WORK}/nyc.gpkg --screenshot ${WORK}/nyc.png)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "griddesk --screenshot ended with ${status}:\n${errors}")
endif()
execute_process(COMMAND ${IMAGE_CHECK} ${WORK}/nyc.png 640 480 64 RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "the screenshot ${WORK}/nyc.png shows too little")
endif()

# A file that is no workspace.
file(WRITE ${WORK}/notes.gpkg "not a GeoPackage\n")
run_workstation(status errors ${WORK}/notes.gpkg --screenshot ${WORK}/notes.png)
if(NOT status EQUAL 1 OR NOT errors MATCHES "The workspace could not be opened"
    OR EXISTS ${WORK}/notes.png)
    message(FATAL_ERROR "a file that is no workspace: status ${status}, said:\n${errors}")
endif()

# A screenshot into a folder that does not exist.
run_workstation(status errors ${WORK}/nyc.gpkg --screenshot ${WORK}/missing/nyc.png)
if(NOT status EQUAL 1 OR NOT errors MATCHES "could not be saved to")
    message(FATAL_ERROR "a screenshot that cannot be saved: status ${status}, said:\n${errors}")
endif()
message(STATUS "--screenshot: saved, and refused twice with a reason")
