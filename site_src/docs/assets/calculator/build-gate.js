// One build at a time: the calculator shows a figure only when its engine read the catalogue of this
// page's own build (the catalogue's hash in <meta name="gd-build">, generator/hosting/build_identity.py)
// and the server has no newer build than the page (window.gdBuildCheck, assets/js/build-check.js).
// Otherwise the engine is stopped with a Chinese message that says what is out of step, and the page
// offers to reload. Waiting for the check costs nothing in practice: build.json is one small request,
// sent when the page is parsed, long before the engine is ready; should it be slow, the result is shown
// after WAIT_MS and withdrawn if the answer then says the page is out of date.

import { T } from "./strings.js";

export const WAIT_MS = 3000;

/** The page's build, as its <meta name="gd-build"> gives it: {build, date, catalogue, engine}. */
export function pageBuild(doc = document) {
  const meta = doc.querySelector('meta[name="gd-build"]');
  if (!meta) return { build: "", date: "", catalogue: "", engine: "" };
  return { build: meta.content, date: meta.dataset.date || "", catalogue: meta.dataset.catalogue || "", engine: meta.dataset.engine || "" };
}

/** Why the engine's answer may not be shown with this page, or "" (a pure function: tests/js). */
export function mismatch(page, ready) {
  const read = ready && ready.catalogue;
  if (!read || !page.catalogue || read === page.catalogue) return "";
  return T.build.mismatch(read, page.catalogue);
}

function offerReload(check, doc) {
  const box = doc.getElementById("gd-failure");
  if (!box || !check || typeof check.reload !== "function" || box.querySelector("[data-gd-reload]")) return;
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "gd-button";
  button.dataset.gdReload = "";
  button.textContent = T.build.reload;
  button.addEventListener("click", () => check.reload());
  const line = doc.createElement("p");
  line.append(button);
  box.append(line);
}

/**
 * Resolves when the engine that sent `ready` may show figures with this page; otherwise calls
 * refuse(message) and never resolves. A refusal that comes after the figures were shown calls refuse too.
 */
export function whenSameBuild(ready, refuse, { check = window.gdBuildCheck, wait = WAIT_MS, doc = document } = {}) {
  const problem = mismatch(pageBuild(doc), ready);
  const stop = (message) => {
    refuse(message);
    offerReload(check, doc);
  };
  if (problem) {
    stop(problem);
    return new Promise(() => {});
  }
  if (!check || !check.done) return Promise.resolve();
  const outOfDate = (state) => state === "newer" || state === "stuck";
  const verdict = check.done.then((state) => {
    if (outOfDate(state)) stop(T.build.outOfDate(check.message));
    return !outOfDate(state);
  });
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(true), wait); });
  return Promise.race([verdict, late]).then((ok) => {
    clearTimeout(timer);
    return ok ? undefined : new Promise(() => {});
  });
}
