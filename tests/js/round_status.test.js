// The round status helper without a browser (node --test; run by tests/js/test_page_helpers_with_node.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { roundStatus, wallTime, parseWindows } = require(path.join(__dirname, "../../site_src/docs/assets/js/round-status.js"));

// A made-up round, not the notice's: the helper must work for whatever the catalogue says.
const ROUND = {
  round: "2031",
  note: "具体时间以平台通知为准。",
  windows: [
    { key: "application", name: "申领时间", start: "2031-03-01T09:00:00+08:00", end: "2031-06-30T18:00:00+08:00" },
    { key: "redemption", name: "兑现时间", start: "2031-08-01T09:00:00+08:00", end: "2031-12-31T18:00:00+08:00" },
  ],
};
const at = (iso) => Date.parse(iso);

const CASES = [
  ["a moment before the application window opens is before", "2031-03-01T08:59:59+08:00", "before"],
  ["the opening minute of the application window is open", "2031-03-01T09:00:00+08:00", "application"],
  ["the last second before the application deadline is still open", "2031-06-30T17:59:59+08:00", "application"],
  ["the application deadline itself is closed for applying", "2031-06-30T18:00:00+08:00", "between"],
  ["a day between the windows is between", "2031-07-15T12:00:00+08:00", "between"],
  ["the opening of redemption is redemption", "2031-08-01T09:00:00+08:00", "redemption"],
  ["the redemption deadline closes the round", "2031-12-31T18:00:00+08:00", "closed"],
  ["years later the round is still closed", "2040-01-01T00:00:00Z", "closed"],
];
for (const [name, now, state] of CASES) {
  test(name, () => assert.equal(roundStatus(ROUND, at(now)).state, state));
}

test("the status text gives the dates as the notice writes them, in Beijing time", () => {
  const status = roundStatus(ROUND, at("2031-07-15T12:00:00+08:00"));
  assert.match(status.text, /2031年6月30日 18:00 截止/);
  assert.match(status.text, /2031年8月1日 09:00 开始/);
  assert.ok(status.text.endsWith("具体时间以平台通知为准。"));
});

test("the same instant gives the same status in any time zone of the reader", () => {
  // 2031-06-30T10:30Z is 18:30 in Beijing: past the deadline, though it is morning in London.
  assert.equal(roundStatus(ROUND, Date.UTC(2031, 5, 30, 10, 30)).state, "between");
});

test("a closed round says so and names both deadlines", () => {
  const status = roundStatus(ROUND, at("2032-01-01T00:00:00+08:00"));
  assert.equal(status.label, "本轮已结束");
  assert.match(status.text, /2031年6月30日 18:00/);
  assert.match(status.text, /2031年12月31日 18:00/);
  assert.equal(status.next, null);
});

test("each status says when it will next change", () => {
  assert.equal(roundStatus(ROUND, at("2031-01-01T00:00:00+08:00")).next, at("2031-03-01T09:00:00+08:00"));
  assert.equal(roundStatus(ROUND, at("2031-09-01T00:00:00+08:00")).next, at("2031-12-31T18:00:00+08:00"));
});

test("wall time keeps the notice's own clock", () => {
  assert.equal(wallTime("2020-09-30T17:00:00+08:00"), "2020年9月30日 17:00");
});

test("a window that ends before it starts is refused", () => {
  const bad = { windows: [ROUND.windows[0], { ...ROUND.windows[1], end: "2031-07-01T00:00:00+08:00" }] };
  assert.throws(() => parseWindows(bad), /时间窗口数据有误/);
});

test("a round without a redemption window is refused", () => {
  assert.throws(() => parseWindows({ windows: [ROUND.windows[0]] }), /缺少申领或兑现时间窗口/);
});
