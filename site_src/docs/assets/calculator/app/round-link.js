// The note a shared link of another round gets (issue 22): the plan is computed with this page's round,
// and the link's own round is one click away, with the same plan. Scoped to #gd-round-link.
import { T } from "../strings.js";
import { formatHash, linkRound, parseHash } from "../plan-state.js";

export class RoundLinkView {
  constructor(find, root) {
    this.box = find("gd-round-link");
    this.here = root.dataset.round || "";
    this.hereLabel = root.dataset.roundLabel || "";
    try {
      this.rounds = JSON.parse(root.dataset.rounds || "[]");
    } catch {
      this.rounds = [];
    }
  }

  /** The form state a link's `hash` carries, with the note shown or hidden for the round it names. */
  open(hash, maxRows) {
    const linked = parseHash(hash, maxRows);
    this.show(linked.round, String(hash || "").replace(/^#/, ""));
    return linked;
  }

  /** The link of a form state: named as this page's round, so that a later round's site can tell. */
  link(form) {
    return formatHash({ ...form, round: this.here });
  }

  /** Show or hide the note for a link naming round `linked` ("" for none), whose hash is `hash`. */
  show(linked, hash) {
    if (!this.box) return;
    const found = linkRound(linked, this.rounds, this.here);
    this.box.hidden = !found;
    if (!found) return;
    const text = this.box.querySelector("[data-gd-round-text]");
    const link = this.box.querySelector("[data-gd-round-href]");
    text.textContent = found.known ? T.round.archived(found.label, this.hereLabel) : T.round.unknown(found.folder, this.hereLabel);
    link.hidden = !found.known;
    if (found.known) {
      link.href = `${found.root}calculator/#${hash}`;
      link.textContent = T.round.open(found.label);
    }
  }
}
