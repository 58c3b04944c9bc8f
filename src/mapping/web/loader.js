// The one script loader, and the start of the page's one namespace, window.TM. TM.loadScript(url)
// loads a script once and returns a promise of its load: the same promise for every caller, however
// many ask (the app's header, the map component, the data bundle's loader). TM.preload(url) only
// fetches a script, to be run later. This file is a classic script put in front of the others that
// use it: inline in the app's header (mapview.early_scripts), in the map component's module
// (mapview.COMPONENT) and in the map's page (render/assets.py); the first copy to run defines the
// loader, and the later ones keep it, so its record of the URLs is the page's. (No less-than sign
// anywhere in this file: the sanitizer of st.html drops a script whose text has one before a letter.)
window.TM = window.TM || {};
if (!TM.loadScript) {
  (function () {
    const loads = new Map();
    // inOrder: run in the order asked (async = false), as the header's Leaflet and folium's helpers
    // must; else run as soon as loaded, as the map's own script and the data bundle may
    TM.loadScript = function (url, inOrder) {
      if (!loads.has(url)) {
        loads.set(
          url,
          new Promise(function (resolve, reject) {
            const s = document.createElement("script");
            s.src = url;
            s.async = !inOrder;
            s.addEventListener("load", function () {
              resolve();
            });
            s.addEventListener("error", function () {
              reject(new Error("could not load " + url));
            });
            document.head.appendChild(s);
          }),
        );
      }
      return loads.get(url);
    };
    // a script run again, in a function's scope (its top-level let and const were declared by its first run):
    // the map's own script, when Streamlit has drawn the map's component anew (after the teacher's screen
    // or the lesson editor took the page), so on a new container. Same origin, from the browser's cache
    TM.runScript = function (url) {
      return fetch(url)
        .then(function (r) {
          if (!r.ok) {
            throw new Error("could not load " + url);
          }
          return r.text();
        })
        .then(function (text) {
          new Function(text)(); // eslint-disable-line no-new-func
        });
    };
    // a stylesheet, linked once however often a component asks (Leaflet's, Geoman's, folium's)
    TM.loadCss = function (href) {
      if (!document.querySelector('link[data-tm-href="' + href + '"]')) {
        const l = document.createElement("link");
        l.rel = "stylesheet";
        l.href = href;
        l.dataset.tmHref = href;
        document.head.appendChild(l);
      }
    };
    const preloads = new Set();
    TM.preload = function (url) {
      if (!preloads.has(url) && !loads.has(url)) {
        preloads.add(url);
        const l = document.createElement("link");
        l.rel = "preload";
        l.as = "script";
        l.href = url;
        document.head.appendChild(l);
      }
    };
  })();
}
