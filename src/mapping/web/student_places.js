// A reading without a pointer (web/student.js puts it under the map): "Choose places instead" lists the 1950
// places inside the task's view (the API's `places`, sorted by name) as checkboxes. By the task's kind, the
// places chosen make an area around them (their convex hull, widened by about 0.08 degrees), a route through
// them in the order chosen, or the places themselves. Each choice is announced (opts.say) and the shape is drawn
// on the map like any other (opts.onChange(parts), the Multi- geometry's parts).
window.TM = window.TM || {};
(function () {
  const WIDEN = 0.08; // degrees of latitude around each place (of longitude: as many kilometres)
  const el = TM.studentEl;

  // the convex hull of [x, y] points, anticlockwise (Andrew's monotone chain)
  function hull(points) {
    const p = points.slice().sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    function cross(o, a, b) {
      return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
    const lower = [];
    const upper = [];
    p.forEach(function (q) {
      while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) {
        lower.pop();
      }
      lower.push(q);
    });
    p.reverse().forEach(function (q) {
      while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) {
        upper.pop();
      }
      upper.push(q);
    });
    return lower.slice(0, -1).concat(upper.slice(0, -1));
  }
  function round(x) {
    return Math.round(x * 1e5) / 1e5;
  }
  // an area around the places: the hull of a 16-sided ring around each, closed (RFC 7946: anticlockwise)
  TM.studentAround = function (places) {
    const points = [];
    places.forEach(function (p) {
      const k = Math.cos((p.lat * Math.PI) / 180);
      for (let i = 0; i < 16; i++) {
        const a = (i * Math.PI) / 8;
        points.push([round(p.lon + (WIDEN * Math.cos(a)) / k), round(p.lat + WIDEN * Math.sin(a))]);
      }
    });
    const ring = hull(points);
    ring.push(ring[0].slice());
    return [ring];
  };
  function list(names) {
    if (names.length < 2) {
      return names.join("");
    }
    const head = names.slice(0, -1).join(TM.t(", "));
    return TM.t("{list} and {last}", { list: head, last: names[names.length - 1] });
  }

  // opts: {kind, maxParts, room() (how many parts the drawn shapes leave), onChange(parts), say(text)}
  TM.studentPlaces = function (places, opts) {
    const chosen = []; // indices into places, in the order chosen
    const boxes = [];
    const INTRO = {
      Polygon: TM.t("Tick the places your area should take in: your area is drawn around them."),
      LineString: TM.t(
        "Tick the places your route passes, in order: your route joins them in the order you tick them.",
      ),
      Point: TM.t("Tick each place you mean."),
    };
    const summary = el("p", { class: "tm-s-chosen" });
    function names() {
      return chosen.map(function (i) {
        return places[i].native || places[i].name;
      });
    }
    function parts() {
      const ps = chosen.map(function (i) {
        return places[i];
      });
      if (opts.kind === "Polygon") {
        return ps.length ? [TM.studentAround(ps)] : [];
      }
      if (opts.kind === "LineString") {
        return ps.length > 1 ? [ps.map((p) => [p.lon, p.lat])] : [];
      }
      return ps.map((p) => [p.lon, p.lat]);
    }
    function describe() {
      const n = names();
      if (!n.length) {
        return TM.t("No places chosen.");
      }
      if (opts.kind === "Polygon") {
        return TM.tn(
          "Your area goes around {n} place: {list}.",
          "Your area goes around {n} places: {list}.",
          n.length,
          {
            list: list(n),
          },
        );
      }
      if (opts.kind === "LineString") {
        const then = TM.t(", then "); // (a call inside another's arguments would escape the extraction)
        return n.length > 1
          ? TM.t("Your route: {list}.", { list: n.join(then) })
          : TM.t("Your route starts at {place}.", { place: n[0] });
      }
      return TM.tn("{n} place marked: {list}.", "{n} places marked: {list}.", n.length, { list: list(n) });
    }
    function update() {
      boxes.forEach(function (b, i) {
        const at = chosen.indexOf(i);
        b.order.textContent = opts.kind === "LineString" && at >= 0 ? String(at + 1) : "";
      });
      summary.textContent = describe();
      opts.onChange(parts());
    }
    function toggle(i, box) {
      const name = places[i].native || places[i].name;
      if (box.checked) {
        const room = opts.room();
        const full = opts.kind === "Point" ? chosen.length >= room : !chosen.length && room < 1;
        if (full) {
          box.checked = false;
          opts.say(
            TM.t("Your reading already holds {max}, the most it may: press Start again first.", { max: opts.maxParts }),
          );
          return;
        }
        chosen.push(i);
      } else {
        chosen.splice(chosen.indexOf(i), 1);
      }
      update();
      const at = chosen.indexOf(i);
      let said = box.checked ? TM.t("{place} chosen.", { place: name }) : TM.t("{place} removed.", { place: name });
      if (opts.kind === "LineString" && at >= 0) {
        said = TM.t("{place} chosen as stop {n}.", { place: name, n: at + 1 });
      }
      if (opts.kind === "LineString" && chosen.length === 1) {
        said += " " + TM.t("Choose the next place on your route.");
      } else {
        said += " " + describe();
      }
      opts.say(said);
    }
    const items = places.map(function (p, i) {
      const id = "tm-s-place-" + i;
      const box = el("input", { type: "checkbox", id: id });
      const order = el("span", { class: "tm-s-order", "aria-hidden": "true" });
      box.addEventListener("change", function () {
        toggle(i, box);
      });
      boxes.push({ box: box, order: order });
      const label = el("label", { for: id, text: p.native ? p.native + " (" + p.name + ")" : p.name });
      if (p.native) {
        label.setAttribute("lang", TM.lang);
      }
      return el("li", {}, [box, label, order]);
    });
    const fields = el("fieldset", {}, [
      el("legend", { text: TM.t("Places in 1950, in the order of the alphabet") }),
      el("ul", { class: "tm-s-place-list" }, items),
    ]);
    const box = el("details", { class: "tm-s-places" }, [
      el("summary", { text: TM.t("Choose places instead") }),
      el("p", { text: INTRO[opts.kind] }),
      fields,
      summary,
    ]);
    summary.textContent = describe();
    return {
      element: box,
      clear: function () {
        chosen.length = 0;
        boxes.forEach(function (b) {
          b.box.checked = false;
        });
        summary.textContent = describe();
      },
      count: function () {
        return chosen.length;
      },
    };
  };
})();
