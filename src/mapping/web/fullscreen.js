// Present mode's own part of the page: a full-screen button, in the page itself (no iframe), whose click is
// the user gesture the browser needs to let the whole page go full screen; and each step fitted to the
// screen (web/present_fit.js, put in front of this module by mapview.fullscreen). Its label, in the page's
// language, is in its HTML (mapview.fullscreen: one component per language, #34).
export default function (component) {
  TM.fitSteps();
  const button = component.parentElement.querySelector("#tm-fullscreen");
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
