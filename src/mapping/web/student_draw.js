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
  // each kind's words: whole sentences, so that a language orders them its own way (web/i18n.js: TM.t, TM.tn)
  const KINDS = {
    Polygon: { shape: "Polygon", min: 3 },
    LineString: { shape: "Line", min: 2 },
    Point: { shape: "Marker", min: 1 },
  };
  Object.assign(KINDS.Polygon, {
    draw: TM.t("Draw an area"),
    again: TM.t("Draw another area"),
    undo: TM.t("Undo the last corner"),
    short: TM.t("Your area needs at least 3 corners, or press Start again."),
    unfinished: TM.t("Finish your area first: it needs at least 3 corners."),
    drawn: TM.t("Your area is drawn."),
    first: (Tap) => TM.t("{Tap} the first corner of your area on the map.", { Tap: Tap }),
    placed: (n) => TM.t("Corner {n} placed.", { n: n }),
    removed: (n) =>
      TM.tn("The last corner is removed: {n} corner left.", "The last corner is removed: {n} corners left.", n),
    sofar: (n, tap) =>
      TM.tn("{n} corner so far: {tap} the next one.", "{n} corners so far: {tap} the next one.", n, { tap: tap }),
    going: (n, tap) =>
      TM.tn(
        "{n} corner: {tap} the next, or the first again to close (or Finish).",
        "{n} corners: {tap} the next, or the first again to close (or Finish).",
        n,
        { tap: tap },
      ),
    has: (n, max) =>
      TM.tn(
        "Your reading has {n} area; one reading holds at most {max}. Press Start again.",
        "Your reading has {n} areas; one reading holds at most {max}. Press Start again.",
        n,
        { max: max },
      ),
    done: (n) =>
      TM.tn(
        "Your area is drawn. Now say why, below, and send it.",
        "Your areas are drawn. Now say why, below, and send it.",
        n,
      ),
    full: (max) =>
      TM.t("Your areas are drawn ({max}, the most a reading holds). Now say why, below, and send it.", { max: max }),
  });
  Object.assign(KINDS.LineString, {
    draw: TM.t("Draw a line"),
    again: TM.t("Draw another line"),
    undo: TM.t("Undo the last point"),
    short: TM.t("Your line needs at least 2 points, or press Start again."),
    unfinished: TM.t("Finish your line first: it needs at least 2 points."),
    drawn: TM.t("Your line is drawn."),
    first: (Tap) => TM.t("{Tap} the first point of your line on the map.", { Tap: Tap }),
    placed: (n) => TM.t("Point {n} placed.", { n: n }),
    removed: (n) =>
      TM.tn("The last point is removed: {n} point left.", "The last point is removed: {n} points left.", n),
    sofar: (n, tap) =>
      TM.tn("{n} point so far: {tap} the next one.", "{n} points so far: {tap} the next one.", n, { tap: tap }),
    going: (n, tap) =>
      TM.tn(
        "{n} point: {tap} the next, or the last again to end (or Finish).",
        "{n} points: {tap} the next, or the last again to end (or Finish).",
        n,
        { tap: tap },
      ),
    has: (n, max) =>
      TM.tn(
        "Your reading has {n} line; one reading holds at most {max}. Press Start again.",
        "Your reading has {n} lines; one reading holds at most {max}. Press Start again.",
        n,
        { max: max },
      ),
    done: (n) =>
      TM.tn(
        "Your line is drawn. Now say why, below, and send it.",
        "Your lines are drawn. Now say why, below, and send it.",
        n,
      ),
    full: (max) =>
      TM.t("Your lines are drawn ({max}, the most a reading holds). Now say why, below, and send it.", { max: max }),
  });
  Object.assign(KINDS.Point, {
    draw: TM.t("Mark places"),
    again: TM.t("Mark more places"),
    undo: TM.t("Undo the last place"),
    short: TM.t("Mark at least one place, or press Start again."),
    unfinished: TM.t("Mark at least one place first."),
    has: (n, max) =>
      TM.tn(
        "Your reading has {n} place; one reading holds at most {max}. Press Start again.",
        "Your reading has {n} places; one reading holds at most {max}. Press Start again.",
        n,
        { max: max },
      ),
  });
  TM.studentKinds = KINDS;

  // opts: {kind, maxParts, mine (a stored geometry or null), onChange(), onClear(), say(text)}
  TM.studentDraw = function (m, opts) {
    const map = m.map;
    const K = KINDS[opts.kind];
    const coarse = window.matchMedia("(pointer: coarse)").matches;
    const tap = coarse ? TM.t("tap") : TM.t("click");
    const Tap = coarse ? TM.t("Tap") : TM.t("Click");
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
      opts.say(K.placed(n));
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
        opts.say(TM.tn("{n} place marked.", "{n} places marked.", n));
        if (n >= opts.maxParts) {
          setTimeout(function () {
            map.pm.disableDraw();
          }, 0);
        }
      } else {
        opts.say(K.drawn);
      }
      opts.onChange();
    });
    function undo() {
      if (opts.kind === "Point") {
        const layers = kept.getLayers();
        if (layers.length) {
          kept.removeLayer(layers[layers.length - 1]);
          const n = total();
          opts.say(
            TM.tn("The last place is removed: {n} place marked.", "The last place is removed: {n} places marked.", n),
          );
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
        opts.say(K.removed(n - 1));
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
      opts.say(TM.t("Your drawing is cleared."));
      opts.onChange();
    }
    function state() {
      return { drawing: drawing(), vertices: vertices(), parts: total(), own: own().length, max: opts.maxParts };
    }
    // what to do next, in two lines at most on a phone: the map under it never moves while the student draws
    function guide() {
      const s = state();
      if (opts.kind === "Point") {
        if (s.drawing) {
          return TM.t("{Tap} each place you mean ({n} of at most {max}), then press Finish.", {
            Tap: Tap,
            n: s.parts,
            max: s.max,
          });
        }
        if (s.parts) {
          return TM.tn(
            "Your place is marked. Now say why, below, and send it.",
            "Your places are marked. Now say why, below, and send it.",
            s.parts,
          );
        }
        return TM.t("Press {button}.", { button: K.draw });
      }
      if (s.drawing && !s.vertices) {
        return K.first(Tap);
      }
      if (s.drawing && s.vertices < K.min) {
        return K.sofar(s.vertices, tap);
      }
      if (s.drawing) {
        return K.going(s.vertices, tap);
      }
      if (!s.parts) {
        return TM.t("Press {button}, or choose places below the map.", { button: K.draw });
      }
      return s.parts < s.max ? K.done(s.parts) : K.full(s.max);
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
