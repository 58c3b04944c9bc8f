// Place labels that never collide: after every zoom, pan or name switch, the labels are taken in
// priority order (rank 1 first, then by name). A name may cover neither a name already placed nor
// any place's dot: where it would, it moves to the other side of its dot, and if that side is taken
// too it yields (its name is hidden, its dot stays). The map's controls are taken as placed first: a name
// never hides under the date, the names switch or a button. The map, the export and present mode share it.
window.TM = window.TM || {};
TM.declutterLabels = function (map, group) {
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function shownNames(box) {
    return Array.prototype.filter.call(box.querySelectorAll(".nm"), function (n) {
      return getComputedStyle(n).display !== "none";
    });
  }
  // a name's box mirrored about its dot's centre: the same name on the other side
  function mirrored(r, dot) {
    const c = dot.left + dot.right;
    return { left: c - r.right, right: c - r.left, top: r.top, bottom: r.bottom };
  }
  function run() {
    const boxes = [];
    group.eachLayer(function (marker) {
      const el = marker.getElement && marker.getElement();
      const box = el && el.querySelector(".pl");
      if (box) {
        box.classList.remove("pl-yield");
        box.querySelectorAll(".nm").forEach(function (n) {
          n.style.transform = "";
        });
        boxes.push(box);
      }
    });
    // every box and rect is read first, in one layout, and the classes are set after: a class set
    // between two reads made the browser lay the page out again for every label
    const items = [];
    boxes.forEach(function (box) {
      if (getComputedStyle(box).display !== "none") {
        const names = shownNames(box);
        items.push({
          box: box,
          rank: Number(box.dataset.rank) || 9,
          name: box.dataset.name || "",
          names: names,
          rects: names.map(function (n) {
            return n.getBoundingClientRect();
          }),
          dot: box.querySelector(".dot").getBoundingClientRect(),
        });
      }
    });
    items.sort(function (a, b) {
      return a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    const controls = map.getContainer().querySelectorAll(".leaflet-control");
    const placed = Array.prototype.map
      .call(controls, function (c) {
        return c.getBoundingClientRect();
      })
      .filter(function (r) {
        return r.width > 0 && r.height > 0;
      });
    function free(rects, self) {
      return rects.every(function (r) {
        return (
          !placed.some(function (p) {
            return overlaps(r, p);
          }) &&
          !items.some(function (other) {
            return other !== self && overlaps(r, other.dot);
          })
        );
      });
    }
    const yielding = [];
    const moved = [];
    items.forEach(function (item) {
      let rects = item.rects;
      if (!free(rects, item)) {
        rects = item.rects.map(function (r) {
          return mirrored(r, item.dot);
        });
        if (!free(rects, item)) {
          yielding.push(item.box);
          return;
        }
        moved.push(item);
      }
      rects.forEach(function (r) {
        placed.push(r);
      });
    });
    yielding.forEach(function (box) {
      box.classList.add("pl-yield");
    });
    moved.forEach(function (item) {
      item.names.forEach(function (n, i) {
        const r = item.rects[i];
        n.style.transform = "translateX(" + (mirrored(r, item.dot).left - r.left) + "px)";
      });
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
  // and whenever a control changes size (a date's caption, the legend or the layer list opened or shut)
  const sized = new ResizeObserver(soon);
  function watchControls() {
    map
      .getContainer()
      .querySelectorAll(".leaflet-control")
      .forEach(function (c) {
        sized.observe(c);
      });
  }
  new MutationObserver(watchControls).observe(map.getContainer().querySelector(".leaflet-control-container"), {
    childList: true,
    subtree: true,
  });
  watchControls();
  // the 1950 / modern switch and the zoom classes change the container's class: names change width
  new MutationObserver(soon).observe(map.getContainer(), { attributes: true, attributeFilter: ["class"] });
  soon();
  return run;
};
