// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
//
// Checks an AppImage with Debian's libappimage, the library desktop tools use to recognise and
// integrate AppImages, so the file is judged by code other than ours:
//
//   appimagecheck FILE LIST_OUT REQUIRED_PATH…
//
// It must be of type 2, carry an .upd_info section, and hold every REQUIRED_PATH; the sorted
// file list libappimage reads from the image is written to LIST_OUT, one path a line.
#include <appimage/appimage.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> listFiles(const char *path)
{
    std::vector<std::string> files;
    char **list = appimage_list_files(path);
    if (!list)
        return files;
    for (char **entry = list; *entry; ++entry)
        files.emplace_back(*entry);
    appimage_string_list_free(list);
    // libappimage names each directory twice; the list compared against is one of each path.
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

bool checkHeader(const char *path)
{
    const int type = appimage_get_type(path, false);
    if (type != 2) {
        std::fprintf(
            stderr, "%s: libappimage reports type %d, expected a type-2 AppImage\n", path, type);
        return false;
    }

    unsigned long offset = 0;
    unsigned long length = 0;
    const bool hasSection =
        appimage_get_elf_section_offset_and_length(path, ".upd_info", &offset, &length);
    if (!hasSection || length == 0) {
        std::fprintf(stderr, "%s: no .upd_info section for update information\n", path);
        return false;
    }
    std::printf("type 2, payload at %lld, .upd_info %lu bytes\n",
        static_cast<long long>(appimage_get_payload_offset(path)), length);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s FILE LIST_OUT REQUIRED_PATH...\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    if (!checkHeader(path))
        return 1;

    const std::vector<std::string> files = listFiles(path);
    if (files.empty()) {
        std::fprintf(stderr, "%s: libappimage lists no files in the image\n", path);
        return 1;
    }
    std::ofstream out(argv[2]);
    for (const std::string &file : files)
        out << file << '\n';

    int missing = 0;
    for (int i = 3; i < argc; ++i) {
        if (!std::binary_search(files.begin(), files.end(), std::string(argv[i]))) {
            std::fprintf(stderr, "%s: %s is not in the image\n", path, argv[i]);
            ++missing;
        }
    }
    std::printf(
        "%zu paths listed, %d of %d required paths missing\n", files.size(), missing, argc - 3);
    return missing == 0 && out ? 0 : 1;
}
