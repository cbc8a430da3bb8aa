// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include "vectorfile.h"

#include <memory>
#include <optional>

namespace GridDesk {

/// Streams the features of one layer of a vector file, one at a time, so that a million-row
/// export never sits in memory whole. Opening checks the companion files, finds the layer,
/// sets up the conversion to WGS84 and settles the text encoding (declared, given, or
/// detected from the first features). Use from one thread.
class VectorReader
{
public:
    /// Features whose text is looked at to detect an undeclared encoding.
    static constexpr int ENCODING_SAMPLE = 20000;

    static Result<std::unique_ptr<VectorReader>> open(
        const QString &path, const VectorReadOptions &options = {});
    ~VectorReader();
    VectorReader(const VectorReader &) = delete;
    VectorReader &operator=(const VectorReader &) = delete;

    /// What is known before reading: path, layer, driver, fields, encoding, CRS and notes.
    /// Its features list stays empty.
    const VectorData &header() const;

    /// The next feature, or nothing at the end of the layer. Fails naming the feature when a
    /// record cannot be read, has no geometry where one is required, has impossible coordinates
    /// (unless VectorReadOptions::rejectImplausible is off) or text that does not decode.
    Result<std::optional<VectorFeature>> next();

    /// Geometries dropped so far for impossible coordinates.
    qint64 implausible() const;

private:
    struct Private;
    explicit VectorReader(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

/// The names of the layers of a vector file, in the file's order (one for most formats,
/// several for a GeoPackage or a spreadsheet). Fails naming the file when it cannot be opened.
Result<QStringList> vectorLayerNames(const QString &path);

/// An attribute as a code or name: whole numbers without a decimal point (GDAL reads numeric
/// codes of some formats as reals), text trimmed, null as empty.
QString attributeText(const QVariant &value);

} // namespace GridDesk
