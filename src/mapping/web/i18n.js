// The interface strings in the page's language (#34): TM.t(english, {name: value}) and TM.tn(one, many, n,
// {name: value}) look the English msgid up in the table the page embeds (<script type="application/json"
// id="tm-s-strings">: app/student_text.py's js_table, only the msgids these scripts use, translated) and put each
// {name} in; {n} is n. A page without the table (the class map in Streamlit) reads the English as it is. The
// msgids are extracted from these calls (babel.cfg) into the catalogs (src/mapping/i18n/locales/*/ui.po), so each
// must be a string literal. TM.addStrings(table) adds a table of the same form (the map brings its own). TM.lang
// is the page's language, as <html lang> says it.
window.TM = window.TM || {};
(function () {
  // kept on TM: a second copy of this script in the same page (the class map beside the main map) keeps it
  function strings() {
    if (!TM.stringTable) {
      const node = document.getElementById("tm-s-strings");
      let table;
      try {
        table = node ? JSON.parse(node.textContent) : {};
      } catch {
        table = {};
      }
      table.s = table.s || {};
      table.p = table.p || {};
      TM.stringTable = table;
    }
    return TM.stringTable;
  }
  // more strings, from a page part that brings its own (the map: render/lang.py's MapStrings)
  TM.addStrings = function (more) {
    const table = strings();
    Object.assign(table.s, more.s || {});
    Object.assign(table.p, more.p || {});
  };
  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }
  TM.lang = document.documentElement.lang || "en";
  TM.t = function (msgid, values) {
    const said = strings().s[msgid];
    return fill(typeof said === "string" && said ? said : msgid, values);
  };
  // one, many: the English forms; the table holds the language's form for n = 1 and for any other n
  TM.tn = function (one, many, n, values) {
    const forms = strings().p[one];
    const text = forms && forms.length === 2 ? forms[n === 1 ? 0 : 1] : n === 1 ? one : many;
    return fill(text, Object.assign({ n: n }, values));
  };
  // the language: ?lang= in the address, kept in this browser's storage; a page opened without it (the QR code's
  // address) opens again in the language kept, if it is another. True when the page is leaving for it
  TM.keepLang = function () {
    const params = new URLSearchParams(window.location.search);
    try {
      const kept = localStorage.getItem("tm-lang");
      if (params.has("lang")) {
        localStorage.setItem("tm-lang", TM.lang);
      } else if (kept && kept !== TM.lang && ["en", "ko", "zh-Hans", "zh-Hant"].includes(kept)) {
        params.set("lang", kept);
        window.location.replace(window.location.pathname + "?" + params.toString());
        return true;
      }
    } catch {
      // no storage (a private window): the address keeps the language
    }
    return false;
  };
})();
