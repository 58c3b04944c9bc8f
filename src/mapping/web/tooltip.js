// A hover label from one property, set as text (never parsed as HTML): an onEachFeature for L.geoJson.
// A constant function rather than folium's GeoJsonTooltip, which compiled a template on every render.
window.TM = window.TM || {};
TM.tooltipFrom = function (field) {
  return function (feature, layer) {
    const s = document.createElement("span");
    s.textContent = feature.properties[field] || "";
    layer.bindTooltip(s);
    layer.on("tooltipopen", TM.tooltipInside);
  };
};
// a label opened near the map's edge is moved back inside the map: the map's box clipped it
TM.tooltipInside = function (e) {
  const el = e.tooltip.getElement();
  const map = el && el.closest(".leaflet-container");
  if (!map) {
    return;
  }
  const box = map.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const gap = 4;
  const dx = Math.max(box.left + gap - r.left, Math.min(0, box.right - gap - r.right));
  const dy = Math.max(box.top + gap - r.top, Math.min(0, box.bottom - gap - r.bottom));
  if (dx || dy) {
    L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add([Math.round(dx), Math.round(dy)]));
  }
};
