// The view, applied in the browser: the selected clause, the present step and the date.
// render/state.py's MapState calls it: {steps, date, keys, step_buttons}. A state with `steps` (a lesson's
// step views, sent by the app) replaces the map's own until a state without them comes. It defines TM.apply(state),
// which the app and the export both drive the map with: it marks the selected clause's paths `selected`
// and dims the rest, shows the dated features active on the date, and can move the map. A shape chosen
// (a click, or Enter / Space on a focused one) is dispatched as the window's `tm-select` event. With
// `keys` (the app), present mode also answers the arrow and PageUp/PageDown keys and the step buttons
// (`step_buttons`: CSS selector -> step) at once.
window.TM = window.TM || {};
TM.mapState = function (map, config) {
  let STEPS = config.steps;
  const state = { mode: "explore", clause: null, step: 0, date: config.date };
  const emphasized = new WeakMap(); // a path -> whether it is drawn as selected
  function features(fn) {
    (TM.layers || []).forEach(function (g) {
      g.eachLayer(fn);
    });
  }
  function active() {
    return state.mode === "present" ? (STEPS[state.step] || {}).clause || null : state.clause;
  }
  function missing(v) {
    return v === null || v === undefined;
  }
  function emphasize(l, on) {
    // the selection drawn heavier, as the layer's own style plus two
    const s = l.feature.properties.style || {},
      w = s.weight || 2;
    const style = { weight: on ? w + 2 : w, opacity: on ? 1 : missing(s.opacity) ? 0.95 : s.opacity };
    if (!missing(s.fillOpacity) && String(s.fillColor || "").indexOf("url(") !== 0) {
      style.fillOpacity = on ? Math.min(0.75, s.fillOpacity + 0.2) : s.fillOpacity;
    }
    l.setStyle(style);
  }
  // a lesson's class-readings step conceals its clause's shapes: the class draws before it sees the map's reading
  function concealed() {
    return state.mode === "present" ? (STEPS[state.step] || {}).conceal || null : null;
  }
  function apply() {
    const clause = active(),
      hidden = concealed(),
      had = document.activeElement;
    features(function (l) {
      const p = l.feature.properties,
        el = l.getElement();
      if (!el) {
        return; // a layer never shown yet: overlayadd applies the state
      }
      if (p.kind === "directive") {
        el.style.display = hidden && (" " + p.clause + " ").indexOf(" " + hidden + " ") >= 0 ? "none" : "";
      }
      const on = !!clause && p.kind === "directive" && (" " + p.clause + " ").indexOf(" " + clause + " ") >= 0;
      if (emphasized.get(l) !== on) {
        emphasized.set(l, on);
        emphasize(l, on);
      }
      el.classList.toggle("selected", on);
      el.classList.toggle("tm-dimmed", !!clause && !on);
      if (on && map.hasLayer(l)) {
        l.bringToFront();
      }
      if (p.kind === "context") {
        const dated = !state.date || !p.when_start || (p.when_start <= state.date && state.date <= p.when_end);
        el.style.display = dated ? "" : "none";
      }
    });
    // bringToFront moves a path in the document, which takes focus from it: give it back
    if (had && had !== document.activeElement && had.isConnected && had.getAttribute("data-tm-id")) {
      had.focus({ preventScroll: true });
    }
  }
  // the heights of the bands the controls take at the map's top and bottom (each corner's stack), plus a gap
  function controlBands() {
    const box = map.getContainer().getBoundingClientRect();
    const band = { top: 8, bottom: 8 };
    map
      .getContainer()
      .querySelectorAll(".leaflet-top .leaflet-control, .leaflet-bottom .leaflet-control")
      .forEach(function (c) {
        const r = c.getBoundingClientRect();
        if (r.width > 0 && c.closest(".leaflet-top")) {
          band.top = Math.max(band.top, r.bottom - box.top + 6);
        } else if (r.width > 0) {
          band.bottom = Math.max(band.bottom, box.bottom - r.top + 6);
        }
      });
    return band;
  }
  TM.apply = function (next) {
    if ("steps" in next || "mode" in next) {
      STEPS = next.steps || config.steps; // the app sends a lesson's steps with every state
    }
    Object.keys(next).forEach(function (k) {
      if (k !== "view" && k !== "steps") {
        state[k] = next[k];
      }
    });
    // a present step is a day: the telegram's, or one of what happened next (its fronts, its events)
    if (next.view && next.view.date && state.mode === "present" && next.view.date !== state.date) {
      state.date = next.view.date;
      window.dispatchEvent(new CustomEvent("tm-date-set", { detail: state.date }));
    }
    apply();
    if (next.view) {
      // views are fitted for one map size (render/view.py FIT_SIZE): a phone's smaller map zooms out to
      // match (TM.fitShift, web/map_extras.js). No zoom animation: a step changes the view at once, like
      // a slide (animated, every frame repainted the hatched shapes and the relief; the next key waited)
      const zoom = next.view.zoom + TM.fitShift(map);
      if (next.view.bounds) {
        // and what the step frames stays clear of the map's controls, in its corners: fitted inside them
        const pad = controlBands();
        map.fitBounds(next.view.bounds, {
          paddingTopLeft: [8, pad.top],
          paddingBottomRight: [8, pad.bottom],
          maxZoom: zoom,
          animate: false,
        });
      } else {
        map.setView(next.view.center, zoom, { animate: false });
      }
    }
    // in present mode the arrow keys step the presentation; they pan the map only when exploring
    if (map.keyboard) {
      if (state.mode === "present") {
        map.keyboard.disable();
      } else {
        map.keyboard.enable();
      }
    }
    rove();
    return state;
  };
  // choosing a shape: a click, or Enter / Space on a focused one. The page hears it as a DOM event
  // (the app's component sends it to Python; the export opens the details itself)
  function choose(p) {
    window.dispatchEvent(new CustomEvent("tm-select", { detail: p.id }));
  }
  function describe(l) {
    // once per path: an accessible name and a roving tab stop
    const p = l.feature.properties,
      el = l.getElement();
    if (!el || el.getAttribute("data-tm-id")) {
      return;
    }
    el.setAttribute("data-tm-id", p.id);
    el.setAttribute("role", "button");
    el.setAttribute("tabindex", "-1");
    el.setAttribute("aria-label", p.title + " (" + String(p.clause).replace(/,/g, ", ") + "; " + p.certainty + ")");
  }
  function shown(l) {
    const el = l.getElement();
    return el && map.hasLayer(l) && el.style.display !== "none";
  }
  function stops() {
    // the shapes a keyboard user can reach, layer by layer in draw order, but a core band before the
    // possible band drawn under it
    const out = [];
    (TM.layers || []).forEach(function (g) {
      const here = [];
      g.eachLayer(function (l) {
        describe(l);
        if (shown(l)) {
          here.push(l);
        }
      });
      here.sort(function (a, b) {
        return (a.feature.properties.band === "possible") - (b.feature.properties.band === "possible");
      });
      here.forEach(function (l) {
        out.push(l.getElement());
      });
    });
    return out;
  }
  function rove() {
    // one tab stop into the shapes: the selected clause's first, else the first
    const all = stops(),
      first =
        all.filter(function (el) {
          return el.classList.contains("selected");
        })[0] || all[0];
    all.forEach(function (el) {
      el.setAttribute("tabindex", el === first ? "0" : "-1");
    });
    // the base map's hover-only shapes (countries) take focus in Chromium because their tooltips
    // listen for it: nameless tab stops, so out of the tab order (the map's labels name them)
    map
      .getPanes()
      .overlayPane.querySelectorAll("path.leaflet-interactive:not([data-tm-id]):not([tabindex])")
      .forEach(function (el) {
        el.setAttribute("tabindex", "-1");
      });
  }
  const box = map.getContainer();
  box.addEventListener(
    "keydown",
    function (e) {
      const el = e.target,
        id = el && el.getAttribute && el.getAttribute("data-tm-id");
      if (!id) {
        return;
      }
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        features(function (l) {
          if (l.getElement() === el) {
            choose(l.feature.properties);
          }
        });
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp" || e.key === "Home" || e.key === "End") {
        e.preventDefault();
        e.stopPropagation(); // not a pan of the map: a move to the next shape
        const all = stops(),
          i = all.indexOf(el);
        const j = e.key === "Home" ? 0 : e.key === "End" ? all.length - 1 : i + (e.key === "ArrowDown" ? 1 : -1);
        const next = all[Math.max(0, Math.min(all.length - 1, j))];
        if (next) {
          el.setAttribute("tabindex", "-1");
          next.setAttribute("tabindex", "0");
          next.focus({ preventScroll: true });
        }
      }
    },
    true,
  );
  // Leaflet focuses the map on mousedown and scrolls the window back, but Streamlit scrolls
  // an inner element, so the page jumped and the first click missed: focus without scrolling first
  box.addEventListener(
    "mousedown",
    function () {
      box.focus({ preventScroll: true });
    },
    true,
  );
  (TM.layers || []).forEach(function (g) {
    g.on("click", function (e) {
      if (e.layer && e.layer.feature) {
        choose(e.layer.feature.properties);
      }
    });
  });
  map.on("overlayadd", function () {
    apply();
    rove();
  });
  apply();
  TM.whenData(function () {
    apply();
    rove();
  }); // the features arrive with the data bundle
  if (config.keys) {
    presentKeys();
  }

  // the app's present mode: the arrow and PageUp/PageDown keys (TM.stepKey, web/steps.js) and the page's
  // step buttons step it here, at once, while Streamlit reruns the step panel. The page's listeners are
  // installed once; TM.present holds the newest map's step function and the buttons they press
  function presentKeys() {
    function go(delta) {
      if (state.mode !== "present") {
        return;
      }
      const next = Math.max(0, Math.min(STEPS.length - 1, state.step + delta));
      if (next !== state.step) {
        TM.apply({ step: next, view: STEPS[next] });
      }
    }
    const installed = !!TM.present;
    TM.present = { go: go, buttons: config.step_buttons || {} }; // the newest map answers
    if (installed) {
      return;
    }
    function step(d) {
      try {
        TM.present.go(d);
      } catch {
        // an older map's step function: nothing to do
      }
    }
    document.addEventListener(
      "keydown",
      function (e) {
        const d = TM.stepKey(e);
        if (d && (e.key === "PageDown" || e.key === "PageUp") && pressStepButton(d)) {
          e.preventDefault(); // a clicker's page keys: the step button's click steps the map and the text
          return;
        }
        if (d) {
          step(d);
        }
      },
      true,
    );
    // PageDown / PageUp press the page's visible step button (→ / ← are its Streamlit shortcuts); none
    // there (explore mode, the export): the map alone steps
    function pressStepButton(d) {
      const buttons = TM.present.buttons;
      const sel = Object.keys(buttons).filter(function (k) {
        return buttons[k] === d;
      })[0];
      const b = sel && document.querySelector(sel);
      if (!b) {
        return false;
      }
      if (!b.disabled) {
        b.click();
      }
      return true;
    }
    // the page's own step buttons, clicked: Streamlit's key shortcuts press them without a DOM click
    document.addEventListener(
      "click",
      function (e) {
        const buttons = TM.present.buttons;
        Object.keys(buttons).forEach(function (sel) {
          const b = e.target && e.target.closest && e.target.closest(sel);
          if (b && !b.disabled) {
            step(buttons[sel]);
          }
        });
      },
      true,
    );
  }
};
