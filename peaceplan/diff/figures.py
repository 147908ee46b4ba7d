"""Figures in a text with their unit or noun ("600,000 personnel", "$100bn", "24 December 2025"),
and the pairing of a change's old and new figures so a reader sees at once which numbers moved.

Every pattern is linear on any input: numbers may not start inside a number or a word (so a long
digit run is scanned once), and every repetition is either bounded or unambiguous.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence

import attrs

from peaceplan.diff.model import Figure, Segment
from peaceplan.unsafe import IN_FIGURES

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
# A single number, a range ("60–90", "60 to 90") or a list ending in or/and ("5, 10 or 40").
_SERIES = rf"{_NUM}(?:(?:,\s{_NUM}){{0,20}},?\s(?:or|and|to)\s{_NUM}|\s?[-–—]\s?{_NUM})?"
_SCALE = r"(?:\s?(?:trillion|billion|million|thousand)|(?:bn|tn|mn|m|k))"
_STOP = (
    r"(?:a|an|the|and|or|nor|to|of|in|on|at|by|for|with|from|into|per|as|is|are|was|were|be|been"
    r"|will|shall|would|should|must|may|can|could|than|after|before|if|that|which|who|whom|this"
    r"|these|those|it|its|their|his|her|not|no|but|so|such|also|up|each|within|without|under"
    r"|over|between|among|against|during|until|till|since|via|about|around|through|across|along"
    r"|towards?|upon|onto|off|out|more|less|fewer|most|only|still|then|when|where|while|whereas"
    r"|has|have|had|do|does|did|being|any|all|both|either|neither|other|another|further)"
)

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
      | (?P<cur>US\$|[$€£¥₽₴]|(?:USD|EUR|GBP|RUB|UAH)\s?)
        (?P<cnum>{_SERIES})(?P<cscale>{_SCALE})?(?!\w)
      | (?P<ratio>{_NUM}\s?[:/]\s?{_NUM})(?![\w:/])
      | (?P<num>{_SERIES})(?P<scale>{_SCALE})?(?!\w)
        (?:
            (?P<pct>\s?%|\s?per\s?cent(?!\w)|\s?percent(?!\w))
          | \s(?P<unit>(?!{_STOP}(?![\w-]))[^\W\d_][\w-]{{0,29}})(?![\w-])
        )?
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NUMBER = re.compile(_NUM)
_DIGIT = re.compile(r"\d")
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
_SCALES = {  # powers of ten
    "thousand": 3,
    "k": 3,
    "million": 6,
    "m": 6,
    "mn": 6,
    "billion": 9,
    "bn": 9,
    "trillion": 12,
    "tn": 12,
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


@attrs.frozen
class Found:
    """A figure found in a text: its words, what it counts (`key`) and its value (`canon`)."""

    text: str
    kind: str  # date | money | ratio | percent | quantity
    key: str  # the unit or noun it is paired by: "personnel", "$", "%", "date", "" (bare)
    canon: tuple  # normalized value: "$100bn" and "$100 billion" are the same figure
    start: int


def extract(text: str) -> tuple[Found, ...]:
    """Every figure in `text`, in reading order (references such as "Article 5" left out).

    Invisible marks and bidi controls are read as absent ("600,<ZWSP>000" is 600,000): they
    never make a figure change (the redline shows them, escaped, as the text change they are).
    """
    if not text.isascii():
        text = IN_FIGURES.sub("", text)
    out: list[Found] = []
    for m in _matches(text):
        found = _classify(m, text)
        if found is not None:
            out.append(found)
    return tuple(out)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of _FIGURE.finditer(text), found faster: a figure starts at most _LEAD
    characters before its first digit, so each search starts there, skipping digit-free text
    (lookbehinds still see the characters before the start)."""
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        m = _FIGURE.search(text, max(pos, digit.start() - _LEAD))
        if m is None:
            return
        yield m
        pos = m.end()


def pair_figures(old: str, new: str) -> tuple[Figure, ...]:
    """The figures that differ between two texts, paired by unit or noun where possible."""
    if old == new:
        return ()
    return pair(extract(old), extract(new))


def redline_figures(segments: Sequence[Segment]) -> tuple[Figure, ...]:
    """The figures that differ between the two sides of a redline (as `pair_figures`).

    A figure can only change where the redline changes something within reach of a digit, so
    texts edited far from any number skip figure extraction altogether.
    """
    for k, seg in enumerate(segments):
        if seg.op == "equal":
            continue
        if _DIGIT.search(seg.text):
            break
        before = segments[k - 1].text[-_REACH:] if k and segments[k - 1].op == "equal" else ""
        after = next((x.text[:_REACH] for x in segments[k + 1 :] if x.op == "equal"), "")
        if _DIGIT.search(before) or _DIGIT.search(after):
            break
    else:
        return ()
    old = "".join(x.text for x in segments if x.op != "insert")
    new = "".join(x.text for x in segments if x.op != "delete")
    return pair(extract(old), extract(new))


def pair(old: Sequence[Found], new: Sequence[Found]) -> tuple[Figure, ...]:
    """Pair figures: unchanged ones dropped, changed ones matched by their unit or noun.

    A bare number may pair with a counted one ("600,000" -> "800,000 personnel"); the others
    become removed (`Figure(old, None)`) or added (`Figure(None, new)`).
    """
    used = [False] * len(new)
    # Each lookup takes the first unused new figure of a queue: linear in the number of figures.
    by_canon: dict[tuple, deque[int]] = {}
    by_key: dict[tuple[str, str], deque[int]] = {}
    quantities: deque[int] = deque()
    bare: deque[int] = deque()
    for j, f in enumerate(new):
        by_canon.setdefault(f.canon, deque()).append(j)
        by_key.setdefault((f.kind, f.key), deque()).append(j)
        if f.kind == "quantity":
            quantities.append(j)
            if not f.key:
                bare.append(j)

    def take(queue: deque[int] | None) -> int | None:
        while queue:
            j = queue.popleft()
            if not used[j]:
                used[j] = True
                return j
        return None

    old_left = [i for i, f in enumerate(old) if take(by_canon.get(f.canon)) is None]
    partner: dict[int, int] = {}
    for i in old_left:  # same unit or noun
        j = take(by_key.get((old[i].kind, old[i].key)))
        if j is not None:
            partner[i] = j
    for i in old_left:  # a bare number and a counted one
        f = old[i]
        if i not in partner and f.kind == "quantity":
            j = take(quantities if not f.key else bare)
            if j is not None:
                partner[i] = j
    figures = [
        Figure(old[i].text, new[partner[i]].text if i in partner else None) for i in old_left
    ]
    figures.extend(Figure(None, new[j].text) for j in range(len(new)) if not used[j])
    return tuple(figures)


def _numbers(text: str, scale: str | None) -> tuple[tuple[str, int], ...]:
    """The exact values of the numbers in `text` times the scale ("1.5bn" and "1,500 million"
    are the same value), each as `_exact` gives it."""
    power = _SCALES.get(scale.strip().lower(), 0) if scale else 0
    return tuple(_exact(n, power) for n in _NUMBER.findall(text))


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
    values = _numbers(num, scale)
    if not scale and all(_YEAR.fullmatch(n) for n in _NUMBER.findall(num)):
        t = _SPACES.sub(" ", num)  # a year ("2027", "2025-2026"); its noun is not a unit
        return Found(t, "date", "date", ("date", values), start)
    t = _SPACES.sub(" ", m.group())
    if m.group("pct"):
        return Found(t, "percent", "%", ("%", values), start)
    key = _noun(unit) if unit else ""
    kind = "money" if key in _CURRENCY.values() else "quantity"
    return Found(t, kind, key, (key, values), start)
