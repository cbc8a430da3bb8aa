// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// Extraction of the AppImage's squashfs image into a directory, for --appimage-extract and
// --appimage-extract-and-run.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

// squashfuse's config.h sets a narrower feature level than the one this file asks for.
#undef _POSIX_C_SOURCE
#include <squashfuse/squashfuse.h>

#include "extract.h"
#include "runtime.h"

enum {
    COPY_CHUNK = 128 * 1024,
};

typedef struct
{
    char *path;
    mode_t mode;
} PendingDirectory;

typedef struct
{
    PendingDirectory *items;
    size_t count;
    size_t capacity;
} DirectoryList;

// Names come from the image; a damaged or crafted one must not write outside the target.
static bool isSafeRelativePath(const char *path)
{
    if (path[0] == '\0' || path[0] == '/')
        return false;
    const char *part = path;
    while (part) {
        const char *next = strchr(part, '/');
        const size_t length = next ? (size_t)(next - part) : strlen(part);
        const bool bad = length == 0 || (length == 1 && part[0] == '.')
            || (length == 2 && part[0] == '.' && part[1] == '.');
        if (bad)
            return false;
        part = next ? next + 1 : NULL;
    }
    return true;
}

static int makeParents(char *path)
{
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        const int result = mkdir(path, 0755);
        const int error = errno;
        *slash = '/';
        if (result != 0 && error != EEXIST) {
            printError("cannot create %s: %s", path, strerror(error));
            return -1;
        }
    }
    return 0;
}

static int rememberDirectory(DirectoryList *list, const char *path, mode_t mode)
{
    if (list->count == list->capacity) {
        const size_t capacity = list->capacity ? list->capacity * 2 : 64;
        PendingDirectory *items = realloc(list->items, capacity * sizeof *items);
        if (!items)
            return -1;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count].path = strdup(path);
    list->items[list->count].mode = mode;
    return list->items[list->count++].path ? 0 : -1;
}

// Directories are created writable and get their own modes once everything is inside them;
// the deepest first, so a read-only parent does not stop its children.
static int applyDirectoryModes(DirectoryList *list)
{
    int result = 0;
    for (size_t i = list->count; i > 0; --i) {
        PendingDirectory *directory = &list->items[i - 1];
        if (chmod(directory->path, directory->mode) != 0 && result == 0) {
            printError("cannot set the mode of %s: %s", directory->path, strerror(errno));
            result = -1;
        }
        free(directory->path);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
    return result;
}

static int extractDirectory(const char *target, mode_t mode, DirectoryList *directories)
{
    struct stat existing;
    if (mkdir(target, 0700) != 0) {
        const bool isDirectory =
            errno == EEXIST && lstat(target, &existing) == 0 && S_ISDIR(existing.st_mode);
        if (!isDirectory) {
            printError("cannot create the directory %s: %s", target, strerror(errno));
            return -1;
        }
        chmod(target, existing.st_mode | S_IRWXU);
    }
    if (rememberDirectory(directories, target, mode) != 0) {
        printError("out of memory");
        return -1;
    }
    return 0;
}

static int copyFileData(sqfs *fs, sqfs_inode *inode, int out, const char *name)
{
    char *buffer = malloc(COPY_CHUNK);
    if (!buffer) {
        printError("out of memory");
        return -1;
    }

    int result = 0;
    const sqfs_off_t total = (sqfs_off_t)inode->xtra.reg.file_size;
    for (sqfs_off_t done = 0; done < total && result == 0;) {
        sqfs_off_t size = total - done < COPY_CHUNK ? total - done : COPY_CHUNK;
        if (sqfs_read_range(fs, inode, done, &size, buffer) != SQFS_OK || size <= 0) {
            printError("cannot read %s from the image: its data is damaged.", name);
            result = -1;
        } else if (write(out, buffer, (size_t)size) != (ssize_t)size) {
            printError("cannot write %s: %s", name, strerror(errno));
            result = -1;
        }
        done += size;
    }
    free(buffer);
    return result;
}

static int extractFile(sqfs *fs, sqfs_inode *inode, const char *target, mode_t mode)
{
    if (unlink(target) != 0 && errno != ENOENT) {
        printError("cannot replace %s: %s", target, strerror(errno));
        return -1;
    }
    const int out = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (out < 0) {
        printError("cannot create %s: %s", target, strerror(errno));
        return -1;
    }

    int result = copyFileData(fs, inode, out, target);
    if (result == 0 && fchmod(out, mode) != 0) {
        printError("cannot set the mode of %s: %s", target, strerror(errno));
        result = -1;
    }
    if (close(out) != 0 && result == 0) {
        printError("cannot write %s: %s", target, strerror(errno));
        result = -1;
    }
    return result;
}

static int extractSymlink(sqfs *fs, sqfs_inode *inode, const char *target)
{
    size_t size = 0;
    if (sqfs_readlink(fs, inode, NULL, &size) != SQFS_OK) {
        printError("cannot read the link %s from the image: it is damaged.", target);
        return -1;
    }
    char *destination = malloc(size + 1);
    size += 1;
    if (!destination || sqfs_readlink(fs, inode, destination, &size) != SQFS_OK) {
        printError("cannot read the link %s from the image: it is damaged.", target);
        free(destination);
        return -1;
    }

    int result = 0;
    if (unlink(target) != 0 && errno != ENOENT) {
        printError("cannot replace %s: %s", target, strerror(errno));
        result = -1;
    } else if (symlink(destination, target) != 0) {
        printError("cannot create the link %s: %s", target, strerror(errno));
        result = -1;
    }
    free(destination);
    return result;
}

static int extractEntry(sqfs *fs, const char *root, const char *relative, sqfs_dir_entry *entry,
    DirectoryList *directories)
{
    if (!isSafeRelativePath(relative)) {
        printError("the image holds an unsafe path \"%s\"; the file is damaged.", relative);
        return -1;
    }
    sqfs_inode inode;
    if (sqfs_inode_get(fs, &inode, sqfs_dentry_inode(entry)) != SQFS_OK) {
        printError("cannot read %s from the image: it is damaged.", relative);
        return -1;
    }

    char target[PATH_MAX];
    if (snprintf(target, sizeof target, "%s/%s", root, relative) >= (int)sizeof target) {
        printError("the path %s/%s is too long.", root, relative);
        return -1;
    }
    if (makeParents(target) != 0)
        return -1;

    const mode_t mode = inode.base.mode & 07777;
    const mode_t type = sqfs_mode(inode.base.inode_type) & S_IFMT;
    if (S_ISDIR(type))
        return extractDirectory(target, mode, directories);
    if (S_ISREG(type))
        return extractFile(fs, &inode, target, mode);
    if (S_ISLNK(type))
        return extractSymlink(fs, &inode, target);
    printError("skipping %s: devices, pipes and sockets are not extracted.", relative);
    return 0;
}

int extractImage(sqfs *fs, const char *root, const char *pattern, size_t *count)
{
    if (mkdir(root, 0755) != 0 && errno != EEXIST) {
        printError("cannot create %s: %s", root, strerror(errno));
        return -1;
    }

    sqfs_traverse traversal;
    if (sqfs_traverse_open(&traversal, fs, sqfs_inode_root(fs)) != SQFS_OK) {
        printError("cannot read the image's root directory: the file is damaged.");
        return -1;
    }

    DirectoryList directories = {0};
    sqfs_err error = SQFS_OK;
    int result = 0;
    *count = 0;
    while (result == 0 && sqfs_traverse_next(&traversal, &error)) {
        const bool wanted =
            !traversal.dir_end && (!pattern || fnmatch(pattern, traversal.path, 0) == 0);
        if (!wanted)
            continue;
        result = extractEntry(fs, root, traversal.path, &traversal.entry, &directories);
        *count += result == 0;
    }
    sqfs_traverse_close(&traversal);

    if (result == 0 && error != SQFS_OK) {
        printError("cannot list the image's directories: the file is damaged.");
        result = -1;
    }
    if (applyDirectoryModes(&directories) != 0)
        result = -1;
    return result;
}

static int makeWritable(const char *path, const struct stat *status, int type, struct FTW *ftw)
{
    (void)ftw;
    if (type == FTW_D)
        chmod(path, (status->st_mode & 07777) | S_IRWXU);
    return 0;
}

static int removeEntry(const char *path, const struct stat *status, int type, struct FTW *ftw)
{
    (void)status;
    (void)ftw;
    const int result = type == FTW_DP ? rmdir(path) : unlink(path);
    if (result != 0)
        printError("cannot remove %s: %s", path, strerror(errno));
    return 0;
}

void removeTree(const char *path)
{
    nftw(path, makeWritable, 32, FTW_PHYS);
    nftw(path, removeEntry, 32, FTW_PHYS | FTW_DEPTH);
}
