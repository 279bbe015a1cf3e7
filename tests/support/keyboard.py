"""Walking a page with the keyboard as a reader without a mouse does, and checking every focus stop."""

from __future__ import annotations

# Where focus is now, and what is wrong with it: on the page's body (lost), off the screen, under
# something else (an overlay, a sticky header) or without a visible focus ring. A visually hidden
# radio or checkbox is judged by its label, which is what the reader sees.
LOST = "焦点丢失（在页面本身上）"
FOCUS_PROBE = """() => {
  const a = document.activeElement;
  const text = a ? (a.getAttribute('aria-label') || a.textContent || a.value || '').trim().slice(0, 16) : '';
  const stop = a ? a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + ' ' + text : 'none';
  if (!a || a === document.body || a === document.documentElement) return {stop, problem: '焦点丢失（在页面本身上）'};
  let shown = a;
  const own = a.getBoundingClientRect();
  if ((own.width <= 2 || own.height <= 2) && a.labels && a.labels.length) shown = a.labels[0];
  const r = shown.getBoundingClientRect();
  const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  if (right - left < 1 || bottom - top < 1) return {stop, problem: '焦点不在屏幕上'};
  const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
  const label = hit && hit.closest('label');
  const mine = hit && (shown.contains(hit) || hit.contains(shown) || (label && label.control === a));
  const what = hit ? hit.tagName.toLowerCase() + '.' + String(hit.className).split(' ')[0] : '无';
  if (!mine) return {stop, problem: '焦点被遮住：' + what};
  const ring = (s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
  if (!ring(getComputedStyle(shown)) && !ring(getComputedStyle(a))) return {stop, problem: '看不到焦点框'};
  return {stop, problem: null};
}"""


_STEP = "(probe) => { const here = probe(); const a = document.activeElement;" \
    " if (!window.__gdFirstStop) window.__gdFirstStop = a; else if (a === window.__gdFirstStop) here.again = true;" \
    " return here; }"


def walk(page, key: str = "Tab", limit: int = 400) -> list[dict]:
    """Press `key` until focus leaves the page or comes back to its first stop; each stop, checked.
    Leaving the page after its last stop is the browser's own way out, not a problem of the page."""
    stops: list[dict] = []
    page.evaluate("() => { window.__gdFirstStop = null; }")
    step = f"() => ({_STEP})({FOCUS_PROBE})"
    for _ in range(limit):
        page.keyboard.press(key)
        here = page.evaluate(step)
        if (stops and here["problem"] == LOST) or here.get("again"):
            break
        stops.append(here)
    return stops


def problems(stops: list[dict]) -> list[str]:
    return [f"第 {n} 个焦点 {s['stop']}：{s['problem']}" for n, s in enumerate(stops, 1) if s["problem"]]
