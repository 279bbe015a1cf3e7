/* Address component (issue 20): a site whose public address is not configured yet names no address in
 * its pages (generator/release writes it once site-config.ini or SITE_URL gives one). Until then this
 * script fills the share panel and the written-out addresses ([data-gd-address]) from the address the
 * page is actually read at, replaces the undrawn QR codes (svg[data-gd-qr=""]) by a note, and, when the
 * page is read from a host other than this computer, shows the [data-gd-unconfigured] warning so that an
 * official sees it before anyone prints a link.
 *
 * The pure helpers (siteRoot, addressOf, isLocalHost) run under node too: tests/js/address.test.js.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else api.init(root.document, root.location, document.currentScript && document.currentScript.src);
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* The release names the script by its content ("address.1a2b3c4d5e6f.js"), so that a correction reaches
   * every visitor (generator/release); a preview serves it under its plain name. */
  var SCRIPT = /assets\/js\/address(\.[0-9a-f]+)?\.js$/;
  var HANT = "zh-Hant/";

  /** The site's root address from this script's own address: "https://h/a/assets/js/address.js" -> "https://h/a/". */
  function siteRoot(scriptSrc) {
    var path = scriptSrc.split(/[?#]/)[0];
    var found = SCRIPT.exec(path);
    return found ? path.slice(0, found.index) : null;
  }

  /** The address of a site path on this page: the 繁体 copy's page on a 繁体 page. */
  function addressOf(rootAddress, target, hant) {
    var path = hant && target.indexOf(HANT) !== 0 ? HANT + target : target;
    return rootAddress + path;
  }

  /** Whether a host name is this computer (a preview), where no warning is due. */
  function isLocalHost(hostname) {
    var name = String(hostname || "").toLowerCase().replace(/^\[|\]$/g, "");
    return name === "" || name === "localhost" || /\.localhost$/.test(name) || /^127\./.test(name) || name === "::1";
  }

  function configured(doc) {
    var meta = doc.querySelector('meta[name="SiteDomain"]');
    return Boolean(meta && meta.getAttribute("content"));
  }

  function init(doc, location, scriptSrc) {
    if (configured(doc)) return;
    var base = siteRoot(scriptSrc || "");
    if (!base) return;
    var hant = doc.documentElement.lang === "zh-Hant";
    doc.querySelectorAll("input.gd-share__url[data-gd-address]").forEach(function (input) {
      input.value = addressOf(base, input.getAttribute("data-gd-address"), hant);
    });
    doc.querySelectorAll("code[data-gd-address], dd[data-gd-address], span[data-gd-address]").forEach(function (el) {
      el.textContent = addressOf(base, el.getAttribute("data-gd-address"), hant);
    });
    doc.querySelectorAll('svg[data-gd-qr=""]').forEach(function (svg) {
      // The share panel draws its own code for the address it shares (share.js).
      if (svg.closest(".gd-share__qr")) return;
      var figure = svg.closest("figure");
      var note = doc.createElement("p");
      note.className = "gd-qr-pending";
      note.textContent = hant ? "網站地址配置後顯示二維碼。" : "网站地址配置后显示二维码。";
      (figure || svg).replaceWith(note);
    });
    if (!isLocalHost(location.hostname)) {
      doc.querySelectorAll("[data-gd-unconfigured]").forEach(function (el) { el.hidden = false; });
    }
  }

  return { siteRoot: siteRoot, addressOf: addressOf, isLocalHost: isLocalHost, init: init };
});
