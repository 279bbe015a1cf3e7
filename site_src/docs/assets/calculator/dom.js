// Small DOM builders shared by the calculator's views. Text goes in as text, never as HTML.
let siteRoot = "";

export function setSiteRoot(root) {
  siteRoot = root || "";
}

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

// A clause of the notice as a link to its anchor on the notice page.
export function clauseLink(reference) {
  if (!reference) return null;
  const href = reference.href || (reference.anchor ? `notice/#${reference.anchor}` : "notice/");
  return el("a", { href: siteRoot + href, className: "gd-clause" }, reference.clause);
}

// Why a row or a product is refused, in the engine's words, with the clause it rests on.
export function refusalParts(refusal, { plain = false } = {}) {
  const clause = refusal.reference
    ? (plain ? `（依据：${refusal.reference.clause}）` : [" （依据：", clauseLink(refusal.reference), "）"])
    : "";
  return [el("strong", { className: "gd-refused", text: `不予奖补：${refusal.label}。` }), refusal.message || "", ...[clause].flat()];
}
