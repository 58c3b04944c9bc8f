// Place labels that never collide: after every zoom, pan or name switch, the labels are taken in
// priority order (rank 1 first, then by name) and a label whose name would overlap one already
// placed yields: its name is hidden, its dot stays. The map, the export and present mode share it.
window.tmDeclutterLabels = function (map, group) {
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function shownNames(box) {
    return Array.prototype.filter.call(box.querySelectorAll(".nm"), function (n) {
      return getComputedStyle(n).display !== "none";
    });
  }
  function run() {
    const items = [];
    group.eachLayer(function (marker) {
      const el = marker.getElement && marker.getElement();
      const box = el && el.querySelector(".pl");
      if (!box) {
        return;
      }
      box.classList.remove("pl-yield");
      if (getComputedStyle(box).display !== "none") {
        items.push({ box: box, rank: Number(box.dataset.rank) || 9, name: box.dataset.name || "" });
      }
    });
    items.sort(function (a, b) {
      return a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    const placed = [];
    items.forEach(function (item) {
      const rects = shownNames(item.box).map(function (n) {
        return n.getBoundingClientRect();
      });
      const hit = rects.some(function (r) {
        return placed.some(function (p) {
          return overlaps(r, p);
        });
      });
      if (hit) {
        item.box.classList.add("pl-yield");
      } else {
        rects.forEach(function (r) {
          placed.push(r);
        });
      }
    });
  }
  let pending = null;
  function soon() {
    if (pending === null) {
      pending = requestAnimationFrame(function () {
        pending = null;
        run();
      });
    }
  }
  map.on("zoomend moveend resize", soon);
  // the 1950 / modern switch and the zoom classes change the container's class: names change width
  new MutationObserver(soon).observe(map.getContainer(), { attributes: true, attributeFilter: ["class"] });
  soon();
  return run;
};
