"""Figures in a text, read by value: numbers with their unit or noun ("600,000 personnel",
"$100bn", "thirty days"), and dates and clock times, kept apart from figures. Comparing and
pairing them is peaceplan.diffing.figures.

Numbers are read across separators and locales: "600,000", "600 000" (a space, a no-break or a
narrow no-break space), "600.000" when the dots can only group thousands (three-digit groups),
decimals ("1.5", "1 234,5"), scales ("$100 billion" = "$100bn" = "100 billion dollars"),
percentages, and spelled-out small numbers before a unit ("thirty days" = "30 days").

Every pattern is linear on any input: numbers may not start inside a number or a word (so a long
digit run is scanned once), every repetition is either bounded or unambiguous, and each pattern
is compiled once, at import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from peaceplan.diffing.model import Segment
from peaceplan.unsafe import IN_FIGURES

# Month names are capitalized ("5 May", never "5 may be sent"), whatever the flags of the pattern;
# only an abbreviation takes a dot ("1 Jan.", but "from 1 January." ends a sentence).
_MONTH = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
# What may separate groups of three digits: a space, a no-break space, a narrow no-break space
# (U+202F, French and SI typography) or a thin space.
_SPACES_IN_NUMBERS = "[ \u00a0\u202f\u2009]"
# A number: digits grouped by spaces ("600 000", "1 234,5"), else digits joined by single dots
# and commas ("600,000", "1.5", "600.000", "1.000.000,5"); `_parse` says what the separators
# mean. The two forms never match the same characters, so a failing figure backtracks cheaply.
_NUM = rf"(?:\d{{1,3}}(?:{_SPACES_IN_NUMBERS}\d{{3}})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*)"
# A single number, a range ("60–90", "60 to 90") or a list ending in or/and ("5, 10 or 40").
_SERIES = rf"{_NUM}(?:(?:,\s{_NUM}){{0,20}},?\s(?:or|and|to)\s{_NUM}|\s?[-–—]\s?{_NUM})?"
_SCALE = r"(?:\s?(?:trillion|billion|million|thousand|bn|bln|tn|trn|mn|mln)|(?:m|k))"
_STOP = (
    r"(?:a|an|the|and|or|nor|to|of|in|on|at|by|for|with|from|into|per|as|is|are|was|were|be|been"
    r"|will|shall|would|should|must|may|can|could|than|after|before|if|that|which|who|whom|this"
    r"|these|those|it|its|their|his|her|not|no|but|so|such|also|up|each|within|without|under"
    r"|over|between|among|against|during|until|till|since|via|about|around|through|across|along"
    r"|towards?|upon|onto|off|out|more|less|fewer|most|only|still|then|when|where|while|whereas"
    r"|has|have|had|do|does|did|being|any|all|both|either|neither|other|another|further)"
)
_UNIT_WORD = rf"(?!{_STOP}(?![\w-]))[^\W\d_][\w-]{{0,29}}"

# A figure's first digit is at most this many characters from its start ("September 24").
_LEAD = 12

_FIGURE = re.compile(
    rf"""
    (?<![\w.,:/\-])                 # never start inside a number or a word
    (?=\D{{0,{_LEAD}}}\d)         # every figure has a digit near its start (fast skip)
    (?:
        (?P<date>
            \d{{1,2}}\s{_MONTH}(?:\s\d{{4}})?(?!\w)
          | {_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?(?!\w)
          | {_MONTH}\s\d{{4}}(?!\w)
          | \d{{4}}-\d{{2}}-\d{{2}}(?!\w)
        )
      | (?P<time>                   # 10:00, 9:30 pm, 10 a.m.
            (?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s?(?:[ap]\.m\.|[ap]m(?!\w)))?(?![\w:/])
          | (?:1[0-2]|0?\d)\s?(?:[ap]\.m\.|[ap]m(?!\w))
        )
      | (?P<cur>(?-i:US\$|[$€£¥₽₴]|(?:USD|EUR|GBP|RUB|UAH)\s?))
        (?P<cnum>{_SERIES})(?P<cscale>{_SCALE})?(?!\w)
      | (?P<ratio>{_NUM}\s?[:/]\s?{_NUM})(?![\w:/])
      | (?P<num>{_SERIES})(?P<scale>{_SCALE})?(?!\w)
        (?:
            (?P<pct>\s?%|\s?per\s?cent(?!\w)|\s?percent(?!\w))
          | [\s\-](?P<unit>{_UNIT_WORD})(?![\w-])
        )?
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NUMBER = re.compile(_NUM)
_DIGIT = re.compile(r"\d")
# What a figure that starts before its first digit starts with: a month or a currency.
_LEAD_CHAR = re.compile(r"[A-Z$€£¥₽₴]")


def _trie(words: list[str]) -> str:
    """An alternation of `words` factored by their common prefixes ("t(?:en|wo)"): sre tries
    the branches of an alternation one by one, and a word that fails fails at its first letter."""
    tree: dict[str, dict[str, Any]] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(tree)


# Spelled-out numbers up to ninety-nine (and "a hundred", "two hundred"), counted as figures only
# before a scale, a percentage or a unit of measure ("thirty days", "two million people"): "one
# of the parties" is not a figure.
_ONES_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS_WORDS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen")
_SMALL_WORDS = (*_ONES_WORDS, *_TEENS_WORDS, "seventeen", "eighteen", "nineteen")
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {w: n for n, w in enumerate(_SMALL_WORDS, 1)}
_WORD_VALUES.update((w, n) for n, w in zip(range(20, 100, 10), _TENS_WORDS))
_SMALL = "|".join(sorted(_SMALL_WORDS, key=len, reverse=True))  # "seventeen" before "seven"
_TENS = "|".join(_TENS_WORDS)
_ONES = "|".join(_ONES_WORDS)
# Units of measure and what they measure: "30 days" -> "30 weeks" is one change of unit.
_DIMENSIONS = {
    **dict.fromkeys(("second", "minute", "hour", "day", "week", "month", "year", "decade"), "time"),
    **dict.fromkeys(("km", "kilometre", "kilometer", "mile", "metre", "meter"), "length"),
    **dict.fromkeys(("tonne", "ton", "kg", "kilogram"), "mass"),
    **dict.fromkeys(("km2", "hectare", "acre"), "area"),
    **dict.fromkeys(
        ("personnel", "troop", "soldier", "serviceman", "servicemen", "people", "person"), "people"
    ),
}
_UNITS = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|km|kilomet(?:re|er)s?"
    r"|miles?|met(?:re|er)s?|tonnes?|tons?|kg|kilograms?|hectares?|acres?|personnel|troops?"
    r"|soldiers?|servicem[ae]n|people|persons?)"
)
# Matched in the lower-cased text, case-sensitively: sre then skips ahead by first letters, which
# it cannot do with IGNORECASE or a leading lookbehind (the start is checked in _word_figures).
_WORD_FIGURE = re.compile(
    rf"""
    (?P<wnum>
        (?P<tens>{_TENS})(?:[-\s](?P<ones>{_ONES})(?![\w-]))?(?:\s(?P<hundred>hundred))?
      | (?P<small>{_SMALL})(?:\s(?P<hundreds>hundred))?
      | (?P<a>a\s)hundred
    )
    (?:
        \s(?P<wscale>thousand|million|billion|trillion)(?![\w-])
        (?:\s(?P<wnoun>{_UNIT_WORD})(?![\w-]))?
      | \s(?P<wpct>per\s?cent|percent)(?!\w)
      | [\s\-](?P<wunit>{_UNITS})(?![\w-])
    )
    """,
    re.VERBOSE,
)
# Where a spelled-out figure may start, in lower-cased text: a number word after a space or an
# opening mark (or at the start of the text, tried apart). Starting with a character class and
# factored by prefixes (sre tries the words of an alternation one by one), it is scanned for
# fast, unlike the whole pattern.
_WORD_NUMBER = rf"{_trie([*_WORD_VALUES, 'a hundred'])}[\s-]"
_BEFORE_WORDS = r"[\s(\[\"'“‘/—–]"
_WORD_HINT = re.compile(rf"{_BEFORE_WORDS}{_WORD_NUMBER}")
_WORD_FIRST = re.compile(_WORD_NUMBER)
# A number word near an edit, in lower-cased text (the redline cuts text between words).
_CUE = re.compile(rf"(?<![a-z])(?:{_TENS}|{_SMALL}|hundred)(?![a-z])")
# How far from its nearest digit a figure's words reach ("100 million people", "September 24",
# the "Article " before a reference), so an edit farther away cannot change a figure.
_REACH = 24
_YEAR = re.compile(r"(?:19|20)\d\d")
# A number right after one of these words is a reference ("Article 5", "point 12"), not a figure.
_REFERENCE = re.compile(
    r"(?:\b(?:points?|articles?|paragraphs?|sections?|clauses?|chapters?|annex(?:es)?|"
    r"resolutions?|items?|no|nos|numbers?)\.?\s?)$",
    re.IGNORECASE,
)
# A number of points or articles ("the 28-point plan", "its 12 points") names a text, not a term.
_DOCUMENT = re.compile(r"[-\s\u00a0]?(?:points?|articles?|paragraphs?)\b", re.IGNORECASE)
_SCALES = {  # powers of ten
    "thousand": 3,
    "k": 3,
    "million": 6,
    "m": 6,
    "mn": 6,
    "mln": 6,
    "billion": 9,
    "bn": 9,
    "bln": 9,
    "trillion": 12,
    "tn": 12,
    "trn": 12,
}
_CURRENCY = {
    "us$": "$",
    "usd": "$",
    "dollar": "$",
    "eur": "€",
    "euro": "€",
    "gbp": "£",
    "rub": "₽",
    "ruble": "₽",
    "rouble": "₽",
    "uah": "₴",
    "hryvnia": "₴",
}
_SPACES = re.compile(r"\s+")
_GROUPING = re.compile(_SPACES_IN_NUMBERS)
# Kinds of Found kept apart from figures: they go to a change's `dates`.
DATE_KINDS = frozenset({"date", "time"})


@attrs.frozen
class Found:
    """A figure found in a text: its words, what it counts (`key`) and its value (`canon`)."""

    text: str
    kind: str  # date | time | money | ratio | percent | quantity
    key: str  # the unit or noun it is paired by: "personnel", "$", "%", "date", "" (bare)
    canon: tuple[Any, ...]  # normalized value: "$100bn" and "$100 billion" are the same figure
    start: int

    @property
    def is_date(self) -> bool:
        """True for a date or a clock time, which a change lists apart from its figures."""
        return self.kind in DATE_KINDS


def edits_near_figures(segments: Sequence[Segment]) -> bool:
    """Whether a redline changes something within reach of a digit or a spelled-out number:
    elsewhere no figure can have changed, and extracting them can be skipped."""
    near: list[str] = []  # the edits and the text within reach of them
    for k, seg in enumerate(segments):
        if seg.op == "equal":
            continue
        if _DIGIT.search(seg.text):
            return True
        before = segments[k - 1].text[-_REACH:] if k and segments[k - 1].op == "equal" else ""
        after = next((x.text[:_REACH] for x in segments[k + 1 :] if x.op == "equal"), "")
        if _DIGIT.search(before) or _DIGIT.search(after):
            return True
        near += (before, seg.text, after)
    # no digit near an edit: a spelled-out number, or no figure can have changed
    return _CUE.search("\n".join(near).lower()) is not None


def measure_of(f: Found) -> str | None:
    """What a figure measures, when another unit may stand for it: time, length... or money."""
    if f.kind == "money":
        return "money"
    return _DIMENSIONS.get(f.key) if f.kind == "quantity" else None


def extract(text: str) -> tuple[Found, ...]:
    """Every figure and date in `text`, in reading order (references such as "Article 5" left
    out; spelled-out numbers only before a scale, a percentage or a unit).

    Invisible marks and bidi controls are read as absent ("600,<ZWSP>000" is 600,000): they
    never make a figure change (the redline shows them, escaped, as the text change they are).
    """
    if not text.isascii():
        text = IN_FIGURES.sub("", text)
    out = _digit_figures(text)
    words = _word_figures(text)
    if words:
        out = sorted((*out, *words), key=_start)
    return tuple(out)


def _start(f: Found) -> int:
    return f.start


def _digit_figures(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _matches(text):
        found = _classify(m, text)
        if found is not None:
            out.append(found)
    return out


def _word_figures(text: str) -> list[Found]:
    low = text.lower()  # the same length and offsets as `text` for every letter that matters
    if len(low) != len(text):
        return []
    out = []
    k = 0 if _WORD_FIRST.match(low) else -1
    while True:
        if k >= 0 and (m := _WORD_FIGURE.match(low, k)) is not None:
            out.append(_classify_words(m, text))
            k = m.end() - 1  # the hint's first character may end the figure
        hint = _WORD_HINT.search(low, k + 1)
        if hint is None:
            return out
        k = hint.start() + 1


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of _FIGURE.finditer(text), found faster: a figure starts at most _LEAD
    characters before its first digit, and there only with a month or a currency (a capital
    letter or a currency sign), so each search starts at the first such character before the
    next digit, else at the digit, skipping the text in between (lookbehinds still see the
    characters before the start)."""
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        d = digit.start()
        lead = _LEAD_CHAR.search(text, max(pos, d - _LEAD), d)
        m = _FIGURE.search(text, d if lead is None else lead.start())
        if m is None:
            return
        yield m
        pos = m.end()


@functools.lru_cache(maxsize=4096)  # the same figures recur in a text's versions, and in a plan
def _numbers(text: str, scale: str | None) -> tuple[tuple[str, int], ...]:
    """The exact values of the numbers in `text` times the scale ("1.5bn" and "1,500 million"
    are the same value), each as `_exact` gives it."""
    power = _SCALES.get(scale.strip().lower(), 0) if scale else 0
    return tuple(_value(n, power) for n in _NUMBER.findall(text))


def _value(number: str, power: int) -> tuple[str, int]:
    """The value of a number as written (see `_parse`) times 10**`power`, as `_exact` gives it;
    a number whose separators say nothing sure ("1.2.3") is its own value, as written."""
    plain = _parse(number)
    if plain is None:
        return (number, power - 1_000_000)  # never equal to a value `_exact` gives
    return _exact(plain, power)


def _parse(number: str) -> str | None:
    """A number as written ("600 000", "600.000", "1.234,5", "1,500.5") in plain form: digits,
    then "." and the decimals, if any; None when its separators are ambiguous ("1.2.3").

    Spaces group thousands. With both "," and ".", the last one is the decimal separator. A
    lone separator groups thousands when every group after it has three digits ("600,000",
    "1.000.000"); a single "." before other than "000" is a decimal point ("1.500" is 1.5), a
    single "," before other than three digits a decimal comma ("1,5").
    """
    s = _GROUPING.sub("", number)
    if "," in s and "." in s:
        point = "." if s.rfind(".") > s.rfind(",") else ","
        whole, _, frac = s.rpartition(point)
        whole = whole.replace("," if point == "." else ".", "")
        return f"{whole}.{frac}" if whole.isdigit() and frac.isdigit() else None
    sep = "," if "," in s else "." if "." in s else ""
    if not sep:
        return s
    parts = s.split(sep)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])
    if grouped and (sep == "," or len(parts) > 2 or parts[1] == "000"):
        return "".join(parts)
    if len(parts) == 2:
        return f"{parts[0]}.{parts[1]}"
    return None


def _exact(number: str, power: int) -> tuple[str, int]:
    """The value of `number` (digits, thousands commas, one decimal point) times 10**`power`,
    as (significant digits, exponent): one form per value, so equal values compare equal.

    Worked on the digits as text: linear in their length, with no limit on it (Python's int()
    refuses more than 4,300 digits) and no need for the decimal module (2-9 ms to import).
    """
    whole, _, frac = number.replace(",", "").partition(".")
    digits = (whole + frac).lstrip("0")
    significant = digits.rstrip("0")
    if not significant:
        return ("0", 0)
    return (significant, power - len(frac) + len(digits) - len(significant))


@functools.lru_cache(maxsize=4096)
def _noun(word: str) -> str:
    """A unit word as a pairing key: lower case, naive singular, currency words as symbols."""
    w = word.lower()
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return _CURRENCY.get(w, w)


def _classify(m: re.Match[str], text: str) -> Found | None:
    start = m.start()
    if m.group("date"):
        t = _SPACES.sub(" ", m.group("date"))
        return Found(t, "date", "date", ("date", t.lower().replace(",", "")), start)
    if m.group("time"):
        t = _SPACES.sub(" ", m.group("time"))
        canon = t.lower().replace(" ", "").replace(".", "")
        return Found(t, "time", "time", ("time", canon), start)
    if m.group("cur"):
        cur = m.group("cur").strip()
        symbol = _CURRENCY.get(cur.lower(), cur)
        t = _SPACES.sub(" ", m.group())
        return Found(
            t, "money", symbol, (symbol, _numbers(m.group("cnum"), m.group("cscale"))), start
        )
    if _REFERENCE.search(text, max(0, start - 16), start):
        return None
    if m.group("ratio"):
        t = _SPACES.sub(" ", m.group("ratio"))
        return Found(t, "ratio", "ratio", ("ratio", _numbers(t, None)), start)
    num, scale, unit = m.group("num"), m.group("scale"), m.group("unit")
    if _DOCUMENT.match(text, m.end("num")):
        return None
    values = _numbers(num, scale)
    if not scale and all(_YEAR.fullmatch(n) for n in _NUMBER.findall(num)):
        t = _SPACES.sub(" ", num)  # a year ("2027", "2025-2026"); its noun is not a unit
        return Found(t, "date", "date", ("date", values), start)
    t = _SPACES.sub(" ", m.group())
    if m.group("pct"):
        return Found(t, "percent", "%", ("%", values), start)
    return _counted(t, unit, values, start)


def _counted(text: str, unit: str | None, values: tuple[Any, ...], start: int) -> Found:
    key = _noun(unit) if unit else ""
    kind = "money" if key in _CURRENCY.values() else "quantity"
    return Found(text, kind, key, (key, values), start)


def _classify_words(m: re.Match[str], text: str) -> Found:
    """A spelled-out figure ("thirty days", "two million people"), valued as its digits would be."""
    if m.group("a"):
        n = 100
    elif m.group("tens"):
        n = _WORD_VALUES[m.group("tens")] + _WORD_VALUES.get(m.group("ones") or "", 0)
        n *= 100 if m.group("hundred") else 1
    else:
        n = _WORD_VALUES[m.group("small")] * (100 if m.group("hundreds") else 1)
    scale = m.group("wscale")
    values = (_exact(str(n), _SCALES[scale.lower()] if scale else 0),)
    t = _SPACES.sub(" ", text[m.start() : m.end()])
    if m.group("wpct"):
        return Found(t, "percent", "%", ("%", values), m.start())
    return _counted(t, m.group("wnoun") or m.group("wunit"), values, m.start())
