// The data bundle's loader: returns `whenData(fn)`, which calls fn with the bundle (TM.data) as soon as
// the map has it. render/data.py's DataScript sets TM.whenData from it. The export carries the bundle
// inline (TM.data is already there); the app's page starts loading it early (mapview.early_scripts),
// else the map loads it from config.url itself: TM.loadScript (web/loader.js) loads it once either way.
window.TM = window.TM || {};
TM.dataScript = function (map, config) {
  let data = TM.data || null;
  const waiting = [];
  if (!data && config.url) {
    TM.loadScript(config.url).then(
      function () {
        data = TM.data;
        waiting.splice(0).forEach(function (fn) {
          fn(data);
        });
      },
      function () {
        map.attributionControl.addAttribution("<b>The map's data did not load: reload the page.</b>");
      },
    );
  }
  return function (fn) {
    if (data) {
      fn(data);
    } else {
      waiting.push(fn);
    }
  };
};
