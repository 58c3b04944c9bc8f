"""`python -m mapping site OUTDIR`: a static site to put on any web server or a USB stick.

- `index.html`: a landing page (what the map is, and links to everything below);
- `map.html`: the one-file interactive map (the same file as `python -m mapping export`);
- `handout.pdf`: the printable A4 handout;
- `data/`: the open data (GeoJSON, Linked Places, the bibliography, README.md and LICENSE).

Every page is self-contained: no request leaves the server it is served from.
"""

from __future__ import annotations

import html

from ..document.basemap import Basemap
from ..document.load import Document
from . import products

TITLE = "The October 1950 Telegram Map"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 17px/1.5 system-ui, sans-serif; max-width: 44em; margin: 2em auto; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.7em; margin-bottom: .2em; }}
a.open {{ display: inline-block; margin: .6em 0; padding: .6em 1.2em; background: #0072B2; color: #fff;
  border-radius: 4px; text-decoration: none; font-weight: 600; }}
a.open:focus, a.open:hover {{ background: #005a8c; }}
li {{ margin: .25em 0; }}
code {{ font-size: .95em; }}
footer {{ margin-top: 2em; font-size: .9em; color: #555; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>An interactive map of one document: the telegram of <strong>11 October 1950</strong> from Stalin (signing as
"Filippov") and Zhou Enlai to Mao Zedong. It advised China not to enter the Korean War yet, and told the North
Koreans where to hold, where to withdraw and what to evacuate. A few days later Mao decided otherwise. The
telegram's text stands beside the map: click a directive and its shapes light up, click a shape for its quote,
interpretation, method, certainty and sources. Everything works offline.</p>
<p><a class="open" href="map.html">Open the map</a></p>
<h2>For the classroom</h2>
<ul>
<li><a href="map.html">The interactive map</a> (one HTML file, {map_mb} MB: save it to use without a network)</li>
<li><a href="handout.pdf">The printable handout</a> (A4 PDF, {pdf_pages}: the text, one page per directive, the
timeline and credits)</li>
</ul>
<h2>Open data</h2>
<p>The layers and places as GeoJSON (for QGIS) and Linked Places Format (for the World Historical Gazetteer),
licensed CC BY 4.0. Start with the <a href="data/README.md">README</a>; the
<a href="data/LICENSE">licence</a> credits the sources the data derives from, and
<a href="data/sources.json">sources.json</a> is the bibliography (CSL-JSON).</p>
<ul>
{data_items}
</ul>
</main>
<footer>
<p>Base map: Natural Earth (public domain), GSHHG and DCW-GMT (LGPL-3), pvlib elevation (BSD-3), GeoNames
(CC BY 4.0); map library Leaflet (BSD-2). Code: MIT. Data: CC BY 4.0.</p>
</footer>
</body>
</html>
"""


def landing_page(data_files: list[str], map_bytes: int, pdf_pages: str) -> str:
    items = "\n".join(
        f'<li><a href="data/{html.escape(name)}"><code>{html.escape(name)}</code></a></li>' for name in data_files
    )
    return PAGE.format(title=html.escape(TITLE), map_mb=f"{map_bytes / 1e6:.1f}", pdf_pages=pdf_pages, data_items=items)


def build(doc: Document, base: Basemap, base_url: str = "") -> dict[str, bytes]:
    """Every file of the site, by its path relative to the site's folder (`base_url`: the site's address)."""
    map_html = products.export_html(doc, base)
    pdf = products.handout_pdf(doc, base)
    data = products.open_data(doc, base, base_url + "data/" if base_url else "")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    out = {
        "map.html": map_html,
        "handout.pdf": pdf,
        **{f"data/{name}": content for name, content in data.items()},
    }
    order = ["README.md", "LICENSE", "sources.json", "telegram-map.lpf.json", "places.geojson"]
    names = order + sorted(n for n in data if n not in order)
    out["index.html"] = landing_page(names, len(map_html), f"{pages} pages" if pages > 0 else "several pages").encode(
        "utf-8"
    )
    return out
