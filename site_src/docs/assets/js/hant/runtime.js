// The 繁体 pages' text written at run time (component: every element that scripts fill, listed in LIVE).
// The build converts the pages themselves; what the calculator's engine and the page scripts write later
// (results, refusals, errors, status lines, the printed sheet) is in 简体, from one source of wording.
// On a zh-Hant page this converts it as it is written, with OpenCC's s2hk (convert.js, table.json).
// On 简体 pages it does nothing and fetches nothing.
import { makeConverter } from "./convert.js";

const LIVE = "#gd-calculator, [data-gd-round-status]";
// What a reader typed (their enterprise's name on the sheet) is theirs, never converted.
const VERBATIM = "[data-gd-verbatim], input, textarea, select, script, style";
const ORIGINAL = "[data-gd-round-status]";
const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"];

// What was written into each text node and attribute, so that text already converted is not converted
// again (s2hk of 繁体 text is not always the same text).
const written = new WeakMap();

function convertNode(node, convert) {
  if (node.nodeType === Node.TEXT_NODE) {
    if (written.get(node) === node.data || (node.parentElement && node.parentElement.closest(VERBATIM))) return;
    const text = convert(node.data);
    if (text !== node.data) node.data = text;
    written.set(node, text);
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE || node.closest(VERBATIM)) return;
  const elements = [node, ...node.querySelectorAll("*")];
  for (const element of elements) {
    if (element.closest(VERBATIM)) continue;
    const done = written.get(element) || {};
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (!value || done[name] === value) continue;
      const text = convert(value);
      if (text !== value) element.setAttribute(name, text);
      done[name] = text;
    }
    written.set(element, done);
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) convertNode(text, convert);
}

export function watch(roots, convert) {
  const observer = new MutationObserver((records) => {
    // The round status as its script wrote it, in 简体: the calculator's CSV quotes it (the CSV is 简体).
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      const status = node && node.closest(ORIGINAL);
      if (status) status.dataset.gdHans = status.textContent;
    }
    for (const record of records) {
      if (record.type === "childList") for (const added of record.addedNodes) convertNode(added, convert);
      else if (record.type === "characterData") convertNode(record.target, convert);
      else if (record.type === "attributes") convertNode(record.target, convert);
    }
    // Our own changes are not news: drop the records they made, so nothing loops.
    observer.takeRecords();
  });
  for (const root of roots) {
    // Written by its script before this one ran (the build's own words are 繁体 already).
    for (const status of [root, ...root.querySelectorAll(ORIGINAL)]) {
      if (status.matches(ORIGINAL) && status.dataset.gdRoundState) status.dataset.gdHans = status.textContent;
    }
    convertNode(root, convert);
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ATTRIBUTES });
  }
  return observer;
}

async function start() {
  if (document.documentElement.lang !== "zh-Hant") return;
  const all = [...document.querySelectorAll(LIVE)];
  const roots = all.filter((node) => !all.some((other) => other !== node && other.contains(node)));
  if (!roots.length) return;
  try {
    const response = await fetch(new URL("table.json", import.meta.url));
    if (!response.ok) throw new Error(String(response.status));
    const convert = makeConverter(await response.json());
    watch(roots, convert);
    document.documentElement.dataset.gdHant = "ready"; // for the tests: later text is converted as written
  } catch (error) {
    // The page stays usable, its run-time text in 简体.
    document.documentElement.dataset.gdHant = "failed";
  }
}

start();
