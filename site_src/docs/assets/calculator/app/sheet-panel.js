// The sheet: the export panel (#gd-export: the enterprise fields, print and download, their status)
// and the printable 申领测算单 (#gd-sheet, drawn by ../sheet.js with a QR code of the link).
import { el } from "../dom.js";
import { renderSheet } from "../sheet.js";
import { T } from "../strings.js";

export class SheetPanel {
  constructor(find, { roundStatus }) {
    this.find = find;
    this.body = find("gd-sheet").querySelector('[data-sheet="body"]');
    this.round = find("gd-sheet").querySelector('[data-sheet="round"]');
    this.status = find("gd-export-status");
    this.creditCode = find("gd-credit-code");
    this.creditCodeError = find("gd-credit-code-error");
    this.roundStatus = roundStatus;
    this.qrModule = null;
  }

  /** The enterprise fields, read when they change (they are printed, never put in the link). */
  readEnterprise() {
    return { name: this.find("gd-enterprise-name").value.trim(), credit_code: this.creditCode.value.trim() };
  }

  say(text) {
    this.status.textContent = text;
  }

  clear() {
    this.body.replaceChildren();
  }

  async qrFor(link) {
    try {
      this.qrModule = this.qrModule || await import("../qr-code.js");
      return el("figure", { className: "gd-sheet__qr" }, this.qrModule.qrSvg(link, T.sheet.qrLabel), el("figcaption", { text: T.sheet.qrCaption }));
    } catch (error) {
      return el("p", { className: "gd-hint", text: T.sheet.qrFailed(error && error.message ? error.message : error) });
    }
  }

  /** Draw the sheet of `data` (the answer on screen); `stillCurrent()` says whether it still is once the QR code is made. */
  async draw({ data, enterprise, date, link }, stillCurrent) {
    const qr = await this.qrFor(link);
    if (!stillCurrent()) return;
    renderSheet(this.body, { data, enterprise, date, link, qr });
  }

  /** The round-status script fills every [data-gd-round-status], this line of the sheet included; where
   * it has not (yet) run, the page's own status line is copied. */
  fillRound() {
    if (!this.round.textContent.trim()) this.round.textContent = this.roundStatus();
  }

  clearCreditCodeError() {
    this.creditCodeError.hidden = true;
    this.creditCodeError.textContent = "";
    this.creditCode.removeAttribute("aria-invalid");
  }

  creditCodeWrong(message) {
    this.creditCodeError.textContent = message;
    this.creditCodeError.hidden = false;
    this.creditCode.setAttribute("aria-invalid", "true");
  }

  /** Offer `text` as a download named `fileName` (a UTF-8 CSV that Excel reads). */
  download(text, fileName) {
    // The BOM makes Excel read the file as UTF-8, so the Chinese stays intact.
    const blob = new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: fileName });
    this.status.after(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }
}
