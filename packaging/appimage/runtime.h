// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

enum {
    // Exit code when the runtime itself fails, as a shell does for a command it cannot run.
    RUNTIME_FAILURE = 127,
};

// Prints "NAME: MESSAGE" to stderr, NAME being the AppImage's file name.
void printError(const char *format, ...) __attribute__((format(printf, 1, 2)));
