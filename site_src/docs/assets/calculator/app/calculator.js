// The calculator component, scoped to its root element (#gd-calculator): its named state, the engine in a
// worker (../engine-client.js), and the views of its regions (questions.js, result.js, options.js and the
// build's figures before the engine, prerendered.js, sheet-panel.js, loading.js), which draw from the state
// and never read the form. All figures, labels and explanations are the engine's strings (the build's are
// the same engine's); the page's own words are in ../strings.js.
import { pageBuild, whenSameBuild } from "../build-gate.js";
import { EngineClient } from "../engine-client.js";
import { el } from "../dom.js";
import { errorsOf, planFromState, profileOf, targetOfField } from "../plan-state.js";
import { T } from "../strings.js";
import { LoadingView } from "./loading.js";
import { OptionsView } from "./options.js";
import { PrerenderedView } from "./prerendered.js";
import { dateOf, exportAdvice, loadingStatus, money } from "./present.js";
import { Questions } from "./questions.js";
import { ResultView } from "./result.js";
import { RoundLinkView } from "./round-link.js";
import { SheetPanel } from "./sheet-panel.js";

/**
 * The component's state, apart from what is drawn:
 *   form        the questions as plan state (plan-state.js), read from the form once per change
 *   enterprise  {name, credit_code}, read from the sheet's fields before the sheet is drawn or made
 *   engine      "starting" | "loading" | "ready": the worker's boot (calls are made once it is ready)
 *   failure     the message of the failure box, once something failed (the page stops at it)
 *   current     {plan, data} of the result on screen, or null when none is complete
 *   generation  number of the latest recalculation; an older answer is dropped
 *   optionsKey  the enterprise profile the 可申领一览 on screen (or being made) is for
 *   loadingStep the step of the loading status told last
 */
export function initialState() {
  return { form: null, enterprise: { name: "", credit_code: "" }, engine: "starting", failure: null, current: null, sheetTurn: 0,
    generation: 0, optionsKey: null, loadingStep: "" };
}

export class Calculator {
  /**
   * `page` is what the component needs of the page: {boot, limits, location, history, print, roundStatus,
   * userAgent}.
   */
  constructor(root, page) {
    this.root = root;
    this.page = page;
    this.state = initialState();
    this.client = null;
    this.debounce = null;
    this.maxRows = Number(root.dataset.maxRows) || Infinity;
    this.siteRoot = root.dataset.siteRoot || "";
    let resolve;
    this.ready = new Promise((done) => { resolve = done; });
    this.resolveReady = resolve;
    const find = (id) => root.querySelector(`#${id}`);
    this.find = find;
    this.questions = new Questions(find, { changed: () => this.changed() });
    this.result = new ResultView(find, { siteRoot: this.siteRoot });
    this.options = new OptionsView(find, { siteRoot: this.siteRoot, onAdd: (product) => this.questions.addProduct(product) });
    this.sheet = new SheetPanel(find, { roundStatus: () => this.roundStatus() });
    this.prerendered = new PrerenderedView(find, { options: this.options }); // the build's figures until the engine is ready
    this.loading = new LoadingView(find);
    this.roundLink = new RoundLinkView(find, root); // a shared link of another round
    // Where the browser cannot print or save a file (WeChat's), the export panel says so from the start.
    this.exportAdvice = exportAdvice(page.userAgent);
    if (this.exportAdvice) this.sheet.say(this.exportAdvice);
    root.dataset.started = ""; // the script runs: the "if nothing happens" notice is not needed
  }

  // ---------- wiring ----------
  connect(win) {
    const { form } = this.questions;
    form.addEventListener("input", () => this.changed());
    form.addEventListener("change", () => this.changed());
    form.addEventListener("submit", (event) => event.preventDefault());
    this.find("gd-add").addEventListener("click", () => { this.questions.addRow("items", {}, true); this.changed(); });
    this.find("gd-add-granted").addEventListener("click", () => { this.questions.addRow("granted", {}, true); this.changed(); });
    this.find("gd-print").addEventListener("click", () => this.printSheet());
    this.find("gd-download").addEventListener("click", () => this.downloadCsv());
    for (const id of ["gd-enterprise-name", "gd-credit-code"]) {
      this.find(id).addEventListener("input", () => this.drawSheet());
    }
    // The credit code is checked by the engine as soon as the user leaves the field, not only at print time.
    this.find("gd-credit-code").addEventListener("change", () => {
      if (this.state.current && this.client) this.sheetCsv().catch(() => {});
    });
    win.addEventListener("beforeprint", () => { this.drawSheet(); });
    win.addEventListener("hashchange", () => {
      if (this.page.location.hash.slice(1) === this.linkOf(this.questions.read())) return; // our own replaceState
      this.openLink();
      this.changed();
    });
    // Only this component's own scripts: the theme's errors are not the calculator's to report.
    const ours = (text) => /\/assets\/calculator\//.test(String(text || ""));
    win.addEventListener("error", (event) => { if (ours(event.filename)) this.reportBug(event.error || event.message); });
    win.addEventListener("unhandledrejection", (event) => {
      if (event.reason && ours(event.reason.stack)) this.reportBug(event.reason);
    });
    this.openLink();
  }

  // The plan a link carries (with a note when it was made under another round's rules); the link written
  // back names this page's round.
  openLink() { this.questions.write(this.roundLink.open(this.page.location.hash, this.maxRows)); }

  linkOf(form) { return this.roundLink.link(form); }

  /** For the browser tests and for anyone scripting the page: the same engine, plan in, result out. */
  api() {
    return {
      ready: this.ready,
      run: (plan) => this.ready.then(() => this.client.run(plan)),
      call: (method, payload) => this.ready.then(() => this.client.call(method, payload)),
    };
  }

  // ---------- recalculation ----------
  changed() {
    clearTimeout(this.debounce);
    this.questions.revealHistory();
    this.debounce = setTimeout(() => this.recalculate(), 120);
  }

  writeLink(form) {
    const hash = this.linkOf(form);
    const { location, history } = this.page;
    history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
    this.page.linkWritten?.();
  }

  async recalculate() {
    const state = this.state;
    state.form = this.questions.read();
    this.writeLink(state.form);
    const mapping = planFromState(state.form, this.questions.perDevice);
    state.generation += 1;
    const mine = state.generation;
    if (state.engine !== "ready") {
      this.prerendered.preview(profileOf(mapping.plan));
      return;
    }
    this.refreshOptions(mapping.plan);
    if (mapping.pending.length) {
      this.clearMessages();
      this.result.showPending(mapping.pending.map((p) => this.linkTo(p.target, p.message)));
      this.clearResult();
      this.root.dataset.state = "done";
      return;
    }
    // The answer takes milliseconds: the messages on screen are replaced only once it is in, so an error
    // summary that still applies does not flicker, and screen readers hear one change, not two.
    let data;
    try {
      data = await this.client.run(mapping.plan);
    } catch (error) {
      if (mine === state.generation) this.showFailure(error.message);
      return;
    }
    if (mine !== state.generation) return; // a newer edit has been sent since
    this.clearMessages();
    try {
      if (data.error) this.showErrors(errorsOf(data.error), mapping);
      else this.showResult(mapping.plan, data);
    } catch (error) {
      this.reportBug(error);
    }
    this.root.dataset.state = "done";
    this.root.dataset.runs = String(mine);
  }

  clearMessages() {
    for (const node of this.root.querySelectorAll(".gd-error")) { node.hidden = true; node.textContent = ""; }
    for (const node of this.root.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const node of this.root.querySelectorAll(".gd-field--error, .gd-question--error")) {
      node.classList.remove("gd-field--error", "gd-question--error");
    }
    this.result.hideErrors();
  }

  linkTo(target, text) {
    const place = this.questions.locate(target);
    const link = el("a", { href: place && place.control ? `#${place.control.id}` : "#gd-form" }, text);
    link.addEventListener("click", (event) => {
      if (!place || !place.control) return;
      event.preventDefault(); // keep the hash for the plan's own state
      place.control.focus();
      (place.box || place.control).scrollIntoView({ block: "center" });
    });
    return link;
  }

  showErrors(errors, mapping) {
    const entries = errors.map((error) => {
      const target = targetOfField(error.field, mapping);
      return this.linkTo(target, this.questions.markError(target, error.message));
    });
    this.result.showErrors(entries);
    this.clearResult();
  }

  clearResult() {
    this.state.current = null;
    this.result.clear();
    this.sheet.clear();
    this.root.dataset.result = "none";
  }

  showResult(plan, data) {
    this.state.current = { plan, data };
    this.result.show(data, { pilotUnanswered: this.state.form.pilot === null, onApply: (s) => this.applySuggestion(s) });
    this.root.dataset.result = "shown";
    this.drawSheet();
  }

  applySuggestion(suggestion) {
    const kept = new Set(suggestion.kept);
    this.state.form = this.questions.read();
    const { itemRows } = planFromState(this.state.form, this.questions.perDevice);
    this.questions.removeItemRows(itemRows.filter((rowIndex, planIndex) => !kept.has(planIndex)));
    this.writeLink(this.questions.read());
    this.changed();
    this.result.say(T.status.applied(money(suggestion.total_text, suggestion.total)));
  }

  // ---------- 可申领一览 ----------
  async refreshOptions(plan) {
    const state = this.state;
    if (!plan.city) {
      state.optionsKey = null;
      this.options.empty();
      return;
    }
    const profile = profileOf(plan);
    const key = JSON.stringify(profile);
    if (key === state.optionsKey) return;
    state.optionsKey = key;
    try {
      this.options.say(T.options.working, { keepTable: true });
      const answer = await this.client.call("options", profile);
      if (key !== state.optionsKey) return;
      if (answer && answer.error) this.options.say(T.options.badProfile);
      else this.options.show(answer.options || answer);
    } catch (error) {
      if (key !== state.optionsKey) return;
      state.optionsKey = null;
      this.options.say(T.options.failed(error.message));
    }
  }

  // ---------- the printed sheet and the spreadsheet ----------
  // The round's status line is the page's (above the component), handed in by the entry as `page.roundStatus`.
  roundStatus() {
    return this.page.roundStatus ? this.page.roundStatus() : "";
  }

  // Only the latest drawing asked for draws, with the result, the enterprise fields and the link as they
  // are when it does (sheet-panel.js).
  async drawSheet() {
    if (!this.state.current) return;
    const turn = ++this.state.sheetTurn;
    const wanted = () => {
      const shown = this.state.current;
      if (!shown || turn !== this.state.sheetTurn) return null;
      return { data: shown.data, date: dateOf(new Date()).zh, link: this.page.location.href };
    };
    try {
      if (await this.sheet.draw(wanted)) this.sheet.fillRound();
    } catch (error) {
      this.reportBug(error);
    }
  }

  // The engine checks the enterprise fields (a credit code has a check digit) and writes the CSV.
  async sheetCsv() {
    this.state.enterprise = this.sheet.readEnterprise();
    this.sheet.clearCreditCodeError();
    const answer = await this.client.call("sheet_csv", {
      plan: this.state.current.plan, enterprise: this.state.enterprise, date: dateOf(new Date()).iso,
      link: this.page.location.href, round_status: this.roundStatus(), build: pageBuild(),
    });
    if (answer && answer.error) {
      const bad = errorsOf(answer.error).filter((e) => e.field.startsWith("enterprise"));
      for (const error of bad) this.sheet.creditCodeWrong(error.message);
      throw new Error(bad.length ? bad[0].message : errorsOf(answer.error)[0].message);
    }
    const text = typeof answer === "string" ? answer : answer && answer.csv;
    if (typeof text !== "string") throw new Error(T.export.noSheet);
    return text;
  }

  // A sheet is something an enterprise acts on, so it is made only once the question that decides
  // eligibility has been answered.
  historyAnswered() {
    const { history } = this.state.current.data.result;
    if (history && history.answered === false) {
      this.sheet.say(T.export.historyFirst);
      this.find("gd-history-yes").focus();
      return false;
    }
    return true;
  }

  // In a browser that cannot print or download (WeChat's), nothing is attempted and nothing claimed: the
  // reader is told to open the page in the system browser, and the result stays on screen.
  cannotExport() {
    if (this.exportAdvice) this.sheet.say(this.exportAdvice);
    return Boolean(this.exportAdvice);
  }

  async printSheet() {
    if (!this.state.current || this.cannotExport() || !this.historyAnswered()) return;
    this.state.enterprise = this.sheet.readEnterprise();
    if (this.state.enterprise.credit_code) {
      try {
        await this.sheetCsv();
      } catch (error) {
        this.sheet.say(T.export.fixFirst(error.message));
        this.sheet.creditCode.focus();
        return;
      }
    }
    this.sheet.say("");
    await this.drawSheet();
    this.page.print();
  }

  async downloadCsv() {
    if (!this.state.current || this.cannotExport() || !this.historyAnswered()) return;
    this.sheet.say(T.export.working);
    try {
      const text = await this.sheetCsv();
      this.sheet.download(text, T.export.fileName(dateOf(new Date()).iso));
      this.sheet.say(T.export.downloaded);
    } catch (error) {
      this.sheet.say(T.export.notDownloaded(error.message));
    }
  }

  // ---------- loading and failure ----------
  showFailure(message) {
    this.state.failure = message;
    this.loading.failed(message);
    this.root.dataset.state = "failed";
    this.result.say(T.failure.status);
    this.result.summary.replaceChildren();
    this.clearResult();
  }

  // A bug of this page must still end in words, never in a silent or half-drawn page.
  reportBug(error) {
    const message = error && error.message ? error.message : String(error);
    if (this.root.dataset.state === "failed") return;
    this.showFailure(T.failure.pageBug(message));
  }

  onProgress(message) {
    this.loading.progress(message);
    this.prerendered.progress(message);
    const { step, text } = loadingStatus(message, this.state.loadingStep);
    this.state.loadingStep = step;
    if (text) this.result.say(text);
  }

  start() {
    const { boot } = this.page;
    if (!boot) {
      // boot.js sets gdBoot before anything else; without it the file never ran, whatever the browser.
      this.showFailure(T.failure.noBootScript);
      return;
    }
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      this.showFailure(T.failure.noWasm);
      return;
    }
    if (!boot.worker) {
      this.showFailure(boot.error ? T.failure.bootError(boot.error) : T.failure.noModuleWorkers);
      return;
    }
    this.state.engine = "loading";
    this.root.dataset.state = "loading";
    this.loading.started();
    this.result.say(T.loading.preparing);
    this.prerendered.preview(profileOf(planFromState(this.questions.read(), this.questions.perDevice).plan)); // a shared plan's city
    this.client = new EngineClient(boot.worker, this.page.limits);
    this.client.on("progress", (message) => this.onProgress(message));
    this.client.on("failed", (message) => this.showFailure(message.includes(T.failure.engineWord) ? message : T.failure.engineFailed(message)));
    // Figures only from the engine and catalogue of this page's build (../build-gate.js).
    this.client.on("ready", (message) => whenSameBuild(message, (problem) => this.client.fail(problem)).then(() => {
      this.state.engine = "ready";
      this.loading.done();
      this.root.dataset.state = "ready";
      this.root.dataset.catalogueVersion = message.version || "";
      this.resolveReady();
      this.result.say(T.loading.ready);
      this.recalculate();
    }));
    this.client.start(boot.messages.splice(0));
    if (boot.error) this.client.fail(T.failure.bootError(boot.error));
  }
}
