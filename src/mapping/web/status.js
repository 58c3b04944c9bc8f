// A polite live region whose text changes in place (app/teacherkit.py STATUS): Streamlit draws an st.html element
// anew on every rerun, and a screen reader announces no region that is replaced, only one whose text changes.
export default function (component) {
  const el = component.parentElement.querySelector("[role=status]");
  if (el && el.textContent !== component.data.text) {
    el.textContent = component.data.text;
  }
}
