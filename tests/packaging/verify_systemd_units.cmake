# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
#
# Checks the periodic report's systemd units with systemd-analyze: the service as installed,
# but pointing at the griddesk-cli of this build, and each timer with the instance it starts.
#   cmake -DSOURCE=packaging/systemd -DCLI_DIR=DIR -DWORK=DIR -DANALYZE=systemd-analyze -P this
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(GRIDDESK_BIN_DIR ${CLI_DIR})
set(GRIDDESK_DOC_DIR ${SOURCE})
configure_file(${SOURCE}/griddesk-report@.service.in ${WORK}/griddesk-report@.service @ONLY)
foreach(timer weekly:week monthly:month quarterly:quarter)
    string(REPLACE ":" ";" parts ${timer})
    list(GET parts 0 name)
    list(GET parts 1 instance)
    configure_file(${SOURCE}/griddesk-report-${name}.timer ${WORK}/griddesk-report-${name}.timer
        COPYONLY)
    execute_process(
        COMMAND ${ANALYZE} verify ${WORK}/griddesk-report@${instance}.service
            ${WORK}/griddesk-report-${name}.timer
        RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    # verify prints nothing for units it finds sound; anything it says about ours is a fault.
    string(FIND "${out}${err}" "griddesk-report" mentioned)
    if(NOT status EQUAL 0 OR NOT mentioned EQUAL -1)
        message(FATAL_ERROR "systemd-analyze finds fault with the ${name} report units:\n${out}${err}")
    endif()
endforeach()
