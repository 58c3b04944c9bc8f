// Credits, the map's accessible name, a `map-zN` class on the map container so labels can thin out by
// zoom, and the sea. render/extras.py's MapExtras calls it: {credits, label, bounds, sea}.
window.tmMapExtras = function (map, config) {
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(config.credits);
  const box = map.getContainer();
  box.setAttribute("aria-label", config.label);
  function zoomClass() {
    box.className = box.className.replace(/\bmap-z\d+\b/g, "").trim() + " map-z" + map.getZoom();
  }
  map.on("zoomend", zoomClass);
  zoomClass();
  // no edge of the world drawn as sea: the sea is painted only inside the window the base data
  // covers; beyond it the map shows a neutral "no data" ground, never land in the sea's colour
  map.createPane("tmSea").style.zIndex = 100;
  L.rectangle(config.bounds, {
    pane: "tmSea",
    stroke: false,
    fillColor: config.sea,
    fillOpacity: 1,
    interactive: false,
  }).addTo(map);
};
