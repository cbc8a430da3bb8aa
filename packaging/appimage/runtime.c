// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The start-up program of GridDesk's AppImage: an ELF executable with a squashfs image appended.
// By default it mounts the image with FUSE and runs the AppRun at its root; without FUSE it can
// extract the image and run it from a temporary directory instead. See printHelp() for the
// options, and packaging/appimage/README.md for how the file is put together.
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// squashfuse's config.h sets a narrower feature level than the one this file asks for.
#undef _POSIX_C_SOURCE
#include <squashfuse/ll.h>

// Empty update information where AppImage tools look for it (kept by the linker: "retain").
__attribute__((section(".upd_info"), used, retain)) static char s_updateInformation[1024];

enum {
    RUNTIME_FAILURE = 127,
    COPY_CHUNK = 128 * 1024,
    SQUASHFS_MAGIC_LE = 0x73717368,
    FUSE_MESSAGE_SIZE = 512,
};

typedef struct
{
    char path[PATH_MAX]; // absolute path of the AppImage file
    const char *name; // its file name, for messages
    off_t offset; // where the squashfs image starts
    off_t size; // size of the whole file
} Image;

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

static const char *s_messagePrefix = "AppImage";
static char s_fuseMessage[FUSE_MESSAGE_SIZE];
static volatile pid_t s_child = -1;

static void printError(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "%s: ", s_messagePrefix);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

static void printHelp(const Image *image)
{
    printf("%s: a GridDesk AppImage.\n\n"
           "Run without runtime options, it mounts its image read-only with FUSE and starts\n"
           "the program in it; every argument goes to the program.\n\n"
           "Runtime options (only as the first argument):\n"
           "  --appimage-extract [PATTERN]  extract the image (or the paths matching the shell\n"
           "                                pattern) into ./squashfs-root\n"
           "  --appimage-extract-and-run …  extract into a temporary directory, run from there\n"
           "                                and remove it afterwards; for systems without FUSE\n"
           "  --appimage-offset             print where the image starts in this file\n"
           "  --appimage-help               show this help\n\n"
           "APPIMAGE_EXTRACT_AND_RUN=1 in the environment has the same effect as\n"
           "--appimage-extract-and-run.\n",
        image->name);
}

static int readExact(int fd, void *buffer, size_t size, off_t position)
{
    const ssize_t got = pread(fd, buffer, size, position);
    return got == (ssize_t)size ? 0 : -1;
}

// The image starts where the runtime's ELF file ends: after its section header table.
static int elfEnd(int fd, off_t *end)
{
    unsigned char ident[EI_NIDENT];
    if (readExact(fd, ident, sizeof ident, 0) != 0 || memcmp(ident, ELFMAG, SELFMAG) != 0)
        return -1;

    if (ident[EI_CLASS] == ELFCLASS64) {
        Elf64_Ehdr header;
        if (readExact(fd, &header, sizeof header, 0) != 0)
            return -1;
        *end = (off_t)(header.e_shoff + (uint64_t)header.e_shnum * header.e_shentsize);
        return 0;
    }

    if (ident[EI_CLASS] == ELFCLASS32) {
        Elf32_Ehdr header;
        if (readExact(fd, &header, sizeof header, 0) != 0)
            return -1;
        *end = (off_t)(header.e_shoff + (uint32_t)header.e_shnum * header.e_shentsize);
        return 0;
    }
    return -1;
}

// Checks that a whole squashfs image follows the runtime, so a truncated download is named as
// such rather than failing later on a missing block.
static int checkImage(int fd, Image *image)
{
    struct squashfs_super_block superBlock;
    const bool hasSuperBlock = image->offset > 0
        && image->offset + (off_t)sizeof superBlock <= image->size
        && readExact(fd, &superBlock, sizeof superBlock, image->offset) == 0
        && superBlock.s_magic == SQUASHFS_MAGIC_LE;
    if (!hasSuperBlock) {
        printError("%s holds no squashfs image after its runtime (at byte %lld): the file is "
                   "truncated or damaged, or is not an AppImage.",
            image->path, (long long)image->offset);
        return -1;
    }

    const off_t needed = image->offset + (off_t)superBlock.bytes_used;
    if (needed > image->size) {
        printError("%s is truncated: its image needs %lld bytes but the file has %lld. Download "
                   "or copy it again.",
            image->path, (long long)needed, (long long)image->size);
        return -1;
    }
    return 0;
}

static int locateImage(Image *image)
{
    if (!realpath("/proc/self/exe", image->path)) {
        printError("cannot find its own file: %s", strerror(errno));
        return -1;
    }
    const char *slash = strrchr(image->path, '/');
    image->name = slash ? slash + 1 : image->path;
    s_messagePrefix = image->name;

    const int fd = open(image->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        printError("cannot read %s: %s", image->path, strerror(errno));
        return -1;
    }

    struct stat status;
    int result = fstat(fd, &status);
    image->size = status.st_size;
    if (result == 0 && elfEnd(fd, &image->offset) != 0) {
        printError("%s is not a valid ELF file; the AppImage is damaged.", image->path);
        result = -1;
    }
    if (result == 0)
        result = checkImage(fd, image);
    close(fd);
    return result;
}

static const char *squashfsErrorText(sqfs_err error)
{
    switch (error) {
    case SQFS_BADFORMAT:
        return "the image is not a squashfs file system (the file is damaged)";
    case SQFS_BADVERSION:
        return "the image uses a squashfs version this runtime cannot read";
    case SQFS_BADCOMP:
        return "the image uses a compression this runtime was built without";
    case SQFS_UNSUP:
        return "the image uses a squashfs feature this runtime does not support";
    default:
        return "the image could not be read (the file is damaged or truncated)";
    }
}

static sqfs_ll *openImage(const Image *image)
{
    sqfs_ll *ll = calloc(1, sizeof *ll);
    const int fd = open(image->path, O_RDONLY | O_CLOEXEC);
    if (!ll || fd < 0) {
        printError("cannot open %s: %s", image->path, strerror(errno));
        free(ll);
        return NULL;
    }

    const sqfs_err error = sqfs_init(&ll->fs, fd, (size_t)image->offset);
    if (error != SQFS_OK) {
        printError("%s: %s.", image->path, squashfsErrorText(error));
        close(fd);
        free(ll);
        return NULL;
    }
    return ll;
}

static void closeImage(sqfs_ll *ll)
{
    const int fd = ll->fs.fd;
    sqfs_destroy(&ll->fs);
    close(fd);
    free(ll);
}

static int checkAppRun(sqfs *fs, const Image *image)
{
    sqfs_inode inode;
    bool found = false;
    const bool readable = sqfs_inode_get(fs, &inode, sqfs_inode_root(fs)) == SQFS_OK
        && sqfs_lookup_path(fs, &inode, "AppRun", &found) == SQFS_OK;
    if (!readable) {
        printError(
            "%s: the image's root directory cannot be read (the file is damaged).", image->path);
        return -1;
    }
    if (!found) {
        printError(
            "%s: the image has no AppRun at its root, so there is nothing to start.", image->path);
        return -1;
    }
    return 0;
}

static void forwardSignal(int signalNumber)
{
    if (s_child > 0)
        kill(s_child, signalNumber);
}

// Ctrl+C reaches the program directly (same process group); termination requests sent to the
// runtime alone are passed on, so the image stays mounted until the program has ended.
static void handleSignalsWhileRunning(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = SIG_IGN;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGQUIT, &action, NULL);

    action.sa_handler = forwardSignal;
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

static void restoreDefaultSignals(void)
{
    const int signalNumbers[] = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signalNumbers / sizeof signalNumbers[0]; ++i)
        signal(signalNumbers[i], SIG_DFL);
}

static void exportEnvironment(const Image *image, const char *appDir, const char *argv0)
{
    char workingDirectory[PATH_MAX];
    setenv("APPIMAGE", image->path, 1);
    setenv("APPDIR", appDir, 1);
    setenv("ARGV0", argv0, 1);
    if (getcwd(workingDirectory, sizeof workingDirectory))
        setenv("OWD", workingDirectory, 1);
}

static int exitCodeOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return RUNTIME_FAILURE;
}

// Runs APPDIR/AppRun with the given arguments in a child process and returns its exit code.
static int runAppRun(const char *appDir, char **arguments, int argumentCount)
{
    char appRun[PATH_MAX];
    snprintf(appRun, sizeof appRun, "%s/AppRun", appDir);
    char **childArguments = calloc((size_t)argumentCount + 2, sizeof *childArguments);
    if (!childArguments) {
        printError("out of memory");
        return RUNTIME_FAILURE;
    }
    childArguments[0] = appRun;
    memcpy(childArguments + 1, arguments, (size_t)argumentCount * sizeof *arguments);

    handleSignalsWhileRunning();
    const pid_t child = fork();
    if (child == 0) {
        restoreDefaultSignals();
        execv(appRun, childArguments);
        printError("cannot start %s: %s", appRun, strerror(errno));
        _exit(RUNTIME_FAILURE);
    }
    free(childArguments);
    if (child < 0) {
        printError("cannot start a process: %s", strerror(errno));
        return RUNTIME_FAILURE;
    }

    s_child = child;
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    s_child = -1;
    return exitCodeOf(status);
}

// ---- Extraction ------------------------------------------------------------------------------

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

// Extracts every entry whose path matches PATTERN (all when it is NULL) below ROOT.
static int extractImage(sqfs *fs, const char *root, const char *pattern, size_t *count)
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

static void removeTree(const char *path)
{
    nftw(path, makeWritable, 32, FTW_PHYS);
    nftw(path, removeEntry, 32, FTW_PHYS | FTW_DEPTH);
}

static const char *temporaryDirectory(void)
{
    const char *directory = getenv("TMPDIR");
    return directory && directory[0] == '/' ? directory : "/tmp";
}

static int extractCommand(const Image *image, sqfs *fs, const char *pattern)
{
    char root[PATH_MAX];
    if (!getcwd(root, sizeof root - 16)) {
        printError("cannot find the current directory: %s", strerror(errno));
        return RUNTIME_FAILURE;
    }
    strcat(root, "/squashfs-root");

    size_t count = 0;
    if (extractImage(fs, root, pattern, &count) != 0)
        return RUNTIME_FAILURE;
    if (pattern && count == 0) {
        printError("no path in %s matches \"%s\".", image->name, pattern);
        return RUNTIME_FAILURE;
    }
    printf("Extracted %zu entries into %s\n", count, root);
    return 0;
}

static int extractAndRun(
    const Image *image, sqfs *fs, char **arguments, int argumentCount, const char *argv0)
{
    char root[PATH_MAX];
    snprintf(root, sizeof root, "%s/appimage-run-%s.XXXXXX", temporaryDirectory(), image->name);
    if (!mkdtemp(root)) {
        printError(
            "cannot create a temporary directory in %s: %s", temporaryDirectory(), strerror(errno));
        return RUNTIME_FAILURE;
    }

    size_t count = 0;
    int result = RUNTIME_FAILURE;
    if (extractImage(fs, root, NULL, &count) == 0) {
        exportEnvironment(image, root, argv0);
        result = runAppRun(root, arguments, argumentCount);
    }
    removeTree(root);
    return result;
}

// ---- Mounting --------------------------------------------------------------------------------

static void keepFuseMessage(enum fuse_log_level level, const char *format, va_list args)
{
    (void)level;
    vsnprintf(s_fuseMessage, sizeof s_fuseMessage, format, args);
    const size_t length = strlen(s_fuseMessage);
    if (length > 0 && s_fuseMessage[length - 1] == '\n')
        s_fuseMessage[length - 1] = '\0';
}

static void printFuseMissing(const char *cause)
{
    printError("cannot mount the image: %s.\n"
               "FUSE is needed to run an AppImage in place. Without it, run:\n"
               "    %s --appimage-extract-and-run [ARGUMENTS…]\n"
               "(or set APPIMAGE_EXTRACT_AND_RUN=1), or install FUSE 3 (Debian: fuse3).",
        cause, s_messagePrefix);
}

static bool fuseDevicePresent(void)
{
    struct stat status;
    if (stat("/dev/fuse", &status) == 0 && S_ISCHR(status.st_mode))
        return true;
    printFuseMissing("/dev/fuse is missing or is not a device (the fuse kernel module is not "
                     "loaded, or this is a container without access to it)");
    return false;
}

static void *serveFilesystem(void *session)
{
    fuse_session_loop(session);
    return NULL;
}

static void fillOperations(struct fuse_lowlevel_ops *operations)
{
    memset(operations, 0, sizeof *operations);
    operations->getattr = sqfs_ll_op_getattr;
    operations->opendir = sqfs_ll_op_opendir;
    operations->releasedir = sqfs_ll_op_releasedir;
    operations->readdir = sqfs_ll_op_readdir;
    operations->lookup = sqfs_ll_op_lookup;
    operations->open = sqfs_ll_op_open;
    operations->create = sqfs_ll_op_create;
    operations->release = sqfs_ll_op_release;
    operations->read = sqfs_ll_op_read;
    operations->readlink = sqfs_ll_op_readlink;
    operations->listxattr = sqfs_ll_op_listxattr;
    operations->getxattr = sqfs_ll_op_getxattr;
    operations->forget = sqfs_ll_op_forget;
    operations->statfs = stfs_ll_op_statfs;
}

static struct fuse_session *mountImage(sqfs_ll *ll, const char *mountPoint)
{
    struct fuse_args arguments = FUSE_ARGS_INIT(0, NULL);
    const bool argumentsReady = fuse_opt_add_arg(&arguments, s_messagePrefix) == 0
        && fuse_opt_add_arg(&arguments, "-o") == 0
        && fuse_opt_add_arg(&arguments, "ro,nodev,nosuid,subtype=appimage") == 0;
    if (!argumentsReady) {
        printError("out of memory");
        return NULL;
    }

    struct fuse_lowlevel_ops operations;
    fillOperations(&operations);
    sqfs_ll_chan channel = {.fd = -1, .session = NULL};
    fuse_set_log_func(keepFuseMessage);
    const sqfs_err error =
        sqfs_ll_mount(&channel, mountPoint, &arguments, &operations, sizeof operations, ll);
    fuse_opt_free_args(&arguments);
    if (error != SQFS_OK || !channel.session) {
        printFuseMissing(s_fuseMessage[0] ? s_fuseMessage : "FUSE refused the mount");
        return NULL;
    }
    // The program started from the image must not hold the FUSE connection open.
    fcntl(fuse_session_fd(channel.session), F_SETFD, FD_CLOEXEC);
    return channel.session;
}

static int mountAndRun(
    const Image *image, sqfs_ll *ll, char **arguments, int argumentCount, const char *argv0)
{
    if (!fuseDevicePresent())
        return RUNTIME_FAILURE;
    if (sqfs_ll_init(ll) != SQFS_OK) {
        printError("%s: the image cannot be served (out of memory or damaged).", image->path);
        return RUNTIME_FAILURE;
    }

    char mountPoint[PATH_MAX];
    snprintf(
        mountPoint, sizeof mountPoint, "%s/.mount_%.8sXXXXXX", temporaryDirectory(), image->name);
    if (!mkdtemp(mountPoint)) {
        printError("cannot create a mount point in %s: %s", temporaryDirectory(), strerror(errno));
        return RUNTIME_FAILURE;
    }

    int result = RUNTIME_FAILURE;
    struct fuse_session *session = mountImage(ll, mountPoint);
    pthread_t server;
    if (session && pthread_create(&server, NULL, serveFilesystem, session) != 0) {
        printError("cannot start serving the image: %s", strerror(errno));
    } else if (session) {
        exportEnvironment(image, mountPoint, argv0);
        result = runAppRun(mountPoint, arguments, argumentCount);
        // The serving thread ends with the process; unmounting makes its read fail.
        fuse_session_exit(session);
    }
    if (session)
        fuse_session_unmount(session);
    rmdir(mountPoint);
    return result;
}

// ---- Entry -----------------------------------------------------------------------------------

static bool extractAndRunRequested(void)
{
    const char *value = getenv("APPIMAGE_EXTRACT_AND_RUN");
    return value && strcmp(value, "1") == 0;
}

static int dispatch(const Image *image, sqfs_ll *ll, int argc, char **argv)
{
    const char *option = argc > 1 ? argv[1] : "";
    if (strcmp(option, "--appimage-extract") == 0) {
        if (argc > 3) {
            printError("--appimage-extract takes at most one pattern.");
            return RUNTIME_FAILURE;
        }
        return extractCommand(image, &ll->fs, argc > 2 ? argv[2] : NULL);
    }

    if (checkAppRun(&ll->fs, image) != 0)
        return RUNTIME_FAILURE;
    if (strcmp(option, "--appimage-extract-and-run") == 0)
        return extractAndRun(image, &ll->fs, argv + 2, argc - 2, argv[0]);
    if (extractAndRunRequested())
        return extractAndRun(image, &ll->fs, argv + 1, argc - 1, argv[0]);
    return mountAndRun(image, ll, argv + 1, argc - 1, argv[0]);
}

int main(int argc, char **argv)
{
    Image image;
    if (locateImage(&image) != 0)
        return RUNTIME_FAILURE;

    const char *option = argc > 1 ? argv[1] : "";
    if (strcmp(option, "--appimage-help") == 0) {
        printHelp(&image);
        return 0;
    }
    if (strcmp(option, "--appimage-offset") == 0) {
        printf("%lld\n", (long long)image.offset);
        return 0;
    }
    const bool knownOption = strcmp(option, "--appimage-extract") == 0
        || strcmp(option, "--appimage-extract-and-run") == 0;
    if (strncmp(option, "--appimage-", 11) == 0 && !knownOption) {
        printError("unknown runtime option %s; see --appimage-help.", option);
        return RUNTIME_FAILURE;
    }

    sqfs_ll *ll = openImage(&image);
    if (!ll)
        return RUNTIME_FAILURE;
    const int result = dispatch(&image, ll, argc, argv);
    closeImage(ll);
    return result;
}
