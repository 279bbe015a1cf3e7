"""Amounts written in Chinese numerals: as said (十万, 二十五万) and as written on contracts and
invoices in 大写 (壹拾万元整). The engine does not take them as amounts; it reads them to tell the user
the figures to type instead. Only whole numbers written out in full are read: a colloquial
abbreviation such as 三千五 (3,500, or 3,005 digit by digit?) is not guessed."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
           "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIADS = {"万": 10**4, "亿": 10**8}
CHARACTERS = frozenset(_DIGITS) | frozenset(_UNITS) | frozenset(_MYRIADS)


def _closes(digit: int | None, last_unit: int, zero: bool) -> bool:
    """Whether a bare digit may end a section: 二十五, 三千零五, 五; not 三千五 or 十万五 (colloquial)."""
    return digit is None or zero or last_unit in (0, 10)


def chinese_integer(text: str) -> int | None:
    """The whole number `text` writes in Chinese numerals, or None if it is not one written in full."""
    if not text or not set(text) <= CHARACTERS:
        return None
    total = section = 0
    digit: int | None = None
    last_unit, zero = 0, False
    for char in text:
        if char in ("零", "〇"):
            if digit is not None:
                return None
            zero = True
            continue
        if char in _DIGITS:
            if digit is not None:
                return None  # 一二 is not a number
            digit = _DIGITS[char]
        elif char in _UNITS:
            unit = _UNITS[char]
            if digit is None and not (unit == 10 and section == 0):
                return None  # only 十 may stand alone, at the start of a section (十万)
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero = None, unit, False
        else:
            if not _closes(digit, last_unit, zero):
                return None
            section += digit or 0
            if section == 0:
                return None
            total += section * _MYRIADS[char]
            section, digit, last_unit, zero = 0, None, _MYRIADS[char], False
    if not _closes(digit, last_unit, zero):
        return None
    return total + section + (digit or 0)
