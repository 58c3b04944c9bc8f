// ESLint's flat config for the app's browser JavaScript (src/mapping/web/*.js): run from the
// repository root by .ci/run, with the tools ./dev test installs into .ci/node.
//   .ci/node/node_modules/.bin/eslint --config .ci/node/eslint.config.mjs --max-warnings 0 src/mapping/web/*.js
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      // a classic script, inlined into the map's page (render/assets.py): each defines one window.tm* function
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly" }, // Leaflet, loaded before the map's script runs
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "no-unused-vars": ["error", { args: "all", caughtErrors: "all" }],
      "no-console": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
    },
  },
  {
    // Streamlit components-v2 modules (mapview.py, textview.py): each exports its default function and runs in the page
    files: ["**/map_component.js", "**/fullscreen.js", "**/text_component.js"],
    languageOptions: { sourceType: "module" },
  },
];
