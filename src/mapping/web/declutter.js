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
    const boxes = [];
    group.eachLayer(function (marker) {
      const el = marker.getElement && marker.getElement();
      const box = el && el.querySelector(".pl");
      if (box) {
        box.classList.remove("pl-yield");
        boxes.push(box);
      }
    });
    // every box and rect is read first, in one layout, and the classes are set after: a class set
    // between two reads made the browser lay the page out again for every label
    const items = [];
    boxes.forEach(function (box) {
      if (getComputedStyle(box).display !== "none") {
        items.push({
          box: box,
          rank: Number(box.dataset.rank) || 9,
          name: box.dataset.name || "",
          rects: shownNames(box).map(function (n) {
            return n.getBoundingClientRect();
          }),
        });
      }
    });
    items.sort(function (a, b) {
      return a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    const placed = [];
    const yielding = [];
    items.forEach(function (item) {
      const hit = item.rects.some(function (r) {
        return placed.some(function (p) {
          return overlaps(r, p);
        });
      });
      if (hit) {
        yielding.push(item.box);
      } else {
        item.rects.forEach(function (r) {
          placed.push(r);
        });
      }
    });
    yielding.forEach(function (box) {
      box.classList.add("pl-yield");
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
