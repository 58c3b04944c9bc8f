// The step keys and the pressed clause, shared by the app (map_state.js, text_component.js) and the
// offline export (export_glue.js). A classic script, put in front of the modules that use it too.
window.TM = window.TM || {};

// A key's step: +1 (→, PageDown), -1 (←, PageUp) or 0 (any other key, or any key typed into a field)
TM.stepKey = function (e) {
  if (e.target && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) {
    return 0;
  }
  return e.key === "ArrowRight" || e.key === "PageDown" ? 1 : e.key === "ArrowLeft" || e.key === "PageUp" ? -1 : 0;
};

// Marks pressed (aria-pressed) the buttons whose `attr` is `value`, and only those; an attribute is set
// only when it changes. Returns the first button pressed, or null.
TM.pressOnly = function (buttons, attr, value) {
  let first = null;
  buttons.forEach(function (b) {
    const on = b.getAttribute(attr) === value;
    if (b.getAttribute("aria-pressed") !== String(on)) {
      b.setAttribute("aria-pressed", String(on));
    }
    if (on && !first) {
      first = b;
    }
  });
  return first;
};
