"""Firefox and WebKit for the browser tests, behind one small interface (`EnginePage`).

- Firefox ESR (Debian's `firefox-esr`) through puppeteer-core over WebDriver BiDi, run by node
  (tests/support/firefox_driver.mjs), one JSON line a request.
- WebKit: WebKitGTK's MiniBrowser through its WebDriver (`WebKitWebDriver`, Debian's
  `webkit2gtk-driver`) with selenium, on a virtual X display (Xvfb). It shares JavaScriptCore and its
  WebAssembly engine with Safari. Its WebDriver cannot print, nor run a script before the page's own:
  the page errors are collected by a script the test server puts first in every page (`ERRORS_JS`).

Every wait is on a condition, with a generous limit: the machine is often loaded.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from support.waits import WAIT_S

ROOT = Path(__file__).resolve().parents[2]
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = Path(os.environ.get("MINIBROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"))
# Generous: starting Firefox took 23 s on this machine at load 18.
START_LIMIT = 240.0
CALL_LIMIT = 180.0

# Served at /__gd_test_errors.js and put first in every page by the engines' test server.
ERRORS_PATH = "/__gd_test_errors.js"
ERRORS_JS = """(function () {
  var seen = window.__gdErrors = [];
  // Every message of the calculator's worker, whoever listens (boot.js or app.js): which way it booted.
  var heard = window.__gdMessages = [];
  var Native = window.Worker;
  if (Native) {
    window.Worker = function (url, options) {
      var worker = new Native(url, options);
      worker.addEventListener("message", function (e) { heard.push(e.data); });
      return worker;
    };
    window.Worker.prototype = Native.prototype;
  }
  window.addEventListener("error", function (e) { seen.push(String(e.message || e.error || e)); });
  window.addEventListener("unhandledrejection", function (e) {
    seen.push("unhandled rejection: " + String(e.reason && e.reason.message ? e.reason.message : e.reason));
  });
})();
"""


class EngineUnavailable(Exception):
    """The engine is not installed or cannot start here; the message says what is missing."""


class EnginePage:
    """One browser session with one page. `script` arguments are JavaScript function sources,
    called with `args` (JSON values); a returned promise is awaited."""

    name = ""
    version = ""

    def new_page(self, width: int = 1366, height: int = 900, user_agent: str = "") -> None:
        raise NotImplementedError

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, script: str, *args: Any) -> Any:
        raise NotImplementedError

    def pdf(self) -> bytes:
        raise NotImplementedError

    def screenshot(self, path: Path) -> None:
        raise NotImplementedError

    def errors(self) -> list[str]:
        return self.evaluate("() => window.__gdErrors || ['the error collector did not run']")

    def wait_for(self, script: str, *args: Any, timeout: float = WAIT_S, what: str = "") -> Any:
        """Poll `script` until it returns a truthy value; fail after `timeout` seconds, saying `what`."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while True:
            last = self.evaluate(script, *args)
            if last:
                return last
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: {what or script} not true within {timeout:.0f} s (last {last!r})")
            time.sleep(0.2)

    def close(self) -> None:
        raise NotImplementedError


class Firefox(EnginePage):
    name = "firefox"

    def __init__(self) -> None:
        node = shutil.which("node")
        if not node or not Path(FIREFOX).exists():
            raise EngineUnavailable(f"需要 node 和 {FIREFOX}（apt-get install firefox-esr）")
        if not (ROOT / "node_modules" / "puppeteer-core").is_dir():
            raise EngineUnavailable("需要 node_modules/puppeteer-core（make setup）")
        self.process = subprocess.Popen([node, str(ROOT / "tests" / "support" / "firefox_driver.mjs")], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, encoding="utf-8")
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._answer(START_LIMIT, "start")
        self.version = self._call("version")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _answer(self, limit: float, cmd: str) -> Any:
        try:
            line = self.lines.get(timeout=limit)
        except queue.Empty:
            raise AssertionError(f"firefox: no answer to {cmd} within {limit:.0f} s") from None
        if line is None:
            raise EngineUnavailable(f"Firefox 驱动已退出：{self.process.stderr.read()[-2000:]}")
        message = json.loads(line)
        if "error" in message:
            raise AssertionError(f"firefox {cmd}: {message['error']}")
        return message["ok"]

    def _call(self, cmd: str, limit: float = CALL_LIMIT, **request: Any) -> Any:
        self.process.stdin.write(json.dumps({"cmd": cmd, **request}) + "\n")
        self.process.stdin.flush()
        return self._answer(limit, cmd)

    def new_page(self, width: int = 1366, height: int = 900, user_agent: str = "") -> None:
        self._call("page", width=width, height=height, userAgent=user_agent)

    def goto(self, url: str) -> None:
        self._call("goto", url=url)

    def evaluate(self, script: str, *args: Any) -> Any:
        return self._call("evaluate", script=script, args=list(args))

    def pdf(self) -> bytes:
        return base64.b64decode(self._call("pdf"))

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self._call("screenshot")))

    def errors(self) -> list[str]:
        return [*self._call("errors"), *super().errors()]

    def close(self) -> None:
        with contextlib.suppress(AssertionError, EngineUnavailable, BrokenPipeError):
            self._call("close", limit=60)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


class WebKit(EnginePage):
    name = "webkit"

    def __init__(self) -> None:
        if not (Path(WEBKIT_DRIVER).exists() and MINIBROWSER.exists() and shutil.which("Xvfb")):
            raise EngineUnavailable(f"需要 {WEBKIT_DRIVER}、{MINIBROWSER} 和 Xvfb"
                                    "（apt-get install webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb）")
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        # A display of its own (Xvfb picks a free number and writes it to the pipe), as xvfb-run -a does.
        read_end, write_end = os.pipe()
        self.xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x900x24",
                                      "-nolisten", "tcp"], pass_fds=(write_end,), stderr=subprocess.DEVNULL)
        os.close(write_end)
        display = self._display(read_end)
        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": f":{display}"})
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self.xvfb.terminate()
            os.close(self.displayfd)
            raise
        self.driver.set_script_timeout(CALL_LIMIT)
        self.driver.set_page_load_timeout(CALL_LIMIT)
        self.version = self.driver.capabilities.get("browserVersion", "")

    def _display(self, read_end: int) -> str:
        result: list[str] = []
        reader = threading.Thread(target=lambda: result.append(os.read(read_end, 32).decode().strip()), daemon=True)
        reader.start()
        reader.join(START_LIMIT)
        # Kept open while Xvfb runs: closed early, Xvfb dies ("Cannot write display number to fd").
        self.displayfd = read_end
        if not result or not result[0] or self.xvfb.poll() is not None:
            self.xvfb.kill()
            os.close(read_end)
            raise EngineUnavailable("Xvfb 未能启动")
        return result[0]

    def new_page(self, width: int = 1366, height: int = 900, user_agent: str = "") -> None:
        if user_agent:
            raise EngineUnavailable("WebKitWebDriver 不能更改 User-Agent")
        self.driver.get("about:blank")
        self.driver.set_window_size(width, height)

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def evaluate(self, script: str, *args: Any) -> Any:
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve().then(() => ({script})(...arguments[0]))"
            ".then((value) => done({ok: value === undefined ? null : value}),"
            " (error) => done({error: String(error && error.stack ? error.message + '\\n' + error.stack : error)}));",
            list(args))
        if "error" in answer:
            raise AssertionError(f"webkit: {answer['error']}")
        return answer["ok"]

    def pdf(self) -> bytes:
        raise EngineUnavailable("WebKitWebDriver 不能打印为 PDF（WebDriver 的 Print Page 命令未实现）")

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self.xvfb.terminate()
            try:
                self.xvfb.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.xvfb.kill()
            os.close(self.displayfd)


ENGINES = {"firefox": Firefox, "webkit": WebKit}
