// The calculator page's entry point (loaded by the page as a module): the calculator component
// (app/calculator.js) on its root element, #gd-calculator. Everything it needs of the page is handed
// to it here: the worker boot.js started, the time limits, the address bar, printing.
import { Calculator } from "./app/calculator.js";

const root = document.getElementById("gd-calculator");
const calculator = new Calculator(root, {
  boot: window.gdBoot,
  // Tests may shorten these. Loading fails only after `stall` ms without any news from the worker.
  limits: Object.assign({ stall: 45000, call: 60000 }, window.GD_CALC_TIMEOUTS || {}),
  location: window.location,
  history: window.history,
  // The plan was written into the address bar (replaceState fires no hashchange): the share panel follows.
  linkWritten: () => window.dispatchEvent(new Event("gd-link")),
  print: () => window.print(),
  // The round's status line above the component; on a 繁体 page its 简体 words are kept aside
  // (assets/js/hant/runtime.js), and the CSV is in 简体.
  roundStatus: () => {
    const node = document.querySelector("[data-gd-round-status]");
    return node ? (node.dataset.gdHans || node.textContent).trim() : "";
  },
  userAgent: navigator.userAgent,
});
calculator.connect(window);
// For the browser tests and for anyone scripting the page: the same engine, plan in, result out.
window.gdCalculator = calculator.api();
calculator.start();
