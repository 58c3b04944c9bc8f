// A hover label from one property, set as text (never parsed as HTML): an onEachFeature for L.geoJson.
// A constant function rather than folium's GeoJsonTooltip, which compiled a template on every render.
window.TM = window.TM || {};
TM.tooltipFrom = function (field) {
  return function (feature, layer) {
    const s = document.createElement("span");
    s.textContent = feature.properties[field] || "";
    layer.bindTooltip(s);
  };
};
