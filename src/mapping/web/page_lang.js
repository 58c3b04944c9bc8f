// The Streamlit page's language (#34): Streamlit's page says lang="en"; the app's header draws this script inline
// (app/langswitch.py) with data-lang, the language the page is in, so that the browser picks Korean or Chinese
// glyph forms and reads the page aloud in its language. Drawn again when the language changes. (No less-than
// sign anywhere in this file: the sanitizer of st.html drops a script whose text has one before a letter.)
(function () {
  const me = document.currentScript;
  const lang = me && me.dataset.lang;
  if (lang) {
    document.documentElement.lang = lang;
    window.TM = window.TM || {};
    window.TM.lang = lang;
  }
})();
