/* The header search box (partials/search.html): loads the engine and the index the first time the box
 * is used, searches as the text changes (typing, paste, input methods, voice), opens ?q= links, and
 * never leaves an empty box: without results it offers the nearest products, the categories and the
 * needs of 按需求找产品. Also opens a <details> the address points to (#need-…).
 *
 * The open box is a dialog (issue 21): it opens when the reader types, clicks the box, presses ↓ in it,
 * presses “/” or follows a ?q= link, never merely because Tab passed through it; while it is open the
 * rest of the page is inert, so focus stays inside; Tab past its last control or Shift+Tab before its
 * box closes it and focus moves on in the page's order; Escape closes it and focus returns to where it
 * came from.
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
    // The closed box's buttons and result list sit hidden under the box: no Tab stop while closed.
    this.parts = Array.prototype.slice.call(root.querySelectorAll(".md-search__options, .md-search__output"));
    this.setInert(false);
    this.bind();
  }

  // Material watches the toggle's change event (to lock the page's scrolling on phones, among others).
  Search.prototype.setToggle = function (on) {
    if (!this.toggle || this.toggle.checked === on) return;
    this.toggle.checked = on;
    this.syncing = true;
    try { this.toggle.dispatchEvent(new Event("change")); } finally { this.syncing = false; }
  };

  Search.prototype.isOpen = function () { return Boolean(this.toggle && this.toggle.checked); };

  /* Opens the dialog. `from`: the element focus returns to when it is closed with Escape (the box
   * itself when the reader typed into it). */
  Search.prototype.open = function (from) {
    if (this.isOpen()) return;
    var active = from || document.activeElement;
    this.returnTo = active && active !== document.body && !this.root.contains(active) ? active : this.input;
    this.setToggle(true);
    this.setInert(true);
  };

  /* Everything outside the dialog is inert while it is open: neither Tab nor a screen reader's cursor
   * reaches the page behind the overlay. The search toggle itself stays live (its labels close the box). */
  Search.prototype.setInert = function (on) {
    (this.inerted || []).forEach(function (node) { node.inert = false; });
    this.inerted = [];
    this.parts.forEach(function (part) { part.inert = !on; });
    if (!on) return;
    for (var node = this.root; node.parentElement && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling === node || sibling.inert || sibling === this.toggle || /^(SCRIPT|STYLE|LINK)$/.test(sibling.tagName)) return;
        sibling.inert = true;
        this.inerted.push(sibling);
      }, this);
    }
  };

  /* Closes the dialog; `restore`: focus goes back to where it came from (Escape, the overlay). */
  Search.prototype.close = function (restore) {
    var back = this.returnTo;
    this.returnTo = null;
    this.setInert(false);
    this.setToggle(false);
    if (restore) {
      var target = back && back.isConnected ? back : this.input;
      // On a phone the closed box is hidden: focus then stays with the page, not on an invisible field.
      if (target.getClientRects().length && getComputedStyle(target).visibility !== "hidden") target.focus();
      else if (document.activeElement && this.root.contains(document.activeElement)) document.activeElement.blur();
    }
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
    var found;
    try {
      found = engine.search(query).results;
    } catch (err) {
      // Never leave the dialog at 正在加载检索索引……: say what happened and offer the ways to browse.
      this.meta.textContent = "检索时出错，请换一种说法，或按分类浏览。";
      this.showFallback("");
      this.root.dataset.state = "error";
      this.root.dataset.query = query;
      return;
    }
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
    var near = query ? engine.nearest(query, 3).map(function (r) { return { t: r.doc.t, u: r.doc.u }; }) : [];
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

  /* The dialog's controls in Tab order, as the reader can reach them now. */
  Search.prototype.tabbables = function () {
    return Array.prototype.filter.call(this.root.querySelectorAll("input, button, a[href], [tabindex]"), function (node) {
      return node.tabIndex >= 0 && !node.disabled && !node.closest("[hidden]") && node.getClientRects().length > 0;
    });
  };

  Search.prototype.bind = function () {
    var self = this, input = this.input;
    var run = function () { self.run(); };
    var warm = function () { load().catch(function () {}); };
    // Typing, paste, cut, drag and drop, voice and handwriting all fire `input`; an input method
    // fires it while composing too, and then `compositionend` when the text is final.
    input.addEventListener("input", function (event) {
      self.open(input);
      if (event.isComposing) return;
      self.composing = false;
      run();
    });
    input.addEventListener("compositionstart", function () { self.composing = true; });
    input.addEventListener("compositionend", function () { self.composing = false; run(); });
    // Focus alone (Tab passing through the header) does not open the dialog; a click or typing does.
    input.addEventListener("focus", function () { warm(); });
    input.addEventListener("click", function () { self.open(input); run(); });
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
      // The theme's labels (the phones' search button, the overlay, the box's back arrow) flip the toggle.
      this.toggle.addEventListener("change", function () {
        if (self.syncing) return;
        if (self.toggle.checked) {
          self.toggle.checked = false;
          self.open();
          warm();
          input.focus();
          run();
        } else {
          self.toggle.checked = true;
          self.close(true);
        }
      });
    }
    this.root.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".md-search__output a[href]");
      if (link) self.close(false);
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
        if (!self.isOpen()) return;
        event.preventDefault();
        self.close(true);
      } else if (event.key === "Tab" && self.isOpen()) {
        // Leaving the dialog by Tab closes it first; the browser then moves focus on in the page.
        var stops = self.tabbables(), first = stops[0], last = stops[stops.length - 1];
        if (event.shiftKey ? document.activeElement === first : document.activeElement === last) self.close(false);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (event.key === "ArrowDown" && !self.isOpen() && document.activeElement === input) {
          event.preventDefault();
          self.open(input);
          run();
          return;
        }
        if (!links.length) return;
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input.focus();
        else links[Math.min(next, links.length - 1)].focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      if (event.key === "Escape" && self.isOpen() && !self.root.contains(t)) {
        self.close(true);
        return;
      }
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      event.preventDefault();
      self.open();
      input.focus();
      run();
    });
    // Focus taken elsewhere while the dialog is open (a script, the browser's find bar) closes it.
    this.root.addEventListener("focusout", function (event) {
      var to = event.relatedTarget;
      if (self.isOpen() && to && !self.root.contains(to)) self.close(false);
    });
  };

  /* A #need-… (or any) address that points into a closed <details> opens it. */
  function fragment(hash) {
    try { return decodeURIComponent(hash); } catch (e) { return hash; }  // a stray % in a pasted link
  }

  function openTarget() {
    var id = fragment(location.hash.slice(1));
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
        search.open(search.input);
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
