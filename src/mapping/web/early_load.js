// Starts loading the map's scripts (Leaflet, the data bundle) with the page's header, before the map
// component mounts: the app's header draws <script src=this data-urls="URL URL">. Streamlit may draw
// that tag again (a header that changes with the mode), so each URL is loaded once only;
// map_component.js and data_script.js find the tags by `data-tm-src` and wait for them.
(function () {
  const me = document.currentScript;
  ((me && me.dataset.urls) || "").split(" ").forEach(function (url) {
    if (!url || document.querySelector('script[data-tm-src="' + url + '"]')) {
      return;
    }
    const s = document.createElement("script");
    s.src = url;
    s.dataset.tmSrc = url;
    s.addEventListener("load", function () {
      s.dataset.loaded = "1";
    });
    document.head.appendChild(s);
  });
})();
