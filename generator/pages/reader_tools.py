"""The reader's toolbar pieces made at build time: the 简/繁 switch and the share panel of a page.

Both depend on which script a page is in, so the 繁体 copies (`generator.hant.pages`) render them again
for their own URL instead of converting the 简体 ones. Nothing here talks to the network; the share panel's
address and QR code are filled in later (generator/release/address.py, assets/js/address.js).
"""

from __future__ import annotations

from markupsafe import Markup

from generator.pages.renderer import relative
from generator.release import qr_placeholder

HANT_DIR = "zh-Hant/"
HANS, HANT = "hans", "hant"
# The blocks that differ between the two scripts begin and end so (no nested span or details inside);
# the 繁体 copy replaces them whole.
SWITCH_START, SWITCH_END = '<span class="gd-toolbar__group gd-switch"', "</span>"
SHARE_START, SHARE_END = '<details class="gd-share"', "</details>"


def page_url(url: str, script: str) -> str:
    """The site-relative URL of a page (given by its 简体 URL) in one script."""
    return HANT_DIR + url if script == HANT else url


def other_script(script: str) -> str:
    return HANS if script == HANT else HANT


SCRIPTS = ((HANS, "简体", "zh-Hans"), (HANT, "繁體", "zh-Hant"))


def _switch(hrefs: dict[str, str], script: str) -> Markup:
    links = []
    for target, label, lang in SCRIPTS:
        # The other copy is an alternate-language version of this page (HTML's rel="alternate" + hreflang).
        current = ' aria-current="page"' if target == script else ' rel="alternate"'
        links.append(Markup('<a class="gd-script" href="{}" hreflang="{}" lang="{}" data-gd-script="{}"{}>{}</a>')
                     .format(hrefs[target], lang, lang, target, Markup(current), label))
    return Markup(SWITCH_START + ' role="group" aria-label="简繁">' + "".join(links) + SWITCH_END)


def script_switch(url: str, script: str) -> Markup:
    """【简体】【繁體】 links to this very page in each script; the current one is marked."""
    here = page_url(url, script)
    return _switch({target: relative(here, page_url(url, target)) for target, _, _ in SCRIPTS}, script)


def not_found_switch(hans: str, hant: str, script: str) -> Markup:
    """The switch of the 404 page, which a server sends at any depth: absolute paths to its two copies."""
    return _switch({HANS: hans, HANT: hant}, script)


def not_found_memory(other: str, script: str = HANS) -> Markup:
    """The head script's attributes on a 404 page: a reader who chose the other script gets its copy."""
    return Markup('data-script="{}" data-other="{}"').format(script, other)


# The rel value is the token list "alternate" written with a leading space: HTML splits rel on white
# space, so crawlers read rel="alternate" as usual, but Material's bundle, which selects
# `link[rel=alternate]` by the exact string, does not fetch a sitemap.xml beside each copy (a 404, or a
# request to SITE_URL's host from wherever the site is browsed). A browser test guards this.
ALTERNATE_REL = " alternate"


def alternate_links(url: str) -> Markup:
    """`<link rel="alternate" hreflang>` to both copies of a page; generator/release/address.py writes their
    addresses (absolute once the site's address is configured, relative until then)."""
    del url  # the page is known from the file it is written into
    return Markup("").join(Markup('<link rel="{}" hreflang="{}" href="">').format(ALTERNATE_REL, lang)
                           for _, _, lang in SCRIPTS)


def script_memory(url: str, script: str) -> Markup:
    """Attributes of the head script that sends a reader who chose the other script to its copy."""
    here = page_url(url, script)
    return Markup('data-script="{}" data-other="{}"').format(
        script, relative(here, page_url(url, other_script(script))))


# In 简体; the 繁体 copy converts them with the rest of the page.
SHARE_LABELS = {"summary": "分享", "link": "本页链接", "copy": "复制链接", "qr": "用手机扫码打开本页"}


def share_panel(url: str, script: str, title: str) -> Markup:
    """The share control: the page's address, a copy button and its QR code. Both name the page by its
    site path (data-gd-address): generator/release/address.py writes the public address into them once
    one is configured; until then assets/js/address.js fills them in from the address the page is read at."""
    here = page_url(url, script)
    words = SHARE_LABELS
    qr = Markup(qr_placeholder(here, f"{words['qr']}：{title}"))
    return Markup(SHARE_START
                  + '><summary class="gd-share__summary">{summary}</summary>'
                  '<div class="gd-share__panel">'
                  '<label class="gd-share__label" for="gd-share-url">{link}</label>'
                  '<span class="gd-share__row">'
                  '<input class="gd-share__url" id="gd-share-url" type="text" readonly value="" data-gd-address="{here}">'
                  '<button type="button" class="gd-share__copy" data-copy="gd-share-url">{copy}</button></span>'
                  '<span class="gd-share__status" role="status"></span>'
                  '<figure class="gd-share__qr">{qr}<figcaption>{qrcap}</figcaption></figure>'
                  "</div>" + SHARE_END).format(
        summary=words["summary"], link=words["link"], here=here, copy=words["copy"], qr=qr, qrcap=words["qr"])
