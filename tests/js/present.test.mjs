// What the calculator's views say (app/present.js), decided with no DOM. Run by `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  assumptionsOf, capSentence, dateOf, devicesText, exportAdvice, inWeChat, loadingStatus, optionDevices, optionsSummary, prerenderedGroup,
  progressBar, refusedCount, statusOf,
} from "../../site_src/docs/assets/calculator/app/present.js";

const result = (extra = {}) => ({
  eligible: true, city: "佛山市", total_text: "8万元", total: "80000", enterprise_cap_text: "20万元", enterprise_cap: "200000",
  room_left_text: "12万元", problems: [], assumptions: [], cluster_pilot: false,
  items: [{ product: 5, name: "A" }, { product: 6, name: "B", refusal: { label: "重复申领" } }], ...extra,
});

test("the cap sentence names the cap, this round's grants and what is left, and is absent outside the scope", () => {
  assert.equal(capSentence(result()), "单家企业上限 20万元；上限尚余 12万元。");
  const granted = result({ history: { granted_this_round: [{ product: 1 }], granted_total_text: "3万元" } });
  assert.equal(capSentence(granted), "单家企业上限 20万元；本轮已获 3万元；上限尚余 12万元。");
  assert.equal(capSentence(result({ eligible: false })), null);
});

test("an unanswered pilot question is stated as an assumption, after the engine's own", () => {
  assert.deepEqual(assumptionsOf(result({ assumptions: ["按从未领取测算。"] }), true),
    ["按从未领取测算。", "尚未回答是否为产业集群试点企业：以上按非试点企业测算。"]);
  assert.deepEqual(assumptionsOf(result(), false), []);
  assert.deepEqual(assumptionsOf(result({ eligible: false }), true), []);
});

test("the status line gives the total, conditional while the history question is unanswered", () => {
  assert.deepEqual(statusOf(result(), false), { lead: "测算合计 ", total: "8万元", tail: "，部分产品不予奖补，原因见明细。" });
  assert.deepEqual(statusOf(result({ items: [] }), true), { lead: "测算合计 ", total: "8万元", tail: "（按下列前提）。" });
  const unanswered = statusOf(result({ items: [], history: { answered: false } }), false);
  assert.equal(unanswered.lead, "尚未确认此前是否领取过服务券。若从未领取，测算合计 ");
  assert.equal(unanswered.tail, "；如领取过，金额可能减少，请回答第 3 题。");
});

test("outside the scope the status line is the engine's reason, or says the city is outside it", () => {
  const reason = { severity: "error", message: "深圳市企业不在本次范围。" };
  assert.deepEqual(statusOf(result({ eligible: false, problems: [reason] }), false), { text: reason.message });
  assert.deepEqual(statusOf(result({ eligible: false, city: "深圳市" }), false), { text: "深圳市的企业不在本次服务券面向范围内。" });
});

test("refused rows are counted, and only rows that are not refused say what devices they need", () => {
  assert.equal(refusedCount(result()), 1);
  assert.equal(devicesText({ per_device: "500", devices_required: 3, devices_for_cap: 40 }), "兑现时至少接入 3 台设备；满额需 40 台。");
  assert.equal(devicesText({ per_device: "500", devices_required: 0 }), "兑现时至少接入 0 台设备。");
  assert.equal(devicesText({ per_device: "500", devices_required: 3, refused: true }), "");
  assert.equal(devicesText({ devices_required: 3 }), "");
});

test("the 可申领一览 line counts the available products, and devices are given where a product needs them", () => {
  const options = { ratio_text: "佛山市，珠三角，奖补比例 50%", enterprise_cap_text: "20万元", room_left_text: "20万元",
    products: [{ available: true }, { available: false }, { available: true }] };
  assert.equal(optionsSummary(options),
    "佛山市，珠三角，奖补比例 50%。共 3 个产品，其中 2 个可申领；单家企业上限 20万元，未计入本次拟申领各项时尚余 20万元；以下“最高服务券”均按此计算。");
  assert.match(optionsSummary({ ...options, available_count: 1 }), /其中 1 个可申领/);
  assert.equal(optionDevices({ devices_for_max: 40, per_device_text: "500元" }), "至少 40 台（每台 500元）");
  assert.equal(optionDevices({}), "—");
});

test("while loading, the status line changes in steps of 10% only, with no byte count", () => {
  const first = loadingStatus({ phase: "download", text: "正在下载测算引擎", loaded: 150, total: 1000 }, "");
  assert.deepEqual(first, { step: "download:1", text: "正在下载测算引擎（10%）。可以先填写下列问题，加载完成后立即显示结果。" });
  assert.equal(loadingStatus({ phase: "download", loaded: 190, total: 1000 }, first.step).text, null);
  assert.equal(loadingStatus({ phase: "download", text: "正在下载测算引擎", loaded: 0, total: 0 }, "").text,
    "正在下载测算引擎。可以先填写下列问题，加载完成后立即显示结果。");
  assert.equal(loadingStatus({ phase: "download", loaded: 1000, total: 1000 }, "").text,
    "下载完成，正在启动测算引擎……可以先填写下列问题，加载完成后立即显示结果。");
  assert.equal(loadingStatus({ phase: "start", text: "正在启动 Python", loaded: 0, total: 0 }, "download:9").text,
    "正在启动 Python。可以先填写下列问题，加载完成后立即显示结果。");
});

test("the progress bar counts bytes while downloading and is indeterminate otherwise, never over full", () => {
  assert.deepEqual(progressBar({ phase: "download", loaded: 1200, total: 1000 }), { max: 1000, value: 1000 });
  assert.equal(progressBar({ phase: "start", loaded: 0, total: 0 }), null);
  assert.equal(progressBar({ phase: "download", loaded: 10, total: 0 }), null);
});

test("the sheet's date is written in Chinese and the CSV's in ISO form", () => {
  assert.deepEqual(dateOf(new Date(2020, 4, 5)), { iso: "2020-05-05", zh: "2020年5月5日" });
});

// Real agents: WeChat on Android and on iPhone, WeCom (企业微信), and browsers that are not WeChat.
const WECHAT_ANDROID = "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
  + "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) "
  + "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
const WECHAT_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 "
  + "MicroMessenger/8.0.46(0x18002e2c) NetType/WIFI Language/zh_CN";
const WECOM = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.0.0 Safari/537.36 "
  + "wxwork/4.1.16 (MicroMessenger/6.2) WindowsWechat MailPlugin_Electron WeMail embeddisk";
const SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

test("WeChat's in-app browser is recognised by MicroMessenger in its agent, on Android, iPhone and WeCom alike", () => {
  for (const agent of [WECHAT_ANDROID, WECHAT_IPHONE, WECOM]) assert.equal(inWeChat(agent), true, agent);
  for (const agent of [SAFARI, CHROME, "", undefined]) assert.equal(inWeChat(agent), false, String(agent));
});

test("in WeChat the export panel says to open the page in the browser to print or download, and claims no download", () => {
  const advice = exportAdvice(WECHAT_ANDROID);
  assert.match(advice, /右上角“…”/);
  assert.match(advice, /在浏览器打开/);
  assert.match(advice, /打印或下载/);
  assert.doesNotMatch(advice, /已下载/);
  assert.equal(exportAdvice(WECHAT_IPHONE), advice);
  assert.equal(exportAdvice(SAFARI), null);
  assert.equal(exportAdvice(CHROME), null);
});

test("the build's table is the one naming the city and its pilot status, and none once earlier claims are given", () => {
  const groups = [{ members: "广州市:0 珠海市:0" }, { members: "深圳市:0 深圳市:1" }, { members: "广州市:1 珠海市:1" }];
  assert.equal(prerenderedGroup(groups, { city: "珠海市", cluster_pilot: false }), groups[0]);
  assert.equal(prerenderedGroup(groups, { city: "珠海市", cluster_pilot: true }), groups[2]);
  assert.equal(prerenderedGroup(groups, { city: "深圳市", cluster_pilot: true }), groups[1]);
  // "No earlier claims" said outright is the build's own assumption.
  assert.equal(prerenderedGroup(groups, { city: "广州市", cluster_pilot: false, claimed_before: [], granted_this_round: [] }), groups[0]);
  assert.equal(prerenderedGroup(groups, { city: "广州市", cluster_pilot: false, claimed_before: [9], granted_this_round: [] }), null);
  assert.equal(prerenderedGroup(groups, { city: "广州市", cluster_pilot: false, granted_this_round: [{ product: 5, amount: "1万" }] }), null);
  assert.equal(prerenderedGroup(groups, { city: "", cluster_pilot: false }), null);
  assert.equal(prerenderedGroup(groups, { city: "广州", cluster_pilot: false }), null); // a name the build did not list
});
