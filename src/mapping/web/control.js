// A small Leaflet control that works in the browser alone: no rerun, no reload. render/controls.py
// calls it for each control: {position, css_class, role, label, build} plus what its builder reads.
// `build` names the builder below that fills the control's box: allNone (the layer toggles' All and
// None), legend ({html}: views.legend_html, escaped data only), sources ({html}: the base map's credits),
// dates ({dates, date}: the date control, which drives TM.apply and says which front is drawn) and names
// (1950 or modern place names). `inside` (a selector in the map) puts the box in another control instead of
// a corner: All/None in the layer list, so they cover no map until the list is opened. Every word shown or read
// goes through TM.t (web/i18n.js): the map's language (render/lang.py). names ({native}): a map in Korean or
// Chinese shows the 1950 names in the reader's script and offers the romanized ones as a third choice.
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
        ["all", true, TM.t("All"), TM.t("All: show every layer")],
        ["none", false, TM.t("None"), TM.t("None: hide every layer")],
      ].forEach(function (spec) {
        const b = L.DomUtil.create("a", "tm-allnone-" + spec[0], box);
        b.href = "#";
        b.textContent = spec[2];
        b.setAttribute("role", "button");
        // the name starts with the visible word, so speech input ("click None") finds it
        b.setAttribute("aria-label", spec[3]);
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
      button.textContent = TM.t("Legend");
      button.setAttribute("role", "button");
      const body = L.DomUtil.create("div", "tm-legend-body", box);
      body.id = "tm-legend-body";
      body.tabIndex = 0; // it scrolls: the keyboard must be able to scroll it too
      body.setAttribute("role", "group");
      body.setAttribute("aria-label", TM.t("The legend's entries"));
      L.DomEvent.disableScrollPropagation(box);
      disclosure(button, body, [TM.t("Legend"), TM.t("Hide the legend")], config.html);
    },
    // the base map's credits, folded behind one small button: four lines of them covered the map's corner
    sources: function (box) {
      const button = L.DomUtil.create("button", "tm-sources-toggle", box);
      button.type = "button";
      // "ⓘ Sources" (a phone's map: "ⓘ"); its name is always the whole "Sources of the base map"
      button.innerHTML =
        '<span aria-hidden="true">ⓘ</span><span class="tm-sources-word" aria-hidden="true"> </span>' +
        '<span class="tm-sr"></span>';
      button.querySelector(".tm-sources-word").append(TM.t("Sources"));
      button.querySelector(".tm-sr").textContent = TM.t("Sources of the base map");
      const body = L.DomUtil.create("div", "tm-sources-body", box);
      body.id = "tm-sources-body";
      L.DomEvent.disableScrollPropagation(box);
      disclosure(button, body, null, config.html);
    },
    dates: function (box) {
      const DATES = config.dates;
      // one line: the label, the date and what happened, folded (a narrow map shows only "by": tm-short; the whole label is read: tm-long)
      const label = L.DomUtil.create("label", "", box);
      label.htmlFor = "tm-date";
      label.innerHTML = '<span class="tm-long"></span><span class="tm-short" aria-hidden="true"></span> ';
      label.firstChild.textContent = TM.t("What had happened by");
      label.children[1].textContent = TM.t("by");
      const sel = L.DomUtil.create("select", "", box);
      sel.id = "tm-date";
      DATES.forEach(function (d) {
        const o = document.createElement("option");
        o.value = d.date;
        // the year is the whole map's; a phone has no room for it
        o.textContent = narrow ? d.label : TM.t("{day} 1950", { day: d.label });
        sel.appendChild(o);
      });
      // what happened by that date, folded away at first so the box covers little of the map; a date
      // the reader picks opens it
      const more = L.DomUtil.create("details", "tm-date-more", box);
      L.DomUtil.create("summary", "", more).textContent = TM.t("What happened");
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
        cap.textContent = "";
        if (d) {
          // the citation in its own element, marked as English: a Korean or Chinese page cites in English
          const around = TM.t("{caption} Source: {source}", { caption: d.caption, source: "\u0000" }).split("\u0000");
          const source = document.createElement("span");
          source.lang = "en";
          source.textContent = d.source;
          cap.append(around[0], source, around[1] || "");
        }
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
      // one line; each radio's name is the whole "1950 names" or "modern names" (aria-label: read, not shown)
      const word = L.DomUtil.create("span", "tm-names-word", box);
      word.setAttribute("aria-hidden", "true");
      word.textContent = TM.t("Names:");
      const choices = config.native
        ? [
            ["1950", TM.t("1950"), TM.t("1950 names in your script")],
            ["roman", TM.t("romanized"), TM.t("Romanized 1950 names")],
            ["modern", TM.t("modern"), TM.t("Modern names")],
          ]
        : [
            ["1950", TM.t("1950"), TM.t("1950 names")],
            ["modern", TM.t("modern"), TM.t("Modern names")],
          ];
      choices.forEach(function (c, i) {
        box.append(" ");
        const label = L.DomUtil.create("label", "", box);
        const inp = L.DomUtil.create("input", "", label);
        inp.type = "radio";
        inp.name = "tm-names";
        inp.value = c[0];
        inp.checked = i === 0;
        inp.setAttribute("aria-label", c[2]);
        label.append(" " + c[1]);
      });
      box.querySelectorAll("input").forEach(function (inp) {
        inp.addEventListener("change", function () {
          const container = map.getContainer();
          container.classList.toggle("names-modern", inp.value === "modern" && inp.checked);
          container.classList.toggle("names-roman", inp.value === "roman" && inp.checked);
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
