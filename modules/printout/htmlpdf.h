// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "domain/error.h"

#include <QPageLayout>
#include <QString>

namespace GridDesk {

/// Lays body (HTML: headings, paragraphs, tables) out on A4 pages with 12 mm margins and writes
/// them to the PDF at path, titled title. Tables get thin ruled cells. Latin letters and digits
/// come from a Latin font and Chinese from the CJK one, so the PDF reads back as text. Fails,
/// writing nothing, when path cannot be written.
Result<void> writeHtmlPdf(const QString &path, const QString &title, const QString &body,
    QPageLayout::Orientation orientation);

} // namespace GridDesk
