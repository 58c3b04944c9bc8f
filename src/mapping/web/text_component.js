// The telegram's text beside the map, as a Streamlit components-v2 component: one element in the
// page instead of a widget per paragraph, drawn with its own stylesheet (web/text.css). A click on a
// clause (or Enter / Space, since each is a real button) comes back to Python as the trigger
// "clause"; on every render the selected clause is marked pressed. The map component's page-wide
// click listener opens a feature from the list's links (data-tm-feature).

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
}
