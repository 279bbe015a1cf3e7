// Firefox ESR driven by puppeteer-core over WebDriver BiDi, for tests/support/engines.py.
// One JSON request a line on stdin, one JSON answer a line on stdout ({ok: value} or {error: text}):
//   {cmd: "page", width, height, userAgent}  a fresh page (the previous one is closed)
//   {cmd: "goto", url}                        navigate and wait for the load event
//   {cmd: "evaluate", script, args}           (script)(...args) in the page; promises are awaited
//   {cmd: "pdf"}                              the page printed to A4 (CSS page size wins), base64
//   {cmd: "screenshot"}                       a PNG of the viewport, base64
//   {cmd: "errors"}                           the page's uncaught errors since the page was made
//   {cmd: "requests"}                         every URL the page asked for since the page was made
//   {cmd: "version"} / {cmd: "close"}
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  extraPrefsFirefox: { "intl.accept_languages": "zh-CN, zh", "intl.locale.requested": "zh-CN" },
});

let page = null;
let errors = [];
let requests = [];

async function newPage({ width = 1366, height = 900, userAgent = "" } = {}) {
  if (page) await page.close().catch(() => {});
  errors = [];
  requests = [];
  page = await browser.newPage();
  page.on("pageerror", (error) => errors.push(String(error && error.message ? error.message : error)));
  page.on("request", (request) => requests.push(request.url()));
  await page.setViewport({ width, height });
  if (userAgent) await page.setUserAgent(userAgent);
  return true;
}

const commands = {
  page: (request) => newPage(request),
  goto: async ({ url }) => { await page.goto(url, { waitUntil: "load", timeout: 0 }); return page.url(); },
  evaluate: ({ script, args = [] }) => page.evaluate(`(${script})(...${JSON.stringify(args)})`),
  pdf: async () => Buffer.from(await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true })).toString("base64"),
  screenshot: async () => Buffer.from(await page.screenshot({ type: "png" })).toString("base64"),
  errors: () => errors,
  requests: () => requests,
  version: () => browser.version(),
  close: async () => { await browser.close(); process.exit(0); },
};

const answer = (message) => process.stdout.write(JSON.stringify(message) + "\n");
answer({ ok: "ready" });
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let request;
  try {
    request = JSON.parse(line);
    if (!page && request.cmd !== "page" && request.cmd !== "version" && request.cmd !== "close") await newPage();
    answer({ ok: (await commands[request.cmd](request)) ?? null });
  } catch (error) {
    answer({ error: String(error && error.stack ? error.stack : error) });
  }
}
await browser.close();
