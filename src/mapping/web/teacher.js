// The teacher's browser side, as a Streamlit components-v2 module (app/teacherkit.py), drawn on every teacher
// page with no visible box:
// - the keyring: the teacher keys of the classes this browser opened, kept in its local storage (never on
//   screen, in a URL or in the server's log), and which class was on screen, so that a reload or a browser
//   restart comes back to it. Read once per page load and sent to Python as the state value "keys";
//   changed when Python sends `saves` ({code: key, or null to forget it}), `current` (the class on screen) or
//   `following` (the class that follows present mode's steps, while the map is on screen).
// - focus: after an action Python names where the next action is (`focus`: a CSS selector and a nonce);
//   the element is focused once it is drawn, so a keyboard user never starts again from the page's top.
// - the reveal key: V clicks the button named `key_button`, only while the focus is inside the box named
//   `key_scope` (WCAG 2.1.4: a one-letter shortcut active only where it belongs), never in a text field.

const STORE = "tm-teacher-keys";
const state = { sent: false, focused: null, listening: false, data: null };

function read() {
  try {
    const got = JSON.parse(window.localStorage.getItem(STORE) || "{}");
    return got && typeof got === "object" && got.classes ? got : { classes: {}, current: null };
  } catch {
    return { classes: {}, current: null }; // storage off (a private window) or damaged: an empty keyring
  }
}

function write(ring) {
  try {
    window.localStorage.setItem(STORE, JSON.stringify(ring));
  } catch {
    // storage off: the teacher keeps the key file instead (the class screen offers it)
  }
}

function keep(data) {
  const ring = read();
  let changed = false;
  Object.entries(data.saves || {}).forEach(function ([code, key]) {
    if (key && ring.classes[code] !== key) {
      ring.classes[code] = key;
      changed = true;
    } else if (!key && code in ring.classes) {
      delete ring.classes[code];
      changed = true;
    }
  });
  ["current", "following"].forEach(function (name) {
    if (data[name] !== undefined && data[name] !== ring[name]) {
      ring[name] = data[name];
      changed = true;
    }
  });
  if (changed) {
    write(ring);
  }
}

function focusWhenDrawn(selectors, tries) {
  // the first of the selectors that finds an element that can take the focus (a disabled button cannot)
  const el = []
    .concat(selectors)
    .map((q) => document.querySelector(q))
    .find((e) => e && !e.disabled);
  if (el) {
    if (!el.matches("a, button, input, select, textarea, [tabindex]")) {
      el.setAttribute("tabindex", "-1"); // a heading takes the focus without joining the Tab order
    }
    el.focus({ preventScroll: false });
    el.scrollIntoView({ block: "nearest" });
  } else if (tries > 0) {
    window.setTimeout(function () {
      focusWhenDrawn(selectors, tries - 1);
    }, 100);
  }
}

function onKey(e) {
  const data = state.data;
  if (!data || !data.key_button || e.key.toLowerCase() !== "v" || e.ctrlKey || e.metaKey || e.altKey) {
    return;
  }
  const scope = document.querySelector(data.key_scope);
  const at = document.activeElement;
  if (!scope || !at || !scope.contains(at) || at.matches("input, textarea, select, [contenteditable]")) {
    return;
  }
  const button = document.querySelector(data.key_button);
  if (button && !button.disabled) {
    e.preventDefault();
    button.click();
  }
}

export default function (component) {
  const { data, setStateValue } = component;
  state.data = data;
  if (!state.sent) {
    state.sent = true; // once per page load, before any change: Python keeps it for the session
    const ring = read();
    if (Object.keys(ring.classes).length || ring.current || ring.following) {
      setStateValue("keys", ring); // an empty ring is not sent: sending reruns the page, and slowed its first map
    }
  }
  keep(data);
  if (data.focus && data.focus.nonce !== state.focused) {
    state.focused = data.focus.nonce;
    focusWhenDrawn(data.focus.selector, 30);
  }
  if (!state.listening) {
    state.listening = true;
    document.addEventListener("keydown", onKey);
  }
}
