/* The toolbar's 分享 panel (generator/pages/reader_tools.py): the link, its copy button and its QR code.
 * The link is the page's public address; what the address bar adds after “#” (the calculator's plan, a
 * section of the notice) goes with it, so a shared calculator opens with the plan, not empty. The QR code
 * of such a link is redrawn in the page with the site's own QR module; nothing is sent anywhere. */
(function () {
  "use strict";
  var QR_URL = new URL("../calculator/qr-code.js", document.currentScript.src);

  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(input.value);
    // Plain-http government servers are not secure contexts: select the field and copy it the old way.
    input.focus();
    input.select();
    return new Promise(function (resolve, reject) {
      (document.execCommand && document.execCommand("copy")) ? resolve() : reject(new Error("copy"));
    });
  }

  /* The address to share: the public address built into the page, with the current fragment. */
  function shareLink(base, hash) {
    return base.split("#")[0] + (hash && hash !== "#" ? hash : "");
  }

  function Share(root) {
    this.root = root;
    this.input = root.querySelector(".gd-share__url");
    this.status = root.querySelector(".gd-share__status");
    this.figure = root.querySelector(".gd-share__qr");
    this.builtQr = this.figure && this.figure.querySelector("svg");
    // A build without a configured address leaves the code undrawn (data-gd-qr=""): whatever address.js
    // may already have written into the field, nothing is drawn yet and the panel draws it (refresh).
    var drawn = !this.builtQr || this.builtQr.getAttribute("data-gd-qr") !== "";
    this.base = drawn ? this.input.value : "";
    this.drawn = drawn ? this.base : null;
    this.hant = document.documentElement.lang === "zh-Hant";
    this.bind();
  }

  /* Brings the link and its QR code up to date with the address bar. Without a configured address the
   * page names none (generator/release): the link is then the address the page is read at, as address.js
   * writes it into the field, or the address bar's. */
  Share.prototype.refresh = function () {
    var link = shareLink(this.base || this.input.value || location.href, location.hash);
    this.input.value = link;
    if (link === this.drawn || !this.figure) return;
    this.drawn = link;
    var self = this, old = this.figure.querySelector("svg");
    if (link === this.base) { old.replaceWith(this.builtQr); return; }
    import(QR_URL.href).then(function (qr) {
      if (self.drawn !== link) return;
      var title = self.builtQr.querySelector("title");
      var svg = qr.qrSvg(link, self.builtQr.getAttribute("aria-label") || (title ? title.textContent : ""));
      self.figure.querySelector("svg").replaceWith(svg);
    }).catch(function () {
      // Without the QR module the old code would open the page without the plan: say so instead.
      self.status.textContent = self.hant ? "二維碼未能更新，請用上面的鏈接" : "二维码未能更新，请用上面的链接";
    });
  };

  Share.prototype.bind = function () {
    var self = this, button = this.root.querySelector(".gd-share__copy");
    this.root.addEventListener("toggle", function () { if (self.root.open) self.refresh(); });
    window.addEventListener("hashchange", function () { if (self.root.open) self.refresh(); });
    // The calculator writes the plan into the address with replaceState, which fires no hashchange.
    window.addEventListener("gd-link", function () { if (self.root.open) self.refresh(); });
    button.addEventListener("click", function () {
      self.refresh();
      copyText(self.input).then(function () {
        self.status.textContent = self.hant ? "已複製本頁鏈接" : "已复制本页链接";
      }, function () {
        self.input.focus();
        self.input.select();
        self.status.textContent = self.hant ? "無法自動複製，鏈接已選中，請按 Ctrl+C 複製" : "无法自动复制，链接已选中，请按 Ctrl+C 复制";
      });
    });
  };

  window.GdShare = { shareLink: shareLink };

  function init() {
    document.querySelectorAll("details.gd-share").forEach(function (root) {
      if (root.querySelector(".gd-share__url")) new Share(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
