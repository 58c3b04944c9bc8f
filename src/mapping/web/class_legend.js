// The class map's legend (web/class_map.js calls it): a Leaflet control at the bottom left that lists only
// the kinds of layer the map shows, each with a swatch drawn as the map draws it. TM.classLegend(map)
// returns update(entries), entries being [{kind, color, label}] in draw order; none hides the legend.
// Text goes in via textContent (a reading's label is the teacher's words); its own words through TM.t (web/i18n.js).
window.TM = window.TM || {};
TM.classLegend = function (map) {
  const SVG = "http://www.w3.org/2000/svg";
  const PURPLE = "#5b3a8c";
  const DARK = "#2d1b4e";
  // each kind's swatch: the shapes of a 34 x 20 picture, as [element, attributes]
  const SWATCHES = {
    shading: function () {
      return [
        ["rect", { x: 1, y: 2, width: 16, height: 16, fill: PURPLE, "fill-opacity": 0.25 }],
        ["rect", { x: 17, y: 2, width: 16, height: 16, fill: PURPLE, "fill-opacity": 0.7 }],
      ];
    },
    readings: function () {
      return [["path", { d: "M2 16 L16 6 L32 12", fill: "none", stroke: PURPLE, "stroke-width": 3, opacity: 0.7 }]];
    },
    clusters: function () {
      return [
        ["circle", { cx: 17, cy: 10, r: 8, fill: PURPLE, "fill-opacity": 0.45, stroke: DARK, "stroke-width": 2 }],
      ];
    },
    possible: function (color) {
      const dashed = { fill: "none", stroke: color, "stroke-width": 3.5, "stroke-dasharray": "7 4" };
      return [
        ["rect", { x: 3, y: 3, width: 28, height: 14, fill: "none", stroke: "#fff", "stroke-width": 6 }],
        ["rect", { x: 3, y: 3, width: 28, height: 14, ...dashed }],
      ];
    },
    core: function (color) {
      return [
        ["rect", { x: 3, y: 3, width: 28, height: 14, fill: "none", stroke: "#fff", "stroke-width": 7 }],
        [
          "rect",
          { x: 3, y: 3, width: 28, height: 14, fill: color, "fill-opacity": 0.18, stroke: color, "stroke-width": 4 },
        ],
      ];
    },
    majority: function () {
      return [["rect", { x: 3, y: 3, width: 28, height: 14, fill: "none", stroke: DARK, "stroke-width": 3.5 }]];
    },
    mine: function () {
      return [
        [
          "rect",
          { x: 3, y: 3, width: 28, height: 14, fill: "#000", "fill-opacity": 0.12, stroke: "#000", "stroke-width": 3 },
        ],
      ];
    },
    one: function () {
      return [
        ["rect", { x: 4, y: 4, width: 26, height: 12, fill: "none", stroke: "#fff", "stroke-width": 8 }],
        ["rect", { x: 4, y: 4, width: 26, height: 12, fill: "none", stroke: "#000", "stroke-width": 4.5 }],
      ];
    },
  };
  function swatch(kind, color) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "34");
    svg.setAttribute("height", "20");
    svg.setAttribute("viewBox", "0 0 34 20");
    svg.setAttribute("aria-hidden", "true");
    SWATCHES[kind](color || "#444").forEach(function (s) {
      const el = document.createElementNS(SVG, s[0]);
      Object.keys(s[1]).forEach(function (k) {
        el.setAttribute(k, String(s[1][k]));
      });
      svg.appendChild(el);
    });
    return svg;
  }
  const Legend = L.Control.extend({
    options: { position: "bottomleft" },
    onAdd: function () {
      const box = L.DomUtil.create("div", "tm-class-legend");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });
  const control = new Legend().addTo(map);
  const box = control.getContainer();
  return function update(entries) {
    box.replaceChildren();
    const shown = entries.filter(function (e) {
      return SWATCHES[e.kind];
    });
    box.hidden = !shown.length;
    if (!shown.length) {
      return;
    }
    const list = document.createElement("ul");
    list.setAttribute("aria-label", TM.t("Key to the map"));
    shown.forEach(function (e) {
      const item = document.createElement("li");
      const text = document.createElement("span");
      text.textContent = e.label;
      item.append(swatch(e.kind, e.color), text);
      list.appendChild(item);
    });
    box.appendChild(list);
  };
};
