// The map's accessible name, a `map-zN` class on the map container so labels can thin out by zoom, the sea,
// the min zoom, and two classes web/map.css follows: `tm-narrow` (a phone's map: smaller controls) and
// `tm-relief-off` (land filled in its own colour). render/extras.py's MapExtras calls it:
// {label, outer, view, sea, land, min_zoom, fit_size}: `outer` is the box the data covers, `view` the maxBounds.
window.TM = window.TM || {};
(function () {
  // each map's zoom shift (TM.fitShift): a closure over its size and the size its views are fitted for
  const shifts = new WeakMap();
  // zoom steps to go out from a view fitted for the map's config.fit_size, on this map: 0, or less on a
  // smaller map (web/map_state.js applies it to every present step's view; the min zoom follows it)
  TM.fitShift = function (map) {
    const shift = shifts.get(map);
    return shift ? shift() : 0;
  };
  TM.mapExtras = function (map, config) {
    map.attributionControl.setPrefix(false); // the credits are controls.sources'; this says only a load's fault
    const box = map.getContainer();
    box.setAttribute("aria-label", config.label);
    box.style.setProperty("--tm-land", config.land);
    function zoomClass() {
      box.className = box.className.replace(/\bmap-z\d+\b/g, "").trim() + " map-z" + map.getZoom();
    }
    map.on("zoomend", zoomClass);
    zoomClass();
    // a class only when it changes: declutter.js watches the container's class
    function mark(name, on) {
      if (box.classList.contains(name) !== on) {
        box.classList.toggle(name, on);
      }
    }
    // the relief is the land's colour; without it (switched off, or missing) land and sea were one pale blue
    function relief() {
      const pane = map.getPane("relief");
      mark("tm-relief-off", !(pane && pane.querySelector("img")));
    }
    map.on("layeradd layerremove", relief);
    relief();
    function narrow() {
      mark("tm-narrow", map.getSize().x < 480);
    }
    map.on("resize", narrow);
    narrow();
    // no edge of the world: the sea is painted over the whole outer box, and the coarse land beyond the
    // window (geodata/outer-land.geojson) lies on it, so land is never drawn as sea nor sea as land
    map.createPane("tmSea").style.zIndex = 100;
    L.rectangle(config.outer, {
      pane: "tmSea",
      stroke: false,
      fillColor: config.sea,
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    // and the view never leaves that box: maxBounds keeps it in, and the min zoom grows with the map's size,
    // so that even at the min zoom the view is no larger than the box. Leaflet's getBoundsZoom clamps to the
    // current min zoom (it could never lower it again), so the zoom is computed here from zoom 0. A map
    // smaller than the one the present views are fitted for may zoom out as many steps further as
    // TM.apply's views do (web/map_state.js), so a phone shows each step's whole directive
    const outer = L.latLngBounds(config.view);
    shifts.set(map, function () {
      const size = map.getSize();
      return Math.min(0, Math.round(Math.log2(Math.min(size.x / config.fit_size[0], size.y / config.fit_size[1]))));
    });
    function fitZoom() {
      const size = map.getSize();
      if (size.x <= 0 || size.y <= 0) {
        return; // not laid out yet: the resize event comes
      }
      const nw = map.project(outer.getNorthWest(), 0);
      const se = map.project(outer.getSouthEast(), 0);
      const fits = Math.ceil(Math.log2(Math.max(size.x / (se.x - nw.x), size.y / (se.y - nw.y))) - 1e-9);
      map.setMinZoom(Math.max(config.min_zoom + TM.fitShift(map), fits));
    }
    map.on("resize", fitZoom);
    fitZoom();
  };
})();
