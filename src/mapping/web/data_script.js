// The data bundle's loader: returns `tmData(fn)`, which calls fn with the bundle as soon as the map has it.
// render/data.py's DataScript sets window.tmData from it. The export carries the bundle inline
// (window.TM_DATA is already there); the app's map loads it from config.url itself, after the map and its
// controls are drawn, so the download overlaps that work.
window.tmDataScript = function (map, config) {
  let data = window.TM_DATA || null;
  const waiting = [];
  if (!data && config.url) {
    const s = document.createElement("script");
    s.src = config.url;
    s.onload = function () {
      data = window.TM_DATA;
      waiting.splice(0).forEach(function (fn) {
        fn(data);
      });
    };
    s.onerror = function () {
      map.attributionControl.addAttribution("<b>The map's data did not load: reload the page.</b>");
    };
    document.head.appendChild(s);
  }
  return function (fn) {
    if (data) {
      fn(data);
    } else {
      waiting.push(fn);
    }
  };
};
