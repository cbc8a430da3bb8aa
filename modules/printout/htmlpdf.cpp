// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#include "htmlpdf.h"

#include <QCoreApplication>
#include <QFile>
#include <QFont>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace GridDesk {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(GridDesk::Printout)
};

} // namespace

Result<void> writeHtmlPdf(const QString &path, const QString &title, const QString &body,
    QPageLayout::Orientation orientation)
{
    // QPdfWriter says nothing when it cannot write: the file is tried first.
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly)) {
        return fail(ErrorCode::InvalidArgument,
            Tr::tr("%1 cannot be written: %2").arg(path, probe.errorString()));
    }
    probe.close();

    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(orientation);
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("GridDesk"));
    QTextDocument document;
    // Text drawn in the CJK font alone loses its digits when the PDF is read back as text.
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    font.setPointSizeF(8);
    document.setDefaultFont(font);
    document.setHtml(QStringLiteral("<html><head><style>table { border-collapse: collapse; } "
                                    "td, th { border: 1px solid #888; padding: 2px; }</style>"
                                    "</head><body>%1</body></html>")
                         .arg(body));
    document.print(&writer);
    return {};
}

} // namespace GridDesk
