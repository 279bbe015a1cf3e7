/* The header search box (partials/search.html): loads the engine and the index the first time the box
 * is used, searches as the text changes (typing, paste, input methods, voice), opens ?q= links, and
 * never leaves an empty box: without results it offers the nearest products, the categories and the
 * needs of 按需求找产品. Also opens a <details> the address points to (#need-…).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var BASE = new URL("../../", script.src);  // this file is assets/search/search.js
  var ENGINE_URL = new URL("engine.js", script.src);
  // On the 繁体 copies (generator/hant/pages.py) the converted index, and results stay in zh-Hant/.
  var HANT = document.documentElement.lang === "zh-Hant";
  var INDEX_URL = new URL(HANT ? "index.zh-Hant.json" : "index.json", script.src);
  var engine = null, loading = null;

  function load() {
    if (loading) return loading;
    var engineReady = window.GdSearchEngine ? Promise.resolve() : new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = ENGINE_URL.href;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("engine")); };
      document.head.appendChild(tag);
    });
    var indexReady = fetch(INDEX_URL.href).then(function (r) {
      if (!r.ok) throw new Error("index " + r.status);
      return r.json();
    });
    loading = Promise.all([engineReady, indexReady]).then(function (done) {
      engine = window.GdSearchEngine.create(done[1]);
      return engine;
    });
    loading.catch(function () { loading = null; });
    return loading;
  }

  function href(url) { return new URL((HANT && !/^[a-z]+:/i.test(url) ? "zh-Hant/" : "") + url, BASE).href; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(doc) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = href(doc.u);
    var article = el("article", "md-search-result__article md-typeset gd-search__article");
    article.appendChild(el("h1", "gd-search__title", doc.t));
    article.appendChild(el("p", "gd-search__sub", doc.s));
    if (doc.x) article.appendChild(el("p", "gd-search__excerpt", doc.x));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function linkList(title, links) {
    var box = el("div", "gd-search__suggest");
    box.appendChild(el("p", "gd-search__suggest-title", title));
    var ul = el("ul", "gd-search__suggest-list");
    links.forEach(function (link) {
      var li = el("li"), a = el("a", "", link.t);
      a.href = href(link.u);
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function Search(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = root.querySelector(".gd-search__input");
    this.meta = root.querySelector(".md-search-result__meta");
    this.list = root.querySelector(".md-search-result__list");
    this.fallback = root.querySelector(".gd-search__fallback");
    this.share = root.querySelector(".gd-search__share");
    this.toggle = document.getElementById("__search");
    this.composing = false;
    this.shown = null;
    this.bind();
  }

  // Material watches the toggle's change event (to lock the page's scrolling on phones, among others).
  Search.prototype.setToggle = function (on) {
    if (!this.toggle || this.toggle.checked === on) return;
    this.toggle.checked = on;
    this.toggle.dispatchEvent(new Event("change"));
  };

  Search.prototype.open = function () { this.setToggle(true); };

  Search.prototype.close = function () {
    this.setToggle(false);
    this.input.blur();
    // A ?q= link has done its job once the dialog closes; leave the address clean, as Material does.
    var url = new URL(location.href);
    if (url.searchParams.has("q")) {
      url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
    }
  };

  Search.prototype.run = function () {
    var self = this, query = this.input.value.trim();
    if (this.composing) return;  // an input method is still composing: wait for compositionend
    if (!engine) {
      if (query) this.meta.textContent = "正在加载检索索引……";
      load().then(function () { self.run(); }, function () {
        self.meta.textContent = "检索索引加载失败，请刷新页面后重试。";
      });
      return;
    }
    if (query === this.shown) return;
    this.shown = query;
    this.updateShare(query);
    this.list.textContent = "";
    this.fallback.textContent = "";
    this.fallback.hidden = true;
    if (!query) {
      this.meta.textContent = "输入关键词或一句话即可检索";
      this.root.dataset.state = "empty";
      return;
    }
    var found = engine.search(query).results;
    found.forEach(function (r) { self.list.appendChild(resultItem(r.doc)); });
    if (found.length) {
      this.meta.textContent = "找到 " + found.length + " 个结果";
      this.root.dataset.state = "results";
    } else {
      this.meta.textContent = "没有找到与“" + query + "”直接相关的内容";
      this.showFallback(query);
      this.root.dataset.state = "none";
    }
    this.root.dataset.query = query;
  };

  Search.prototype.showFallback = function (query) {
    var near = engine.nearest(query, 3).map(function (r) { return { t: r.doc.t, u: r.doc.u }; });
    if (near.length) this.fallback.appendChild(linkList("相近的产品", near));
    this.fallback.appendChild(linkList("按产品分类浏览", engine.links.categories));
    this.fallback.appendChild(linkList("按需求找产品", engine.links.needs));
    var tip = el("p", "gd-search__tip", "可以换一种说法，例如用业务名称（仓库、电费、报表）或产品简称（ERP、MES、CRM）。");
    this.fallback.appendChild(tip);
    this.fallback.hidden = false;
  };

  Search.prototype.updateShare = function (query) {
    if (!this.share) return;
    var url = new URL(location.href);
    url.hash = "";
    url.searchParams.set("q", query);
    this.share.href = url.href;
    this.share.hidden = !query;
  };

  Search.prototype.links = function () {
    return Array.prototype.slice.call(this.root.querySelectorAll(".md-search__output a[href]"));
  };

  Search.prototype.bind = function () {
    var self = this, input = this.input;
    var run = function () { self.run(); };
    var warm = function () { load().catch(function () {}); };
    // Typing, paste, cut, drag and drop, voice and handwriting all fire `input`; an input method
    // fires it while composing too, and then `compositionend` when the text is final.
    input.addEventListener("input", function (event) {
      if (event.isComposing) return;
      self.composing = false;
      self.open();
      run();
    });
    input.addEventListener("compositionstart", function () { self.composing = true; });
    input.addEventListener("compositionend", function () { self.composing = false; run(); });
    input.addEventListener("focus", function () { self.open(); warm(); run(); });
    input.addEventListener("pointerenter", warm);
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = self.list.querySelector("a[href]");
      if (first) first.click();
    });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { input.focus(); run(); }, 0);
    });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) { warm(); input.focus(); } else { input.blur(); }
      });
    }
    this.root.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".md-search__output a[href]");
      if (link) self.close();
    });
    if (this.share) {
      this.share.addEventListener("click", function (event) {
        if (!navigator.clipboard) return;  // follow the link: the address bar then holds it
        event.preventDefault();
        navigator.clipboard.writeText(self.share.href).then(function () {
          self.meta.textContent = "已复制本次检索的链接";
        }, function () { location.href = self.share.href; });
      });
    }
    this.root.addEventListener("keydown", function (event) {
      var links = self.links(), at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        self.close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!links.length) return;
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus();
        else links[Math.min(next, links.length - 1)].focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      event.preventDefault();
      self.open();
      input.focus();
    });
  };

  /* A #need-… (or any) address that points into a closed <details> opens it. */
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function init() {
    var root = document.querySelector(".gd-search");
    if (root) {
      var search = new Search(root);
      var query = new URL(location.href).searchParams.get("q");
      if (query) {
        search.input.value = query;
        search.open();
        search.input.focus();
        search.run();
      }
    }
    openTarget();
    window.addEventListener("hashchange", openTarget);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
