/* 部署自检 component (issue 20): run from the self-check page after uploading, it asks the host for the
 * site's own files and reports, in Chinese, whether the types, compression, CSP, 404 page, caching,
 * security headers, service worker and configured address are right, with the fix for nginx, Apache and IIS.
 * Scoped to [data-gd-self-check]; the pure judgements (judge*) run under node: tests/js/self_check.test.js.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.document.querySelectorAll("[data-gd-self-check]").forEach(function (el) { api.init(el, root); });
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SCRIPT_TYPES = ["text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript"];
  var FIX = {
    types: { nginx: "使用发布包 server/nginx.conf 中的 types { } 段（.wasm 为 application/wasm）。",
             apache: "上传 site/.htaccess，并允许该目录 AllowOverride FileInfo（其中的 AddType 设置类型）。",
             iis: "上传 site/web.config（其中的 staticContent/mimeMap 设置类型）。" },
    compress: { nginx: "在 nginx.conf 中保留 gzip_static on;（发布包的配置已包含）。",
                apache: "上传 site/.htaccess，并启用 mod_rewrite 和 mod_headers。",
                iis: "在服务器上启用“静态内容压缩”，并把 application/json 等类型加入 httpCompression/staticTypes。" },
    csp: { nginx: "使用发布包 server/nginx.conf（add_header Content-Security-Policy …）；修改配置后重新运行 configure.py。",
           apache: "上传 site/.htaccess，并启用 mod_headers。",
           iis: "上传 site/web.config（httpProtocol/customHeaders 中的 Content-Security-Policy）。" },
    notFound: { nginx: "使用发布包 server/nginx.conf 中的 error_page 404 设置。",
                apache: "上传 site/.htaccess（ErrorDocument 404），并允许 AllowOverride FileInfo。",
                iis: "上传 site/web.config（httpErrors 中的 404 设置）。" },
    cache: { nginx: "使用发布包 server/nginx.conf 中的 Cache-Control 设置（网页为 no-cache），删去对 .html 设置的长期缓存。",
             apache: "上传 site/.htaccess，删去服务器上对网页设置的 ExpiresByType text/html 等长期缓存。",
             iis: "上传 site/web.config（staticContent/clientCache），删去对网页的长期缓存设置。" },
    headers: { nginx: "使用发布包 server/nginx.conf 中的 add_header 设置。",
               apache: "上传 site/.htaccess，并启用 mod_headers。",
               iis: "上传 site/web.config（httpProtocol/customHeaders）。" },
    address: { nginx: "在 site-config.ini 中填写 address，运行 python3 configure.py，再上传 site/ 并换用新生成的 server/nginx.conf。",
               apache: "在 site-config.ini 中填写 address，运行 python3 configure.py，再上传 site/（含 .htaccess）。",
               iis: "在 site-config.ini 中填写 address，运行 python3 configure.py，再上传 site/（含 web.config）。" },
  };

  function mime(header) { return String(header || "").split(";")[0].trim().toLowerCase(); }

  /** The script-src (or default-src) of a CSP header, or null when there is no policy. */
  function scriptSources(csp) {
    if (!csp) return null;
    var directives = {};
    csp.split(";").forEach(function (part) {
      var words = part.trim().split(/\s+/);
      if (words[0]) directives[words[0].toLowerCase()] = words.slice(1);
    });
    return directives["script-src"] || directives["default-src"] || [];
  }

  function judgeType(kind, header) {
    var type = mime(header);
    var ok = kind === "js" ? SCRIPT_TYPES.indexOf(type) >= 0 : type === (kind === "wasm" ? "application/wasm" : "application/json");
    return { ok: ok, detail: "服务器发送的类型为 " + (type || "（无）") };
  }

  function judgeCsp(header) {
    var sources = scriptSources(header);
    if (sources === null) return { ok: false, detail: "没有 Content-Security-Policy 响应头" };
    var engine = sources.indexOf("'wasm-unsafe-eval'") >= 0 || sources.indexOf("'unsafe-eval'") >= 0;
    return { ok: engine, detail: engine ? "有内容安全策略，且允许测算引擎（'wasm-unsafe-eval'）"
                                        : "内容安全策略的 script-src 缺少 'wasm-unsafe-eval'，测算引擎无法运行" };
  }

  function judgeHtmlCache(header) {
    var value = String(header || "").toLowerCase();
    var age = /max-age=(\d+)/.exec(value);
    var long = value.indexOf("immutable") >= 0 || (age && Number(age[1]) > 3600);
    return { ok: !long, detail: "网页的 Cache-Control 为 " + (header || "（无）") + (long ? "：网页被长期缓存，更新后读者看不到" : "") };
  }

  function judgeNotFound(status, text) {
    var own = text.indexOf("gd-not-found") >= 0;
    return { ok: status === 404 && own, detail: "不存在的地址返回 " + status + (own ? "，显示本站的中文 404 页面" : "，不是本站的 404 页面") };
  }

  function judgeAddress(configured, here) {
    if (!configured) return { ok: false, detail: "网站地址尚未配置（site-config.ini 的 address）" };
    return { ok: here.indexOf(configured) === 0, detail: "配置的地址为 " + configured + (here.indexOf(configured) === 0 ? "" : "，与当前访问的地址不同") };
  }

  function siteDomain(doc) {
    var meta = doc.querySelector('meta[name="SiteDomain"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function get(url) {
    return fetch(url, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      return response.text().catch(function () { return ""; }).then(function (text) { return { response: response, text: text }; });
    });
  }

  function checks(el, win) {
    var d = el.dataset;
    var base = new URL(d.root, win.location.href).href;
    var here = win.location.href.split(/[?#]/)[0];
    // data-load-* name files by their address from this page, which the build rewrites to their
    // content-addressed names (generator/hosting/fingerprint.py); data-json is a published name.
    function typeCheck(kind, url, title) {
      return get(url).then(function (r) { return Object.assign(judgeType(kind, r.response.headers.get("content-type")), { title: title, fix: FIX.types }); });
    }
    return [
      typeCheck("wasm", new URL(d.loadWasm, here).href, ".wasm 文件的类型"),
      typeCheck("js", new URL(d.loadJs, here).href, ".js 文件的类型"),
      typeCheck("json", base + d.json, ".json 文件的类型"),
      get(base + d.json).then(function (r) {
        var coding = r.response.headers.get("content-encoding");
        return { title: "压缩传输", ok: Boolean(coding), fix: FIX.compress,
                 detail: coding ? "数据文件以 " + coding + " 压缩发送" : "数据文件未压缩发送（测算器首次加载会变慢）" };
      }),
      get(here).then(function (r) {
        var page = r.response.headers;
        var csp = Object.assign(judgeCsp(page.get("content-security-policy")), { title: "内容安全策略（CSP）", fix: FIX.csp });
        var cache = Object.assign(judgeHtmlCache(page.get("cache-control")), { title: "网页缓存", fix: FIX.cache });
        var nosniff = (page.get("x-content-type-options") || "").toLowerCase() === "nosniff";
        var headers = { title: "安全响应头", ok: nosniff && Boolean(page.get("referrer-policy")), fix: FIX.headers,
                        detail: "X-Content-Type-Options：" + (page.get("x-content-type-options") || "（无）") + "；Referrer-Policy：" + (page.get("referrer-policy") || "（无）") };
        return [csp, cache, headers];
      }),
      get(base + "gd-self-check-" + Date.now() + "/").then(function (r) {
        return Object.assign(judgeNotFound(r.response.status, r.text), { title: "404 页面", fix: FIX.notFound });
      }),
      Promise.resolve(Object.assign(judgeAddress(siteDomain(win.document), here), { title: "网站地址", fix: FIX.address })),
      Promise.resolve(!("serviceWorker" in win.navigator) || !win.isSecureContext
        ? { title: "离线缓存（服务工作线程）", ok: true, optional: true, detail: "以 HTTP 访问或浏览器不支持：不使用离线缓存，不影响测算" }
        : win.navigator.serviceWorker.getRegistration(base).then(function (reg) {
          return { title: "离线缓存（服务工作线程）", ok: true, optional: true,
                   detail: reg ? "已注册，作用范围 " + reg.scope : "尚未注册（打开一次“服务券测算”后注册），不影响测算" };
        })),
    ];
  }

  function render(list, results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = list.ownerDocument.createElement("li");
      item.className = "gd-check gd-check--" + (result.ok ? "ok" : "fail");
      item.dataset.gdCheck = result.ok ? "ok" : "fail";
      var head = list.ownerDocument.createElement("strong");
      head.textContent = (result.ok ? "通过：" : "需要处理：") + result.title;
      item.appendChild(head);
      item.appendChild(list.ownerDocument.createTextNode("　" + result.detail + "。"));
      if (!result.ok && result.fix) {
        var fixes = list.ownerDocument.createElement("ul");
        [["nginx", result.fix.nginx], ["Apache", result.fix.apache], ["IIS", result.fix.iis]].forEach(function (pair) {
          var li = list.ownerDocument.createElement("li");
          li.textContent = pair[0] + "：" + pair[1];
          fixes.appendChild(li);
        });
        item.appendChild(fixes);
      }
      list.appendChild(item);
    });
  }

  function init(el, win) {
    el.dataset.gdSelfCheckStarted = "1";  // the page's fallback script reports a script that never ran
    var button = el.querySelector("[data-gd-self-check-run]");
    var list = el.querySelector("[data-gd-self-check-results]");
    var status = el.querySelector("[data-gd-self-check-status]");
    function run() {
      button.disabled = true;
      status.textContent = "正在检查……";
      Promise.all(checks(el, win).map(function (p) {
        return p.catch(function (error) { return { title: "检查", ok: false, detail: "请求失败：" + error.message }; });
      })).then(function (groups) {
        var results = [].concat.apply([], groups);
        render(list, results);
        var failed = results.filter(function (r) { return !r.ok; }).length;
        status.textContent = failed ? "共 " + results.length + " 项，" + failed + " 项需要处理。" : "共 " + results.length + " 项，全部通过。";
        el.dataset.gdSelfCheckDone = failed ? "fail" : "ok";
        button.disabled = false;
      });
    }
    button.addEventListener("click", run);
    run();
  }

  return { judgeType: judgeType, judgeCsp: judgeCsp, judgeHtmlCache: judgeHtmlCache, judgeNotFound: judgeNotFound,
           judgeAddress: judgeAddress, scriptSources: scriptSources, init: init };
});
