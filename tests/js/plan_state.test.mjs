// Pure helpers of the calculator page: links, plans and engine errors. Run by `node --test`.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  errorsOf, formatHash, linkRound, normaliseProduct, parseHash, planFromState, profileOf, progressText, targetOfField,
} from "../../site_src/docs/assets/calculator/plan-state.js";

const PER_DEVICE = new Set([5, 24, 25]);

test("a supplier's link with only a product opens one row of that product and nothing else", () => {
  const state = parseHash("#item=5");
  assert.deepEqual(state.items, [{ product: "5", contract: "", devices: "" }]);
  assert.equal(state.city, "");
  assert.equal(state.history, null);
  assert.equal(state.pilot, null);
});

test("a shared link keeps its meaning: city, pilot, earlier claims and a per-device row", () => {
  const state = parseHash("#city=%E4%BD%9B%E5%B1%B1%E5%B8%82&pilot=1&claimed=9&item=5:20%E4%B8%87:40");
  assert.equal(state.city, "佛山市");
  assert.equal(state.pilot, true);
  assert.equal(state.history, "yes");
  assert.deepEqual(state.claimed, [9]);
  const { plan, pending } = planFromState(state, PER_DEVICE);
  assert.deepEqual(pending, []);
  assert.deepEqual(plan, {
    city: "佛山市", cluster_pilot: true, claimed_before: [9], granted_this_round: [],
    items: [{ product: 5, contract: "20万", devices: "40" }],
  });
});

for (const [given, expected] of [["01", "1"], ["5", "5"], ["０５", "5"], [" 7 ", "7"], ["0", ""], ["x", ""], ["", ""], ["5.5", ""], ["-3", ""]]) {
  test(`the product written ${JSON.stringify(given)} in a link is read as ${JSON.stringify(expected)}`, () => {
    assert.equal(normaliseProduct(given), expected);
  });
}

test("an odd but unambiguous link such as item=01:100000 gives product 1", () => {
  const { plan } = planFromState(parseHash("city=广州市&history=no&item=01:100000"), PER_DEVICE);
  assert.deepEqual(plan.items, [{ product: 1, contract: "100000" }]);
});

test("the claim history is not sent until the yes/no question is answered", () => {
  const { plan } = planFromState(parseHash("city=广州市&item=19:50000"), PER_DEVICE);
  assert.equal("claimed_before" in plan, false);
  assert.equal("granted_this_round" in plan, false);
});

test("answering yes without ticking or adding anything asks for it instead of assuming nothing was claimed", () => {
  const { plan, pending } = planFromState(parseHash("city=广州市&history=yes&item=19:50000"), PER_DEVICE);
  assert.equal("claimed_before" in plan, false);
  assert.deepEqual(pending.map((p) => p.target.kind), ["claimed"]);
  assert.match(pending[0].message, /第 3 题/);
  const ticked = planFromState(parseHash("city=广州市&claimed=9&item=19:50000"), PER_DEVICE);
  assert.deepEqual(ticked.pending, []);
});

test("answering no sends two empty lists, which the engine reads as answered", () => {
  const { plan } = planFromState(parseHash("city=广州市&history=no&item=19:50000"), PER_DEVICE);
  assert.deepEqual(plan.claimed_before, []);
  assert.deepEqual(plan.granted_this_round, []);
});

test("vouchers granted in this round travel with their amounts and reopen from the link", () => {
  const state = parseHash("city=广州市&granted=19:5%E4%B8%87&claimed=9,10&item=1:100000");
  assert.equal(state.history, "yes");
  const { plan, grantRows } = planFromState(state, PER_DEVICE);
  assert.deepEqual(plan.granted_this_round, [{ product: 19, amount: "5万" }]);
  assert.deepEqual(plan.claimed_before, [9, 10]);
  assert.deepEqual(grantRows, [0]);
  assert.equal(parseHash(formatHash(state)).granted[0].amount, "5万");
  assert.deepEqual(parseHash(formatHash(state)), state);
});

test("a yes with nothing ticked yet keeps the question open in the link and in the plan", () => {
  const state = parseHash("history=yes");
  assert.equal(state.history, "yes");
  assert.equal(formatHash(state), "history=yes");
  assert.equal("claimed_before" in planFromState(state).plan, false);
});

test("a state survives the round trip through its link", () => {
  const state = {
    city: "汕头市", pilot: false, history: "no", claimed: [], granted: [],
    items: [{ product: "6", contract: "30万", devices: "" }, { product: "24", contract: "8w", devices: "12" }],
    round: "2020",
  };
  assert.deepEqual(parseHash(formatHash(state)), state);
});

test("blank rows are neither sent nor written into the link", () => {
  const state = parseHash("city=广州市&history=no&item=19:50000");
  state.items.push({ product: "", contract: "", devices: "" });
  assert.equal(planFromState(state).plan.items.length, 1);
  assert.equal(formatHash(state).match(/item=/g).length, 1);
});

test("devices are dropped for a product that has no per-device amount", () => {
  const { plan } = planFromState(parseHash("city=广州市&item=19:50000:40"), PER_DEVICE);
  assert.deepEqual(plan.items, [{ product: 19, contract: "50000" }]);
});

test("what is still to be filled in is listed, and each entry names its field", () => {
  const { pending } = planFromState(parseHash("item=5&item=:100"), PER_DEVICE);
  assert.deepEqual(pending.map((p) => p.target), [
    { kind: "city" }, { kind: "items", index: 0, name: "contract" }, { kind: "items", index: 1, name: "product" },
  ]);
  assert.deepEqual(planFromState(parseHash("city=广州市")).pending.map((p) => p.target), [{ kind: "add" }]);
  const blankRow = parseHash("city=广州市");
  blankRow.items.push({ product: "", contract: "", devices: "" });
  assert.deepEqual(planFromState(blankRow).pending.map((p) => p.target), [{ kind: "items", index: 0, name: "product" }]);
});

test("an engine error on the second sent row lands on the form row it came from", () => {
  const state = parseHash("city=广州市&item=6:十万块&item=&item=19:abc");
  state.items[1] = { product: "", contract: "", devices: "" };
  const mapping = planFromState(state);
  assert.deepEqual(mapping.itemRows, [0, 2]);
  assert.deepEqual(targetOfField("items[1].contract", mapping), { kind: "items", index: 2, name: "contract" });
  assert.deepEqual(targetOfField("items[0]", mapping), { kind: "items", index: 0, name: "product" });
  assert.deepEqual(targetOfField("granted_this_round[0].amount", { grantRows: [3] }), { kind: "granted", index: 3, name: "amount" });
  assert.deepEqual(targetOfField("claimed_before[1]", mapping), { kind: "claimed" });
  assert.deepEqual(targetOfField("city", mapping), { kind: "city" });
  assert.deepEqual(targetOfField("", mapping), { kind: "form" });
  assert.deepEqual(targetOfField("items[9].contract", mapping), { kind: "form" });
});

test("every engine error is listed once, the first included, also from the old single-error shape", () => {
  const errors = [{ field: "items[0].contract", message: "a" }, { field: "items[1].contract", message: "b" }];
  assert.deepEqual(errorsOf({ field: "items[0].contract", message: "a", errors }), errors);
  assert.deepEqual(errorsOf({ field: "city", message: "c" }), [{ field: "city", message: "c" }]);
  assert.deepEqual(errorsOf({ field: "x", message: "y", errors: [errors[0], errors[0]] }), [errors[0]]);
  assert.deepEqual(errorsOf(undefined), []);
});

test("the options are asked for the enterprise alone, without the items", () => {
  assert.deepEqual(profileOf({ city: "广州市", cluster_pilot: false, items: [1] }), { city: "广州市", cluster_pilot: false });
});

test("progress is told in words, with the worker's own text first and no silence at 100%", () => {
  assert.equal(progressText({ phase: "start", text: "正在启动 Python", loaded: 0, total: 0 }), "正在启动 Python");
  assert.equal(progressText({ phase: "download", text: "正在下载测算引擎", loaded: 1048576, total: 2097152 }),
    "正在下载测算引擎：已下载 1.0 MB / 共 2.0 MB");
  assert.equal(progressText({ loaded: 1048576, total: 10485760 }), "正在下载测算引擎：已下载 1.0 MB / 共 10.0 MB");
  assert.match(progressText({ loaded: 10, total: 10 }), /正在启动/);
  assert.match(progressText({}), /正在加载/);
});

test("a link with thousands of rows keeps one more than the engine accepts, so the page cannot freeze", () => {
  const hash = "#city=%E5%B9%BF%E5%B7%9E%E5%B8%82&" + Array.from({ length: 3000 }, () => "item=1:100").join("&")
    + "&" + Array.from({ length: 3000 }, () => "granted=19:100").join("&");
  const state = parseHash(hash, 100);
  assert.equal(state.items.length, 101);
  assert.equal(state.granted.length, 101);
});

const ROUNDS = [{ folder: "2020", label: "2020 年度", root: "../archive/2020/" }, { folder: "2021", label: "2021 年度", root: "../" }];

test("a link names the round it was computed under, and reads back the same", () => {
  const state = { ...parseHash("#city=%E6%B1%95%E5%A4%B4%E5%B8%82&item=2:100%E4%B8%87:"), round: "2021" };
  assert.match(formatHash(state), /&round=2021$/);
  assert.equal(parseHash(`#${formatHash(state)}`).round, "2021");
  assert.doesNotMatch(formatHash({ ...state, round: "" }), /round=/);
});

test("a link of this page's own round gets no note", () => {
  assert.equal(linkRound("2021", ROUNDS, "2021"), null);
  assert.equal(linkRound("", [ROUNDS[0]], "2020"), null);
  assert.equal(linkRound("2021", [], "2021"), null);
});

test("a link made before links named their round belongs to the first round", () => {
  assert.deepEqual(linkRound("", ROUNDS, "2021"), { known: true, ...ROUNDS[0] });
});

test("a link of a round this site does not publish is named as such", () => {
  assert.deepEqual(linkRound("2030", ROUNDS, "2021"), { known: false, folder: "2030" });
});
