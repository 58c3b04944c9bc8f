// ESLint's flat config for the app's browser JavaScript (src/mapping/web/*.js), at the repository root
// where editors find it. .ci/run lints with the tools ./dev test installs into ./node_modules:
//   node_modules/.bin/eslint --max-warnings 0 src/mapping/web/*.js
// Its layout is Prettier's (.prettierrc.json): node_modules/.bin/prettier --check src/mapping/web
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["static/vendor/**", "static/cache/**", "node_modules/**"] },
  { ...js.configs.recommended, files: ["src/mapping/web/**/*.js"] },
  {
    files: ["src/mapping/web/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      // a classic script, inlined into the map's page (render/assets.py): each adds its functions to the page's
      // one namespace, window.TM (web/loader.js and web/steps.js are also put in front of the modules below)
      sourceType: "script",
      globals: {
        ...globals.browser,
        L: "readonly", // Leaflet, loaded before the map's script runs
        TM: "readonly", // window.TM: its members are set, the name itself never
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: ["error", "always"],
      "no-implicit-globals": "error",
      "no-shadow": "error",
      "no-unused-vars": ["error", { args: "all", argsIgnorePattern: "^_", caughtErrors: "all" }],
      "no-console": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
    },
  },
  {
    // Streamlit components-v2 modules (mapview.py, textview.py): each exports its default function and runs in the page
    files: ["**/map_component.js", "**/fullscreen.js", "**/text_component.js", "**/class_map.js", "**/teacher.js", "**/status.js"],
    languageOptions: { sourceType: "module" },
  },
];
