// The 可申领一览 (#gd-options): every product, whether the enterprise can claim it, its highest
// voucher and what that takes, with a button that adds it to the plan.
import { el, refusalParts } from "../dom.js";
import { T } from "../strings.js";
import { optionDevices, optionsSummary } from "./present.js";

const O = T.options;

export class OptionsView {
  /** `onAdd(product)` is called with the 序号 (a string) of the product whose button was pressed. */
  constructor(find, { siteRoot, onAdd }) {
    this.status = find("gd-options-status");
    this.body = find("gd-options-body");
    this.siteRoot = siteRoot;
    this.initial = this.status.textContent; // the page's own line, before a city is chosen
    this.body.addEventListener("click", (event) => {
      const button = event.target.closest("[data-add-product]");
      if (button) onAdd(button.dataset.addProduct);
    });
  }

  /** The line above the table alone (`text`), the table emptied. */
  say(text, { keepTable = false } = {}) {
    this.status.textContent = text;
    if (!keepTable) this.empty();
  }

  empty() {
    this.body.replaceChildren();
    delete this.body.dataset.source;
  }

  /** As the page was built: its own line, no table. */
  reset() {
    this.say(this.initial);
  }

  /**
   * The build's table for this enterprise (prerendered.js), `status` above it, until the engine answers.
   * `data-source` says whose figures are on screen: "prerendered" here, "engine" once replaced.
   */
  showBuilt(status, nodes) {
    this.status.textContent = status;
    this.body.replaceChildren(...nodes.filter(Boolean));
    this.body.dataset.source = "prerendered";
  }

  row(option) {
    const product = el("th", { scope: "row", "data-label": O.product },
      el("a", { href: this.siteRoot + option.page, text: `${option.number}. ${option.name}` }));
    if (!option.available) {
      return el("tr", { className: "gd-row--refused" }, product,
        el("td", { colspan: "4", "data-label": O.unavailable, className: "gd-options__refusal" },
          ...refusalParts(option.refusal || { label: O.unavailable }, { siteRoot: this.siteRoot })));
    }
    return el("tr", {}, product,
      el("td", { "data-label": O.max, className: "gd-num", text: option.max_voucher_text }),
      el("td", { "data-label": O.contract, className: "gd-num", text: option.contract_for_max_text }),
      el("td", { "data-label": O.devices, text: optionDevices(option) }),
      el("td", { "data-label": O.action },
        el("button", { type: "button", className: "gd-button gd-button--small", "data-add-product": String(option.product),
          "aria-label": O.addLabel(option.number, option.name) }, O.add)));
  }

  show(options) {
    this.status.textContent = optionsSummary(options);
    const table = el("table", { className: "gd-table gd-options-table" },
      el("caption", { className: "gd-visually-hidden", text: O.caption }),
      el("thead", {}, el("tr", {}, ...O.columns.map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...options.products.map((option) => this.row(option))));
    this.body.replaceChildren(el("div", { className: "gd-table-wrap", role: "region", "aria-label": O.tableLabel, tabindex: "0" }, table));
    this.body.dataset.source = "engine";
  }
}
