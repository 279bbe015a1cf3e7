// The result: the status line and the summary near the top (#gd-summary), the error summary
// (#gd-error-summary) and every row's explanation (#gd-details). Drawn from the engine's answer and
// the named state only, never from the form.
import { clauseLink, el, refusalParts } from "../dom.js";
import { T } from "../strings.js";
import { assumptionsOf, capSentence, devicesText, money, refusedCount, statusOf } from "./present.js";

export class ResultView {
  /** `find(id)` looks an element up inside the component; `siteRoot` prefixes the links to the notice. */
  constructor(find, { siteRoot }) {
    this.status = find("gd-status");
    this.summary = find("gd-summary-body");
    this.errorSummary = find("gd-error-summary");
    this.details = find("gd-details");
    this.detailsBody = find("gd-details-body");
    this.siteRoot = siteRoot;
  }

  say(text) {
    this.status.classList.remove("gd-status--result");
    this.status.textContent = text;
  }

  hideErrors() {
    this.errorSummary.hidden = true;
    this.errorSummary.querySelector("ul").replaceChildren();
  }

  /** The error summary: `entries` are links to the fields (made by the component). */
  showErrors(entries) {
    this.errorSummary.querySelector("ul").replaceChildren(...entries.map((link) => el("li", {}, link)));
    this.errorSummary.hidden = false;
    this.say(T.errors.status(entries.length));
    this.summary.replaceChildren(el("p", { className: "gd-summary__none", text: T.errors.noTotal }));
    this.clear();
  }

  /** What is still to be filled in: `links` to the fields. */
  showPending(links) {
    this.say(T.pending.lead(links.length));
    this.summary.replaceChildren(el("ul", { className: "gd-pending" }, ...links.map((link) => el("li", {}, link))));
    this.clear();
  }

  clear() {
    this.details.hidden = true;
    this.detailsBody.replaceChildren();
  }

  /** The engine's answer `data` ({result, suggestion}); `pilotUnanswered` from the state; `onApply(suggestion)`. */
  show(data, { pilotUnanswered, onApply }) {
    const status = statusOf(data.result, pilotUnanswered);
    this.status.replaceChildren(...(status.text ? [status.text] : [status.lead, el("strong", { text: status.total }), status.tail]));
    this.status.classList.add("gd-status--result");
    this.summary.replaceChildren(...this.summaryOf(data.result, data.suggestion, pilotUnanswered));
    this.detailsBody.replaceChildren(...this.detailsOf(data, onApply));
    this.details.hidden = false;
  }

  summaryOf(result, suggestion, pilotUnanswered) {
    const parts = [];
    if (result.ratio_text) parts.push(el("p", { text: result.ratio_text }));
    // Outside the scope (an excluded city) there is no cap to speak of, and no question left that could change the answer.
    const cap = capSentence(result);
    if (cap) parts.push(el("p", { text: cap }));
    const assumptions = assumptionsOf(result, pilotUnanswered);
    if (assumptions.length) {
      parts.push(el("div", { className: "gd-assumptions", role: "note", "aria-label": T.summary.assumptionsLabel },
        el("p", {}, el("strong", { text: T.summary.assumptionsTitle })),
        el("ul", {}, ...assumptions.map((a) => el("li", { text: a })))));
    }
    const refused = refusedCount(result);
    const links = [el("a", { href: "#gd-details-title" }, refused ? T.summary.detailsWithRefusals(refused) : T.summary.details)];
    if (suggestion && suggestion.better) links.push(T.summary.linkJoiner, el("a", { href: "#gd-suggestion" }, T.summary.suggestion));
    links.push(T.summary.linkJoiner, el("a", { href: "#gd-options-title" }, T.summary.options));
    parts.push(el("p", { className: "gd-summary__links" }, ...links));
    return parts;
  }

  explanationCell(item) {
    const D = T.details;
    if (item.refusal) return el("td", { "data-label": D.explanation }, ...refusalParts(item.refusal, { siteRoot: this.siteRoot }));
    const devices = devicesText(item);
    return el("td", { "data-label": D.explanation },
      item.limit_label ? el("strong", { text: D.limit(item.limit_label) }) : null, item.explanation || "",
      devices ? el("span", { className: "gd-devices", text: devices }) : null);
  }

  detailsOf(data, onApply) {
    const D = T.details;
    const { result, suggestion } = data;
    const rows = result.items.map((item) => el("tr", { className: item.refusal || item.refused ? "gd-row--refused" : null },
      el("th", { scope: "row", "data-label": D.product, text: `${item.number}. ${item.name}` }),
      el("td", { "data-label": D.contract, className: "gd-num", text: money(item.contract_text, item.contract) }),
      el("td", { "data-label": D.subsidy, className: "gd-num", text: money(item.subsidy_text, item.subsidy) }),
      this.explanationCell(item)));
    const parts = [
      el("div", { className: "gd-table-wrap", role: "region", "aria-label": D.tableLabel, tabindex: "0" },
        el("table", { className: "gd-table gd-result-table" },
          el("caption", { text: result.ratio_text || D.caption(result.city, result.region) }),
          el("thead", {}, el("tr", {}, ...D.columns.map((h) => el("th", { scope: "col", text: h })))),
          el("tbody", {}, ...rows))),
      el("p", { className: "gd-total" }, D.total, el("strong", { text: money(result.total_text, result.total) }),
        result.eligible === false ? "" : D.capNote(money(result.enterprise_cap_text, result.enterprise_cap), result.room_left_text)),
    ];
    if (result.problems.length) {
      parts.push(el("h3", { text: D.problems }), el("ul", { className: "gd-problems" },
        ...result.problems.map((p) => el("li", { className: `gd-problem gd-problem--${p.severity}`, "data-code": p.code },
          p.message, D.basis, clauseLink(p.reference, this.siteRoot), D.basisEnd))));
    }
    if (suggestion && suggestion.better) {
      const names = suggestion.result.items.map((i) => `${i.number}. ${i.name}`).join(D.nameJoiner);
      const apply = el("button", { type: "button", className: "gd-button", id: "gd-apply-suggestion" }, D.apply);
      apply.addEventListener("click", () => onApply(suggestion));
      parts.push(el("div", { className: "gd-suggestion", id: "gd-suggestion" },
        el("h3", { text: D.suggestion }),
        el("p", {}, D.suggestionText(names), el("strong", { text: money(suggestion.total_text, suggestion.total) }),
          D.suggestionGain(money(suggestion.gain_text, suggestion.gain))), apply));
    }
    const glossary = Object.entries(result.glossary || {});
    if (glossary.length) {
      parts.push(el("h3", { text: D.glossary }), el("dl", { className: "gd-glossary" },
        ...glossary.flatMap(([term, meaning]) => [el("dt", { text: term }), el("dd", { text: meaning })])));
    }
    return parts;
  }
}
