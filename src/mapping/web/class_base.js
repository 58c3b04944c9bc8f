// The class map's base (web/class_map.js calls it): the geography only, in the main map's colours
// (cartography.py, sent as `colours`), drawn the way the main map draws it (render/map.py): the sea over
// the whole outer box, the detailed relief of the window, the countries' coasts and borders (no line along
// the window's edge: a cut, not a coast), the named rivers, the China-Korea border, the 38th parallel and
// the 1950 places, their names decluttered as on the main map (TM.declutterLabels, web/declutter.js); with
// `data.lang` (ko, zh-Hans, zh-Hant) a place's 1950 name in that script where it has one (`names`, i18n/places.py).
// The coarse land and relief beyond the window are fetched only when a view first reaches past it.
// Nothing here is a shape a student can edit, move or remove (pmIgnore), or click (interactive: false).
window.TM = window.TM || {};
TM.classBase = function (map, base, data) {
  const c = data.colours;
  map.getContainer().classList.add("tm-base-map"); // its places' style: class_base.css
  const fixed = { interactive: false, pmIgnore: true };
  [
    ["tmSea", 100],
    ["tmLand", 150],
    ["tmReliefOuter", 240],
    ["tmRelief", 250],
    ["tmCoast", 260],
  ].forEach(function (p) {
    map.createPane(p[0]).style.zIndex = p[1];
  });
  // the sea, painted over the whole box the view never leaves: the relief's sea is transparent
  L.rectangle(data.bounds, { ...fixed, pane: "tmSea", stroke: false, fillColor: c.sea, fillOpacity: 1 }).addTo(map);
  L.imageOverlay(data.relief_url, data.relief_bounds, { ...fixed, pane: "tmRelief" }).addTo(map);
  function outlines(collection, boxes) {
    return {
      type: "FeatureCollection",
      features: collection.features.map(function (f) {
        return { type: "Feature", properties: {}, geometry: TM.outlineLines(f.geometry, boxes) };
      }),
    };
  }
  // beyond the window: coarse land in the colour of the window's lowland, its relief, and its coast
  let outerLoaded = false;
  const windowBox = L.latLngBounds(data.relief_bounds);
  function beyond() {
    if (outerLoaded || windowBox.contains(map.getBounds())) {
      return;
    }
    outerLoaded = true;
    fetch(data.outer_url)
      .then(function (r) {
        return r.json();
      })
      .then(function (outer) {
        if (!outer.outer) {
          return;
        }
        const land = { ...fixed, pane: "tmLand", style: { stroke: false, fillColor: c.land, fillOpacity: 1 } };
        L.geoJSON(outer.outer, land).addTo(map);
        const coast = { ...fixed, pane: "tmCoast", style: { color: c.coast, weight: 0.9, fill: false } };
        L.geoJSON(outlines(outer.outer, [data.relief_bounds, data.bounds]), coast).addTo(map);
        if (data.relief_outer_url) {
          L.imageOverlay(data.relief_outer_url, data.bounds, { ...fixed, pane: "tmReliefOuter" }).addTo(map);
        }
      })
      .catch(function () {
        outerLoaded = false; // tried again at the next move
      });
  }
  map.on("moveend", beyond);
  beyond();
  // the countries: a faint white fill, as on the main map, and their coasts and borders as lines
  L.geoJSON(base.countries, { ...fixed, style: { stroke: false, fillColor: "#ffffff", fillOpacity: 0.06 } }).addTo(map);
  L.geoJSON(outlines(base.countries, [data.relief_bounds]), {
    ...fixed,
    style: { color: c.coast, weight: 0.9, fill: false },
  }).addTo(map);
  L.geoJSON(base.rivers, { ...fixed, style: { color: c.river, opacity: 0.85, weight: 2 } }).addTo(map);
  L.geoJSON(base.border, {
    ...fixed,
    style: function (f) {
      return { color: c.border, weight: 2.4, dashArray: f.properties.section === "paektu" ? "7 5" : null };
    },
  }).addTo(map);
  L.geoJSON(base.parallel, { ...fixed, style: { color: "#3b3b3b", weight: 1.6, dashArray: "2 4" } }).addTo(map);
  // the places: a dot and a name, in the main map's markup (.pl, .dot, .nm), which TM.declutterLabels reads.
  // Rank 3 shows only when the view is close enough for it (class_map.css): `tm-class-near`
  const labels = L.layerGroup().addTo(map);
  base.places.forEach(function (p) {
    const box = document.createElement("div");
    box.className = "pl pl-r" + p.rank + (p.left ? " pl-left" : "");
    box.dataset.rank = p.rank;
    box.dataset.name = p.name;
    const dot = document.createElement("span");
    dot.className = "dot";
    const name = document.createElement("span");
    name.className = "nm";
    const native = data.lang && p.names && p.names[data.lang];
    name.textContent = native || p.name;
    if (native) {
      name.lang = data.lang; // the reader's script (its glyph forms); the romanized name beside it, for a tooltip
      box.title = p.name;
    }
    if (p.left) {
      box.append(name, dot);
    } else {
      box.append(dot, name);
    }
    // no size: the box is placed by its CSS, so that its dot's centre is the place at any font size
    const icon = L.divIcon({ html: box, className: "tm-class-label", iconSize: null, iconAnchor: [0, 0] });
    L.marker([p.lat, p.lon], { ...fixed, icon: icon, keyboard: false }).addTo(labels);
  });
  const container = map.getContainer();
  function near() {
    container.classList.toggle("tm-class-near", map.getZoom() >= 7);
  }
  map.on("zoomend", near);
  near();
  TM.declutterLabels(map, labels);
};
