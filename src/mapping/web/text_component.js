// The telegram's text beside the map, as a Streamlit components-v2 component: one element in the
// page instead of a widget per paragraph, drawn with its own stylesheet (web/text.css). A click on a
// clause (or Enter / Space, since each is a real button) comes back to Python as the trigger
// "clause"; on every render the selected clause is marked pressed. The map component's page-wide
// click listener opens a feature from the list's links (data-tm-feature). A clause newly selected (from
// a URL, a shape, a feature link or the words) brings its words into view beside the map.

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  // Streamlit calls this on every render: keep one listener, and let it use the newest trigger
  parentElement.tmTrigger = setTriggerValue;
  if (!parentElement.tmListening) {
    parentElement.tmListening = true;
    parentElement.addEventListener("click", function (e) {
      const button = e.target instanceof Element ? e.target.closest("button[data-clause]") : null;
      if (button) {
        parentElement.tmTrigger("clause", button.getAttribute("data-clause"));
      }
    });
  }
  parentElement.querySelectorAll("button[data-clause]").forEach(function (b) {
    const pressed = String(b.getAttribute("data-clause") === data.active);
    if (b.getAttribute("aria-pressed") !== pressed) {
      b.setAttribute("aria-pressed", pressed);
    }
  });
  if (data.active && data.active !== parentElement.tmShown) {
    showWords(parentElement.querySelector('button[data-clause="' + CSS.escape(data.active) + '"]'));
  }
  parentElement.tmShown = data.active;
}

// The words scroll into view within the page, beside the map, which stays (its column is sticky). Focus
// stays where it is: the keyboard moves to the words only when its user goes there. On a phone the map
// stands above the text and stays on screen: a link under it leads to the words (app.py).
function showWords(button) {
  if (!button || window.matchMedia("(max-width: 640px)").matches) {
    return;
  }
  const box = button.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= window.innerHeight) {
    return; // already in view: nothing moves
  }
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  button.scrollIntoView({
    block: box.height < window.innerHeight * 0.8 ? "center" : "start",
    behavior: still ? "auto" : "smooth",
  });
}
