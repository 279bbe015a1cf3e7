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
    this.qrError = null;
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

  /** The QR-code module, loaded the first time a sheet is drawn (null if it cannot be). */
  async qrCode() {
    try {
      this.qrModule = this.qrModule || await import("../qr-code.js");
      this.qrError = null;
    } catch (error) {
      this.qrError = error && error.message ? error.message : String(error);
    }
    return this.qrModule;
  }

  qrFor(link) {
    let why = this.qrError;
    try {
      if (this.qrModule) return el("figure", { className: "gd-sheet__qr" }, this.qrModule.qrSvg(link, T.sheet.qrLabel), el("figcaption", { text: T.sheet.qrCaption }));
    } catch (error) {
      why = error && error.message ? error.message : String(error);
    }
    return el("p", { className: "gd-hint", text: T.sheet.qrFailed(why) });
  }

  /** Draw the sheet once the QR-code module is in. `wanted()` is read only then, after the wait, and gives
   * what to draw ({data, date, link}) or null when a later drawing has been asked for: drawings may finish
   * in any order, so what was typed or computed meanwhile is never overwritten by an older drawing. */
  async draw(wanted) {
    await this.qrCode();
    const now = wanted();
    if (!now) return false;
    const enterprise = this.readEnterprise();
    renderSheet(this.body, { ...now, enterprise, qr: this.qrFor(now.link) });
    return true;
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
