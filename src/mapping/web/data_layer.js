// A GeoJSON layer whose features come from the shared data bundle (TM.data[config.key], through
// TM.whenData). render/data.py's DataLayer calls it: {key, style, colour, label, interactive, register}.
// `style` names one of the styles below (drawn in `colour`, from cartography.py) or is a constant style
// object; `label` is the property shown on hover (TM.tooltipFrom); `register` adds a telegram layer to TM.layers, which TM.mapState selects,
// dims and dates. `pane` is the Leaflet pane to draw in; `outline` lists boxes
// [[s, w], [n, e]] the polygons were cut at: their outlines are then drawn as lines that skip those boxes'
// edges (a cut is not a coast or a border), under fills without a stroke, in `line_pane` if given.
// `class_name` is a class on every shape (the countries' `tm-land`, which web/map.css fills when the relief is off).
window.TM = window.TM || {};
TM.outlineLines = function (geometry, boxes) {
  const eps = 1e-6;
  function onEdge(a, b) {
    return boxes.some(function (bx) {
      const s = bx[0][0],
        w = bx[0][1],
        n = bx[1][0],
        e = bx[1][1];
      const alongLon = [w, e].some(function (x) {
        return Math.abs(a[0] - x) < eps && Math.abs(b[0] - x) < eps;
      });
      const alongLat = [s, n].some(function (y) {
        return Math.abs(a[1] - y) < eps && Math.abs(b[1] - y) < eps;
      });
      return alongLon || alongLat;
    });
  }
  const polygons =
    geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const lines = [];
  polygons.forEach(function (rings) {
    rings.forEach(function (ring) {
      let run = [ring[0]];
      for (let i = 1; i < ring.length; i++) {
        if (onEdge(ring[i - 1], ring[i])) {
          if (run.length > 1) lines.push(run);
          run = [ring[i]];
        } else {
          run.push(ring[i]);
        }
      }
      if (run.length > 1) lines.push(run);
    });
  });
  return { type: "MultiLineString", coordinates: lines };
};

TM.dataLayer = function (config) {
  const STYLES = {
    property: function (f) {
      return f.properties.style;
    },
    river: function (f) {
      return { color: config.colour, opacity: 0.85, weight: f.properties.name ? 1.8 : 0.8 };
    },
    border: function (f) {
      return { color: config.colour, weight: 2.2, dashArray: f.properties.section === "paektu" ? "7 5" : null };
    },
  };
  const base =
    typeof config.style === "string"
      ? STYLES[config.style]
      : function () {
          return Object.assign({}, config.style); // a fresh object per feature, as a style function returns
        };
  const style = config.outline
    ? function (f) {
        return Object.assign(base(f), { stroke: false });
      }
    : base;
  const pane = config.pane ? { pane: config.pane } : {};
  const layer = L.geoJson(
    null,
    Object.assign({}, pane, config.class_name ? { className: config.class_name } : {}, {
      style: style,
      pointToLayer: function (f, ll) {
        return L.circleMarker(ll, Object.assign({ radius: 7 }, style(f)));
      },
      onEachFeature: config.label ? TM.tooltipFrom(config.label) : function () {},
      interactive: config.interactive,
    }),
  );
  const lines = config.outline
    ? L.geoJson(
        null,
        Object.assign({}, config.line_pane ? { pane: config.line_pane } : pane, {
          style: function (f) {
            return Object.assign(base(f), { fill: false });
          },
          interactive: false,
        }),
      )
    : null;
  TM.whenData(function (data) {
    layer.addData(data[config.key]);
    if (lines) {
      lines.addData(
        data[config.key].features.map(function (f) {
          return {
            type: "Feature",
            properties: f.properties,
            geometry: TM.outlineLines(f.geometry, config.outline),
          };
        }),
      );
    }
  });
  if (config.register) {
    (TM.layers = TM.layers || []).push(layer);
  }
  return lines ? L.featureGroup([layer, lines]) : layer;
};
