// A class's map, as a Streamlit components-v2 module (web/loader.js, declutter.js, data_layer.js,
// class_base.js and class_legend.js in front: app/classview.py): the main map's base (TM.classBase), and
// never the map's own reading of the words until the teacher reveals it. It opens on `view` (the task's place).
// The teacher's screen (a student draws on the light page, web/student*.js): `layers` drawn by kind, in the
// order of ORDER whatever the list's, redrawn when `version` changes, with a legend of the kinds shown. With reduced motion
// asked for, nothing zooms or fades. Vendored files only (static/vendor): nothing is fetched from elsewhere.

const maps = new WeakMap();
// the draw order, bottom to top: the class's shading, its routes and places, the map's possible and core
// bands as strong outlines above the class's shading (a projector carries them), where half the class
// agrees, then a student's own reading and the one reading the teacher shows the class
const ORDER = ["shading", "readings", "clusters", "possible", "core", "majority", "one"];
const PURPLE = "#5b3a8c";
const DARK = "#2d1b4e";
// each kind's words in the legend, in the page's language (TM.t: the strings the component brings, data.strings)
function legendWords() {
  return {
    shading: TM.t("The class: darker where more readings agree"),
    readings: TM.t("The class's routes: darker where they overlap"),
    clusters: TM.t("Places the class marked (how many students)"),
    possible: TM.t("The map's possible band"),
    core: TM.t("The map's core reading"),
    majority: TM.t("At least half the class"),
    one: TM.t("One reading"),
  };
}
const STYLES = {
  shading: function (f) {
    return { stroke: false, fillColor: PURPLE, fillOpacity: 0.12 + 0.63 * f.properties.share };
  },
  readings: function () {
    return { color: PURPLE, weight: 3, opacity: 0.6, fillOpacity: 0.1 };
  },
  clusters: function () {
    return { color: DARK, fillColor: PURPLE };
  },
  possible: function (_f, color) {
    return { color: color, weight: 3.5, opacity: 1, dashArray: "12 7", fill: false };
  },
  core: function (_f, color) {
    return { color: color, weight: 4, opacity: 1, fillColor: color, fillOpacity: 0.18 };
  },
  majority: function () {
    return { color: DARK, weight: 3.5, opacity: 1, fill: false };
  },
  one: function () {
    return { color: "#000", weight: 4.5, opacity: 1, fill: false };
  },
};
// a white line under the outline, as wide as HALO says more: it carries the outline over any colour below
const HALO = { possible: 3, core: 4, majority: 3, one: 4.5 };

function point(spec, f, latlng) {
  if (spec.kind === "clusters") {
    // a place the class marked: larger as more students marked it, with their number
    const n = f.properties.readings;
    return L.circleMarker(latlng, {
      radius: 7 + 4 * Math.sqrt(n),
      color: DARK,
      weight: 2,
      fillColor: PURPLE,
      fillOpacity: 0.45,
    }).bindTooltip(String(n), { permanent: true, direction: "center", className: "tm-class-count" });
  }
  // a reading's own places: black rings above the place names (pane tmTop), the place's dot seen inside
  if (spec.kind === "one") {
    return L.circleMarker(latlng, { pane: "tmTop", radius: 12, color: "#000", weight: 4.5, fill: false });
  }
  const color = spec.color || PURPLE;
  return L.circleMarker(latlng, { radius: 8, color: "#fff", weight: 2.5, fillColor: color, fillOpacity: 0.95 });
}

function rank(spec) {
  const i = ORDER.indexOf(spec.kind);
  return i < 0 ? ORDER.length : i;
}

// a layer with something to draw: an empty one (C5 has no possible band) is neither drawn nor in the legend
function drawn(spec) {
  const g = spec.geojson;
  return Boolean(g) && !(g.features && !g.features.length) && !(g.geometries && !g.geometries.length);
}

function drawLayers(m, layers) {
  m.overlay.clearLayers();
  const specs = layers
    .filter(drawn)
    .map(function (spec, i) {
      return { spec: spec, i: i };
    })
    .sort(function (a, b) {
      return rank(a.spec) - rank(b.spec) || a.i - b.i;
    })
    .map(function (x) {
      return x.spec;
    });
  const fixed = { interactive: false, pmIgnore: true };
  specs.forEach(function (spec) {
    const style = STYLES[spec.kind] || STYLES.readings;
    if (HALO[spec.kind]) {
      L.geoJSON(spec.geojson, {
        ...fixed,
        filter: function (f) {
          return !/Point/.test((f.geometry || f).type);
        },
        style: function (f) {
          const s = style(f, spec.color);
          return { color: "#fff", weight: s.weight + HALO[spec.kind], opacity: 0.9, fill: false };
        },
      }).addTo(m.overlay);
    }
    L.geoJSON(spec.geojson, {
      ...fixed,
      style: function (f) {
        return style(f, spec.color);
      },
      pointToLayer: function (f, latlng) {
        return point(spec, f, latlng);
      },
    }).addTo(m.overlay);
  });
  const seen = new Set();
  const words = legendWords();
  m.legend(
    specs
      .filter(function (spec) {
        const fresh = words[spec.kind] && !seen.has(spec.kind);
        seen.add(spec.kind);
        return fresh;
      })
      .map(function (spec) {
        return { kind: spec.kind, color: spec.color, label: (spec.kind === "one" && spec.label) || words[spec.kind] };
      }),
  );
}

// the first view: the task's place (`view`), clear of the controls at the map's edges. Framed again after the
// layers change the legend, or the map its size, until the viewer moves the map themselves
function frame(m) {
  if (m.moved) {
    return;
  }
  let below = 0; // the legend and the credits
  m.map
    .getContainer()
    .querySelectorAll(".leaflet-bottom .leaflet-control")
    .forEach(function (c) {
      below = Math.max(below, c.offsetHeight);
    });
  m.framing = true;
  m.map.fitBounds(m.view, { paddingTopLeft: [48, 12], paddingBottomRight: [12, 12 + below], animate: false });
  m.framing = false;
}

async function mount(host, data, m) {
  if (data.strings) {
    TM.addStrings(data.strings); // the legend's and the base's words, in the teacher's language
  }
  TM.loadCss(data.vendor + "leaflet/leaflet.css");
  await TM.loadScript(data.vendor + "leaflet/leaflet.js", true);
  const box = host.querySelector(".tm-class-map");
  box.classList.add("tm-class-" + data.mode);
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const map = L.map(box, {
    minZoom: 5,
    maxZoom: 10,
    zoomSnap: 0.25, // the task's place framed closely; the buttons still zoom by whole steps
    maxBounds: data.bounds,
    maxBoundsViscosity: 1,
    zoomAnimation: !still,
    fadeAnimation: !still,
    markerZoomAnimation: !still,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.credits);
  m.map = map;
  m.view = data.view;
  m.legend = TM.classLegend(map);
  frame(m);
  map.on("movestart", function () {
    m.moved = m.moved || !m.framing;
  });
  map.on("resize", function () {
    frame(m);
  });
  const base = await fetch(data.base_url).then(function (r) {
    return r.json();
  });
  TM.classBase(map, base, data);
  m.overlay = L.layerGroup().addTo(map);
  map.createPane("tmTop").style.zIndex = 640; // above the place names (600), below the counts (650)
  map.getPane("tmTop").style.pointerEvents = "none";
  box.setAttribute("aria-label", data.label);
}

export default function (component) {
  const { parentElement, data } = component;
  let m = maps.get(parentElement);
  if (!m) {
    m = { map: null, overlay: null, version: null };
    maps.set(parentElement, m);
    m.ready = mount(parentElement, data, m).catch(function (err) {
      parentElement.querySelector(".tm-class-map").textContent = TM.t("The map could not be loaded: {error}", {
        error: err.message,
      });
    });
  }
  m.ready.then(function () {
    if (m.map && data.version !== m.version) {
      m.version = data.version;
      drawLayers(m, data.layers || []);
      // one reading shown to the class: framed with the task's place, whatever the viewer did before
      const one = (data.layers || []).find(function (l) {
        return l.kind === "one";
      });
      if (Boolean(one) !== Boolean(m.one)) {
        m.moved = false;
      }
      m.one = one;
      m.view = one ? L.latLngBounds(data.view).extend(L.geoJSON(one.geojson).getBounds()) : data.view;
      frame(m);
    }
  });
}
