// The telegram's text beside the map, as a Streamlit components-v2 component: one element in the
// page instead of a widget per paragraph, drawn with its own stylesheet (web/text.css). A click on a
// clause (or Enter / Space, since each is a real button) comes back to Python as the trigger
// "clause"; on every render the selected clause is marked pressed (TM.pressOnly: web/steps.js, which
// textview.py puts in front of this module). The map component's page-wide
// click listener opens a feature from the list's links (data-tm-feature). A clause newly selected (from
// a URL, a shape, a feature link or the words) brings its words into view beside the map, and a shape's details
// (data.details, escaped by views.feature_details_html) stand under its words, in view too: neither the page nor
// the map moves. A phone shows the details under the map instead (app.css), where its reader is.

// each text's state across renders: the newest trigger, and the clause whose words were last shown
const texts = new WeakMap();

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  // Streamlit calls this on every render: keep one listener, and let it use the newest trigger
  let text = texts.get(parentElement);
  if (!text) {
    text = { trigger: null, shown: undefined, details: null };
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
  const words = data.active
    ? parentElement.querySelector('button[data-clause="' + CSS.escape(data.active) + '"]')
    : null;
  const details = data.details || null;
  if (details !== text.details) {
    placeDetails(parentElement, words, details);
  }
  if ((data.active && data.active !== text.shown) || (details && details !== text.details)) {
    showWords(words, !!details);
  }
  text.shown = data.active;
  text.details = details;
}

// the details under the words of their clause (or at the text's top, should they have none)
function placeDetails(root, words, html) {
  const old = root.querySelector(".tm-details-beside");
  if (old) {
    old.remove();
  }
  if (!html) {
    return;
  }
  const box = document.createElement("div");
  box.className = "tm-details-beside";
  box.innerHTML = html;
  const after = words ? words.closest("p") : null;
  if (after) {
    after.after(box);
  } else {
    root.querySelector(".tm-text").before(box);
  }
}

// The words scroll into view within the text's column, beside the map: the page does not move, so the
// title and the map stay where they are. Smooth, unless its reader asked for reduced motion. Focus stays
// where it is: the keyboard moves to the words only when its user goes there. On a phone the map stands
// above the text and stays on screen: a link under it leads to the words (app.py).
function showWords(button, withDetails) {
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
  // with details under them, the words and as much of the details as fit: their first line near the top
  const details = withDetails ? button.closest("p").nextElementSibling : null;
  const end = details ? details.getBoundingClientRect().bottom : box.bottom;
  if (box.top >= top && end <= bottom) {
    return; // already in view: nothing moves
  }
  // centred in the part of the column on screen, or its first line at the top when it is taller
  const by = !details && box.height < bottom - top ? box.top + box.height / 2 - (top + bottom) / 2 : box.top - top - 8;
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  column.scrollBy({ top: by, behavior: still ? "auto" : "smooth" });
}
