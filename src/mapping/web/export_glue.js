// The offline export's behaviour (export.py's ExportGlue calls it): the telegram's clauses and the
// map's shapes linked both ways, the details of a clicked shape, and the keys that step through the
// clauses (the app's step keys and pressed clause: web/steps.js). The map itself (TM.apply: classes,
// emphasis, dimming, the date) is the app's.
// data: {steps: [clause ids in text order], lesson: [each lesson step's clause, or null] or null,
// details: {feature id: its details, pre-rendered HTML}}. With a lesson, the keys step through the lesson's
// steps (#tm-lesson's items, marked aria-current), not the clauses. Its words through TM.t (the map's language).
window.TM = window.TM || {};
TM.exportGlue = function (map, data) {
  let stepIndex = -1;
  let lessonIndex = -1;
  const buttons = document.querySelectorAll("#tm-panel button[data-clause]");
  const lessonSteps = document.querySelectorAll("#tm-lesson .tm-lesson-step");
  const home = { center: map.getCenter(), zoom: map.getZoom() }; // the map's opening view
  function select(clause, fit) {
    TM.apply({ clause: clause });
    const bounds = L.latLngBounds([]);
    map.eachLayer(function (l) {
      const el = l.getElement && l.getElement(); // a shape's path (a marker's icon is never selected)
      if (el && el.classList.contains("selected")) {
        bounds.extend(l.getLatLng ? l.getLatLng() : l.getBounds());
      }
    });
    const pressed = TM.pressOnly(buttons, "data-clause", clause);
    if (pressed) {
      pressed.scrollIntoView({ block: "nearest" });
    }
    if (fit !== false && bounds.isValid()) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 9 });
    }
    stepIndex = data.steps.indexOf(clause);
    if (!data.lesson) {
      document.getElementById("tm-step").textContent =
        stepIndex >= 0 ? TM.t("Step {n} of {total}", { n: stepIndex + 1, total: data.steps.length }) : "";
      history.replaceState(null, "", clause ? "#clause=" + clause : "#");
    }
  }
  // the lesson's step n: its clause selected (none: the whole map), its item marked and brought into view
  function lessonStep(n) {
    lessonIndex = n;
    const clause = data.lesson[n];
    if (clause) {
      select(clause);
    } else {
      TM.apply({ clause: null });
      TM.pressOnly(buttons, "data-clause", "");
      map.setView(home.center, home.zoom, { animate: false });
    }
    lessonSteps.forEach(function (li, i) {
      if (i === n) {
        li.setAttribute("aria-current", "step");
        li.scrollIntoView({ block: "nearest" });
      } else {
        li.removeAttribute("aria-current");
      }
    });
    document.getElementById("tm-step").textContent = TM.t("Lesson step {n} of {total}", {
      n: n + 1,
      total: data.lesson.length,
    });
    history.replaceState(null, "", "#step=" + n);
  }
  // a shape's details, under the words of its clause (the one pressed), and brought into view in the panel
  // beside the map: the map does not move
  function details(id) {
    const box = document.getElementById("tm-details");
    box.innerHTML = data.details[id] || ""; // escaped by the exporter
    const words = id && document.querySelector('#tm-panel button[data-clause][aria-pressed="true"]');
    if (words) {
      words.closest("p").after(box);
      words.scrollIntoView({ block: "start" });
    }
  }
  map.eachLayer(function (l) {
    const p = l.feature && l.feature.properties;
    if (p && p.kind) {
      l.on("click", function () {
        const first = p.clause.split(" ").filter(function (c) {
          return data.steps.indexOf(c) >= 0;
        })[0];
        if (first) {
          select(first, false);
        }
        details(p.id);
      });
    }
  });
  lessonSteps.forEach(function (li, i) {
    li.addEventListener("click", function (e) {
      if (!e.target.closest("a, button")) {
        details("");
        lessonStep(i);
      }
    });
  });
  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      details("");
      select(b.getAttribute("data-clause"));
    });
  });
  document.addEventListener("keydown", function (e) {
    const d = TM.stepKey(e); // web/steps.js
    if (!d) {
      return;
    }
    e.preventDefault();
    details("");
    if (data.lesson) {
      lessonStep(Math.max(0, Math.min(data.lesson.length - 1, lessonIndex + d)));
      return;
    }
    const next = Math.max(0, Math.min(data.steps.length - 1, stepIndex + d));
    select(data.steps[next]);
  });
  const m = /clause=([A-Z0-9]+)/.exec(location.hash);
  const n = /step=([0-9]+)/.exec(location.hash);
  if (data.lesson && n && +n[1] < data.lesson.length) {
    lessonStep(+n[1]);
  } else if (m && data.steps.indexOf(m[1]) >= 0) {
    select(m[1]);
  }
};
