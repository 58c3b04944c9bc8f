// The map in the app, as a Streamlit components-v2 component: mounted in the page itself, no iframe.
//
// Python renders the folium map once per starting view and publishes its script as a static
// file. On the first render this module loads Leaflet and that script into the page; on every
// later render it only applies the view state (mode, clause, step) through TM.apply, so
// a rerun never reloads the map. A chosen shape (a click, or Enter on a focused shape) comes
// back to Python as the one-rerun trigger "select": the feature's id. The scripts load through
// TM.loadScript (web/loader.js, which mapview.py puts in front of this module): once each, and
// those the page's header started (web/early_load.js) are waited for, not loaded again.

async function mount(host, data) {
  (data.css_links || []).forEach(TM.loadCss);
  for (const src of data.js_links || []) {
    await TM.loadScript(src); // in order: folium's helpers need Leaflet first
  }
  host.innerHTML = data.html; // the map's container, from folium
  TM.mapsRun = TM.mapsRun || new Set();
  if (TM.mapsRun.has(data.script_url)) {
    // a new container for a map whose script has run: run it again on it, with a fresh list of layers
    TM.layers = [];
    await TM.runScript(data.script_url);
  } else {
    TM.mapsRun.add(data.script_url);
    await TM.loadScript(data.script_url);
  }
  // the map's box changes size with the mode and when the page's CSS arrives: Leaflet measures it
  // again (it listens to the window's resize), at most once a frame
  let queued = false;
  new ResizeObserver(function () {
    if (!queued) {
      queued = true;
      requestAnimationFrame(function () {
        queued = false;
        window.dispatchEvent(new Event("resize"));
      });
    }
  }).observe(host);
}

// Page-wide helpers, installed once: the skip links land on the map or the text, the text list's
// links open a feature's details in place (no reload), and a live region announces the details that
// a shape or a link opened.
// `said`: the words the page says for itself, in its language (mapview.show sends them)
const page = { installed: false, announced: null, said: {} };

function liveRegion() {
  let live = document.getElementById("tm-live");
  if (!live) {
    live = document.createElement("div");
    live.id = "tm-live";
    live.className = "tm-sr-only";
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    document.body.appendChild(live);
  }
  return live;
}

function announceDetails() {
  // the copy on screen: under the words beside the map, or under the map on a phone (app.css shows one)
  const box = Array.prototype.find.call(document.querySelectorAll(".tm-details[data-feature]"), function (b) {
    return b.getClientRects().length > 0;
  });
  const id = box ? box.getAttribute("data-feature") : null;
  if (id === page.announced) {
    return;
  }
  page.announced = id;
  if (box) {
    const heading = box.querySelector("h2, h3, h4");
    const title = heading ? heading.textContent : id;
    const said = box.closest(".tm-details-beside") ? page.said.beside : page.said.under;
    liveRegion().textContent = said.replace("{title}", title);
  }
}

function installPageHelpers() {
  if (page.installed) {
    return;
  }
  page.installed = true;
  liveRegion();
  // Streamlit redraws the details on reruns: follow the page's changes
  // (once per frame at most: a rerun changes many nodes at once)
  let pending = false;
  new MutationObserver(function () {
    if (pending) {
      return;
    }
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      announceDetails();
    });
  }).observe(document.body, { childList: true, subtree: true });
  document.addEventListener("click", function (e) {
    const target = e.target instanceof Element ? e.target : null;
    const skip = target && target.closest("a.tm-skip");
    // the map (the next Tab reaches its shapes and controls), or the telegram's first clause
    const to = skip
      ? document.querySelector(skip.getAttribute("href") === "#tm-text" ? "button[data-clause]" : ".folium-map")
      : null;
    if (to) {
      e.preventDefault();
      to.focus();
      return;
    }
    const link = target && target.closest("a[data-tm-feature]");
    if (link && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault(); // the same choice as a click on the shape, without reloading the page; but the
      // shape may be out of view, so the map frames its clause (a shape chosen on the map leaves the map still)
      window.dispatchEvent(
        new CustomEvent("tm-select", { detail: { id: link.getAttribute("data-tm-feature"), frame: true } }),
      );
    }
  });
}

// each map host's state across renders: the newest trigger, the clause last shown, the map script it holds and the
// state its map was last sent
const hosts = new WeakMap();

// The state to apply: a render's, but for a step the map was sent already. Streamlit sends the whole state on every
// full rerun, while in present mode the map steps itself at once (its keys, the step buttons) and the step's own
// rerun is the step panel's fragment, which never renders the map. So a full rerun that began just before a step's
// callback (a shape clicked, then → at once) still carried the step before it, and took the map back a step behind
// the panel for good (test_lesson_browser): an unchanged step is old news, not sent again
function news(state, last) {
  if (!last || last.mode !== state.mode || last.step !== state.step) {
    return state; // a new map, mode or step: a preview's, a link's, the class screen's way back
  }
  const fresh = Object.assign({}, state);
  delete fresh.step;
  return fresh;
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const host = parentElement.querySelector(".tm-map-host") || parentElement;
  host.id = "tm-map"; // the skip link's target, should its script not run
  page.said = data.said;
  const heading = parentElement.querySelector("h2.tm-sr-only");
  if (heading) {
    heading.textContent = data.said.heading; // for screen readers, in the page's language
  }
  installPageHelpers();
  // Streamlit calls this on every render: keep one listener, and let it use the newest trigger
  let mounted = hosts.get(host);
  if (!mounted) {
    mounted = { trigger: null, clause: null, script: null, sent: null };
    hosts.set(host, mounted);
    window.addEventListener("tm-select", function (e) {
      mounted.trigger("select", e.detail);
    });
  }
  mounted.trigger = setTriggerValue;
  const apply = function () {
    if (TM.apply) {
      TM.apply(news(data.state, mounted.sent));
    }
    mounted.sent = data.state;
    // on a phone the text is below the map: a tap on a clause brings the map back into view
    const clause = data.state.mode === "explore" ? data.state.clause : null;
    if (clause && clause !== mounted.clause && window.matchMedia("(max-width: 640px)").matches) {
      host.scrollIntoView({ block: "start" });
    }
    mounted.clause = clause;
  };
  if (mounted.script !== data.script_url) {
    mounted.script = data.script_url;
    mount(host, data)
      .then(function () {
        mounted.sent = null; // a new map: the whole state
        apply();
      })
      .catch(function (err) {
        host.textContent = data.said.failed.replace("{error}", err.message);
      });
  } else {
    apply();
  }
}
