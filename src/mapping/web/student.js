// The light student page (app/student_page.py serves it at /join/CODE, app/student_api.py answers it): a student
// joins a class once for the lesson, follows the teacher's steps, draws their reading of the telegram's words on
// the map (web/student_draw.js) or chooses places instead (web/student_places.js), says why, sends it, and at the
// reveal reads the map's reading beside theirs. Views: code (no code in the address), join, wait (a step without
// a task), draw, sent, result. The token lives in localStorage["tm-student-CODE"] and travels as the X-Student
// header, never in an address. The class is asked every 4 s while the tab is visible; a new step, a close or the
// reveal redraws the page and is announced (a polite live region). The API's errors are shown in its own words,
// in an alert beside the action; a lost connection keeps the drawing.
window.TM = window.TM || {};
(function () {
  const root = document.getElementById("tm-student");
  if (!root) {
    return;
  }
  if (TM.keepLang()) {
    return; // the page opens again in the language this browser keeps
  }
  const el = TM.studentEl;
  const code = (root.dataset.code || "").trim();
  const API = root.dataset.api || "/api/class/" + encodeURIComponent(code);
  const KEY = "tm-student-" + code;
  const S = {
    token: null,
    nickname: "",
    info: null,
    key: null,
    taskKey: null,
    view: null,
    work: null,
    shown: null,
    busy: false,
  };
  const net = el("p", { class: "tm-s-net", role: "status" });
  const body = el("div", { class: "tm-s-body" }, [el("p", { text: TM.t("Loading your class…") })]);
  const live = el("div", { class: "tm-s-vh", "aria-live": "polite" });
  root.append(el("div", { class: "tm-s-app" }, [net, body, live]));
  let alertBox = null; // the alert region of the view shown, beside its action

  // the token (and the nickname, sent with each reading) in this browser only: localStorage, else the page
  function stored(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null; // no storage (a private window): kept as long as the page
    }
  }
  function store(key, value) {
    try {
      if (value) {
        localStorage.setItem(key, value);
      } else {
        localStorage.removeItem(key);
      }
    } catch {
      // kept in the page only
    }
  }
  S.token = stored(KEY);
  S.nickname = stored(KEY + "-nickname") || "";
  function keep(token) {
    S.token = token;
    store(KEY, token);
  }
  let sayTimer = null;
  function say(text) {
    live.textContent = "";
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () {
      live.textContent = text; // emptied first, so that the same words said twice are announced twice
    }, 80);
  }
  function alertRegion() {
    alertBox = el("div", { class: "tm-s-alert", role: "alert" });
    return alertBox;
  }
  function fail(text) {
    if (alertBox) {
      alertBox.textContent = text;
      alertBox.scrollIntoView({ block: "nearest", behavior: TM.studentStill() ? "auto" : "smooth" });
    }
  }
  function clearFail() {
    if (alertBox) {
      alertBox.textContent = "";
    }
  }
  // the API: resolves to {ok, status, json}; status 0 when the network failed
  function call(path, payload) {
    const init = { headers: {}, cache: "no-store" };
    if (AbortSignal.timeout) {
      init.signal = AbortSignal.timeout(15000); // a hung request counts as no connection, and the page asks again
    }
    if (S.token) {
      init.headers["X-Student"] = S.token;
    }
    if (payload !== undefined) {
      init.method = "POST";
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(payload);
    }
    return fetch(API + path + "?lang=" + encodeURIComponent(TM.lang), init).then(
      function (r) {
        net.textContent = ""; // the server answered: the connection is back
        return r.json().then(
          (json) => ({ ok: r.ok, status: r.status, json: json || {} }),
          () => ({ ok: r.ok, status: r.status, json: {} }),
        );
      },
      () => ({ ok: false, status: 0, json: {} }),
    );
  }
  function problem(res, offline) {
    if (!res.status) {
      return offline;
    }
    const said = res.json.error;
    return typeof said === "string" && said
      ? said
      : TM.t("Something went wrong (error {status}); try again.", { status: res.status });
  }
  // a button that stays focusable while it cannot act (aria-disabled): a key press on it never loses the focus
  function button(text, onclick, primary) {
    const b = el("button", { type: "button", class: "tm-s-btn" + (primary ? " tm-s-primary" : ""), text: text });
    b.addEventListener("click", function () {
      if (b.getAttribute("aria-disabled") !== "true") {
        onclick(b);
      }
    });
    return b;
  }
  function off(b, yes) {
    if (yes) {
      b.setAttribute("aria-disabled", "true");
    } else {
      b.removeAttribute("aria-disabled");
    }
  }
  function heading(text) {
    return el("h2", { tabindex: "-1", text: text });
  }
  // the view's content; the focus goes to focus[0] (an element or a selector) if focus[1] says so, or if it was in
  // what is replaced (the reveal while the student was typing)
  function show(kids, focus) {
    const lost = body.contains(document.activeElement);
    body.replaceChildren.apply(body, kids.filter(Boolean));
    const to = focus && (typeof focus[0] === "string" ? body.querySelector(focus[0]) : focus[0]);
    if (to && (focus[1] || lost)) {
      to.focus();
    }
  }
  function taskCard(task, open, brief) {
    return el("section", { class: "tm-s-task", "aria-labelledby": "tm-s-task-h" }, [
      el("h2", { id: "tm-s-task-h", tabindex: "-1", text: task.label }),
      el("p", { class: "tm-s-prompt", text: task.prompt }),
      brief
        ? null
        : el("details", { class: "tm-s-words", open: open }, [
            el("summary", { text: TM.t("The telegram's words") }),
            el("blockquote", { text: task.words }),
          ]),
    ]);
  }
  function credits(info) {
    const text = new DOMParser().parseFromString(info.map.credits || "", "text/html").body.textContent;
    return el("p", { class: "tm-s-credits", text: text });
  }

  // no code in the address (/join): a field for the code on the teacher's screen
  function codeForm(message) {
    S.view = "code";
    const field = el("input", { id: "tm-s-code", type: "text", autocomplete: "off", spellcheck: "false" });
    field.setAttribute("autocapitalize", "characters");
    field.value = code;
    const form = el("form", { class: "tm-s-form" }, [
      el("label", { for: "tm-s-code", text: TM.t("The class code on your teacher's screen") }),
      field,
      alertRegion(),
      el("button", { type: "submit", class: "tm-s-btn tm-s-primary", text: TM.t("Go to the class") }),
    ]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      const typed = field.value.replace(/[\s-]+/g, "").toUpperCase();
      if (!typed) {
        fail(TM.t("Type the class code first."));
        return;
      }
      window.location.assign("/join/" + encodeURIComponent(typed) + "?lang=" + encodeURIComponent(TM.lang));
    });
    show([form]);
    if (message) {
      fail(message);
    }
  }

  function join(info) {
    S.view = "join";
    const nick = el("input", { id: "tm-s-nick", type: "text", maxlength: 24, autocomplete: "off" });
    nick.setAttribute("aria-describedby", "tm-s-nick-hint");
    const go = el("button", { type: "submit", class: "tm-s-btn tm-s-primary", text: TM.t("Join the class") });
    const form = el("form", { class: "tm-s-form" }, [
      el("label", { for: "tm-s-nick", text: TM.t("A nickname, if you like") }),
      el("p", { id: "tm-s-nick-hint", class: "tm-s-hint", text: TM.t("Never shown to the class or exported.") }),
      nick,
      alertRegion(),
      go,
    ]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (go.getAttribute("aria-disabled") === "true") {
        return;
      }
      clearFail();
      off(go, true);
      S.nickname = nick.value.trim(); // it goes with each reading, never with the join
      store(KEY + "-nickname", S.nickname);
      call("/join", {}).then(function (res) {
        off(go, false);
        if (!res.ok || !res.json.token) {
          fail(problem(res, TM.t("No connection: check the Wi-Fi and try again.")));
          return;
        }
        keep(res.json.token);
        S.key = null;
        if (res.json.state) {
          S.info = Object.assign({}, S.info, { joined: false }); // the join's view goes: the task's heading takes the focus
          apply(res.json.state); // the class as its new student sees it, in the join's answer: no second round trip
        } else {
          refresh(true);
        }
      });
    });
    const waiting = el("p", { text: TM.t("Join now: your teacher's drawing tasks will appear here by themselves.") });
    const closed = el("p", { class: "tm-s-note", text: TM.t("This class is closed: it takes no new students.") });
    show([info.task ? taskCard(info.task, true) : waiting, info.closed ? closed : form]);
  }

  function wait(info) {
    S.view = "wait";
    const step = info.step || {};
    show(
      [
        heading(TM.t("You have joined the class")),
        el("p", {
          text: TM.t("Follow your teacher's screen. When the class reaches a drawing task, it appears here."),
        }),
        step.heading
          ? el("h3", { class: "tm-s-step-h", text: TM.t("Now: {heading}", { heading: step.heading }) })
          : null,
        step.words ? el("blockquote", { class: "tm-s-step", text: step.words }) : null,
      ],
      ["h2", false],
    );
  }

  const V = TM.studentViews({
    el,
    S,
    say,
    fail,
    clearFail,
    alertRegion,
    call,
    problem,
    button,
    off,
    show,
    taskCard,
    credits,
  });
  function drop() {
    [S.work, S.shown].forEach(function (w) {
      if (w && w.ready) {
        w.ready.then(() => w.m && w.m.map.remove());
      }
    });
    S.work = null;
    S.shown = null;
  }
  function result(info, announce) {
    S.view = "result";
    call("/result").then(function (res) {
      if (!res.ok) {
        S.key = null; // not yet (409), or no connection: the next look tries again
        S.view = null;
        return;
      }
      drop();
      V.result(info, res.json);
      if (announce) {
        say(TM.t("Your teacher has revealed the map's reading.") + " " + ((res.json.sentences || [])[0] || ""));
      }
    });
  }
  function apply(info) {
    const before = S.info;
    S.info = info;
    if (info.map && info.map.base_url) {
      TM.studentPreload(info.map.base_url); // the map's geography, while the student reads and joins
      // and the drawing tools (the largest script): the join view shows without waiting for them
      TM.geomanReady = TM.geomanReady || TM.loadScript(info.map.vendor + "geoman/leaflet-geoman.min.js", true);
    }
    if (S.token && !info.joined) {
      keep(null); // the class does not know this token: join again
    }
    const task = info.task || null;
    // a task is the same task whichever class-readings step shows it; a waiting class changes with the step
    const taskKey = task ? task.id : info.step ? "wait|" + info.step.name : "";
    const key = [S.token ? 1 : 0, taskKey, Boolean(info.revealed), Boolean(info.closed)].join("/");
    if (key === S.key) {
      return;
    }
    S.key = key;
    const named = { task: task ? task.label : "", code: info.code || code };
    document.title = task ? TM.t("{task}: class {code}", named) : TM.t("Class {code}", named);
    if (taskKey !== S.taskKey) {
      drop();
      S.taskKey = taskKey;
      S.view = null;
      if (before && S.token && task && !info.revealed) {
        say(TM.t("A new task: {label}.", { label: task.label }) + " " + task.prompt);
      } else if (before && S.token && !task && info.step && info.step.heading) {
        say(TM.t("Your teacher has moved on: {heading}. Nothing to draw now.", { heading: info.step.heading }));
      }
    } else if (before && Boolean(info.closed) !== Boolean(before.closed) && !info.revealed) {
      say(
        info.closed
          ? TM.t("Your teacher has closed the task.") + (info.mine ? " " + TM.t("Your last reading is kept.") : "")
          : TM.t("The task is open again."),
      );
    }
    if (!S.token) {
      join(info);
    } else if (!task) {
      wait(info);
    } else if (info.revealed) {
      result(info, Boolean(before) && !before.revealed);
    } else if (S.view === "draw" || !info.mine) {
      V.draw(info, ["#tm-s-task-h", Boolean(before) && !before.joined]);
    } else {
      V.sent(info);
    }
  }
  function refresh(focus) {
    if (S.busy) {
      return;
    }
    S.busy = true;
    call("").then(function (res) {
      S.busy = false;
      if (!res.status) {
        net.textContent = TM.t("No connection: the page tries again every few seconds.");
        return;
      }
      if (res.status === 404) {
        S.key = null;
        codeForm(problem(res, ""));
        return;
      }
      if (!res.ok) {
        net.textContent = problem(res, ""); // a busy server: the view and its drawing stay, and it asks again
        return;
      }
      if (focus) {
        S.info = Object.assign({}, S.info, { joined: false }); // the join's view goes: the task's heading takes the focus
      }
      apply(res.json);
    });
  }

  TM.student = { state: S, refresh: refresh };
  if (!code) {
    codeForm();
    return;
  }
  const first = document.getElementById("tm-s-first");
  if (first && !S.token) {
    apply(JSON.parse(first.textContent)); // the class as the page was served: no round trip before Join shows
  } else {
    refresh();
  }
  setInterval(function () {
    if (document.visibilityState === "visible" && S.view !== "code") {
      refresh();
    }
  }, 4000);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && S.view !== "code") {
      refresh();
    }
  });
})();
