// The engine's loading and failure: the loader with its progress bar (#gd-loader) and the failure box
// (#gd-failure). The status line itself belongs to the result view.
import { progressText } from "../plan-state.js";
import { progressBar } from "./present.js";

export class LoadingView {
  constructor(find) {
    this.loader = find("gd-loader");
    this.bar = find("gd-progress");
    this.label = find("gd-progress-text");
    this.failure = find("gd-failure");
    this.reason = find("gd-failure-reason");
  }

  started() {
    this.loader.hidden = false;
    this.label.textContent = progressText({});
  }

  progress(message) {
    this.loader.hidden = false;
    const bar = progressBar(message);
    if (bar) {
      this.bar.max = bar.max;
      this.bar.value = bar.value;
    } else {
      this.bar.removeAttribute("value"); // no byte count in this phase: an indeterminate bar, never a full one
    }
    this.label.textContent = progressText(message);
  }

  done() {
    this.loader.hidden = true;
  }

  failed(message) {
    this.loader.hidden = true;
    this.reason.textContent = message;
    this.failure.hidden = false;
  }
}
