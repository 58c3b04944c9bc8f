// The telegram's text beside the map, as a Streamlit components-v2 component: one element in the
// page instead of a widget per paragraph, drawn with its own stylesheet (web/text.css). A click on a
// clause (or Enter / Space, since each is a real button) comes back to Python as the trigger
// "clause"; on every render the selected clause is marked pressed (TM.pressOnly: web/steps.js, which
// textview.py puts in front of this module). The map component's page-wide
// click listener opens a feature from the list's links (data-tm-feature). A clause newly selected (from
// a URL, a shape, a feature link or the words) brings its words into view beside the map.

// each text's state across renders: the newest trigger, and the clause whose words were last shown
const texts = new WeakMap();

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  // Streamlit calls this on every render: keep one listener, and let it use the newest trigger
  let text = texts.get(parentElement);
  if (!text) {
    text = { trigger: null, shown: undefined };
    texts.set(parentElement, text);
    parentElement.addEventListener("click", function (e) {
      const button = e.target instanceof Element ? e.target.closest("button[data-clause]") : null;
      if (button) {
        text.trigger("clause", button.getAttribute("data-clause"));
      }
    });
  }
  text.trigger = setTriggerValue;
  TM.pressOnly(parentElement.querySelectorAll("button[data-clause]"), "data-clause", data.active);
  if (data.active && data.active !== text.shown) {
    showWords(parentElement.querySelector('button[data-clause="' + CSS.escape(data.active) + '"]'));
  }
  text.shown = data.active;
}

// The words scroll into view within the text's column, beside the map: the page does not move, so the
// title and the map stay where they are. Smooth, unless its reader asked for reduced motion. Focus stays
// where it is: the keyboard moves to the words only when its user goes there. On a phone the map stands
// above the text and stays on screen: a link under it leads to the words (app.py).
function showWords(button) {
  if (!button || window.matchMedia("(max-width: 640px)").matches) {
    return;
  }
  const column = button.closest('[data-testid="stColumn"]');
  if (!column || getComputedStyle(column).overflowY !== "auto") {
    return;
  }
  const box = button.getBoundingClientRect();
  const area = column.getBoundingClientRect();
  const top = Math.max(area.top, 0);
  const bottom = Math.min(area.bottom, window.innerHeight);
  if (box.top >= top && box.bottom <= bottom) {
    return; // already in view: nothing moves
  }
  // centred in the part of the column on screen, or its first line at the top when it is taller
  const by = box.height < bottom - top ? box.top + box.height / 2 - (top + bottom) / 2 : box.top - top - 8;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  column.scrollBy({ top: by, behavior: still ? "auto" : "smooth" });
}
