// Place labels as DivIcon markers, built in the browser from a compact list, then decluttered
// (TM.declutterLabels, declutter.js). render/labels.py's PlaceLabels calls it:
// {places: [{lat, lon, rank, left, n1950, modern, title, roman?}], lang}. Text goes in via textContent. In Korean
// or Chinese, n1950 is the name in the reader's script and `roman` the romanized 1950 name (an nm-roman span,
// shown by the names switch's third choice); each name says its language, so the browser picks its glyphs.
window.TM = window.TM || {};
TM.placeLabels = function (map, config) {
  const pane = L.layerGroup().addTo(map);
  function label(p) {
    const box = document.createElement("div");
    box.className = "pl pl-r" + p.rank + (p.left ? " pl-left" : "");
    box.dataset.rank = p.rank;
    box.dataset.name = p.n1950;
    box.title = p.title;
    const dot = document.createElement("span");
    dot.className = "dot";
    const old = document.createElement("span");
    old.className = "nm nm-1950";
    old.textContent = p.n1950;
    const now = document.createElement("span");
    now.className = "nm nm-modern";
    now.textContent = p.modern;
    const names = [old, now];
    if (p.roman !== undefined) {
      old.lang = p.n1950 === p.roman ? "en" : config.lang;
      now.lang = "en";
      const roman = document.createElement("span");
      roman.className = "nm nm-roman";
      roman.lang = "en";
      roman.textContent = p.roman;
      names.splice(1, 0, roman);
    }
    if (p.left) {
      box.append.apply(box, names.concat([dot]));
    } else {
      box.append.apply(box, [dot].concat(names));
    }
    return box;
  }
  config.places.forEach(function (p) {
    const icon = L.divIcon({
      html: label(p),
      className: "",
      iconSize: [160, 16],
      iconAnchor: p.left ? [156, 8] : [4, 8],
    });
    L.marker([p.lat, p.lon], { icon: icon, keyboard: false, interactive: false }).addTo(pane);
  });
  const regionName = document.createElement("div");
  regionName.className = "region-label";
  regionName.textContent = TM.t("Manchuria");
  const region = L.divIcon({
    html: regionName,
    className: "",
    iconSize: [120, 16],
    iconAnchor: [60, 8],
  });
  L.marker([44.2, 125.2], { icon: region, interactive: false, keyboard: false }).addTo(pane);
  TM.declutterLabels(map, pane);
};
