// Present mode's own part of the page: a full-screen button, in the page itself (no iframe), whose click is
// the user gesture the browser needs to let the whole page go full screen; and each step fitted to the
// screen (web/present_fit.js, put in front of this module by mapview.FULLSCREEN). Its label comes in the
// page's language (data.label, #34).
export default function (component) {
  TM.fitSteps();
  const button = component.parentElement.querySelector("#tm-fullscreen");
  const label = component.data && component.data.label;
  if (button && label && button.textContent !== label) {
    button.textContent = label;
  }
  if (!button || button.dataset.ready) {
    return;
  }
  button.dataset.ready = "1";
  button.addEventListener("click", function () {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      document.documentElement.requestFullscreen();
    }
  });
}
