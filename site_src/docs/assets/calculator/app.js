// The calculator page (component root: #gd-calculator). Questions in the form, the link that reopens
// them, the engine in a worker (engine-client.js), and the views of its answer: the summary near the
// top, every row's explanation, the 可申领一览 and the printable 申领测算单. All figures, labels and
// explanations are the engine's strings; this file only places them.
import { pageBuild, whenSameBuild } from "./build-gate.js";
import { EngineClient } from "./engine-client.js";
import { clauseLink, el, refusalParts, setSiteRoot } from "./dom.js";
import {
  errorsOf, formatHash, parseHash, planFromState, profileOf, progressText, targetOfField,
} from "./plan-state.js";
import { renderSheet } from "./sheet.js";

const root = document.getElementById("gd-calculator");
const maxRows = Number(root.dataset.maxRows) || Infinity;
root.dataset.started = ""; // the script runs: the "if nothing happens" notice is not needed
const $ = (id) => document.getElementById(id);
const form = $("gd-form");
const itemsList = $("gd-items");
const grantedList = $("gd-granted");
const statusLine = $("gd-status");
const summaryBody = $("gd-summary-body");
const errorSummary = $("gd-error-summary");
const details = $("gd-details");
const detailsBody = $("gd-details-body");
const optionsStatus = $("gd-options-status");
const optionsBody = $("gd-options-body");
const sheetBody = document.querySelector('#gd-sheet [data-sheet="body"]');
const loader = $("gd-loader");
const progressBar = $("gd-progress");
const progressLabel = $("gd-progress-text");
setSiteRoot(root.dataset.siteRoot);
// Tests may shorten these. Loading fails only after `stall` ms without any news from the worker.
const limits = Object.assign({ stall: 45000, call: 60000 }, window.GD_CALC_TIMEOUTS || {});
const perDevice = new Set([...$("gd-item-template").content.querySelectorAll("option[data-per-device]")].map((o) => Number(o.value)));

let client = null;
let ready = false;
let rowCounter = 0;
let debounce = null;
let generation = 0;
let current = null; // {plan, data} of the result on screen, or null when none is complete
let optionsKey = null;
let readyResolve;
const readyPromise = new Promise((resolve) => { readyResolve = resolve; });

// ---------- rows (拟申领 items and 本轮已获 grants) ----------
const ROWS = {
  items: { list: itemsList, template: "gd-item-template", prefix: "gd-item", names: ["product", "contract", "devices"] },
  granted: { list: grantedList, template: "gd-granted-template", prefix: "gd-granted", names: ["product", "amount"] },
};

function addRow(kind, values = {}, focus = false) {
  const spec = ROWS[kind];
  rowCounter += 1;
  const row = $(spec.template).content.firstElementChild.cloneNode(true);
  row.dataset.key = String(rowCounter);
  for (const name of spec.names) {
    const control = row.querySelector(`[data-name="${name}"]`);
    const base = `${spec.prefix}-${rowCounter}-${name}`;
    control.id = base;
    row.querySelector(`label[data-for="${name}"]`).htmlFor = base;
    row.querySelector(`[data-error="${name}"]`).id = `${base}-error`;
    const hint = row.querySelector(`[data-hint="${name}"]`);
    if (hint) hint.id = `${base}-hint`;
    control.setAttribute("aria-describedby", [hint ? hint.id : null, `${base}-error`].filter(Boolean).join(" "));
    if (name === "product") control.value = values.product || "";
    else control.value = values[name] || "";
  }
  const select = row.querySelector('[data-name="product"]');
  if (values.product && select.value !== values.product) select.value = ""; // not a product of this catalogue
  row.querySelector("[data-remove]").addEventListener("click", () => {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber();
    changed();
    (next ? next.querySelector("select") : $(kind === "items" ? "gd-add" : "gd-add-granted")).focus();
  });
  select.addEventListener("change", () => updateDevicesField(row));
  spec.list.append(row);
  updateDevicesField(row);
  renumber();
  if (focus) select.focus();
  return row;
}

function renumber() {
  [...itemsList.children].forEach((row, index) => {
    row.querySelector('label[data-for="product"]').textContent = `第 ${index + 1} 项：产品`;
    row.querySelector("[data-remove-label]").textContent = `第 ${index + 1} 项产品`;
    for (const prefix of row.querySelectorAll("[data-row-number]")) prefix.textContent = `第 ${index + 1} 项`;
  });
  [...grantedList.children].forEach((row, index) => {
    row.querySelector('label[data-for="product"]').textContent = `已获服务券的产品（本轮第 ${index + 1} 项）`;
    row.querySelector("[data-remove-label]").textContent = `本轮已获第 ${index + 1} 项`;
    for (const prefix of row.querySelectorAll("[data-row-number]")) prefix.textContent = `本轮已获第 ${index + 1} 项`;
  });
}

function updateDevicesField(row) {
  const field = row.querySelector('[data-field="devices"]');
  if (!field) return;
  const option = row.querySelector('[data-name="product"]').selectedOptions[0];
  field.hidden = !(option && option.dataset.perDevice);
  if (!field.hidden) row.querySelector('[data-hint="devices"]').textContent = option.dataset.deviceHint;
}

// ---------- form <-> state ----------
function rowValues(row, names) {
  const values = {};
  for (const name of names) values[name] = row.querySelector(`[data-name="${name}"]`).value.trim();
  return values;
}

function readState() {
  const pilot = form.querySelector('input[name="pilot"]:checked');
  const history = form.querySelector('input[name="history"]:checked');
  return {
    city: form.city.value,
    pilot: pilot ? pilot.value === "yes" : null,
    history: history ? history.value : null,
    claimed: [...form.querySelectorAll('input[name="claimed_before"]:checked')].map((box) => Number(box.value)),
    granted: [...grantedList.children].map((row) => rowValues(row, ROWS.granted.names)),
    items: [...itemsList.children].map((row) => {
      const values = rowValues(row, ROWS.items.names);
      if (row.querySelector('[data-field="devices"]').hidden) values.devices = "";
      return values;
    }),
  };
}

function writeState(state) {
  const city = state.city && [...form.city.options].find((o) => o.value === state.city || o.value === `${state.city}市`);
  form.city.value = city ? city.value : "";
  for (const radio of form.querySelectorAll('input[name="pilot"]')) {
    radio.checked = state.pilot !== null && radio.value === (state.pilot ? "yes" : "no");
  }
  for (const radio of form.querySelectorAll('input[name="history"]')) radio.checked = radio.value === state.history;
  for (const box of form.querySelectorAll('input[name="claimed_before"]')) box.checked = state.claimed.includes(Number(box.value));
  grantedList.replaceChildren();
  for (const grant of state.granted) addRow("granted", grant);
  itemsList.replaceChildren();
  for (const item of state.items) addRow("items", item);
  if (!itemsList.children.length) addRow("items");
  revealHistory();
}

function revealHistory() {
  $("gd-history-details").hidden = !$("gd-history-yes").checked;
}

// ---------- messages beside fields and the summary at the top ----------
function say(text) {
  statusLine.classList.remove("gd-status--result");
  statusLine.textContent = text;
}

function clearMessages() {
  for (const node of root.querySelectorAll(".gd-error")) { node.hidden = true; node.textContent = ""; }
  for (const node of root.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const node of root.querySelectorAll(".gd-field--error, .gd-question--error")) {
    node.classList.remove("gd-field--error", "gd-question--error");
  }
  errorSummary.hidden = true;
  errorSummary.querySelector("ul").replaceChildren();
}

// The form control (and its message slot) that a target names.
function locate(target) {
  if (target.kind === "items" || target.kind === "granted") {
    const row = ROWS[target.kind].list.children[target.index];
    if (!row) return null;
    return {
      control: row.querySelector(`[data-name="${target.name}"]`),
      message: row.querySelector(`[data-error="${target.name}"]`),
      box: row.querySelector(`[data-field="${target.name}"]`),
    };
  }
  if (target.kind === "city") return { control: form.city, message: $("gd-city-error"), box: $("gd-city-field") };
  if (target.kind === "claimed") return { control: $("gd-history-yes"), message: $("gd-history-error"), box: $("gd-history-field") };
  if (target.kind === "pilot") return { control: $("gd-pilot-yes"), message: null, box: $("gd-pilot-field") };
  if (target.kind === "add") return { control: $("gd-add"), message: null, box: null };
  return null;
}

function linkTo(target, text) {
  const place = locate(target);
  const link = el("a", { href: place && place.control ? `#${place.control.id}` : "#gd-form" }, text);
  link.addEventListener("click", (event) => {
    if (!place || !place.control) return;
    event.preventDefault(); // keep the hash for the plan's own state
    place.control.focus();
    (place.box || place.control).scrollIntoView({ block: "center" });
  });
  return link;
}

function showErrors(errors, mapping) {
  const list = errorSummary.querySelector("ul");
  for (const error of errors) {
    const target = targetOfField(error.field, mapping);
    const place = locate(target);
    if (place && place.message) {
      place.message.textContent = place.message.textContent ? `${place.message.textContent}；${error.message}` : error.message;
      place.message.hidden = false;
    }
    if (place && place.control && target.kind !== "add") place.control.setAttribute("aria-invalid", "true");
    if (place && place.box) place.box.classList.add(place.box.classList.contains("gd-question") ? "gd-question--error" : "gd-field--error");
    const label = place && place.control && place.control.labels && place.control.labels[0];
    const name = label && target.kind !== "claimed" && target.kind !== "pilot" ? `${label.textContent.trim()}：` : "";
    list.append(el("li", {}, linkTo(target, `${name}${error.message}`)));
  }
  errorSummary.hidden = false;
  say(`有 ${errors.length} 处输入需要修改，详见页面上方的错误列表。修改后立即重新测算。`);
  summaryBody.replaceChildren(el("p", { className: "gd-summary__none", text: "输入有误时不显示合计，以免误用不完整的结果。" }));
  clearResult();
}

function showPending(pending) {
  say(`还需填写 ${pending.length} 项，填好后立即显示测算结果：`);
  summaryBody.replaceChildren(el("ul", { className: "gd-pending" }, ...pending.map((p) => el("li", {}, linkTo(p.target, p.message)))));
  clearResult();
}

function clearResult() {
  current = null;
  details.hidden = true;
  detailsBody.replaceChildren();
  sheetBody.replaceChildren();
  root.dataset.result = "none";
}

// ---------- the result ----------
const money = (text, plain) => text || plain;

function summaryOf(result, suggestion) {
  const parts = [];
  if (result.ratio_text) parts.push(el("p", { text: result.ratio_text }));
  const cap = [`单家企业上限 ${money(result.enterprise_cap_text, result.enterprise_cap)}`];
  if (result.history && result.history.granted_this_round && result.history.granted_this_round.length) {
    cap.push(`本轮已获 ${result.history.granted_total_text}`);
  }
  if (result.room_left_text) cap.push(`上限尚余 ${result.room_left_text}`);
  // Outside the scope (深圳市) there is no cap to speak of, and no question left that could change the answer.
  if (result.eligible !== false) parts.push(el("p", { text: `${cap.join("；")}。` }));
  // The engine states what it assumed about the claim history; the pilot question, unanswered, is
  // read as "no", and the page says so beside the total too.
  const assumptions = [...(result.assumptions || [])];
  if (readState().pilot === null && result.eligible !== false) assumptions.push(`尚未回答是否为产业集群试点企业：以上按${result.cluster_pilot ? "试点" : "非试点"}企业测算。`);
  if (assumptions.length) {
    parts.push(el("div", { className: "gd-assumptions", role: "note", "aria-label": "测算前提" },
      el("p", {}, el("strong", { text: "测算前提：" })),
      el("ul", {}, ...assumptions.map((a) => el("li", { text: a })))));
  }
  const refused = result.items.filter((i) => i.refusal || i.refused).length;
  const links = [el("a", { href: "#gd-details-title" }, refused ? `查看明细（${refused} 项不予奖补的原因）` : "查看每一项的计算过程")];
  if (suggestion && suggestion.better) links.push("；", el("a", { href: "#gd-suggestion" }, "有更优方案"));
  links.push("；", el("a", { href: "#gd-options-title" }, "可申领一览"));
  parts.push(el("p", { className: "gd-summary__links" }, ...links));
  return parts;
}

function devicesText(item) {
  const parts = [];
  if (!item.refusal && !item.refused && item.per_device) {
    if (item.devices_required !== null && item.devices_required !== undefined) parts.push(`兑现时至少接入 ${item.devices_required} 台设备`);
    if (item.devices_for_cap) parts.push(`满额需 ${item.devices_for_cap} 台`);
  }
  return parts.join("；");
}

function explanationCell(item) {
  if (item.refusal) return el("td", { "data-label": "说明" }, ...refusalParts(item.refusal));
  const devices = devicesText(item);
  return el("td", { "data-label": "说明" },
    item.limit_label ? el("strong", { text: `决定因素：${item.limit_label}。` }) : null, item.explanation || "",
    devices ? el("span", { className: "gd-devices", text: `${devices}。` }) : null);
}

function detailsOf(data) {
  const { result, suggestion } = data;
  const rows = result.items.map((item) => el("tr", { className: item.refusal || item.refused ? "gd-row--refused" : null },
    el("th", { scope: "row", "data-label": "产品", text: `${item.product}. ${item.name}` }),
    el("td", { "data-label": "合同金额", className: "gd-num", text: money(item.contract_text, item.contract) }),
    el("td", { "data-label": "测算金额", className: "gd-num", text: money(item.subsidy_text, item.subsidy) }),
    explanationCell(item)));
  const parts = [
    el("div", { className: "gd-table-wrap", role: "region", "aria-label": "测算明细表", tabindex: "0" },
      el("table", { className: "gd-table gd-result-table" },
        el("caption", { text: result.ratio_text || `${result.city}，${result.region}` }),
        el("thead", {}, el("tr", {}, ...["产品", "合同金额", "测算金额", "计算过程与说明"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, ...rows))),
    el("p", { className: "gd-total" }, "合计：", el("strong", { text: money(result.total_text, result.total) }),
      result.eligible === false ? "" : `（单家企业上限 ${money(result.enterprise_cap_text, result.enterprise_cap)}${result.room_left_text ? `，尚余 ${result.room_left_text}` : ""}）`),
  ];
  if (result.problems.length) {
    parts.push(el("h3", { text: "提示与依据" }), el("ul", { className: "gd-problems" },
      ...result.problems.map((p) => el("li", { className: `gd-problem gd-problem--${p.severity}`, "data-code": p.code },
        p.message, "（依据：", clauseLink(p.reference), "）"))));
  }
  if (suggestion && suggestion.better) {
    const names = suggestion.result.items.map((i) => `${i.product}. ${i.name}`).join("、");
    const apply = el("button", { type: "button", className: "gd-button", id: "gd-apply-suggestion" }, "采用建议方案");
    apply.addEventListener("click", () => applySuggestion(suggestion));
    parts.push(el("div", { className: "gd-suggestion", id: "gd-suggestion" },
      el("h3", { text: "更优方案" }),
      el("p", {}, `只申领 ${names}，可得 `, el("strong", { text: money(suggestion.total_text, suggestion.total) }),
        `，比当前方案多 ${money(suggestion.gain_text, suggestion.gain)}。`), apply));
  }
  const glossary = Object.entries(result.glossary || {});
  if (glossary.length) {
    parts.push(el("h3", { text: "名词解释" }), el("dl", { className: "gd-glossary" },
      ...glossary.flatMap(([term, meaning]) => [el("dt", { text: term }), el("dd", { text: meaning })])));
  }
  return parts;
}

function statusOf(result) {
  if (!result.eligible) {
    const reason = result.problems.find((p) => p.severity === "error");
    return [reason ? reason.message : `${result.city}的企业不在本次服务券面向范围内。`];
  }
  const refused = result.items.some((i) => i.refusal || i.refused);
  const because = refused ? "，部分产品不予奖补，原因见明细" : "";
  if (result.history && result.history.answered === false) {
    // Not a confident figure: earlier claims can bar products, so the total is stated as conditional.
    return ["尚未确认此前是否领取过服务券。若从未领取，测算合计 ", el("strong", { text: money(result.total_text, result.total) }),
      `${because}；如领取过，金额可能减少，请回答第 3 题。`];
  }
  const assumed = readState().pilot === null ? "（按下列前提）" : "";
  return ["测算合计 ", el("strong", { text: money(result.total_text, result.total) }), `${assumed}${because}。`];
}

function showResult(plan, data) {
  current = { plan, data };
  statusLine.replaceChildren(...statusOf(data.result));
  statusLine.classList.add("gd-status--result");
  summaryBody.replaceChildren(...summaryOf(data.result, data.suggestion));
  detailsBody.replaceChildren(...detailsOf(data));
  details.hidden = false;
  root.dataset.result = "shown";
  drawSheet();
}

function applySuggestion(suggestion) {
  const kept = new Set(suggestion.kept);
  const { itemRows } = planFromState(readState(), perDevice);
  const rows = [...itemsList.children];
  itemRows.forEach((rowIndex, planIndex) => { if (!kept.has(planIndex)) rows[rowIndex].remove(); });
  renumber();
  writeLink(readState());
  changed();
  say(`已采用建议方案，合计 ${money(suggestion.total_text, suggestion.total)}。`);
}

// ---------- 可申领一览 ----------
function optionRow(option) {
  const product = el("th", { scope: "row", "data-label": "产品" },
    el("a", { href: root.dataset.siteRoot + option.page, text: `${option.product}. ${option.name}` }));
  if (!option.available) {
    return el("tr", { className: "gd-row--refused" }, product,
      el("td", { colspan: "4", "data-label": "不可申领", className: "gd-options__refusal" }, ...refusalParts(option.refusal || { label: "不可申领" })));
  }
  const devices = option.devices_for_max ? `至少 ${option.devices_for_max} 台（每台 ${option.per_device_text}）` : "—";
  return el("tr", {}, product,
    el("td", { "data-label": "最高服务券", className: "gd-num", text: option.max_voucher_text }),
    el("td", { "data-label": "所需合同额", className: "gd-num", text: option.contract_for_max_text }),
    el("td", { "data-label": "所需设备", text: devices }),
    el("td", { "data-label": "操作" },
      el("button", { type: "button", className: "gd-button gd-button--small", "data-add-product": String(option.product),
        "aria-label": `加入测算：${option.product}. ${option.name}` }, "加入测算")));
}

function showOptions(options) {
  const available = options.available_count ?? options.products.filter((p) => p.available).length;
  optionsStatus.textContent = `${options.ratio_text || options.city}。共 ${options.products.length} 个产品，其中 ${available} 个可申领；单家企业上限 ${options.enterprise_cap_text}，未计入本次拟申领各项时尚余 ${options.room_left_text}；以下“最高服务券”均按此计算。`;
  const table = el("table", { className: "gd-table gd-options-table" },
    el("caption", { className: "gd-visually-hidden", text: "可申领一览" }),
    el("thead", {}, el("tr", {}, ...["产品", "最高服务券", "达到最高额所需合同额", "满额所需设备", "操作"].map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, ...options.products.map(optionRow)));
  optionsBody.replaceChildren(el("div", { className: "gd-table-wrap", role: "region", "aria-label": "可申领一览表", tabindex: "0" }, table));
}

async function refreshOptions(plan) {
  if (!plan.city) {
    optionsKey = null;
    optionsBody.replaceChildren();
    return;
  }
  const profile = profileOf(plan);
  const key = JSON.stringify(profile);
  if (key === optionsKey) return;
  optionsKey = key;
  try {
    optionsStatus.textContent = "正在生成可申领一览……";
    const answer = await client.call("options", profile);
    if (key !== optionsKey) return;
    if (answer && answer.error) {
      optionsStatus.textContent = "企业情况有误，修改后显示可申领一览。";
      optionsBody.replaceChildren();
    } else showOptions(answer.options || answer);
  } catch (error) {
    if (key !== optionsKey) return;
    optionsKey = null;
    optionsStatus.textContent = `可申领一览暂时无法显示（${error.message}）。`;
    optionsBody.replaceChildren();
  }
}

optionsBody.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-product]");
  if (!button) return;
  const empty = [...itemsList.children].find((row) => !row.querySelector('[data-name="product"]').value
    && !row.querySelector('[data-name="contract"]').value);
  const row = empty || addRow("items");
  row.querySelector('[data-name="product"]').value = button.dataset.addProduct;
  updateDevicesField(row);
  changed();
  row.querySelector('[data-name="contract"]').focus();
});

// ---------- the printed sheet and the spreadsheet ----------
function enterprise() {
  return { name: $("gd-enterprise-name").value.trim(), credit_code: $("gd-credit-code").value.trim() };
}

function todayIso() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function roundStatus() {
  const node = document.querySelector("[data-gd-round-status]");
  // On a 繁体 page the 简体 words are kept aside (assets/js/hant/runtime.js): the CSV is in 简体.
  return node ? (node.dataset.gdHans || node.textContent).trim() : "";
}

let qrModule = null;
async function qrFor(link) {
  try {
    qrModule = qrModule || await import("./qr-code.js");
    return el("figure", { className: "gd-sheet__qr" }, qrModule.qrSvg(link, "重新打开本测算的二维码"), el("figcaption", { text: "扫码重新打开本测算" }));
  } catch (error) {
    return el("p", { className: "gd-hint", text: `二维码无法生成（${error && error.message ? error.message : error}），请使用上面的链接。` });
  }
}

async function drawSheet() {
  if (!current) return;
  const shown = current;
  const link = location.href;
  const qr = await qrFor(link);
  if (shown !== current) return;
  const [year, month, day] = todayIso().split("-").map(Number);
  try {
    renderSheet(sheetBody, { data: shown.data, enterprise: enterprise(), date: `${year}年${month}月${day}日`, link, qr });
  } catch (error) {
    reportBug(error);
  }
  // The round-status script fills every [data-gd-round-status], this line of the sheet included; where
  // it has not (yet) run, the page's own status line is copied.
  const round = document.querySelector('#gd-sheet [data-sheet="round"]');
  if (!round.textContent.trim()) round.textContent = roundStatus();
}

// The engine checks the enterprise fields (a credit code has a check digit) and writes the CSV.
async function sheetCsv() {
  const enterpriseError = $("gd-credit-code-error");
  enterpriseError.hidden = true;
  enterpriseError.textContent = "";
  $("gd-credit-code").removeAttribute("aria-invalid");
  const answer = await client.call("sheet_csv", {
    plan: current.plan, enterprise: enterprise(), date: todayIso(), link: location.href, round_status: roundStatus(),
    build: pageBuild(),
  });
  if (answer && answer.error) {
    const bad = errorsOf(answer.error).filter((e) => e.field.startsWith("enterprise"));
    for (const error of bad) {
      enterpriseError.textContent = error.message;
      enterpriseError.hidden = false;
      $("gd-credit-code").setAttribute("aria-invalid", "true");
    }
    throw new Error(bad.length ? bad[0].message : errorsOf(answer.error)[0].message);
  }
  const text = typeof answer === "string" ? answer : answer && answer.csv;
  if (typeof text !== "string") throw new Error("测算引擎没有返回测算单");
  return text;
}

// A sheet is something an enterprise acts on, so it is made only once the question that decides
// eligibility has been answered.
function historyAnswered(status) {
  if (current.data.result.history && current.data.result.history.answered === false) {
    status.textContent = "请先回答第 3 题（此前是否领取过服务券），再打印或下载测算单。";
    $("gd-history-yes").focus();
    return false;
  }
  return true;
}

async function printSheet() {
  const status = $("gd-export-status");
  if (!current) return;
  if (!historyAnswered(status)) return;
  if (enterprise().credit_code) {
    try {
      await sheetCsv();
    } catch (error) {
      status.textContent = `请先修改：${error.message}`;
      $("gd-credit-code").focus();
      return;
    }
  }
  status.textContent = "";
  await drawSheet();
  window.print();
}

async function downloadCsv() {
  const status = $("gd-export-status");
  if (!current) return;
  if (!historyAnswered(status)) return;
  status.textContent = "正在生成测算单……";
  try {
    const text = await sheetCsv();
    // The BOM makes Excel read the file as UTF-8, so the Chinese stays intact.
    const blob = new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });
    const link = el("a", { href: URL.createObjectURL(blob), download: `服务券申领测算单-${todayIso()}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    status.textContent = "测算单已下载。";
  } catch (error) {
    status.textContent = `测算单未能下载：${error.message}`;
  }
}

// ---------- recalculation ----------
function writeLink(state) {
  const hash = formatHash(state);
  history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
}

async function recalculate() {
  const state = readState();
  writeLink(state);
  const mapping = planFromState(state, perDevice);
  generation += 1;
  const mine = generation;
  if (!ready) return;
  refreshOptions(mapping.plan);
  if (mapping.pending.length) {
    clearMessages();
    showPending(mapping.pending);
    root.dataset.state = "done";
    return;
  }
  // The answer takes milliseconds: the messages on screen are replaced only once it is in, so an error
  // summary that still applies does not flicker, and screen readers hear one change, not two.
  let data;
  try {
    data = await client.run(mapping.plan);
  } catch (error) {
    if (mine === generation) showFailure(error.message);
    return;
  }
  if (mine !== generation) return; // a newer edit has been sent since
  clearMessages();
  try {
    if (data.error) showErrors(errorsOf(data.error), mapping);
    else showResult(mapping.plan, data);
  } catch (error) {
    reportBug(error);
  }
  root.dataset.state = "done";
  root.dataset.runs = String(mine);
}

function changed() {
  clearTimeout(debounce);
  revealHistory();
  debounce = setTimeout(recalculate, 120);
}

// ---------- loading and failure ----------
function showFailure(message) {
  loader.hidden = true;
  $("gd-failure-reason").textContent = message;
  $("gd-failure").hidden = false;
  root.dataset.state = "failed";
  say("测算器无法运行，原因见下方。");
  summaryBody.replaceChildren();
  clearResult();
}

// A bug of this page must still end in words, never in a silent or half-drawn page.
function reportBug(error) {
  const message = error && error.message ? error.message : String(error);
  if (root.dataset.state === "failed") return;
  showFailure(`页面显示结果时出错（${message}）。请刷新页面重试。`);
}

let lastStep = "";
function onProgress(message) {
  loader.hidden = false;
  if (message.total && (!message.phase || message.phase === "download")) {
    progressBar.max = message.total;
    progressBar.value = Math.min(message.loaded || 0, message.total);
  } else {
    progressBar.removeAttribute("value"); // no byte count in this phase: an indeterminate bar, never a full one
  }
  const words = progressText(message);
  progressLabel.textContent = words;
  // The live status line is told in steps of 10%, not on every chunk, so screen readers are not flooded.
  const tenths = message.total ? Math.floor((10 * (message.loaded || 0)) / message.total) : 0;
  const step = `${message.phase || ""}:${tenths}`;
  if (step !== lastStep) {
    lastStep = step;
    // In steps of 10%, so no byte count here: the progress line above has the exact one.
    // Before bundle.json gives the total there is no percentage yet, and still no byte count.
    const downloading = (!message.phase || message.phase === "download") && !(message.total && tenths >= 10);
    const base = message.text || "正在下载测算引擎";
    const told = !downloading ? words : message.total ? `${base}（${tenths * 10}%）` : base;
    say(`${told}。可以先填写下列问题，加载完成后立即显示结果。`.replace("……。", "……"));
  }
}

function start() {
  if (!window.gdBoot) {
    // boot.js sets gdBoot before anything else; without it the file never ran, whatever the browser.
    showFailure("测算引擎的启动脚本 boot.js 未能加载（文件缺失，或服务器未按 JavaScript 类型提供 .js 文件）。请稍后刷新重试；如仍出现，请告知网站管理员。");
    return;
  }
  const boot = window.gdBoot;
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    showFailure("浏览器不支持 WebAssembly。请使用新版的 Chrome、Edge、Firefox 或 Safari。");
    return;
  }
  if (!boot.worker) {
    showFailure(boot.error ? `测算引擎启动失败（${boot.error}）。` : "浏览器不支持模块化 Web Worker。请使用新版的 Chrome、Edge、Firefox 或 Safari。");
    return;
  }
  root.dataset.state = "loading";
  loader.hidden = false;
  progressLabel.textContent = progressText({});
  say("正在加载测算引擎……可以先填写下列问题，加载完成后立即显示结果。");
  client = new EngineClient(boot.worker, limits);
  client.on("progress", onProgress);
  client.on("failed", (message) => showFailure(message.includes("测算引擎") ? message : `测算引擎加载失败：${message.replace(/[。.]$/, "")}。`));
  // Figures only from the engine and catalogue of this page's build (build-gate.js).
  client.on("ready", (message) => whenSameBuild(message, (problem) => client.fail(problem)).then(() => {
    ready = true;
    loader.hidden = true;
    root.dataset.state = "ready";
    root.dataset.catalogueVersion = message.version || "";
    readyResolve();
    say("测算引擎已就绪，正在测算……");
    recalculate();
  }));
  if (boot.error) {
    client.start(boot.messages.splice(0));
    client.fail(`测算引擎启动失败（${boot.error}）。`);
    return;
  }
  client.start(boot.messages.splice(0));
}

// ---------- wiring ----------
form.addEventListener("input", changed);
form.addEventListener("change", changed);
form.addEventListener("submit", (event) => event.preventDefault());
$("gd-add").addEventListener("click", () => { addRow("items", {}, true); changed(); });
$("gd-add-granted").addEventListener("click", () => { addRow("granted", {}, true); changed(); });
$("gd-print").addEventListener("click", printSheet);
$("gd-download").addEventListener("click", downloadCsv);
for (const id of ["gd-enterprise-name", "gd-credit-code"]) $(id).addEventListener("input", () => drawSheet());
// The credit code is checked by the engine as soon as the user leaves the field, not only at print time.
$("gd-credit-code").addEventListener("change", () => { if (current && client) sheetCsv().catch(() => {}); });
window.addEventListener("beforeprint", () => { drawSheet(); });
window.addEventListener("hashchange", () => {
  if (location.hash.slice(1) === formatHash(readState())) return; // our own replaceState
  writeState(parseHash(location.hash, maxRows));
  changed();
});
// Only this component's own scripts: the theme's errors are not the calculator's to report.
const ours = (text) => /\/assets\/calculator\//.test(String(text || ""));
window.addEventListener("error", (event) => { if (ours(event.filename)) reportBug(event.error || event.message); });
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason && ours(event.reason.stack)) reportBug(event.reason);
});

// For the browser tests and for anyone scripting the page: the same engine, plan in, result out.
window.gdCalculator = {
  ready: readyPromise,
  run: (plan) => readyPromise.then(() => client.run(plan)),
  call: (method, payload) => readyPromise.then(() => client.call(method, payload)),
};

writeState(parseHash(location.hash, maxRows));
start();
