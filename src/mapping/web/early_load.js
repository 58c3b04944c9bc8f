// Starts loading the map's files with the page's header, before the map component mounts: the app's
// header draws this script inline (mapview.early_scripts), its data-urls attribute listing scripts to
// run now (Leaflet, the data bundle), data-preload those to fetch now and run later (the map's own
// script, which the component runs in its box). Streamlit may draw the tag again (a header that
// changes with the mode), so each URL is loaded once only; map_component.js and data_script.js find
// the scripts by `data-tm-src` and wait for them. (No less-than sign anywhere in this file: the
// sanitizer of st.html drops a script whose text has one before a letter.)
(function () {
  const me = document.currentScript;
  const urls = function (name) {
    return ((me && me.dataset[name]) || "").split(" ").filter(Boolean);
  };
  urls("urls").forEach(function (url) {
    if (document.querySelector('script[data-tm-src="' + url + '"]')) {
      return;
    }
    const s = document.createElement("script");
    s.src = url;
    s.async = false; // downloaded together, run in order: folium's helpers need Leaflet first
    s.dataset.tmSrc = url;
    s.addEventListener("load", function () {
      s.dataset.loaded = "1";
    });
    document.head.appendChild(s);
  });
  urls("preload").forEach(function (url) {
    if (document.querySelector('link[data-tm-preload="' + url + '"]')) {
      return;
    }
    const l = document.createElement("link");
    l.rel = "preload";
    l.as = "script";
    l.href = url;
    l.dataset.tmPreload = url;
    document.head.appendChild(l);
  });
})();
