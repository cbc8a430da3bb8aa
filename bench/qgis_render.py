# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: GridDesk contributors
"""The QGIS side of the render benchmark: draws every feature of one GeoPackage layer at its
full extent into an image, several times, and prints the median time of the render job.

Usage: python3 qgis_render.py GPKG LAYER WIDTH HEIGHT RUNS OUT.png
Prints one line: "QGIS <version> <median ms> <features>".
"""
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (Qgis, QgsApplication, QgsFillSymbol, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def render_once(settings):
    job = QgsMapRendererSequentialJob(settings)
    started = time.perf_counter()
    job.start()
    job.waitForFinished()
    elapsed = (time.perf_counter() - started) * 1000.0
    return elapsed, job.renderedImage()


def main(argv):
    path, layer_name, width, height, runs, out_png = argv[1:7]
    app = QgsApplication([], False)
    app.initQgis()
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        print(f"cannot open {path} layer {layer_name}", file=sys.stderr)
        return 1
    # The same look as GridDesk's fine grids: a thin grey outline, no fill, antialiased.
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "159,168,152",
                                         "outline_width": "0.6", "outline_width_unit": "Pixel"})
    layer.renderer().setSymbol(symbol)

    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(int(width), int(height)))
    settings.setBackgroundColor(QColor(0xf4, 0xf1, 0xea))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setExtent(layer.extent())

    render_once(settings)  # warm-up: provider connections, fonts, caches
    times = []
    image = None
    for _ in range(int(runs)):
        elapsed, image = render_once(settings)
        times.append(elapsed)
    image.save(out_png)
    print(f"QGIS {Qgis.QGIS_VERSION.split('-')[0]} {statistics.median(times):.1f} "
          f"{layer.featureCount()}", flush=True)
    # Python would otherwise free the layer after QGIS has shut down, which crashes.
    settings.setLayers([])
    del layer, image, symbol
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
