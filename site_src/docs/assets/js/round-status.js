/* Round status component (issue 12): fills every [data-gd-round-status] element with the status of the
 * voucher round at this moment, from the windows the build wrote into its data-gd-round attribute
 * (generator/pages/templates/round_status.html.j2). Computed in the browser on every visit, so a build never
 * goes stale. A page may also hold an element with no data of its own: it takes the first element's.
 *
 * The pure helpers (parseWindows, roundStatus, wallTime) run under node too: tests/js/round_status.test.js.
 * Contract for other components: after this script runs, the element's textContent is the status text
 * and its data-gd-round-state is one of before | application | between | redemption | closed (the <html>
 * element gets the same attribute, for CSS). Each time
 * it (re)writes an element it dispatches a bubbling "gd-round-status" event on it, detail = the status.
 * Tests set the clock with Playwright's page.clock; there is no query parameter for it.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else api.init(root.document);
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?([+-]\d{2}:\d{2}|Z)$/;

  /** "2000-01-02T17:00:00+08:00" -> "2000年1月2日 17:00", the wall time as the notice writes it. */
  function wallTime(iso) {
    var m = ISO.exec(iso);
    if (!m) throw new Error("无法识别的时间：" + iso);
    return Number(m[1]) + "年" + Number(m[2]) + "月" + Number(m[3]) + "日 " + m[4] + ":" + m[5];
  }

  /** The round data of the attribute, checked: windows in order, each with start before end. */
  function parseWindows(data) {
    var byKey = {};
    (data.windows || []).forEach(function (w) {
      var start = Date.parse(w.start), end = Date.parse(w.end);
      if (!ISO.test(w.start) || !ISO.test(w.end) || isNaN(start) || isNaN(end) || start >= end) {
        throw new Error("时间窗口数据有误：" + JSON.stringify(w));
      }
      byKey[w.key] = { name: w.name, start: w.start, end: w.end, startMs: start, endMs: end };
    });
    if (!byKey.application || !byKey.redemption) throw new Error("缺少申领或兑现时间窗口");
    return { round: data.round || "", note: data.note || "", application: byKey.application, redemption: byKey.redemption };
  }

  /**
   * The status at `nowMs` (milliseconds since the epoch): {state, label, text, next}.
   * A window is open from its start (inclusive) until its end (exclusive). `next` is the next moment the
   * status changes, or null once the round is over.
   */
  function roundStatus(data, nowMs) {
    var r = parseWindows(data);
    var a = r.application, b = r.redemption;
    var round = r.round ? r.round + "年" : "本轮";
    var range = function (w) { return wallTime(w.start) + " 至 " + wallTime(w.end); };
    var state, label, text, next;
    if (nowMs < a.startMs) {
      state = "before"; label = "尚未开始"; next = a.startMs;
      text = round + "服务券申领尚未开始。" + a.name + "：" + range(a) + "；" + b.name + "：" + range(b) + "。";
    } else if (nowMs < a.endMs) {
      state = "application"; label = "申领进行中"; next = a.endMs;
      text = round + "服务券正在申领，申领截止时间为 " + wallTime(a.end) + "。" + b.name + "：" + range(b) + "。";
    } else if (nowMs < b.startMs) {
      state = "between"; label = "申领已截止"; next = b.startMs;
      text = round + "服务券申领已于 " + wallTime(a.end) + " 截止；兑现将于 " + wallTime(b.start) + " 开始，" + wallTime(b.end) + " 截止。";
    } else if (nowMs < b.endMs) {
      state = "redemption"; label = "兑现进行中"; next = b.endMs;
      text = round + "服务券申领已于 " + wallTime(a.end) + " 截止；兑现正在进行，截止时间为 " + wallTime(b.end) + "。";
    } else {
      state = "closed"; label = "本轮已结束"; next = null;
      text = round + "服务券申领已于 " + wallTime(a.end) + " 截止，兑现已于 " + wallTime(b.end) + " 截止，本轮已经结束。本站内容可作为政策记录查阅。";
    }
    return { state: state, label: label, text: text + (r.note ? r.note : ""), next: next };
  }

  function render(element, status) {
    var strong = element.ownerDocument.createElement("strong");
    strong.className = "gd-round-status__label";
    strong.textContent = status.label + "：";
    element.textContent = "";
    element.appendChild(strong);
    element.appendChild(element.ownerDocument.createTextNode(status.text));
    element.setAttribute("data-gd-round-state", status.state);
  }

  function update(doc) {
    var elements = doc.querySelectorAll("[data-gd-round-status]");
    if (!elements.length) return null;
    var source = doc.querySelector("[data-gd-round]");
    var shared = source ? JSON.parse(source.getAttribute("data-gd-round")) : null;
    var next = null;
    Array.prototype.forEach.call(elements, function (element) {
      var own = element.getAttribute("data-gd-round");
      var data = own ? JSON.parse(own) : shared;
      if (!data) return;
      try {
        var status = roundStatus(data, Date.now());
        render(element, status);
        // The page's state, for what is shown in one state only (the 本轮已结束 block, reader.css).
        doc.documentElement.setAttribute("data-gd-round-state", status.state);
        if (status.next !== null && (next === null || status.next < next)) next = status.next;
        // For components that copy the status (the calculator's printed sheet): re-read on this event.
        element.dispatchEvent(new CustomEvent("gd-round-status", { bubbles: true, detail: status }));
      } catch (err) {
        element.setAttribute("data-gd-round-state", "error"); // the build's static dates stay shown
      }
    });
    return next;
  }

  function init(doc) {
    var timer = null;
    function refresh() {
      clearTimeout(timer);
      var next = update(doc);
      // Re-render when the status changes while the page stays open (timers beyond ~24 days overflow).
      if (next !== null && next - Date.now() < 2147483647) timer = setTimeout(refresh, Math.max(0, next - Date.now()) + 1000);
    }
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", refresh);
    else refresh();
    doc.addEventListener("visibilitychange", function () { if (!doc.hidden) refresh(); });
  }

  return { wallTime: wallTime, parseWindows: parseWindows, roundStatus: roundStatus, init: init };
});
