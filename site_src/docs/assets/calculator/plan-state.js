// Pure helpers of the calculator page, with no DOM: the state of the form, the link (URL hash) that
// reopens it, and the plan sent to the engine. Unit-tested with `node --test` (tests/js/).
//
// State: {city, pilot: true|false|null, history: "yes"|"no"|null, claimed: [id], granted:
// [{product, amount}], items: [{product, contract, devices}]}. Products are kept as strings of the
// 序号 ("5"), "" when none is chosen; amounts as the user typed them (the engine parses them).

import { T } from "./strings.js";

// Links already published must keep their meaning: `#item=5`, `#city=<城市>&pilot=1&claimed=9&item=5:<金额>:40`
// and odd but unambiguous forms such as `item=01:100000` or full-width digits.
export function normaliseProduct(text) {
  const digits = String(text ?? "").normalize("NFKC").trim();
  if (!/^\d{1,4}$/.test(digits)) return "";
  const id = Number(digits);
  return id > 0 ? String(id) : "";
}

export function emptyState() {
  return { city: "", pilot: null, history: null, claimed: [], granted: [], items: [], round: "" };
}

// A link may carry any number of rows; at most one more than the engine accepts (`maxRows`) is kept,
// so the engine's own message about the limit is shown and a hostile link cannot freeze the page.
export function parseHash(hash, maxRows = Infinity) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const rows = (key) => params.getAll(key).slice(0, maxRows + 1);
  const state = emptyState();
  state.city = (params.get("city") || "").trim();
  state.round = (params.get("round") || "").trim();
  const pilot = params.get("pilot");
  state.pilot = pilot === "1" ? true : pilot === "0" ? false : null;
  state.claimed = [...new Set((params.get("claimed") || "").split(/[,，、]/).slice(0, maxRows + 1)
    .map(normaliseProduct).filter(Boolean))].map(Number);
  state.granted = rows("granted").map((entry) => {
    const [product = "", amount = ""] = entry.split(":");
    return { product: normaliseProduct(product), amount: amount.trim() };
  });
  const history = params.get("history");
  if (state.claimed.length || state.granted.length || history === "yes") state.history = "yes";
  else if (history === "no") state.history = "no";
  state.items = rows("item").map((entry) => {
    const [product = "", contract = "", devices = ""] = entry.split(":");
    return { product: normaliseProduct(product), contract: contract.trim(), devices: devices.trim() };
  });
  return state;
}

const blankItem = (item) => !item.product && !item.contract && !item.devices;
const blankGrant = (grant) => !grant.product && !grant.amount;

export function formatHash(state) {
  const params = new URLSearchParams();
  if (state.city) params.set("city", state.city);
  if (state.pilot !== null) params.set("pilot", state.pilot ? "1" : "0");
  if (state.history === "no") params.set("history", "no");
  if (state.history === "yes") {
    if (state.claimed.length) params.set("claimed", state.claimed.join(","));
    const granted = state.granted.filter((g) => !blankGrant(g));
    for (const g of granted) params.append("granted", `${g.product}:${g.amount}`);
    if (!state.claimed.length && !granted.length) params.set("history", "yes");
  }
  for (const item of state.items) {
    if (!blankItem(item)) params.append("item", [item.product, item.contract, item.devices].join(":"));
  }
  if (state.round) params.set("round", state.round);
  return params.toString();
}

// A link names the round (年度目录) whose rules it was made under (`round=<folder>`); one made before links
// named their round belongs to the first round the site published. `rounds`: [{folder, label, root}],
// oldest first; `here`: this page's round. Null when the link is this page's own round; else the round
// it names, `known: false` when this site does not publish it.
export function linkRound(linked, rounds, here) {
  if (!rounds.length) return null;
  const folder = linked || rounds[0].folder;
  if (folder === here) return null;
  const round = rounds.find((r) => r.folder === folder);
  return round ? { known: true, ...round } : { known: false, folder };
}

// What is still to be filled in before a total means anything. These are prompts, not errors: the
// user has simply not got there yet. Each names the field it is about, so the page can link to it.
function pendingOf(state, items, grants) {
  const pending = [];
  if (!state.city) pending.push({ target: { kind: "city" }, message: T.pending.city });
  // “是，领取过” without saying what: a total now would rest on the very assumption just denied.
  if (state.history === "yes" && !state.claimed.length && !grants.length) {
    pending.push({ target: { kind: "claimed" }, message: T.pending.claimed });
  }
  grants.forEach(({ grant, index }) => {
    if (!grant.product) pending.push({ target: { kind: "granted", index, name: "product" }, message: T.pending.grantProduct(index + 1) });
    else if (!grant.amount) pending.push({ target: { kind: "granted", index, name: "amount" }, message: T.pending.grantAmount(index + 1) });
  });
  if (!items.length) {
    pending.push(state.items.length
      ? { target: { kind: "items", index: 0, name: "product" }, message: T.pending.firstItem }
      : { target: { kind: "add" }, message: T.pending.addItem });
  }
  items.forEach(({ item, index }) => {
    if (!item.product) pending.push({ target: { kind: "items", index, name: "product" }, message: T.pending.itemProduct(index + 1) });
    else if (!item.contract) pending.push({ target: { kind: "items", index, name: "contract" }, message: T.pending.itemContract(index + 1) });
  });
  return pending;
}

// The plan for the engine, which rows of the form its entries came from (so an engine error on
// `items[1].contract` lands on the right row), and what is still to be filled in.
export function planFromState(state, perDeviceProducts = new Set()) {
  const items = state.items.map((item, index) => ({ item, index })).filter(({ item }) => !blankItem(item));
  const grants = state.history === "yes"
    ? state.granted.map((grant, index) => ({ grant, index })).filter(({ grant }) => !blankGrant(grant)) : [];
  const plan = { city: state.city, cluster_pilot: state.pilot === true };
  // The engine assumes nothing was claimed, and says so, only while neither key is sent.
  if (state.history === "no") Object.assign(plan, { claimed_before: [], granted_this_round: [] });
  if (state.history === "yes" && (state.claimed.length || grants.length)) {
    plan.claimed_before = [...state.claimed];
    plan.granted_this_round = grants.map(({ grant }) => ({ product: Number(grant.product) || grant.product, amount: grant.amount }));
  }
  plan.items = items.map(({ item }) => {
    const entry = { product: Number(item.product) || item.product, contract: item.contract };
    if (item.devices && perDeviceProducts.has(Number(item.product))) entry.devices = item.devices;
    return entry;
  });
  return {
    plan,
    itemRows: items.map(({ index }) => index),
    grantRows: grants.map(({ index }) => index),
    pending: pendingOf(state, items, grants),
  };
}

// The options (可申领一览) depend on the enterprise only, never on the items.
export function profileOf(plan) {
  const { items, ...profile } = plan;
  return profile;
}

// An engine error's field (`items[1].contract`, `granted_this_round[0].amount`, `claimed_before[2]`,
// `city`) as the part of the form it is about. Unknown fields fall back to the whole form.
export function targetOfField(field, { itemRows = [], grantRows = [] } = {}) {
  let match = /^items\[(\d+)\](?:\.(product|contract|devices))?$/.exec(field || "");
  if (match && itemRows[Number(match[1])] !== undefined) {
    return { kind: "items", index: itemRows[Number(match[1])], name: match[2] || "product" };
  }
  match = /^granted_this_round\[(\d+)\](?:\.(product|amount))?$/.exec(field || "");
  if (match && grantRows[Number(match[1])] !== undefined) {
    return { kind: "granted", index: grantRows[Number(match[1])], name: match[2] || "product" };
  }
  if (/^claimed_before(\[\d+\])?$/.test(field || "")) return { kind: "claimed" };
  if (field === "city") return { kind: "city" };
  if (field === "cluster_pilot") return { kind: "pilot" };
  return { kind: "form" };
}

// Every error of the engine's answer, first one included, without repeats.
export function errorsOf(error) {
  if (!error) return [];
  const list = Array.isArray(error.errors) && error.errors.length ? error.errors : [{ field: error.field, message: error.message }];
  const seen = new Set();
  return list.filter((e) => {
    const key = `${e.field}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// How far the engine has got, in words, from the worker's progress message.
// The worker's own words for the step come first; bytes are counted only while downloading.
export function progressText(message) {
  const mb = (n) => (n / 1048576).toFixed(1);
  const downloading = !message.phase || message.phase === "download";
  if (!downloading) return message.text || T.loading.starting;
  const words = message.text || T.loading.download;
  if (message.total && message.loaded >= message.total) return T.loading.done;
  if (message.total) return T.loading.bytes(words, mb(message.loaded), mb(message.total));
  if (message.loaded) return T.loading.bytesSoFar(words, mb(message.loaded));
  return message.text || T.loading.loading;
}
