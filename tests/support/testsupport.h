// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: GridDesk contributors
#pragma once

#include <QByteArray>
#include <QString>
#include <QTest>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
QT_END_NAMESPACE

namespace GridDesk::Test {

/// Pins what tests must not inherit from the machine (locale, GDAL drivers, DPI scaling).
/// Called by GRIDDESK_TEST_MAIN before the application object exists.
void initialiseEnvironment();

/// A file under tests/data/ (small real fixtures with their attribution).
QString dataPath(const QString &relative);

/// The maps/ folder of the source tree (the bundled samples).
QString mapsPath(const QString &relative = {});

/// A square of size degrees from (west, south) as a one-part multipolygon in little-endian WKB,
/// the way grids are stored.
QByteArray squareWkb(double west, double south, double size);

/// A model's header and display texts, a line per row with cells joined by "|": a golden
/// dump to compare whole tables with.
QString dumpModel(const QAbstractItemModel &model);

/// The failure message of a std::expected, or nothing when it holds a value; for QVERIFY2,
/// which evaluates its message even when the check passes.
template<typename Expected>
QByteArray why(const Expected &result)
{
    if (result.has_value())
        return {};
    return result.error().message.toLocal8Bit();
}

} // namespace GridDesk::Test

/// Like QTEST_MAIN, with the environment pinned first. App is QCoreApplication,
/// QGuiApplication or QApplication.
#define GRIDDESK_TEST_MAIN(TestObject, App)                                                        \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        GridDesk::Test::initialiseEnvironment();                                                   \
        QCoreApplication::setAttribute(Qt::AA_Use96Dpi, true);                                     \
        App app(argc, argv);                                                                       \
        TestObject test;                                                                           \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
