// The student page's views of a task (web/student.js makes them with its helpers, P): draw (the map, the guide,
// the labelled tools, "Choose places instead", the sentence, "Send my reading"), sent ("Your reading is stored",
// and a way back to change it while the task is open) and result (the API's plain sentences, the student's own
// sentence, a legend under which the map shows the map's bands and the student's reading). The map, its drawing,
// the places chosen and the sentence are made once per task and kept from view to view: a refused or lost
// sending keeps them all.
window.TM = window.TM || {};
TM.studentViews = function (P) {
  const { el, S, say, fail, clearFail, alertRegion, call, problem, button, off, show, taskCard, credits } = P;
  const OFFLINE = TM.t("No connection: your drawing is kept; try again.");

  // the map, the drawing and the places of the task shown: made once, kept from view to view
  function work(info) {
    if (S.work) {
      return S.work;
    }
    const task = info.task;
    const K = TM.studentKinds[task.draw];
    const w = { task: task, K: K, m: null, draw: null, extra: [], mine: info.mine && info.mine.geometry };
    w.box = el("div", { class: "tm-s-map" });
    w.guide = el("p", { class: "tm-s-guide", id: "tm-s-guide", tabindex: "-1", text: TM.t("The map is loading…") });
    w.sentence = el("textarea", { id: "tm-s-sentence", rows: 3, maxlength: 280 });
    w.sentence.setAttribute("aria-describedby", "tm-s-sentence-hint");
    w.sentence.value = (info.mine && info.mine.sentence) || "";
    w.places = TM.studentPlaces(info.places || [], {
      kind: task.draw,
      maxParts: task.max_parts,
      room: () => task.max_parts - (w.draw ? w.draw.own() : 0),
      onChange: function (parts) {
        w.extra = parts;
        if (w.draw) {
          w.draw.setExtra(parts);
        }
      },
      say: say,
    });
    w.tools = {
      start: button(K.draw, () => w.draw && w.draw.start()),
      undo: button(K.undo, () => w.draw && w.draw.undo()),
      finish: button(TM.t("Finish"), function () {
        if (w.draw && !w.draw.finish()) {
          fail(K.short);
        }
      }),
      clear: button(TM.t("Start again"), () => w.draw && w.draw.clear()),
    };
    w.send = button(TM.t("Send my reading"), () => send(w), true);
    S.work = w;
    return w;
  }
  function tools(w) {
    const T = w.tools;
    const s = w.draw ? w.draw.state() : null;
    const can = S.view === "draw" && !S.info.closed && Boolean(s);
    T.start.textContent = s && s.parts ? w.K.again : w.K.draw;
    off(T.start, !can || s.drawing || s.parts >= s.max);
    off(T.undo, !can || !(w.task.draw === "Point" ? s.own : s.vertices));
    off(T.finish, !can || !s.drawing || (s.vertices > 0 && s.vertices < w.K.min));
    off(T.clear, !can || !(s.parts || s.vertices));
    if (s) {
      w.guide.textContent = w.draw.guide();
    }
  }
  function mount(w, info) {
    if (w.ready) {
      w.ready.then(() => w.m && w.m.map.invalidateSize());
      return;
    }
    w.ready = TM.studentMap(w.box, info.map, info.view, TM.t("Map of the task's place: draw your reading here"))
      .then(function (m) {
        w.m = m;
        w.draw = TM.studentDraw(m, {
          kind: w.task.draw,
          maxParts: w.task.max_parts,
          mine: w.mine,
          onChange: () => tools(w),
          onClear: () => w.places.clear(),
          say: say,
        });
        w.draw.setExtra(w.extra);
        w.draw.allow(S.view === "draw" && !S.info.closed);
        if (!w.draw.state().parts) {
          w.draw.start(); // a tap on the map is a corner at once
        }
        tools(w);
      })
      .catch(function () {
        w.guide.textContent = TM.t("The map could not be loaded. You can still choose places instead, below.");
      });
  }
  function geometry(w) {
    if (w.draw) {
      return w.draw.geometry();
    }
    const kind = "Multi" + w.task.draw;
    return w.extra.length ? { type: kind, coordinates: w.extra } : w.mine || null;
  }

  function draw(info, focus) {
    S.view = "draw";
    const w = work(info);
    const open = !info.closed;
    const shut = info.mine
      ? TM.t("Your teacher has closed the task: your last reading is kept.")
      : TM.t("Your teacher has closed the task.");
    const move = TM.t(
      "Drag the map to move it; pinch it or use + and − to zoom. No mouse or touch screen? Choose places.",
    );
    show(
      [
        taskCard(info.task, false),
        open ? null : el("p", { class: "tm-s-note", text: shut }),
        open && w.guide,
        w.box,
        open && el("div", { class: "tm-s-tools" }, [w.tools.start, w.tools.undo, w.tools.finish, w.tools.clear]),
        open && el("p", { class: "tm-s-hint", text: move }),
        open && w.places.element,
        open && el("label", { for: "tm-s-sentence", text: TM.t("One sentence: why there?") }),
        open && el("p", { id: "tm-s-sentence-hint", class: "tm-s-hint", text: TM.t("At most 280 characters.") }),
        open && w.sentence,
        alertRegion(),
        open && w.send,
        credits(info),
      ],
      focus,
    );
    mount(w, info);
    if (w.draw) {
      w.draw.allow(open);
      if (open && !w.draw.state().parts) {
        w.draw.start();
      }
    }
    tools(w);
  }

  function send(w) {
    clearFail();
    const K = w.K;
    if (w.draw && w.draw.state().drawing && !w.draw.finish()) {
      fail(K.unfinished);
      return;
    }
    const g = geometry(w);
    if (!g) {
      fail(TM.t("Draw your reading on the map, or choose places instead, before you send it."));
      return;
    }
    if (g.coordinates.length > w.task.max_parts) {
      fail(K.has(g.coordinates.length, w.task.max_parts));
      return;
    }
    const sentence = w.sentence.value.trim();
    if (!sentence) {
      fail(TM.t("Write one sentence on why you chose there."));
      w.sentence.focus();
      return;
    }
    off(w.send, true);
    w.send.textContent = TM.t("Sending…");
    const payload = { geometry: g, sentence: sentence };
    if (S.nickname) {
      payload.nickname = S.nickname;
    }
    call("/reading", payload).then(function (res) {
      off(w.send, false);
      w.send.textContent = TM.t("Send my reading");
      if (!res.ok) {
        fail(problem(res, OFFLINE)); // the drawing and the sentence stay as they are
        return;
      }
      S.info.mine = res.json.mine || { geometry: g, sentence: sentence };
      sent(S.info, true);
      say(TM.t("Your reading is stored."));
    });
  }

  function sent(info, focus) {
    S.view = "sent";
    const w = work(info);
    const mine = info.mine || {};
    const kept = info.closed
      ? TM.t("Your teacher has closed the task: this reading is kept.")
      : TM.t("You can change it until your teacher closes the task.");
    show(
      [
        taskCard(info.task, false, true),
        el("section", { class: "tm-s-sent", "aria-labelledby": "tm-s-sent-h" }, [
          el("h2", { id: "tm-s-sent-h", tabindex: "-1", text: TM.t("Your reading is stored") }),
          el("p", { text: kept }),
          el("p", { text: TM.t("When your teacher shows the map's reading, it appears here.") }),
          mine.sentence ? el("p", { class: "tm-s-label", text: TM.t("Your sentence") }) : null,
          mine.sentence ? el("blockquote", { text: mine.sentence }) : null,
          info.closed ? null : button(TM.t("Change my reading"), () => draw(S.info, [w.guide, true])),
        ]),
        w.box,
        credits(info),
      ],
      ["#tm-s-sent-h", Boolean(focus)],
    );
    mount(w, info);
    if (w.draw) {
      w.draw.allow(false);
      tools(w);
    }
  }

  // the reveal: the API's sentences, the student's own, and the map's bands with their reading under a legend
  function result(info, res) {
    const task = info.task;
    const area = task.draw === "Polygon";
    const words = {
      mine: TM.t("Your reading"),
      core: area ? TM.t("The map's core band") : TM.t("The map's core reading"),
      possible: area ? TM.t("The map's possible band") : TM.t("The map's possible reading"),
    };
    const sentences = (res.sentences || []).slice();
    if (res.differs_near && !sentences.join(" ").includes(res.differs_near)) {
      sentences.push(TM.t("Yours differs most from the map's near {place}.", { place: res.differs_near }));
    }
    const mine = res.mine && res.mine.geometry ? res.mine : null;
    const legend = el("div", { class: "tm-s-legend" });
    const w = { box: el("div", { class: "tm-s-map tm-s-result-map" }), m: null };
    show(
      [
        taskCard(task, false, true),
        el("section", { class: "tm-s-result", "aria-labelledby": "tm-s-result-h" }, [
          el("h2", { id: "tm-s-result-h", tabindex: "-1", text: TM.t("The map's reading and yours") }),
          sentences.length
            ? el(
                "ul",
                { class: "tm-s-sentences" },
                sentences.map((s) => el("li", { text: s })),
              )
            : null,
          mine || sentences.length ? null : el("p", { text: TM.t("You did not send a reading for this task.") }),
          mine && mine.sentence ? el("p", { class: "tm-s-label", text: TM.t("Your sentence") }) : null,
          mine && mine.sentence ? el("blockquote", { text: mine.sentence }) : null,
        ]),
        legend,
        w.box,
        credits(info),
      ],
      ["#tm-s-result-h", false],
    );
    w.ready = TM.studentMap(w.box, info.map, info.view, TM.t("Map of the map's reading and yours")).then(function (m) {
      w.m = m;
      const layers = (res.layers || []).concat(mine ? [{ kind: "mine", geojson: mine.geometry }] : []);
      TM.classLegend(m.map)(TM.studentLayers(m, layers, words));
      const key = m.map.getContainer().querySelector(".tm-class-legend");
      if (key) {
        legend.appendChild(key); // under the sentences, not over the map
      }
      if (mine) {
        m.frame(L.geoJSON(mine.geometry).getBounds());
      }
    });
    S.shown = w;
  }
  return { draw: draw, sent: sent, result: result };
};
