// Starts loading the map's files with the page's header, before the map component mounts: the app's
// header draws this script inline, after web/loader.js (mapview.early_scripts), its data-urls attribute
// listing scripts to run now (Leaflet, the data bundle), data-preload those to fetch now and run later
// (the map's own script, which the component runs in its box). Streamlit may draw the tag again (a
// header that changes with the mode): TM.loadScript loads each URL once, and the map component and the
// data bundle's loader (data_script.js) wait on the same loads. (No less-than sign anywhere in this
// file: the sanitizer of st.html drops a script whose text has one before a letter.)
(function () {
  const me = document.currentScript;
  const urls = function (name) {
    return ((me && me.dataset[name]) || "").split(" ").filter(Boolean);
  };
  urls("urls").forEach(function (url) {
    // downloaded together, run in order: folium's helpers need Leaflet first. A failure is reported
    // by those who wait for the script (the map component, the data bundle's loader)
    TM.loadScript(url, true).catch(function () {});
  });
  urls("preload").forEach(TM.preload);
})();
