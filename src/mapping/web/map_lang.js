// The map's language (render/lang.py's MapStrings calls it first of all the map's calls): {lang, strings}. The
// strings, the map's scripts' msgids translated, go to TM.t's table (web/i18n.js); `lang` goes on the map's
// container (the browser picks Korean or Chinese glyph forms; the app's page may speak another language around
// it); and Leaflet's zoom buttons get their names in it.
window.TM = window.TM || {};
TM.mapLang = function (map, config) {
  TM.addStrings(config.strings || {});
  map.getContainer().setAttribute("lang", config.lang);
  const zoom = map.zoomControl;
  if (zoom) {
    [
      [zoom._zoomInButton, TM.t("Zoom in")],
      [zoom._zoomOutButton, TM.t("Zoom out")],
    ].forEach(function (pair) {
      if (pair[0]) {
        pair[0].title = pair[1];
        pair[0].setAttribute("aria-label", pair[1]);
      }
    });
  }
};
