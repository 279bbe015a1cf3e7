// The 可申领一览 the build computed with the same engine (#gd-prerendered, generator/pages/prerendered.py):
// while the engine loads, the table for the enterprise as described is shown in the overview at once,
// marked 预先计算, with how much of the engine is still to come; the engine's own answer (options.js)
// replaces it when ready. The whole list stays in the page for readers without JavaScript, and is shown
// again by the style sheet if the engine fails.
import { el } from "../dom.js";
import { progressText } from "../plan-state.js";
import { T } from "../strings.js";
import { prerenderedGroup } from "./present.js";

const P = T.prerendered;

export class PrerenderedView {
  /** `options` is the overview's view (options.js), whose status line and body this one writes while the engine loads. */
  constructor(find, { options }) {
    const block = find("gd-prerendered");
    this.groups = block ? [...block.querySelectorAll("[data-members]")].map((node) => ({ node, members: node.dataset.members })) : [];
    this.options = options;
    this.loadingLine = null;
    this.lastProgress = {};
  }

  /** Before the engine is ready: the build's table for `profile` (a plan without items), or why there is none. */
  preview(profile) {
    this.loadingLine = null;
    if (!profile.city) {
      this.options.reset();
      return;
    }
    const group = prerenderedGroup(this.groups, profile);
    if (!group) { // earlier claims, which the build's tables do not take into account
      const claims = (profile.claimed_before || []).length + (profile.granted_this_round || []).length;
      if (claims) this.options.say(P.withHistory);
      else this.options.reset();
      return;
    }
    const who = P.who(profile.cluster_pilot === true);
    const wrap = group.node.querySelector(".gd-table-wrap").cloneNode(true);
    wrap.removeAttribute("aria-labelledby");
    wrap.setAttribute("aria-label", P.tableLabel);
    const caption = wrap.querySelector("caption");
    caption.className = "gd-prerendered__caption";
    caption.textContent = P.caption(profile.city, who);
    const summary = group.node.querySelector(".gd-prerendered__summary");
    this.loadingLine = el("p", { className: "gd-prerendered__loading", text: P.loading(progressText(this.lastProgress)) });
    this.options.showBuilt(P.lead(profile.city, who), [summary ? summary.cloneNode(true) : null, this.loadingLine, wrap]);
  }

  /** The worker's progress: how much of the engine is still to come, beside the table on screen. */
  progress(message) {
    this.lastProgress = message;
    if (this.loadingLine && this.loadingLine.isConnected) this.loadingLine.textContent = P.loading(progressText(message));
  }
}
