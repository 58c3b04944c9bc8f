// Present mode fits each step to the projector. present.css sizes the step's type by the screen; this sets the
// factor --tm-fit on that size: the largest, from FIT_MIN to FIT_MAX, at which the step panel's content fits
// its column. A short step fills the column in larger type, a lesson's long one shrinks a little, and neither
// scrolls. A classic script (mapview.fullscreen puts it in front of web/fullscreen.js, which starts it), run
// again when the panel's content, the window or the fonts change.
window.TM = window.TM || {};
if (!TM.fitSteps) {
  (function () {
    const FIT_MIN = 0.8; // below this the notes would be under 15 px at 1280x720: the column scrolls instead
    const FIT_MAX = 1.3; // a short note at most 30% larger than the screen's own size
    const wide = window.matchMedia("(min-width: 641px)"); // a phone stacks the panel below the map: no fit
    const root = document.documentElement.style;
    let column = null;
    let queued = false;

    // the step's column, beside the map's (present.css sets its height)
    function panel() {
      const col = document.querySelector('[data-testid="stColumn"]:has(.st-key-map) + [data-testid="stColumn"]');
      return col && col.querySelector(".st-key-next") ? col : null;
    }

    function fits(scale) {
      root.setProperty("--tm-fit", scale.toFixed(3));
      return column.scrollHeight <= column.clientHeight;
    }

    // the largest factor that fits; FIT_MIN when none does (then the column scrolls within itself)
    function largest() {
      if (fits(FIT_MAX)) {
        return FIT_MAX;
      }
      let lo = FIT_MIN;
      let hi = FIT_MAX;
      for (let i = 0; i < 7; i += 1) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    // Each try lays the column out again within this task: the screen is painted once, at the size chosen.
    // In a lesson, the map's note beside the teacher's words (present.py) stays open if the step then fits
    // at the screen's own size, and folds otherwise, unless the presenter has opened or closed it
    function fit() {
      queued = false;
      column = panel();
      if (!column || !wide.matches) {
        root.removeProperty("--tm-fit");
        return;
      }
      const fold =
        column.querySelector(".tm-teacher") && column.querySelector("details.tm-map-fold:not([data-chosen])");
      if (fold) {
        fold.open = true;
      }
      let scale = largest();
      if (fold && scale < 1) {
        fold.open = false;
        scale = largest();
      }
      fits(scale);
    }

    function queue() {
      if (!queued) {
        queued = true;
        queueMicrotask(fit); // before the next paint: a new step is never seen at the last step's size
      }
    }

    // any change to the page but the map's own (Leaflet's many): a step's content (a fragment's rerun), and a
    // style sheet arriving, which changes the column's size
    function outsideMap(record) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      return !node || !node.closest(".tm-map-host");
    }
    new MutationObserver(function (records) {
      if (records.some(outsideMap)) {
        queue();
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    // a presenter's click on the fold is theirs to keep: the step is fitted again around it
    document.addEventListener("click", function (e) {
      const summary = e.target.closest && e.target.closest("details.tm-map-fold > summary");
      if (summary) {
        summary.parentElement.dataset.chosen = "1";
      }
    });
    document.addEventListener(
      "toggle",
      function (e) {
        if (e.target.matches && e.target.matches("details.tm-map-fold[data-chosen]")) {
          queue();
        }
      },
      true, // toggle does not bubble
    );
    window.addEventListener("resize", queue);
    wide.addEventListener("change", queue);
    document.fonts.addEventListener("loadingdone", queue);
    TM.fitSteps = queue;
    queue();
  })();
}
