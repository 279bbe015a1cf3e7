"""The calculator's loading status is honest to the end: one byte count (the progress line's), a
status line that never contradicts it, and a bar that never shows the download done while bytes are
still coming."""

from __future__ import annotations

import re

from support.browser import new_guarded_context, wait_for_engine

# Every text the progress line and the status line show while the engine loads, in order.
WATCH = """window.gdSeen = []; new MutationObserver(() => {
    for (const id of ['gd-progress-text', 'gd-status']) { const node = document.getElementById(id);
      const text = node && node.textContent;
      if (text && window.gdSeen.at(-1)?.[1] !== text) window.gdSeen.push([id, text]); }
  }).observe(document, {subtree: true, childList: true, characterData: true});"""


def test_the_status_line_gives_no_second_byte_count_and_its_percentage_only_grows(browser, server):
    context, _ = new_guarded_context(browser, server)
    page = context.new_page()
    page.add_init_script(WATCH)
    page.goto(server + "calculator/")
    wait_for_engine(page)
    seen = page.evaluate("window.gdSeen")
    context.close()
    status = [text for where, text in seen if where == "gd-status"]
    progress = [text for where, text in seen if where == "gd-progress-text"]
    assert [t for t in status if "MB" in t] == []
    percentages = [int(m.group(1)) for t in status if (m := re.search(r"（(\d+)%）", t))]
    assert percentages == sorted(percentages)
    assert any("MB" in t for t in progress)
