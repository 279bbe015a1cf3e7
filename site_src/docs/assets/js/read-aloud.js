/* 朗读 (issue 21, 工信部 适老化: 语音朗读): the browser's own speech synthesis reads the page's main text, or
 * the selection, in the page's script. Off by default; the switch is remembered in localStorage
 * (gd-read-aloud) like the other reader settings; nothing is sent anywhere. Where the browser has no
 * Chinese voice, the panel says so. Its words are in the page (partials/reader-toolbar.html), so the
 * 繁體 copy has them converted.
 *
 * The pure helpers (chunks, pickVoice) run under node too: tests/js/read_aloud.test.js.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else if (root.document.readyState === "loading") {
    root.document.addEventListener("DOMContentLoaded", function () { api.init(root.document, root.speechSynthesis, root.SpeechSynthesisUtterance); });
  } else api.init(root.document, root.speechSynthesis, root.SpeechSynthesisUtterance);
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var KEY = "gd-read-aloud";
  var MAX = 160; // characters per utterance: some engines stop a long one after about 15 seconds
  var SKIP = ".gd-toolbar, .gd-read-aloud, .headerlink, script, style, noscript, [hidden], [aria-hidden='true'], .gd-sheet";

  /** `text` cut into utterances of at most `max` characters, at the end of a sentence where possible. */
  function chunks(text, max) {
    max = max || MAX;
    var sentences = String(text).replace(/\s+/g, " ").trim().match(/[^。！？；!?;\n]+[。！？；!?;]*/g) || [];
    var out = [];
    sentences.forEach(function (sentence) {
      sentence = sentence.trim();
      while (sentence.length > max) { out.push(sentence.slice(0, max)); sentence = sentence.slice(max); }
      if (!sentence) return;
      if (out.length && out[out.length - 1].length + sentence.length <= max) out[out.length - 1] += sentence;
      else out.push(sentence);
    });
    return out;
  }

  /** The voice for a page in `lang` ("zh-CN", "zh-Hant"...): the same script's region first, then any Chinese. */
  function pickVoice(voices, lang) {
    var hant = /hant|tw|hk|mo/i.test(lang || "");
    var zh = (voices || []).filter(function (v) { return /^(zh|cmn|yue)\b/i.test(v.lang || ""); });
    var preferred = zh.filter(function (v) { return hant === /tw|hk|mo|hant/i.test(v.lang); });
    return preferred[0] || zh[0] || null;
  }

  function store(value) {
    try {
      if (value) localStorage.setItem(KEY, "on");
      else localStorage.removeItem(KEY);
    } catch (e) { /* private mode: for this page only */ }
  }

  function stored() {
    try { return localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }

  /** The main text of the page: the selection inside the page, or the article without the toolbars. */
  function mainText(doc) {
    var selection = doc.getSelection && String(doc.getSelection() || "").trim();
    if (selection) return selection;
    var article = doc.querySelector("article.md-content__inner") || doc.querySelector("main") || doc.body;
    var copy = article.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(SKIP), function (e) { e.remove(); });
    return copy.textContent;
  }

  function init(doc, synth, Utterance) {
    var switches = doc.querySelectorAll(".gd-read-switch");
    var panel = doc.querySelector(".gd-read-aloud");
    if (!switches.length || !panel) return;
    var status = panel.querySelector("[data-read='status']");
    var start = panel.querySelector("[data-read='start']");
    var pause = panel.querySelector("[data-read='pause']");
    var stop = panel.querySelector("[data-read='stop']");
    var word = function (name) { return panel.querySelector("[data-read-word='" + name + "']").textContent; };
    var lang = doc.documentElement.lang || "zh-CN";
    var queue = [];
    var paused = false;

    function say(text) { status.textContent = text; }
    function voice() { return synth && Utterance ? pickVoice(synth.getVoices(), lang) : null; }

    function controls() {
      var speaking = queue.length > 0;
      start.disabled = !voice();
      pause.disabled = stop.disabled = !speaking;
      pause.textContent = paused ? word("resume") : word("pause");
      pause.setAttribute("aria-pressed", String(paused));
    }

    function ready() {
      if (!synth || !Utterance) say(word("unsupported"));
      else if (!voice()) say(word("novoice"));
      else if (!queue.length) say(word("ready"));
      controls();
    }

    function next() {
      if (!queue.length) return;
      var utterance = new Utterance(queue[0]);
      var chosen = voice();
      if (chosen) { utterance.voice = chosen; utterance.lang = chosen.lang; }
      utterance.onend = function () {
        queue.shift();
        if (queue.length) next();
        else { say(word("done")); controls(); }
      };
      utterance.onerror = function (event) {
        if (event && (event.error === "interrupted" || event.error === "canceled")) return;
        queue = []; paused = false; say(word("failed")); controls();
      };
      synth.speak(utterance);
    }

    function halt() {
      queue = []; paused = false;
      if (synth) synth.cancel();
    }

    function show(on) {
      panel.hidden = !on;
      switches.forEach(function (b) { b.setAttribute("aria-pressed", String(on)); });
      if (!on) halt();
      ready();
    }

    switches.forEach(function (button) {
      button.addEventListener("click", function () {
        var on = panel.hidden;
        store(on);
        show(on);
        if (on) start.focus();
      });
    });
    start.addEventListener("click", function () {
      if (!voice()) { ready(); return; }
      halt();
      queue = chunks(mainText(doc));
      if (!queue.length) { say(word("empty")); controls(); return; }
      say(word("reading"));
      next();
      controls();
    });
    pause.addEventListener("click", function () {
      if (!queue.length) return;
      paused = !paused;
      if (paused) { synth.pause(); say(word("paused")); } else { synth.resume(); say(word("reading")); }
      controls();
    });
    stop.addEventListener("click", function () {
      halt(); say(word("stopped")); controls(); start.focus();
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && queue.length) { halt(); say(word("stopped")); controls(); }
    });
    if (synth && typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", ready);
    // Leaving the page stops the reading (a browser would otherwise read on over the next page).
    root().addEventListener("pagehide", halt);
    show(stored());
  }

  function root() { return typeof window !== "undefined" ? window : { addEventListener: function () {} }; }

  return { chunks: chunks, pickVoice: pickVoice, init: init };
});
