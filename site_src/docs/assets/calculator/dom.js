// Small DOM builders shared by the calculator's views. Text goes in as text, never as HTML.
import { T } from "./strings.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== "") node.append(child);
  return node;
}

// A clause of the notice as a link to its anchor on the notice page; `siteRoot` is the site's root
// as the page links it (the component's data-site-root).
export function clauseLink(reference, siteRoot = "") {
  if (!reference) return null;
  const href = reference.href || (reference.anchor ? `notice/#${reference.anchor}` : "notice/");
  return el("a", { href: siteRoot + href, className: "gd-clause" }, reference.clause);
}

// Why a row or a product is refused, in the engine's words, with the clause it rests on (as a link,
// or `plain` text for the printed sheet).
export function refusalParts(refusal, { plain = false, siteRoot = "" } = {}) {
  const clause = refusal.reference
    ? (plain ? T.refusal.basisPlain(refusal.reference.clause) : [T.refusal.basisOpen, clauseLink(refusal.reference, siteRoot), T.refusal.basisClose])
    : "";
  return [el("strong", { className: "gd-refused", text: T.refusal.label(refusal.label) }), refusal.message || "", ...[clause].flat()];
}
