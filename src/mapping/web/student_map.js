// The light student page's map (web/student.js builds the page; web/student_draw.js draws on this map): the class
// map's base (TM.classBase, web/class_base.js) in a Leaflet map framed on the task's place (`view`), and nothing
// over that place: no Geoman toolbar, the credits and the legend under the map rather than on it, and the zoom
// buttons (44 px) put beside or above the place, whichever leaves it larger. Without motion when reduced motion
// is asked for. Also the page's one helper for building elements, TM.studentEl.
window.TM = window.TM || {};
(function () {
  // an element: props are attributes ("text" its text, "class" its class, "on..." a listener), kids appended
  TM.studentEl = function (tag, props, kids) {
    const node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      const v = props[k];
      if (v === null || v === undefined || v === false) {
        return;
      }
      if (k === "text") {
        node.textContent = v;
      } else if (k === "class") {
        node.className = v;
      } else if (k.startsWith("on")) {
        node.addEventListener(k.slice(2), v);
      } else {
        node.setAttribute(k, v === true ? "" : String(v));
      }
    });
    (kids || []).forEach(function (kid) {
      if (kid) {
        node.append(kid);
      }
    });
    return node;
  };
  TM.studentStill = function () {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  };

  let baseData = null; // the base geography, fetched once for the page (and again only after a failure)
  function base(url) {
    if (!baseData) {
      baseData = fetch(url).then(function (r) {
        if (!r.ok) {
          throw new Error("the map's geography could not be loaded");
        }
        return r.json();
      });
      baseData.catch(function () {
        baseData = null;
      });
    }
    return baseData;
  }
  TM.studentPreload = base;

  // the view: `view` (and what `extend` adds), as large as the map allows with the zoom buttons off it: beside
  // the place or above it, whichever leaves it larger. Returns the place's height in px with the padding
  function frame(m, measure) {
    const map = m.map;
    const c = m.zoom.getContainer();
    const w = c.offsetWidth + 14;
    const h = c.offsetHeight + 14;
    const beside = { paddingTopLeft: [6, 6], paddingBottomRight: [w, 6] };
    const above = { paddingTopLeft: [6, h], paddingBottomRight: [6, 6] };
    const zBeside = map.getBoundsZoom(m.view, false, L.point(w + 6, 12));
    const zAbove = map.getBoundsZoom(m.view, false, L.point(12, h + 6));
    const best = zAbove >= zBeside ? above : beside;
    if (measure) {
      const z = Math.max(zAbove, zBeside);
      const tall = map.project(m.view.getSouthWest(), z).y - map.project(m.view.getNorthEast(), z).y;
      return tall + best.paddingTopLeft[1] + best.paddingBottomRight[1];
    }
    if (m.moved || !map.getSize().x) {
      return 0;
    }
    m.framing = true;
    map.fitBounds(m.view, Object.assign(best, { animate: false }));
    m.framing = false;
    return 0;
  }
  // a place wider than the map is tall (a phone upright) leaves bands of map above and below it: the map is made
  // no taller than the place needs (300 px at least), so that the place fills most of it
  function fit(m) {
    const box = m.map.getContainer();
    box.style.height = "";
    m.map.invalidateSize({ pan: false });
    const need = Math.ceil(frame(m, true)) + 8;
    if (need < box.clientHeight) {
      box.style.height = Math.max(300, need) + "px";
      m.map.invalidateSize({ pan: false });
    }
    frame(m);
  }

  // a map in `box` (in the page and sized), framed on `view`; resolves to {map, frame(), ...} once its base is drawn
  TM.studentMap = function (box, mapData, view, label) {
    // Geoman must patch Leaflet before a map is made: it loads while the student reads and joins (student.js)
    return (TM.geomanReady || Promise.resolve()).then(function () {
      return made(box, mapData, view, label);
    });
  };
  function made(box, mapData, view, label) {
    const still = TM.studentStill();
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
    const map = L.map(box, {
      minZoom: 5,
      maxZoom: 10,
      zoomSnap: 0.25, // the task's place framed closely; the buttons still zoom by whole steps
      maxBounds: mapData.bounds,
      maxBoundsViscosity: 1,
      zoomControl: false,
      attributionControl: false, // the credits are a line under the map (student.js), not over the place
      doubleClickZoom: false, // two quick taps are two corners, never a zoom
      zoomAnimation: !still,
      fadeAnimation: !still,
      markerZoomAnimation: !still,
      inertia: !still,
    });
    const m = { map: map, view: L.latLngBounds(view), moved: false, framing: false };
    map.setView(m.view.getCenter(), 5, { animate: false }); // a map with a view measures its size anew when asked
    m.zoom = L.control.zoom({ position: "topright" }).addTo(map);
    m.frame = function (extend) {
      if (extend) {
        m.view = L.latLngBounds(view).extend(extend);
        m.moved = false;
      }
      fit(m);
    };
    fit(m);
    window.addEventListener("resize", function () {
      if (!m.moved && map.getContainer().isConnected) {
        fit(m);
      }
    });
    map.on("movestart", function () {
      m.moved = m.moved || !m.framing;
    });
    map.on("resize", function () {
      frame(m);
    });
    map.createPane("tmTop").style.zIndex = 640; // a reading's places: above the place names (600)
    map.getPane("tmTop").style.pointerEvents = "none";
    return base(mapData.base_url).then(function (geography) {
      TM.classBase(map, geography, Object.assign({ lang: TM.lang }, mapData)); // names in the page's script
      return m;
    });
  }

  // the reveal's layers, bottom to top: the map's possible band, its core band, then the student's own reading,
  // each over a white halo (as on the class's map, web/class_map.js). Returns the legend's entries
  const ORDER = ["possible", "core", "mine"];
  const STYLES = {
    possible: function (color) {
      return { color: color, weight: 3.5, opacity: 1, dashArray: "12 7", fill: false };
    },
    core: function (color) {
      return { color: color, weight: 4, opacity: 1, fillColor: color, fillOpacity: 0.18 };
    },
    mine: function () {
      return { color: "#000", weight: 3, opacity: 1, fillColor: "#000", fillOpacity: 0.12 };
    },
  };
  const HALO = { possible: 3, core: 4, mine: 3 };
  TM.studentMine = STYLES.mine();
  function empty(g) {
    return !g || (g.features && !g.features.length) || (g.geometries && !g.geometries.length);
  }
  TM.studentLayers = function (m, layers, words) {
    const fixed = { interactive: false, pmIgnore: true };
    const shown = layers
      .filter(function (l) {
        return STYLES[l.kind] && !empty(l.geojson);
      })
      .sort(function (a, b) {
        return ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind);
      });
    shown.forEach(function (l) {
      const style = STYLES[l.kind](l.color || "#444");
      L.geoJSON(l.geojson, {
        ...fixed,
        filter: function (f) {
          return !/Point/.test((f.geometry || f).type);
        },
        style: function () {
          return { color: "#fff", weight: style.weight + HALO[l.kind], opacity: 0.9, fill: false };
        },
      }).addTo(m.map);
      L.geoJSON(l.geojson, {
        ...fixed,
        style: function () {
          return style;
        },
        pointToLayer: function (_f, latlng) {
          if (l.kind === "mine") {
            return L.circleMarker(latlng, {
              ...fixed,
              pane: "tmTop",
              radius: 9,
              color: "#000",
              weight: 3,
              fill: false,
            });
          }
          return L.circleMarker(latlng, {
            ...fixed,
            radius: 8,
            color: "#fff",
            weight: 2.5,
            fillColor: style.color,
            fillOpacity: 0.95,
          });
        },
      }).addTo(m.map);
    });
    return shown
      .slice()
      .reverse()
      .map(function (l) {
        return { kind: l.kind, color: l.color, label: words[l.kind] };
      });
  };
})();
