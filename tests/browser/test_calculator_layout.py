"""The calculator page holds still while its engine loads: the form a phone user is filling in does
not jump each time a progress message changes (Lighthouse counted a layout shift of 0.36)."""

from __future__ import annotations

import pytest
from support.browser import wait_for_engine

RECORD_SHIFTS = """window.gdShifts = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) {
  const root = document.getElementById('gd-calculator');
  window.gdShifts.push({ value: entry.value, ready: !!root && ['ready', 'done'].includes(root.dataset.state),
    sources: (entry.sources || []).map((s) => s.node && s.node.id).filter(Boolean) }); } })
  .observe({ type: 'layout-shift', buffered: true });"""


@pytest.mark.parametrize("width", [375, 1366], ids=["phone", "desktop"])
def test_nothing_below_the_status_moves_while_the_engine_loads(guarded, server, width):
    context, _ = guarded
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(RECORD_SHIFTS)
    page.goto(server + "calculator/")
    wait_for_engine(page)
    page.wait_for_function("document.getElementById('gd-calculator').dataset.state === 'done'")
    shifts = page.evaluate("window.gdShifts")
    while_loading = [s for s in shifts if not s["ready"]]
    assert sum(s["value"] for s in while_loading) < 0.01, while_loading


def test_the_hidden_no_script_notice_leaves_no_gap_when_the_script_removes_it(guarded, server):
    context, _ = guarded
    page = context.new_page()
    page.route("**/assets/calculator/app.*.js", lambda route: route.abort())
    page.goto(server + "calculator/")
    top = "() => Math.round(document.querySelector('#gd-calculator > .gd-calculator__stuck + p').getBoundingClientRect().top)"
    before = page.evaluate(top)
    page.evaluate("document.getElementById('gd-calculator').dataset.started = '1'")
    assert page.evaluate(top) == before
