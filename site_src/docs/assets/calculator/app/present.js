// What the calculator's views say, decided with no DOM, from the engine's answer and the named state
// (calculator.js). Unit-tested with `node --test` (tests/js/present.test.mjs).
import { progressText } from "../plan-state.js";
import { T } from "../strings.js";

/** The engine's formatted amount, or the plain one where it gave none. */
export const money = (text, plain) => text || plain;

const refused = (item) => Boolean(item.refusal || item.refused);

/** How many rows of the result are refused. */
export const refusedCount = (result) => result.items.filter(refused).length;

/** The sentence under the total about the enterprise cap; null outside the scope (an excluded city), where no cap applies. */
export function capSentence(result) {
  if (result.eligible === false) return null;
  const parts = [T.summary.cap(money(result.enterprise_cap_text, result.enterprise_cap))];
  if (result.history && result.history.granted_this_round && result.history.granted_this_round.length) {
    parts.push(T.summary.grantedThisRound(result.history.granted_total_text));
  }
  if (result.room_left_text) parts.push(T.summary.roomLeft(result.room_left_text));
  return T.summary.sentence(parts);
}

// The engine states what it assumed about the claim history; the pilot question, unanswered, is
// read as "no", and the page says so beside the total too.
export function assumptionsOf(result, pilotUnanswered) {
  const assumptions = [...(result.assumptions || [])];
  if (pilotUnanswered && result.eligible !== false) assumptions.push(T.summary.pilotUnanswered(result.cluster_pilot));
  return assumptions;
}

/** What the status line says of a result: {text} alone, or {lead, total, tail} around the total in bold. */
export function statusOf(result, pilotUnanswered) {
  if (!result.eligible) {
    const reason = result.problems.find((p) => p.severity === "error");
    return { text: reason ? reason.message : T.status.outOfScope(result.city) };
  }
  const because = result.items.some(refused) ? T.status.refusedSome : "";
  const total = money(result.total_text, result.total);
  if (result.history && result.history.answered === false) {
    // Not a confident figure: earlier claims can bar products, so the total is stated as conditional.
    return { lead: T.status.historyUnanswered, total, tail: T.status.historyUnansweredTail(because) };
  }
  return { lead: T.status.total, total, tail: T.status.tail(pilotUnanswered ? T.status.assumed : "", because) };
}

/** The devices a row of the result needs, in words ("" when none). */
export function devicesText(item) {
  const parts = [];
  if (!refused(item) && item.per_device) {
    if (item.devices_required !== null && item.devices_required !== undefined) parts.push(T.details.devicesRequired(item.devices_required));
    if (item.devices_for_cap) parts.push(T.details.devicesForCap(item.devices_for_cap));
  }
  return parts.length ? T.details.devices(parts) : "";
}

/** The line above the 可申领一览 table. */
export function optionsSummary(options) {
  const available = options.available_count ?? options.products.filter((p) => p.available).length;
  return T.options.summary(options.ratio_text || options.city, options.products.length, available,
    options.enterprise_cap_text, options.room_left_text);
}

/** The devices an available product needs for its highest voucher. */
export const optionDevices = (option) => (option.devices_for_max
  ? T.options.devicesFor(option.devices_for_max, option.per_device_text) : T.options.none);

/**
 * Which table the build computed (app/prerendered.js) answers for an enterprise profile: the first of
 * `groups` ({members: "<city>:0 <city>:1"}, `:1` for a pilot) naming its city and pilot status, or null
 * where there is none: no city yet, a city the build did not list, or earlier claims, which the build
 * does not take into account.
 */
export function prerenderedGroup(groups, profile) {
  if (!profile || !profile.city) return null;
  if ((profile.claimed_before || []).length || (profile.granted_this_round || []).length) return null;
  const member = `${profile.city}:${profile.cluster_pilot === true ? 1 : 0}`;
  return groups.find((group) => String(group.members || "").split(/\s+/).includes(member)) || null;
}

const downloading = (message) => !message.phase || message.phase === "download";

/**
 * The live status line while the engine loads, told in steps of 10%, not on every chunk, so screen
 * readers are not flooded; no byte count there (the progress line has the exact one), and before
 * bundle.json gives the total no percentage either. `lastStep` is the step told last:
 * returns {step, text}, text null when the line stays as it is.
 */
export function loadingStatus(message, lastStep) {
  const tenths = message.total ? Math.floor((10 * (message.loaded || 0)) / message.total) : 0;
  const step = `${message.phase || ""}:${tenths}`;
  if (step === lastStep) return { step, text: null };
  const stillDownloading = downloading(message) && !(message.total && tenths >= 10);
  const base = message.text || T.loading.download;
  const told = !stillDownloading ? progressText(message) : message.total ? T.loading.percent(base, tenths * 10) : base;
  return { step, text: T.loading.canFillIn(told) };
}

/** The progress bar: {max, value} while bytes are counted, null for an indeterminate bar (never a full one). */
export function progressBar(message) {
  if (message.total && downloading(message)) return { max: message.total, value: Math.min(message.loaded || 0, message.total) };
  return null;
}

/** Today (`now`, a Date) as the sheet and the CSV write it: {iso: "2000-01-02", zh: "2000年1月2日"}. */
export function dateOf(now) {
  const [year, month, day] = [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  return { iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, zh: T.sheet.date(year, month, day) };
}

/** WeChat's in-app browser (Weixin, and WeCom, whose agent names it too): it neither prints nor saves a file. */
export const inWeChat = (userAgent) => /MicroMessenger/i.test(String(userAgent || ""));

/** What the export panel tells a reader whose browser cannot print or download the sheet; null where it can. */
export const exportAdvice = (userAgent) => (inWeChat(userAgent) ? T.export.openInBrowser : null);
