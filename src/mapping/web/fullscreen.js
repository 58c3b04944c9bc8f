// A full-screen button for present mode, in the page itself (no iframe): the click is the user
// gesture the browser needs to let the whole page go full screen.
export default function (component) {
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
