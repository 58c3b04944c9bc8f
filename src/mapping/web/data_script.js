// The data bundle's loader: returns `tmData(fn)`, which calls fn with the bundle as soon as the map has it.
// render/data.py's DataScript sets window.tmData from it. The export carries the bundle inline
// (window.TM_DATA is already there); the app's page starts loading it early, else the map loads it from
// config.url itself.
window.tmDataScript = function (map, config) {
  let data = window.TM_DATA || null;
  const waiting = [];
  if (!data && config.url) {
    // the app's header may have started it already (mapview.early_scripts): then wait for that one
    const early = document.querySelector('script[data-tm-src="' + config.url + '"]');
    const s = early || document.createElement("script");
    s.onload = function () {
      data = window.TM_DATA;
      waiting.splice(0).forEach(function (fn) {
        fn(data);
      });
    };
    s.onerror = function () {
      map.attributionControl.addAttribution("<b>The map's data did not load: reload the page.</b>");
    };
    if (!early) {
      s.src = config.url;
      document.head.appendChild(s);
    }
  }
  return function (fn) {
    if (data) {
      fn(data);
    } else {
      waiting.push(fn);
    }
  };
};
