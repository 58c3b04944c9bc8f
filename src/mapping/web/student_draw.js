// Drawing a reading on the student's map (web/student.js calls it; web/student_map.js makes the map) with
// Leaflet-Geoman's drawing modes, driven by the page's own labelled buttons (Draw, Undo the last corner, Finish,
// Start again). Geoman's toolbar is never added: nothing covers the task's place, and no tap near a tool can
// switch the drawing off. A tap near the first corner (an area) or on the last point again (a line) finishes the
// shape, as Finish does; two quick taps are two corners (no double-tap zoom). The reading is every shape kept plus
// what the places chosen without a pointer make (web/student_places.js, setExtra), as one Multi- geometry of the
// task's kind, or null. The guide says in words what to do next; each corner is announced (opts.say).
window.TM = window.TM || {};
(function () {
  const NEAR = 24; // px: a tap this close to the first corner (the last point of a line) finishes the shape
  const KINDS = {
    Polygon: { shape: "Polygon", min: 3, one: "area", many: "areas", vertex: "corner", vertices: "corners" },
    LineString: { shape: "Line", min: 2, one: "line", many: "lines", vertex: "point", vertices: "points" },
    Point: { shape: "Marker", min: 1, one: "place", many: "places", vertex: "place", vertices: "places" },
  };
  Object.assign(KINDS.Polygon, { draw: "Draw an area", again: "Draw another area", undo: "Undo the last corner" });
  Object.assign(KINDS.LineString, { draw: "Draw a line", again: "Draw another line", undo: "Undo the last point" });
  Object.assign(KINDS.Point, { draw: "Mark places", again: "Mark more places", undo: "Undo the last place" });
  TM.studentKinds = KINDS;
  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }
  TM.studentCount = count;

  // opts: {kind, maxParts, mine (a stored geometry or null), onChange(), onClear(), say(text)}
  TM.studentDraw = function (m, opts) {
    const map = m.map;
    const K = KINDS[opts.kind];
    const tap = window.matchMedia("(pointer: coarse)").matches ? "tap" : "click";
    const Tap = tap[0].toUpperCase() + tap.slice(1);
    const kept = L.featureGroup().addTo(map); // the shapes kept: the stored reading's, then those drawn
    const chosen = L.featureGroup().addTo(map); // the shape of the places chosen without a pointer
    let extra = [];
    let working = null;
    let allowed = true;
    const pointIcon = L.divIcon({ className: "tm-s-point", iconSize: [22, 22] });
    L.Marker.mergeOptions({ keyboard: false }); // Geoman's corners: no tab stop without a name
    map.pm.setGlobalOptions({ snappable: false, layerGroup: kept });
    function point(_f, latlng) {
      return L.marker(latlng, { icon: pointIcon, interactive: false, pmIgnore: true });
    }
    if (opts.mine && opts.mine.coordinates) {
      const multi = opts.mine.type.startsWith("Multi");
      (multi ? opts.mine.coordinates : [opts.mine.coordinates]).forEach(function (c) {
        L.geoJSON({ type: opts.kind, coordinates: c }, { style: TM.studentMine, pointToLayer: point, pmIgnore: true })
          .getLayers()
          .forEach(function (l) {
            kept.addLayer(l);
          });
      });
    }
    function tool() {
      return map.pm.Draw[K.shape];
    }
    function drawing() {
      return map.pm.globalDrawModeEnabled();
    }
    function vertices() {
      return drawing() && working && typeof working.getLatLngs === "function" ? working.getLatLngs().length : 0;
    }
    function own() {
      const out = [];
      kept.eachLayer(function (l) {
        const g = l.toGeoJSON(6).geometry;
        if (g.type === opts.kind) {
          out.push(g.coordinates);
        } else if (g.type === "Multi" + opts.kind) {
          g.coordinates.forEach(function (c) {
            out.push(c);
          });
        }
      });
      return out;
    }
    function total() {
      return own().length + extra.length;
    }
    function start() {
      if (!allowed || drawing() || total() >= opts.maxParts) {
        return;
      }
      map.pm.enableDraw(K.shape, {
        tooltips: false,
        snappable: false,
        continueDrawing: opts.kind === "Point",
        finishOn: null,
        templineStyle: { color: "#000", weight: 3 },
        hintlineStyle: { color: "#000", weight: 2, dashArray: "4 6" },
        pathOptions: TM.studentMine,
        markerStyle: { icon: pointIcon, draggable: false },
        markerEditable: false,
      });
    }
    // the corner to tap to finish, drawn large: an area's first corner, a line's last point
    function mark() {
      const markers = (drawing() && tool()._markers) || [];
      markers.forEach(function (mk, i) {
        const e = mk.getElement();
        if (e) {
          e.classList.toggle("tm-s-first", opts.kind === "Polygon" ? i === 0 : i === markers.length - 1);
        }
      });
    }
    function added() {
      mark();
      const pts = working.getLatLngs();
      const n = pts.length;
      if (n > K.min) {
        const last = map.latLngToContainerPoint(pts[n - 1]);
        const goal = map.latLngToContainerPoint(opts.kind === "Polygon" ? pts[0] : pts[n - 2]);
        if (last.distanceTo(goal) < NEAR) {
          setTimeout(function () {
            if (vertices() === n) {
              tool()._removeLastVertex();
              tool()._finishShape();
            }
          }, 0);
          return;
        }
      }
      opts.say(K.vertex[0].toUpperCase() + K.vertex.slice(1) + " " + n + " placed.");
      opts.onChange();
    }
    map.on("pm:drawstart", function (e) {
      working = e.workingLayer;
      if (working && typeof working.getLatLngs === "function") {
        working.on("pm:vertexadded", added);
      }
      opts.onChange();
    });
    map.on("pm:drawend", function () {
      working = null;
      opts.onChange();
    });
    map.on("pm:create", function (e) {
      if (e.layer.setStyle) {
        e.layer.setStyle(TM.studentMine);
      }
      const n = total();
      if (opts.kind === "Point") {
        opts.say(count(n, "place", "places") + " marked.");
        if (n >= opts.maxParts) {
          setTimeout(function () {
            map.pm.disableDraw();
          }, 0);
        }
      } else {
        opts.say("Your " + K.one + " is drawn.");
      }
      opts.onChange();
    });
    function undo() {
      if (opts.kind === "Point") {
        const layers = kept.getLayers();
        if (layers.length) {
          kept.removeLayer(layers[layers.length - 1]);
          opts.say("The last place is removed: " + count(total(), "place", "places") + " marked.");
        }
      } else {
        const n = vertices();
        if (!n) {
          return;
        }
        if (n === 1) {
          map.pm.disableDraw(); // Geoman would switch the drawing off: start the same shape afresh
          start();
        } else {
          tool()._removeLastVertex();
          mark();
        }
        opts.say("The last " + K.vertex + " is removed: " + count(n - 1, K.vertex, K.vertices) + " left.");
      }
      opts.onChange();
    }
    // the shape being drawn, finished if it can be: false when it has too few corners
    function finish() {
      if (vertices() && vertices() < K.min) {
        return false;
      }
      if (vertices()) {
        tool()._finishShape();
      } else {
        map.pm.disableDraw();
      }
      opts.onChange();
      return true;
    }
    function setExtra(parts) {
      extra = parts;
      chosen.clearLayers();
      if (parts.length) {
        const g = { type: "Multi" + opts.kind, coordinates: parts };
        L.geoJSON(g, { style: TM.studentMine, pointToLayer: point, pmIgnore: true, interactive: false }).addTo(chosen);
      }
      opts.onChange();
    }
    function clear() {
      map.pm.disableDraw();
      kept.clearLayers();
      opts.onClear();
      setExtra([]);
      start();
      opts.say("Your drawing is cleared.");
      opts.onChange();
    }
    function state() {
      return { drawing: drawing(), vertices: vertices(), parts: total(), own: own().length, max: opts.maxParts };
    }
    // what to do next, in two lines at most on a phone: the map under it never moves while the student draws
    function guide() {
      const s = state();
      const what = s.parts === 1 ? "Your " + K.one + " is" : "Your " + K.many + " are";
      if (opts.kind === "Point") {
        if (s.drawing) {
          return Tap + " each place you mean (" + s.parts + " of at most " + s.max + "), then press Finish.";
        }
        return s.parts ? what + " marked. Now say why, below, and send it." : "Press " + K.draw + ".";
      }
      if (s.drawing && !s.vertices) {
        return Tap + " the first " + K.vertex + " of your " + K.one + " on the map.";
      }
      if (s.drawing && s.vertices < K.min) {
        return count(s.vertices, K.vertex, K.vertices) + " so far: " + tap + " the next one.";
      }
      if (s.drawing) {
        const which = opts.kind === "Polygon" ? "the first again to close" : "the last again to end";
        return count(s.vertices, K.vertex, K.vertices) + ": " + tap + " the next, or " + which + " (or Finish).";
      }
      if (!s.parts) {
        return "Press " + K.draw + ", or choose places below the map.";
      }
      const full = s.parts < s.max ? "" : " (" + s.max + ", the most a reading holds)";
      return what + " drawn" + full + ". Now say why, below, and send it.";
    }
    return {
      kind: K,
      start: start,
      undo: undo,
      finish: finish,
      clear: clear,
      setExtra: setExtra,
      state: state,
      guide: guide,
      own: function () {
        return own().length;
      },
      allow: function (yes) {
        allowed = yes;
        if (!yes) {
          map.pm.disableDraw();
        }
      },
      geometry: function () {
        const parts = own().concat(extra);
        return parts.length ? { type: "Multi" + opts.kind, coordinates: parts } : null;
      },
    };
  };
})();
