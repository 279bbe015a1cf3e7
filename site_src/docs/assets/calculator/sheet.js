// The printable 申领测算单: everything an enterprise needs on paper, from the engine's own strings.
// Shown only by the print stylesheet; built again whenever the result or the enterprise fields change.
import { el, refusalParts } from "./dom.js";
import { T } from "./strings.js";

const S = T.sheet;
const dash = S.dash;

function historyLines(history) {
  if (!history || !history.answered) return { earlier: S.notAnswered, granted: S.notAnswered };
  const earlier = history.claimed_before.map((p) => `${p.number}. ${p.name}`).join(S.nameJoiner) || S.none;
  const granted = history.granted_this_round.length
    ? S.grantedTotal(history.granted_this_round.map((p) => `${p.number}. ${p.name} ${p.amount_text}`).join(S.nameJoiner),
      history.granted_total_text)
    : S.none;
  return { earlier, granted };
}

function devicesNeeded(item) {
  if (item.refusal || item.refused || !item.per_device) return dash;
  const parts = [];
  if (item.devices_required !== null && item.devices_required !== undefined) parts.push(S.devicesAtLeast(item.devices_required));
  if (item.per_device_text) parts.push(S.devicesEach(item.per_device_text));
  return parts.join(S.partJoiner) || dash;
}

function facts(rows) {
  return el("table", { className: "gd-sheet__facts" },
    el("tbody", {}, ...rows.map(([term, value]) => el("tr", {}, el("th", { scope: "row", text: term }), el("td", {}, value)))));
}

export function renderSheet(container, { data, enterprise, date, link, qr }) {
  const { result } = data;
  const history = historyLines(result.history);
  const items = result.items.map((item, index) => {
    const how = item.refusal
      ? refusalParts(item.refusal, { plain: true })
      : [item.limit_label ? el("strong", { text: S.limit(item.limit_label) }) : null, item.explanation || ""];
    return el("tr", {},
      el("td", { text: String(index + 1) }),
      el("td", { text: `${item.number}. ${item.name}` }),
      el("td", { className: "gd-num", text: item.contract_text || item.contract }),
      el("td", { className: "gd-num", text: item.subsidy_text || item.subsidy }),
      el("td", {}, ...how),
      el("td", { text: devicesNeeded(item) }));
  });
  const problems = result.problems.length
    ? el("ol", {}, ...result.problems.map((p) => el("li", { text: S.problem(p.message, p.reference.clause) })))
    : el("p", { text: S.noProblems });
  const body = [
    el("p", { className: "gd-sheet__meta", text: S.meta(date, result.catalogue_version) }),
    el("h3", { text: S.enterprise }),
    facts([
      // As typed: a 繁体 page converts the sheet's words, never the enterprise's registered name.
      [S.name, enterprise.name ? el("span", { "data-gd-verbatim": "" }, enterprise.name) : S.unfilled],
      [S.creditCode, enterprise.credit_code || S.unfilled],
      [S.city, S.cityRegion(result.city, result.region)],
      [S.ratio, result.ratio_text || result.ratio_percent || result.ratio || dash],
      [S.pilot, result.cluster_pilot ? S.yes : S.no],
      [S.earlier, history.earlier],
      [S.granted, history.granted],
    ]),
    el("h3", { text: S.items }),
    el("table", { className: "gd-sheet__items" },
      el("thead", {}, el("tr", {}, ...S.columns.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...items)),
    facts([
      [S.total, el("strong", { text: result.total_text || result.total })],
      [S.cap, result.enterprise_cap_text || result.enterprise_cap],
      [S.roomLeft, result.room_left_text || dash],
    ]),
    (result.assumptions || []).length
      ? el("ul", { className: "gd-sheet__assumptions" }, ...result.assumptions.map((a) => el("li", { text: a }))) : null,
    el("h3", { text: S.problems }),
    problems,
    el("h3", { text: S.reopen }),
    el("div", { className: "gd-sheet__link" },
      el("p", {}, S.reopenText, el("br"),
        el("a", { className: "gd-sheet__url", href: link, text: link })),
      qr),
  ];
  container.replaceChildren(...body.filter(Boolean));
}
