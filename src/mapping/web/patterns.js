// SVG fill patterns (hatching, dots) for the uncertain bands, added to the map's SVG once.
// render/style.py's Patterns calls it with the patterns the telegram's layers use: {patterns: [{id, kind, color}]}.
window.TM = window.TM || {};
TM.patterns = function (map, config) {
  if (!install()) {
    map.on("layeradd", function added() {
      if (install()) {
        map.off("layeradd", added);
      }
    });
  }

  // the SVG exists once the first shape is drawn, which may be before or after this runs (the data
  // bundle may arrive later): the patterns go in as soon as it is there
  function install() {
    const svg = map.getPanes().overlayPane.querySelector("svg");
    if (!svg) {
      return false;
    }
    const ns = "http://www.w3.org/2000/svg";
    const defs = document.createElementNS(ns, "defs");
    config.patterns.forEach(function (p) {
      const pat = document.createElementNS(ns, "pattern");
      pat.setAttribute("id", p.id);
      pat.setAttribute("patternUnits", "userSpaceOnUse");
      pat.setAttribute("width", 8);
      pat.setAttribute("height", 8);
      if (p.kind === "hatch") {
        pat.setAttribute("patternTransform", "rotate(45)");
        const ln = document.createElementNS(ns, "line");
        ln.setAttribute("x1", 0);
        ln.setAttribute("y1", 0);
        ln.setAttribute("x2", 0);
        ln.setAttribute("y2", 8);
        ln.setAttribute("stroke", p.color);
        ln.setAttribute("stroke-width", 2);
        ln.setAttribute("stroke-opacity", 0.6);
        pat.appendChild(ln);
      } else {
        const c = document.createElementNS(ns, "circle");
        c.setAttribute("cx", 4);
        c.setAttribute("cy", 4);
        c.setAttribute("r", 1.6);
        c.setAttribute("fill", p.color);
        c.setAttribute("fill-opacity", 0.8);
        pat.appendChild(c);
      }
      defs.appendChild(pat);
    });
    svg.insertBefore(defs, svg.firstChild);
    return true;
  }
};
