// A GeoJSON layer whose features come from the shared data bundle (window.TM_DATA[config.key], through
// window.tmData). render/data.py's DataLayer calls it: {key, style, label, interactive, register}.
// `style` names one of the styles below or is a constant style object; `label` is the property shown on
// hover (window.tmTooltipFrom); `register` adds a telegram layer to window.TM_LAYERS, which
// window.tmMapState selects, dims and dates.
window.tmDataLayer = function (config) {
  const STYLES = {
    property: function (f) {
      return f.properties.style;
    },
    river: function (f) {
      return { color: "#3f7fb0", opacity: 0.85, weight: f.properties.name ? 1.8 : 0.8 };
    },
    border: function (f) {
      return { color: "#2b2b2b", weight: 2.2, dashArray: f.properties.section === "paektu" ? "7 5" : null };
    },
  };
  const style =
    typeof config.style === "string"
      ? STYLES[config.style]
      : function () {
          return Object.assign({}, config.style); // a fresh object per feature, as a style function returns
        };
  const layer = L.geoJson(null, {
    style: style,
    pointToLayer: function (f, ll) {
      return L.circleMarker(ll, Object.assign({ radius: 7 }, style(f)));
    },
    onEachFeature: config.label ? window.tmTooltipFrom(config.label) : function () {},
    interactive: config.interactive,
  });
  window.tmData(function (data) {
    layer.addData(data[config.key]);
  });
  if (config.register) {
    (window.TM_LAYERS = window.TM_LAYERS || []).push(layer);
  }
  return layer;
};
