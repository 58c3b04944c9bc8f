// A small Leaflet control that works in the browser alone: no rerun, no reload. render/controls.py
// calls it for each control: {position, css_class, role, label, build} plus what its builder reads.
// `build` names the builder below that fills the control's box: allNone (the layer toggles' All and
// None), legend ({html}: views.legend_html, escaped data only), sources ({html}: the base map's credits),
// dates ({dates, date}: the date control, which drives TM.apply and says which front is drawn) and names
// (1950 or modern place names). `inside` (a selector in the map) puts the box in another control instead of
// a corner: All/None in the layer list, so they cover no map until the list is opened.
window.TM = window.TM || {};
TM.control = function (map, config) {
  const narrow = map.getSize().x < 480; // a phone's map (web/map_extras.js marks it tm-narrow for the CSS)
  // a button that folds a body open and shut, and says so (aria-expanded); Space presses an <a> button too
  function disclosure(button, body, labels, fill) {
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", body.id);
    body.hidden = true;
    L.DomEvent.on(button, "keydown", function (e) {
      if (e.key === " " && button.tagName === "A") {
        L.DomEvent.preventDefault(e);
        button.click();
      }
    });
    L.DomEvent.on(button, "click", function (e) {
      L.DomEvent.preventDefault(e);
      if (!body.firstChild) {
        body.innerHTML = fill; // built when first opened: nothing to parse while the map loads
      }
      body.hidden = !body.hidden;
      button.setAttribute("aria-expanded", String(!body.hidden));
      if (labels) {
        button.textContent = labels[body.hidden ? 0 : 1];
      }
    });
  }
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
      const body = L.DomUtil.create("div", "tm-legend-body", box);
      body.id = "tm-legend-body";
      body.tabIndex = 0; // it scrolls: the keyboard must be able to scroll it too
      body.setAttribute("role", "group");
      body.setAttribute("aria-label", "The legend's entries");
      L.DomEvent.disableScrollPropagation(box);
      disclosure(button, body, ["Legend", "Hide the legend"], config.html);
    },
    // the base map's credits, folded behind one small button: four lines of them covered the map's corner
    sources: function (box) {
      const button = L.DomUtil.create("button", "tm-sources-toggle", box);
      button.type = "button";
      // "ⓘ Sources" (a phone's map: "ⓘ"); its name is always the whole "Sources of the base map"
      button.innerHTML =
        '<span aria-hidden="true">ⓘ</span><span class="tm-sources-word"> Sources</span><span class="tm-sr"> of the base map</span>';
      const body = L.DomUtil.create("div", "tm-sources-body", box);
      body.id = "tm-sources-body";
      L.DomEvent.disableScrollPropagation(box);
      disclosure(button, body, null, config.html);
    },
    dates: function (box) {
      const DATES = config.dates;
      // one line: the label, the date and what happened, folded (a narrow map shows only "by": tm-long)
      const label = L.DomUtil.create("label", "", box);
      label.htmlFor = "tm-date";
      label.innerHTML = '<span class="tm-long">What had happened </span>by ';
      const sel = L.DomUtil.create("select", "", box);
      sel.id = "tm-date";
      DATES.forEach(function (d) {
        const o = document.createElement("option");
        o.value = d.date;
        o.textContent = d.label + (narrow ? "" : " 1950"); // the year is the whole map's; a phone has no room
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
      // one line; each radio's name is the whole "1950 names" or "modern names" (tm-sr: read, not shown)
      box.innerHTML =
        '<span class="tm-names-word" aria-hidden="true">Names:</span> ' +
        '<label><input type="radio" name="tm-names" value="1950" checked> 1950<span class="tm-sr"> names</span></label> ' +
        '<label><input type="radio" name="tm-names" value="modern"> modern<span class="tm-sr"> names</span></label>';
      box.querySelectorAll("input").forEach(function (inp) {
        inp.addEventListener("change", function () {
          map.getContainer().classList.toggle("names-modern", inp.value === "modern" && inp.checked);
        });
      });
    },
  };
  const ctl = L.control({ position: config.position });
  ctl.onAdd = function () {
    const box = L.DomUtil.create("div", config.css_class);
    box.setAttribute("role", config.role);
    box.setAttribute("aria-label", config.label);
    BUILD[config.build](box);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  ctl.addTo(map);
  const host = config.inside && map.getContainer().querySelector(config.inside);
  if (host) {
    host.insertBefore(ctl.getContainer(), host.firstChild);
  }
};
