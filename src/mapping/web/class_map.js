// A class's map, as a Streamlit components-v2 module (web/loader.js in front): the relief, the coasts and
// borders and the 1950 places, and never the map's own reading of the words until the teacher reveals it.
// mode "draw" (a student): Leaflet-Geoman's tools for the task's kind only (an area, points or a line);
// each change comes back to Python as the state value "drawing" (a Multi- GeoJSON geometry, or null).
// mode "view" (the teacher's screen, a student's result): `layers` drawn by kind, redrawn when `version`
// changes. Vendored files only (static/vendor): nothing is fetched from outside the server.

const maps = new WeakMap();
const KIND = { Polygon: "drawPolygon", Point: "drawMarker", LineString: "drawPolyline" };

function baseLayers(map, base) {
  // pmIgnore: the geography is never a shape a student can edit, move or remove
  const fixed = { interactive: false, pmIgnore: true };
  L.geoJSON(base.countries, { ...fixed, style: { color: "#5e5e5e", weight: 0.8, fill: false } }).addTo(map);
  L.geoJSON(base.border, { ...fixed, style: { color: "#2b2b2b", weight: 2 } }).addTo(map);
  L.geoJSON(base.parallel, { ...fixed, style: { color: "#3b3b3b", weight: 1.4, dashArray: "2 4" } }).addTo(map);
  base.places.forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { ...fixed, radius: 3, color: "#111", weight: 1, fillOpacity: 1 })
      .bindTooltip(p.name, {
        permanent: true,
        direction: p.left ? "left" : "right",
        className: "tm-class-place",
        offset: [p.left ? -4 : 4, 0],
      })
      .addTo(map);
  });
}

// every shape the student drew (and kept), as one Multi- geometry of the task's kind
function drawing(mine, kind) {
  const parts = [];
  mine.eachLayer(function (l) {
    const g = l.toGeoJSON().geometry;
    if (g.type === kind) {
      parts.push(g.coordinates);
    } else if (g.type === "Multi" + kind) {
      g.coordinates.forEach(function (c) {
        parts.push(c);
      });
    }
  });
  return parts.length ? { type: "Multi" + kind, coordinates: parts } : null;
}

function setUpDrawing(m, data) {
  const map = m.map;
  const controls = { position: "topleft", drawCircle: false, drawCircleMarker: false, drawRectangle: false };
  Object.assign(controls, { drawText: false, cutPolygon: false, rotateMode: false, drawPolygon: false });
  Object.assign(controls, { drawMarker: false, drawPolyline: false });
  controls[KIND[data.kind]] = true;
  map.pm.addControls(controls);
  // Geoman names its tools only in the title of the box around each button: name the buttons themselves
  map
    .getContainer()
    .querySelectorAll(".leaflet-pm-toolbar .button-container[title]")
    .forEach(function (box) {
      const button = box.querySelector("[role=button]");
      if (button) {
        button.setAttribute("aria-label", box.getAttribute("title"));
      }
    });
  map.pm.setGlobalOptions({ continueDrawing: false, snappable: false });
  const mine = L.featureGroup(); // the student's own shapes: a reading to revise, then what they draw
  const report = function () {
    m.setState("drawing", drawing(mine, data.kind));
  };
  const keep = function (l) {
    mine.addLayer(l);
    l.on("pm:edit pm:dragend", report);
  };
  if (data.mine) {
    L.geoJSON(data.mine).eachLayer(function (l) {
      l.addTo(map);
      keep(l);
    });
  }
  map.on("pm:create", function (e) {
    keep(e.layer);
    report();
  });
  map.on("pm:remove", function (e) {
    mine.removeLayer(e.layer);
    report();
  });
}

const STYLES = {
  shading: function (f) {
    return { stroke: false, fillColor: "#5b3a8c", fillOpacity: 0.12 + 0.63 * f.properties.share };
  },
  majority: function () {
    return { color: "#2d1b4e", weight: 3, fill: false };
  },
  core: function (_f, color) {
    return { color: color, weight: 2, fillColor: color, fillOpacity: 0.3 };
  },
  possible: function (_f, color) {
    return { color: color, weight: 2, dashArray: "10 6", fill: false };
  },
  mine: function () {
    // black: no layer of the map is drawn in it, so a student's own shape never looks like the map's
    return { color: "#000", weight: 3, fillColor: "#000", fillOpacity: 0.12 };
  },
  clusters: function () {
    return { color: "#2d1b4e", fillColor: "#5b3a8c" };
  },
  readings: function () {
    return { color: "#5b3a8c", weight: 2, opacity: 0.6, fillOpacity: 0.1 };
  },
};

function drawLayers(m, layers) {
  m.overlay.clearLayers();
  layers.forEach(function (spec) {
    L.geoJSON(spec.geojson, {
      interactive: false,
      pmIgnore: true,
      style: function (f) {
        return STYLES[spec.kind](f, spec.color);
      },
      pointToLayer: function (f, latlng) {
        if (spec.kind === "clusters") {
          // a place the class marked: larger as more students marked it, with their number
          const n = f.properties.readings;
          return L.circleMarker(latlng, {
            radius: 7 + 4 * Math.sqrt(n),
            color: "#2d1b4e",
            weight: 2,
            fillOpacity: 0.45,
          }).bindTooltip(String(n), { permanent: true, direction: "center", className: "tm-class-count" });
        }
        return L.circleMarker(latlng, { radius: 6, color: spec.color || "#5b3a8c", weight: 2, fillOpacity: 0.5 });
      },
    }).addTo(m.overlay);
  });
}

async function mount(host, data, m) {
  TM.loadCss(data.vendor + "leaflet/leaflet.css");
  await TM.loadScript(data.vendor + "leaflet/leaflet.js", true);
  if (data.mode === "draw") {
    TM.loadCss(data.vendor + "geoman/leaflet-geoman.css");
    await TM.loadScript(data.vendor + "geoman/leaflet-geoman.min.js", true);
  }
  const box = host.querySelector(".tm-class-map");
  const map = L.map(box, { minZoom: 5, maxZoom: 10, maxBounds: data.bounds, maxBoundsViscosity: 1 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.credits);
  map.fitBounds(data.view);
  L.imageOverlay(data.relief_url, data.relief_bounds, { interactive: false, pmIgnore: true }).addTo(map);
  const base = await fetch(data.base_url).then(function (r) {
    return r.json();
  });
  baseLayers(map, base);
  m.map = map;
  m.overlay = L.layerGroup().addTo(map);
  box.setAttribute("aria-label", data.label);
  if (data.mode === "draw") {
    setUpDrawing(m, data);
  }
}

export default function (component) {
  const { parentElement, data, setStateValue } = component;
  let m = maps.get(parentElement);
  if (!m) {
    m = { map: null, overlay: null, version: null, setState: setStateValue };
    maps.set(parentElement, m);
    m.ready = mount(parentElement, data, m).catch(function (err) {
      parentElement.querySelector(".tm-class-map").textContent = "The map could not be loaded: " + err.message;
    });
  }
  m.setState = setStateValue;
  m.ready.then(function () {
    if (m.map && data.version !== m.version) {
      m.version = data.version;
      drawLayers(m, data.layers || []);
    }
  });
}
