"""Run by Debian's own Python (where python3-qgis lives), not the project's: opens each table of a
GeoPackage in QGIS headless, loads its default style, renders the whole and prints one JSON line."""

import json
import os
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle, QgsVectorLayer
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

path, png = sys.argv[1], sys.argv[2]
app = QgsApplication([], False)
app.initQgis()
query = "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
tables = [r[0] for r in sqlite3.connect(path).execute(query)]
out, layers = {}, []
for table in tables:
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    message, loaded = layer.loadDefaultStyle()
    renderer = layer.renderer()
    rules = renderer.rootRule().children() if renderer is not None and renderer.type() == "RuleRenderer" else []
    colours = sorted({r.symbol().color().name() for r in rules})
    out[table] = {"valid": layer.isValid(), "features": layer.featureCount(), "style": loaded}
    out[table].update(rules=len(rules), colours=colours)
    layers.append(layer)
settings = QgsMapSettings()
settings.setLayers(layers[::-1])
settings.setBackgroundColor(QColor("#c6dbe8"))
settings.setExtent(QgsRectangle(124, 37.5, 131, 43.5))
settings.setOutputSize(QSize(700, 600))
job = QgsMapRendererParallelJob(settings)
job.start()
job.waitForFinished()
job.renderedImage().save(png)
print(json.dumps(out), flush=True)
os._exit(0)  # QgsApplication.exitQgis() crashes on the way out of a headless session: nothing is left to save
