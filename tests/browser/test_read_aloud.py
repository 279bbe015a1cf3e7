"""朗读 (issue 21) with the browser's speech engine stubbed by an init script: off by default; switched on by
keyboard it reads the page's main text (not the toolbar), Escape or 停止 cancels it, the switch is
remembered, and a browser without a Chinese voice is told so."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

STUB = """
(() => {
  const voices = %s;
  const spoken = window.__spoken = [];
  window.__cancelled = 0;
  window.__hold = %s;
  class Utterance { constructor(text) { this.text = text; } }
  const synth = {
    getVoices: () => voices,
    speak(u) { spoken.push(u.text); if (!window.__hold) setTimeout(() => u.onend && u.onend({}), 0); },
    cancel() { window.__cancelled += 1; },
    pause() {}, resume() {},
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
})();
"""
CHINESE = '[{"lang": "zh-CN", "name": "普通话"}]'


def _page(guarded, voices=CHINESE, hold=False):
    context, _ = guarded
    context.add_init_script(STUB % (voices, "true" if hold else "false"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    return page, errors


def _switch_on_by_keyboard(page):
    switch = page.locator(".gd-toolbar .gd-read-switch")
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".gd-read-aloud")).to_be_hidden()
    switch.focus()
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-read='start']")).to_be_focused()


def test_reading_aloud_reads_the_main_text_of_the_page(guarded, server):
    page, errors = _page(guarded)
    page.goto(server + "notice/")
    _switch_on_by_keyboard(page)
    page.keyboard.press("Enter")
    expect(page.locator("[data-read='status']")).to_have_text("已读完。")
    spoken = "".join(page.evaluate("window.__spoken"))
    assert "服务券申领时间" in spoken and "粤工信办函〔2020〕37号" in spoken
    assert "字号" not in spoken and "高对比度" not in spoken and "朗读本页" not in spoken
    assert errors == []


def test_stop_and_escape_cancel_the_reading(guarded, server):
    page, errors = _page(guarded, hold=True)
    page.goto(server + "notice/")
    _switch_on_by_keyboard(page)
    page.keyboard.press("Enter")
    expect(page.locator("[data-read='status']")).to_have_text("正在朗读……")
    before = page.evaluate("window.__cancelled")
    page.keyboard.press("Escape")
    expect(page.locator("[data-read='status']")).to_have_text("已停止朗读。")
    assert page.evaluate("window.__cancelled") > before
    page.locator("[data-read='start']").click()
    expect(page.locator("[data-read='stop']")).to_be_enabled()
    before = page.evaluate("window.__cancelled")
    page.locator("[data-read='stop']").click()
    expect(page.locator("[data-read='status']")).to_have_text("已停止朗读。")
    assert page.evaluate("window.__cancelled") > before
    expect(page.locator("[data-read='stop']")).to_be_disabled()
    assert errors == []


def test_the_switch_is_remembered_and_off_by_default(guarded, server):
    page, _ = _page(guarded)
    page.goto(server + "guide/")
    _switch_on_by_keyboard(page)
    page.goto(server + "notice/")
    expect(page.locator(".gd-toolbar .gd-read-switch")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".gd-read-aloud")).to_be_visible()
    page.locator(".gd-toolbar .gd-read-switch").click()
    page.reload()
    expect(page.locator(".gd-read-aloud")).to_be_hidden()


@pytest.mark.parametrize("voices", ['[{"lang": "en-US", "name": "English"}]', "[]"], ids=["english-only", "none"])
def test_a_browser_without_a_chinese_voice_is_told_so(guarded, server, voices):
    page, errors = _page(guarded, voices=voices)
    page.goto(server + "notice/")
    page.locator(".gd-toolbar .gd-read-switch").click()
    expect(page.locator("[data-read='status']")).to_contain_text("您的浏览器没有中文语音")
    expect(page.locator("[data-read='start']")).to_be_disabled()
    assert page.evaluate("window.__spoken") == [] and errors == []
