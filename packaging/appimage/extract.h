// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <stddef.h>

#include <squashfuse/squashfuse.h>

// Extracts every entry of the image whose path matches the shell PATTERN (all when it is NULL)
// below ROOT, which is created if needed: directories, regular files and symbolic links with
// their modes (not their owners). Returns 0, or -1 after printing why; *count is the number of
// entries written.
int extractImage(sqfs *fs, const char *root, const char *pattern, size_t *count);

// Removes the directory tree at PATH, read-only directories included, without following links.
void removeTree(const char *path);
