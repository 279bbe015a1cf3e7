// The calculator page: form state <-> URL, a module worker running the Python engine, results,
// and the printable 申领测算单. Loaded only on this page, so no other page downloads any wasm.
const root = document.getElementById("gd-calculator");
const form = document.getElementById("gd-form");
const itemsList = document.getElementById("gd-items");
const template = document.getElementById("gd-item-template");
const statusLine = document.getElementById("gd-status");
const resultBody = document.getElementById("gd-result-body");
const failure = document.getElementById("gd-failure");
const loader = document.getElementById("gd-loader");
const progressBar = document.getElementById("gd-progress");
const progressText = document.getElementById("gd-progress-text");
const actions = document.getElementById("gd-actions");
const sheet = document.getElementById("gd-sheet");
const siteRoot = root.dataset.siteRoot;
const enterpriseCap = Number(root.dataset.enterpriseCap);
// Tests may shorten these; a stalled download fails after `stall` ms without progress.
const timeouts = Object.assign({ stall: 45000, total: 300000 }, window.GD_CALC_TIMEOUTS || {});

const LIMITS = { ratio: "合同额 × 奖补比例", cap: "产品奖补上限", devices: "接入设备数 × 单台补贴", enterprise_cap: "企业奖补总额上限" };
const REFUSED = {
  shenzhen_excluded: "不在面向范围", claimed_before: "此前已领取", duplicate_product: "重复申领",
  exclusive_group: "同组互斥", cluster_pilot_only: "限集群试点",
};

let worker = null;
let ready = false;
let runId = 0;
let pending = new Map();
let lastPlan = null;
let lastData = null;
let catalogueVersion = "";
let rowCounter = 0;
let debounce = null;
let readyResolve;
const readyPromise = new Promise((resolve) => { readyResolve = resolve; });

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
};
const fmtYuan = (text) => {
  const [whole, fen] = String(text).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fen || "00"} 元`;
};
const reasonOf = (item) => (item.refused
  ? `不予奖补（${REFUSED[item.refused] || item.refused}）` : LIMITS[item.limit] || "—");
const clauseLink = (reference) => el("a", { href: siteRoot + reference.href, className: "gd-clause" }, reference.clause);

// ---------- form rows ----------
function addRow(values = {}, focus = false) {
  rowCounter += 1;
  const row = template.content.firstElementChild.cloneNode(true);
  row.dataset.row = String(rowCounter);
  for (const label of row.querySelectorAll("label[data-for]")) {
    const control = row.querySelector(`[data-name="${label.dataset.for}"]`);
    control.id = `gd-item-${rowCounter}-${label.dataset.for}`;
    label.htmlFor = control.id;
  }
  for (const error of row.querySelectorAll("[data-error]")) error.id = `gd-item-${rowCounter}-${error.dataset.error}-error`;
  const hint = row.querySelector("[data-hint]");
  hint.id = `gd-item-${rowCounter}-devices-hint`;
  row.querySelector('[data-name="contract"]').setAttribute("aria-describedby", `gd-item-${rowCounter}-contract-error`);
  row.querySelector('[data-name="devices"]').setAttribute("aria-describedby", `${hint.id} gd-item-${rowCounter}-devices-error`);
  const select = row.querySelector('[data-name="product"]');
  if (values.product) select.value = String(values.product);
  row.querySelector('[data-name="contract"]').value = values.contract || "";
  row.querySelector('[data-name="devices"]').value = values.devices || "";
  row.querySelector("[data-remove]").addEventListener("click", () => {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber();
    changed();
    (next ? next.querySelector("select") : document.getElementById("gd-add")).focus();
  });
  select.addEventListener("change", () => updateDevicesField(row));
  itemsList.append(row);
  updateDevicesField(row);
  renumber();
  if (focus) select.focus();
  return row;
}

function renumber() {
  [...itemsList.children].forEach((row, index) => {
    row.querySelector("[data-remove] .gd-visually-hidden").textContent = `第 ${index + 1} 项产品`;
    row.querySelector('label[data-for="product"]').textContent = `第 ${index + 1} 项：产品`;
    for (const prefix of row.querySelectorAll("[data-row-number]")) prefix.textContent = `第 ${index + 1} 项`;
  });
}

function updateDevicesField(row) {
  const option = row.querySelector('[data-name="product"]').selectedOptions[0];
  const perDevice = Number(option.dataset.perDevice || 0);
  const field = row.querySelector("[data-devices-field]");
  field.hidden = !perDevice;
  if (perDevice) {
    const needed = Math.ceil(Number(option.dataset.cap) / perDevice);
    row.querySelector("[data-hint]").textContent = `每台设备补贴 ${perDevice} 元；获得满额 ${Number(option.dataset.cap) / 10000} 万元需接入至少 ${needed} 台。`;
  }
}

// ---------- state <-> URL ----------
function readForm() {
  const rows = [...itemsList.children];
  return {
    city: form.city.value,
    cluster_pilot: form.cluster_pilot.checked,
    claimed_before: [...form.querySelectorAll('input[name="claimed_before"]:checked')].map((box) => Number(box.value)),
    rows: rows.map((row) => ({
      row,
      product: Number(row.querySelector('[data-name="product"]').value),
      contract: row.querySelector('[data-name="contract"]').value.trim(),
      devices: row.querySelector("[data-devices-field]").hidden ? "" : row.querySelector('[data-name="devices"]').value.trim(),
    })),
  };
}

function writeHash(state) {
  const params = new URLSearchParams();
  if (state.city) params.set("city", state.city);
  if (state.cluster_pilot) params.set("pilot", "1");
  if (state.claimed_before.length) params.set("claimed", state.claimed_before.join(","));
  for (const r of state.rows) params.append("item", [r.product, r.contract, r.devices].join(":"));
  const hash = params.toString();
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const city = params.get("city");
  if (city) {
    const option = [...form.city.options].find((o) => o.value === city || o.value === `${city}市`);
    if (option) form.city.value = option.value;
  }
  form.cluster_pilot.checked = params.get("pilot") === "1";
  const claimed = (params.get("claimed") || "").split(",").filter(Boolean);
  for (const box of form.querySelectorAll('input[name="claimed_before"]')) box.checked = claimed.includes(box.value);
  if (claimed.length) document.getElementById("gd-claimed-box").open = true;
  itemsList.replaceChildren();
  for (const item of params.getAll("item")) {
    const [product, contract = "", devices = ""] = item.split(":");
    if (form.querySelector(`#gd-claimed-${Number(product)}`)) addRow({ product, contract, devices });
  }
  if (!itemsList.children.length) addRow();
  updateClaimedCount();
}

function updateClaimedCount() {
  document.getElementById("gd-claimed-count").textContent =
    String(form.querySelectorAll('input[name="claimed_before"]:checked').length);
}

// ---------- plan, errors ----------
function toPlan(state) {
  // Rows still without an amount are left out rather than reported while the user is typing.
  const sent = state.rows.filter((r) => r.contract !== "");
  const plan = {
    city: state.city, cluster_pilot: state.cluster_pilot, claimed_before: state.claimed_before,
    items: sent.map((r) => (r.devices === "" ? { product: r.product, contract: r.contract }
      : { product: r.product, contract: r.contract, devices: r.devices })),
  };
  return { plan, sent };
}

function clearErrors() {
  for (const node of form.querySelectorAll(".gd-error")) { node.hidden = true; node.textContent = ""; }
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

function showFieldError(error, sent) {
  const match = /^items\[(\d+)\]\.(contract|devices|product)$/.exec(error.field);
  let target = null;
  if (match && sent[Number(match[1])]) {
    const row = sent[Number(match[1])].row;
    target = row.querySelector(`[data-error="${match[2]}"]`) || row.querySelector('[data-error="contract"]');
    row.querySelector(`[data-name="${match[2]}"]`).setAttribute("aria-invalid", "true");
  } else if (error.field === "city") {
    target = document.getElementById("gd-city-error");
    form.city.setAttribute("aria-invalid", "true");
  }
  if (target) { target.textContent = error.message; target.hidden = false; }
  statusLine.textContent = `请修改输入：${error.message}`;
  resultBody.replaceChildren();
  actions.hidden = true;
}

// ---------- results ----------
function renderResult(data, sent) {
  const { result, suggestion } = data;
  const rows = result.items.map((item) => {
    const devices = item.per_device && !item.refused
      ? `兑现时至少 ${item.devices_required ?? 0} 台（满额需 ${item.devices_for_cap} 台）` : "—";
    return el("tr", {}, el("td", { "data-label": "产品", text: `${item.product}. ${item.name}` }),
      el("td", { "data-label": "合同金额", text: fmtYuan(item.contract) }),
      el("td", { "data-label": "测算金额", className: "gd-num", text: fmtYuan(item.subsidy) }),
      el("td", { "data-label": "决定因素", text: reasonOf(item) }), el("td", { "data-label": "所需设备", text: devices }));
  });
  const table = el("table", { className: "gd-table gd-result-table" },
    el("caption", { text: `奖补比例 ${result.ratio ? `${Math.round(Number(result.ratio) * 100)}%` : "—"}（${result.city}，${result.region}${result.cluster_pilot ? "，产业集群试点" : ""}）` }),
    el("thead", {}, el("tr", {}, ...["产品", "合同金额", "测算金额", "决定因素", "所需设备"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...rows));
  const total = Number(result.total);
  const meter = el("meter", { id: "gd-total-meter", min: "0", max: String(enterpriseCap), value: String(total), "aria-label": "合计占企业上限的比例" });
  const totalLine = el("p", { className: "gd-total" }, "合计：", el("strong", { text: fmtYuan(result.total) }),
    `（单家企业上限 ${fmtYuan(result.enterprise_cap)}）`, meter);
  const parts = [el("div", { className: "gd-table-wrap", role: "region", "aria-label": "测算明细", tabindex: "0" }, table), totalLine];
  if (result.problems.length) {
    parts.push(el("h3", { text: "提示" }), el("ul", { className: "gd-problems" },
      ...result.problems.map((p) => el("li", { className: `gd-problem gd-problem--${p.severity}`, "data-code": p.code },
        `${p.message}（依据：`, clauseLink(p.reference), "）"))));
  }
  if (suggestion && suggestion.better) {
    const names = suggestion.result.items.map((i) => `${i.product}. ${i.name}`).join("、");
    const apply = el("button", { type: "button", className: "md-button", id: "gd-apply-suggestion" }, "采用建议方案");
    apply.addEventListener("click", () => applySuggestion(suggestion));
    parts.push(el("div", { className: "gd-suggestion", id: "gd-suggestion" },
      el("h3", { text: "更优方案" }),
      el("p", {}, `只申领 ${names}，可得 `, el("strong", { text: fmtYuan(suggestion.total) }),
        `，比当前方案多 ${fmtYuan(suggestion.gain)}。`), apply));
  }
  resultBody.replaceChildren(...parts);
  statusLine.textContent = result.eligible
    ? `测算合计 ${fmtYuan(result.total)}${result.problems.some((p) => p.severity === "error") ? "，部分产品不予奖补，详见提示" : ""}。`
    : `${result.city}的企业不在本次服务券面向范围内。`;
  actions.hidden = false;
  renderSheet(data);
}

function applySuggestion(suggestion) {
  const kept = new Set(suggestion.kept);
  const state = readForm();
  toPlan(state).sent.forEach((r, index) => { if (!kept.has(index)) r.row.remove(); });
  renumber();
  writeHash(readForm());
  changed();
  statusLine.textContent = `已采用建议方案，合计 ${fmtYuan(suggestion.total)}。`;
}

function renderSheet(data) {
  const { result } = data;
  const today = new Date().toLocaleDateString("zh-CN", { year: "numeric", month: "long", day: "numeric" });
  const claimed = lastPlan.claimed_before.length ? lastPlan.claimed_before.join("、") : "无";
  sheet.replaceChildren(
    el("h2", { text: "“上云上平台”服务券申领测算单" }),
    el("p", { text: `测算日期：${today}　产品目录版本：${catalogueVersion}年　测算结果仅供参考，以平台审核为准。` }),
    el("h3", { text: "企业情况" }),
    el("p", { text: `所在城市：${result.city}（${result.region}）；产业集群试点：${result.cluster_pilot ? "是" : "否"}；此前已领取的产品序号：${claimed}。` }),
    el("h3", { text: "测算结果" }),
    el("table", { className: "gd-table" },
      el("thead", {}, el("tr", {}, ...["产品", "合同金额", "测算金额", "决定因素"].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, ...result.items.map((i) => el("tr", {}, el("td", { text: `${i.product}. ${i.name}` }),
        el("td", { text: fmtYuan(i.contract) }), el("td", { text: fmtYuan(i.subsidy) }),
        el("td", { text: reasonOf(i) }))))),
    el("p", {}, el("strong", { text: `合计：${fmtYuan(result.total)}` }), `（单家企业上限 ${fmtYuan(result.enterprise_cap)}）`),
    el("h3", { text: "提示与依据条款" }),
    result.problems.length
      ? el("ul", {}, ...result.problems.map((p) => el("li", { text: `${p.message}（${p.reference.clause}）` })))
      : el("p", { text: "无。" }),
    el("p", { className: "gd-muted", text: "依据：粤工信办函〔2020〕37号 四、奖补标准；附件说明 2、3、4。" }),
  );
}

function download() {
  const body = {
    title: "上云上平台服务券申领测算单", date: new Date().toISOString().slice(0, 10),
    catalogue_version: catalogueVersion, plan: lastPlan, result: lastData.result, suggestion: lastData.suggestion,
  };
  const blob = new Blob([JSON.stringify(body, null, 2)], { type: "application/json" });
  const link = el("a", { href: URL.createObjectURL(blob), download: `服务券测算单-${body.date}.json` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// ---------- worker ----------
function run(plan) {
  runId += 1;
  const id = runId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ type: "run", id, plan });
  });
}

async function recalculate() {
  const state = readForm();
  writeHash(state);
  updateClaimedCount();
  clearErrors();
  if (!ready) return;
  if (!state.city) {
    statusLine.textContent = "请选择企业所在城市。";
    resultBody.replaceChildren();
    actions.hidden = true;
    return;
  }
  const { plan, sent } = toPlan(state);
  const id = runId + 1;
  const data = await run(plan);
  if (id !== runId) return; // a newer edit has been sent since
  lastPlan = plan;
  if (data.error) showFieldError(data.error, sent);
  else { lastData = data; renderResult(data, sent); }
  root.dataset.state = "done";
  root.dataset.runs = String(id);
}

function changed() {
  clearTimeout(debounce);
  debounce = setTimeout(recalculate, 120);
}

function fail(message) {
  loader.hidden = true;
  document.getElementById("gd-failure-reason").textContent = message;
  failure.hidden = false;
  root.dataset.state = "failed";
  statusLine.textContent = "测算器无法运行。";
  if (worker) worker.terminate();
}

function onWorkerMessage(message, watchdog, progress) {
  if (message.type === "progress") {
    progress.last = performance.now();
    progressBar.max = message.total || 1;
    progressBar.value = Math.min(message.loaded, message.total || 1);
    const mb = (n) => (n / 1048576).toFixed(1);
    progressText.textContent = message.total
      ? `已下载 ${mb(message.loaded)} MB / 共 ${mb(message.total)} MB` : `已下载 ${mb(message.loaded)} MB`;
  } else if (message.type === "ready") {
    clearInterval(watchdog);
    ready = true;
    catalogueVersion = message.version;
    loader.hidden = true;
    root.dataset.state = "ready";
    readyResolve();
    recalculate();
  } else if (message.type === "failed") {
    clearInterval(watchdog);
    if (root.dataset.state !== "failed") fail(`测算引擎加载失败（${message.message}）。`);
  } else if (message.type === "result") {
    root.dataset.engineMs = (message.ms || 0).toFixed(2);
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    if (resolve) resolve(message.data);
  }
}

function start() {
  // boot.js, in the page's <head>, has already started the worker (or found that it cannot).
  const boot = window.gdBoot || { worker: null, messages: [] };
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    fail("浏览器不支持 WebAssembly。请使用新版的 Chrome、Edge、Firefox 或 Safari。");
    return;
  }
  if (!boot.worker) {
    fail("浏览器不支持模块化 Web Worker。请使用新版的 Chrome、Edge、Firefox 或 Safari。");
    return;
  }
  worker = boot.worker;
  loader.hidden = false;
  root.dataset.state = "loading";
  const begun = performance.now();
  const progress = { last: begun };
  const watchdog = setInterval(() => {
    const now = performance.now();
    if (now - progress.last > timeouts.stall || now - begun > timeouts.total) {
      clearInterval(watchdog);
      fail("测算引擎加载超时，可能是网络较慢或服务器未正确提供文件。请稍后刷新重试。");
    }
  }, 500);
  worker.onerror = (event) => { clearInterval(watchdog); fail(`测算引擎启动失败（${event.message || "未知错误"}）。`); };
  worker.onmessage = (event) => onWorkerMessage(event.data, watchdog, progress);
  if (boot.error) {
    clearInterval(watchdog);
    fail(`测算引擎启动失败（${boot.error}）。`);
    return;
  }
  for (const message of boot.messages.splice(0)) onWorkerMessage(message, watchdog, progress);
}

// ---------- wiring ----------
form.addEventListener("input", changed);
form.addEventListener("change", changed);
form.addEventListener("submit", (event) => event.preventDefault());
document.getElementById("gd-add").addEventListener("click", () => { addRow({}, true); changed(); });
document.getElementById("gd-print").addEventListener("click", () => window.print());
document.getElementById("gd-download").addEventListener("click", download);
window.addEventListener("hashchange", () => { readHash(); changed(); });

// For the browser tests and for anyone scripting the page: the same engine, plan in, result out.
window.gdCalculator = { ready: readyPromise, run: (plan) => readyPromise.then(() => run(plan)) };

readHash();
start();
