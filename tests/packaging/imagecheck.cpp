// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors

// griddesk-imagecheck FILE MIN_WIDTH MIN_HEIGHT MIN_COLOURS: whether a screenshot or a rendered
// map taken inside the clean root shows something. Exits 0 when the PNG is at least that large
// and holds at least that many distinct colours, 1 (saying why) when not.

#include <QImage>
#include <QSet>

#include <cstdio>

namespace {

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            colours.insert(line[x]);
    }
    return int(colours.size());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 5) {
        std::fputs("usage: griddesk-imagecheck FILE MIN_WIDTH MIN_HEIGHT MIN_COLOURS\n", stderr);
        return 2;
    }
    const QString file = QString::fromLocal8Bit(argv[1]);
    const int minWidth = QByteArray(argv[2]).toInt();
    const int minHeight = QByteArray(argv[3]).toInt();
    const int minColours = QByteArray(argv[4]).toInt();

    const QImage image = QImage(file).convertToFormat(QImage::Format_ARGB32);
    if (image.isNull()) {
        std::fprintf(stderr, "%s is not a readable image\n", argv[1]);
        return 1;
    }
    const int colours = distinctColours(image);
    std::printf("%s: %d x %d, %d colours\n", argv[1], image.width(), image.height(), colours);
    if (image.width() < minWidth || image.height() < minHeight) {
        std::fprintf(stderr, "smaller than %d x %d\n", minWidth, minHeight);
        return 1;
    }
    if (colours < minColours) {
        std::fprintf(stderr, "fewer than %d colours: next to nothing is drawn\n", minColours);
        return 1;
    }
    return 0;
}
