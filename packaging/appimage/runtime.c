// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// The start-up program of GridDesk's AppImage: an ELF executable with a squashfs image appended.
// By default it mounts the image with FUSE and runs the AppRun at its root; without FUSE it can
// extract the image and run it from a temporary directory instead. See printHelp() for the
// options, and build-appimage.sh for how the file is put together.
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
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

#include "extract.h"
#include "runtime.h"

// Empty update information where AppImage tools look for it (kept by the linker: "retain").
__attribute__((section(".upd_info"), used, retain)) static char s_updateInformation[1024];

enum {
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

static const char *s_messagePrefix = "AppImage";
static char s_fuseMessage[FUSE_MESSAGE_SIZE];
static volatile pid_t s_child = -1;

void printError(const char *format, ...)
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

// Where this file is: /proc tells; without /proc (a bare chroot), the path it was started by.
static int findOwnFile(const char *argv0, char *path)
{
    if (realpath("/proc/self/exe", path))
        return 0;
    if (strchr(argv0, '/') && realpath(argv0, path))
        return 0;
    printError("cannot find its own file: /proc is not mounted; start it by its path instead "
               "(for example ./%s).",
        argv0);
    return -1;
}

static int locateImage(Image *image, const char *argv0)
{
    if (findOwnFile(argv0, image->path) != 0)
        return -1;
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
    if (locateImage(&image, argc > 0 ? argv[0] : "") != 0)
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
