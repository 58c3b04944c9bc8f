// A small Leaflet control that works in the browser alone: no rerun, no reload. render/controls.py
// calls it for each control: {position, css_class, role, label, build} plus what its builder reads.
// `build` names the builder below that fills the control's box: allNone (the layer toggles' All and
// None), legend ({html}: views.legend_html, escaped data only), dates ({dates, date}: the date control,
// which drives TM.apply and says which front is drawn) and names (1950 or modern place names).
window.TM = window.TM || {};
TM.control = function (map, config) {
  const BUILD = {
    allNone: function (box) {
      [
        ["All", true],
        ["None", false],
      ].forEach(function (spec) {
        const b = L.DomUtil.create("a", "tm-allnone-" + spec[0].toLowerCase(), box);
        b.href = "#";
        b.textContent = spec[0];
        b.setAttribute("role", "button");
        // the name starts with the visible word, so speech input ("click None") finds it
        b.setAttribute("aria-label", spec[1] ? "All: show every layer" : "None: hide every layer");
        L.DomEvent.on(b, "keydown", function (e) {
          if (e.key === " ") {
            L.DomEvent.preventDefault(e);
            b.click();
          }
        });
        L.DomEvent.on(b, "click", function (e) {
          L.DomEvent.preventDefault(e);
          document.querySelectorAll(".leaflet-control-layers-overlays input").forEach(function (inp) {
            if (inp.checked !== spec[1]) {
              inp.click();
            }
          });
        });
      });
    },
    legend: function (box) {
      const button = L.DomUtil.create("a", "tm-legend-toggle", box);
      button.href = "#";
      button.textContent = "Legend";
      button.setAttribute("role", "button");
      button.setAttribute("aria-expanded", "false");
      L.DomEvent.on(button, "keydown", function (e) {
        if (e.key === " ") {
          L.DomEvent.preventDefault(e);
          button.click();
        }
      });
      const body = L.DomUtil.create("div", "tm-legend-body", box);
      body.hidden = true;
      body.tabIndex = 0; // it scrolls: the keyboard must be able to scroll it too
      body.setAttribute("role", "group");
      body.setAttribute("aria-label", "The legend's entries");
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        if (!body.firstChild) {
          // built when first opened: nothing to parse while the map loads
          body.innerHTML = config.html;
        }
        body.hidden = !body.hidden;
        button.setAttribute("aria-expanded", String(!body.hidden));
        button.textContent = body.hidden ? "Legend" : "Hide the legend";
      });
    },
    dates: function (box) {
      const DATES = config.dates;
      const label = L.DomUtil.create("label", "", box);
      label.htmlFor = "tm-date";
      label.textContent = "What had happened by ";
      const sel = L.DomUtil.create("select", "", box);
      sel.id = "tm-date";
      DATES.forEach(function (d) {
        const o = document.createElement("option");
        o.value = d.date;
        o.textContent = d.label + " 1950";
        sel.appendChild(o);
      });
      // what happened by that date, folded away at first so the box covers little of the map; a date
      // the reader picks opens it
      const more = L.DomUtil.create("details", "tm-date-more", box);
      L.DomUtil.create("summary", "", more).textContent = "What happened";
      const cap = L.DomUtil.create("div", "tm-date-caption", more);
      cap.id = "tm-date-caption";
      cap.setAttribute("aria-live", "polite");
      // which front the map draws that day, or that none is cited: a line is never shown past its sources
      const front = L.DomUtil.create("div", "tm-date-front", more);
      front.id = "tm-date-front";
      front.setAttribute("aria-live", "polite");
      function caption() {
        const d = DATES.filter(function (e) {
          return e.date === sel.value;
        })[0];
        cap.textContent = d ? d.caption + " Source: " + d.source : "";
        front.textContent = d && d.front ? d.front : "";
      }
      sel.value = config.date;
      caption();
      sel.addEventListener("change", function () {
        caption();
        more.open = true;
        TM.apply({ date: sel.value });
      });
      // a present step sets its own date (web/map_state.js): the control shows it, and what happened that day
      window.addEventListener("tm-date-set", function (e) {
        if (sel.value !== e.detail) {
          sel.value = e.detail;
          caption();
        }
      });
      L.DomEvent.disableScrollPropagation(box);
    },
    names: function (box) {
      box.innerHTML =
        '<label><input type="radio" name="tm-names" value="1950" checked> 1950 names</label><br>' +
        '<label><input type="radio" name="tm-names" value="modern"> Modern names</label>';
      box.querySelectorAll("input").forEach(function (inp) {
        inp.addEventListener("change", function () {
          map.getContainer().classList.toggle("names-modern", inp.value === "modern" && inp.checked);
        });
      });
    },
  };
  // a control may sit elsewhere on a narrow map (a phone), where its corner would cover Korea
  const narrow = config.narrow_position && map.getSize().x < 480;
  const ctl = L.control({ position: narrow ? config.narrow_position : config.position });
  ctl.onAdd = function () {
    const box = L.DomUtil.create("div", config.css_class);
    box.setAttribute("role", config.role);
    box.setAttribute("aria-label", config.label);
    BUILD[config.build](box);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  ctl.addTo(map);
};
