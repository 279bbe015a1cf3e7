// ESLint for every JS file of the project: `npm exec eslint` (or `make lint`) finds this file
// without flags, and tests/test_lint.py runs it. One dialect: modern ECMAScript as ES modules.
// The files listed as classic scripts are the exceptions the pages still load with a plain
// <script> (mkdocs.yml extra_javascript, the calculator's boot.js, the service worker); a file
// converted to a module leaves the list.
import js from "@eslint/js";
import globals from "globals";

const CLASSIC_SCRIPTS = [
  "site_src/docs/assets/js/site.js",
  "site_src/docs/assets/js/reader.js",
  "site_src/docs/assets/js/read-aloud.js",
  "site_src/docs/assets/js/round-status.js",
  "site_src/docs/assets/js/not-found.js",
  "site_src/docs/assets/js/address.js",
  "site_src/docs/assets/js/self-check.js",
  "site_src/docs/assets/search/search.js",
  "site_src/docs/assets/search/engine.js",
  "site_src/docs/assets/search/catalogue-filter.js",
  "site_src/docs/assets/calculator/boot.js",
  "site_src/docs/assets/calculator/browser-support.js",
  "generator/hosting/service_worker.js",
];

export default [
  { ignores: ["site/**", "node_modules/**", ".venv/**", ".cache/**", "site_src/docs/assets/pyodide/**"] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    // The ideographic space (U+3000) is ordinary in Chinese text, template literals included.
    rules: {
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true }],
      // An unused `catch (error)` stays: browser-support.js must parse in browsers older than `catch {`.
      "no-unused-vars": ["error", { caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  // The site's page scripts and the calculator's module worker run in the browser.
  { files: ["site_src/**/*.js", "bench/static/**/*.js"], languageOptions: { globals: { ...globals.browser } } },
  { files: ["site_src/docs/assets/calculator/worker.js", "site_src/docs/assets/calculator/worker/**/*.js", "bench/static/**/*.js"],
    languageOptions: { globals: { ...globals.worker } } },
  // The build replaces __PRECACHE__ with the list of files, __BUILD_META__ with the start of the page's
  // build tag, __IMMUTABLE__ with the content-addressed name pattern and __NESTED__ with the folder of the
  // earlier rounds' sites (generator/hosting/service_worker.py).
  { files: ["generator/hosting/service_worker.js"],
    languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: "readonly", __BUILD_META__: "readonly",
      __IMMUTABLE__: "readonly", __NESTED__: "readonly" } } },
  // Build-time helpers and the JS tests run under node.
  { files: ["generator/**/*.mjs", "tests/js/**/*.{js,mjs}", "tests/support/**/*.mjs"], languageOptions: { globals: { ...globals.node } } },
  { files: CLASSIC_SCRIPTS, languageOptions: { sourceType: "script" } },
  // Classic scripts that node's tests also load: they export through `module` when it exists.
  { files: ["site_src/docs/assets/js/round-status.js", "site_src/docs/assets/search/engine.js",
            "site_src/docs/assets/search/catalogue-filter.js", "site_src/docs/assets/calculator/browser-support.js",
            "site_src/docs/assets/js/address.js", "site_src/docs/assets/js/self-check.js",
            "site_src/docs/assets/js/read-aloud.js"],
    languageOptions: { globals: { module: "readonly" } } },
  // The old-browser check must itself run in the old browsers it is written for.
  { files: ["site_src/docs/assets/calculator/browser-support.js"],
    languageOptions: { ecmaVersion: 5, globals: { Uint8Array: "readonly" } } },
  // round-status.js is a classic script that node's tests load with require(), so its test is CommonJS.
  { files: ["tests/js/round_status.test.js", "tests/js/read_aloud.test.js"], languageOptions: { sourceType: "commonjs" } },
];
