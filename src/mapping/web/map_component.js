// The map in the app, as a Streamlit components-v2 component: mounted in the page itself, no iframe.
//
// Python renders the folium map once per starting view and publishes its script as a static
// file. On the first render this module loads Leaflet and that script into the page; on every
// later render it only applies the view state (mode, clause, step) through window.tmApply, so
// a rerun never reloads the map. A chosen shape (a click, or Enter on a focused shape) comes
// back to Python as the one-rerun trigger "select": the feature's id.

function loadScript(src) {
  return new Promise(function (resolve, reject) {
    const found = document.querySelector('script[data-tm-src="' + src + '"]');
    if (found) {
      if (found.dataset.loaded) {
        resolve();
      } else {
        found.addEventListener("load", resolve);
      }
      return;
    }
    const s = document.createElement("script");
    s.src = src;
    s.dataset.tmSrc = src;
    s.addEventListener("load", function () {
      s.dataset.loaded = "1";
      resolve();
    });
    s.addEventListener("error", function () {
      reject(new Error("could not load " + src));
    });
    document.head.appendChild(s);
  });
}

function addStylesheets(links) {
  links.forEach(function (href) {
    if (!document.querySelector('link[data-tm-href="' + href + '"]')) {
      const l = document.createElement("link");
      l.rel = "stylesheet";
      l.href = href;
      l.dataset.tmHref = href;
      document.head.appendChild(l);
    }
  });
}

async function mount(host, data) {
  addStylesheets(data.css_links || []);
  for (const src of data.js_links || []) {
    await loadScript(src); // in order: folium's helpers need Leaflet first
  }
  host.style.height = data.height + "px";
  host.innerHTML = data.html; // the map's container, from folium
  await loadScript(data.script_url);
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const host = parentElement.querySelector(".tm-map-host") || parentElement;
  // Streamlit calls this on every render: keep one listener, and let it use the newest trigger
  host.tmTrigger = setTriggerValue;
  if (!host.tmListening) {
    host.tmListening = true;
    window.addEventListener("tm-select", function (e) {
      host.tmTrigger("select", e.detail);
    });
  }
  const apply = function () {
    if (window.tmApply) {
      window.tmApply(data.state);
    }
  };
  if (host.dataset.tmScript !== data.script_url) {
    host.dataset.tmScript = data.script_url;
    mount(host, data)
      .then(apply)
      .catch(function (err) {
        host.textContent = "The map could not be loaded: " + err.message;
      });
  } else {
    apply();
  }
}
