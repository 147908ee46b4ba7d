"""Normalise and tokenise point text for alignment: case- and punctuation-blind words.

Figures are words like any other: "600,000" and "600000" are one token, "1.5" stays "1.5"; a
possessive "'s" is dropped ("Ukraine's" -> "ukraine"). Text is NFKC-normalised and casefolded.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path
from typing import Any

import snowballstemmer

# A comma between digit groups; the pattern starts with the comma so the scan skips to commas
# (a leading lookbehind would be tried at every position: 8x slower on long texts).
_THOUSANDS = re.compile(r",(?<=\d,)(?=\d{3}(?!\d))")
_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|\w+(?:['’]\w+)*")
# The same pattern for ASCII text, where \w and \d mean the same either way: matching without
# Unicode character classes is a fifth faster.
_TOKEN_ASCII = re.compile(_TOKEN.pattern, re.ASCII)


def tokens(text: str) -> list[str]:
    """The words of `text`, normalised, in order."""
    pattern = _TOKEN_ASCII
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("’", "'")
        pattern = _TOKEN
    text = text.casefold()
    if "," in text:
        text = _THOUSANDS.sub("", text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    return pattern.findall(text)


_STEMS: dict[str, str] = {}
_STEMMER = snowballstemmer.stemmer("english")  # PyStemmer's C build of it when installed

# Function words: they say nothing about which point is which. IDF weighs them down in a large
# plan, but in a plan of 20 points "for" or "in" can be as rare as "Zaporizhzhia"; here they
# weigh the least any word weighs.
STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just may me might
    more most must my no nor not now of off on once only or other our ours out over own same
    shall she should so some such than that the their theirs them then there these they this
    those through to too under until up upon very was we were what when where whether which
    while who whom why will with within without would you your""".split()  # noqa: SIM905
)


def _synonym_table(text: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """A synonyms table (the format of peaceplan/aligning/synonyms.txt) as stem -> name and
    (stem, stem) -> name: words are compared after stemming, so the table is stemmed too."""
    words: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    groups = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, rest = line.partition(":")
        variants = [tokens(v) for v in (name, *rest.split(","))]
        groups.append([[_snowball(t) for t in v] for v in variants if v])
    for group in groups:  # single words first: a pair's words are read through them
        for v in group:
            if len(v) == 1:
                words[v[0]] = "_".join(group[0])
    for group in groups:
        for v in group:
            if len(v) == 2:
                pairs[(words.get(v[0], v[0]), words.get(v[1], v[1]))] = "_".join(group[0])
            elif len(v) > 2:
                raise ValueError(f"synonyms.txt: at most two words a variant: {' '.join(v)}")
    return words, pairs


def _snowball(token: str) -> str:
    """Snowball's English stem of a word; figures and words of one or two letters are kept."""
    if len(token) < 3 or not token.isalpha():
        return token
    stemmed: str = _STEMMER.stemWord(token)
    return stemmed


SYNONYMS, SYNONYM_PAIRS = _synonym_table(
    Path(__file__).with_name("synonyms.txt").read_text(encoding="utf-8")
)
# The stopwords as content evidence sees them (stemmed: "once" is "onc"), and single letters
# ("Tochka-U" is "tochka" "u").
STOP_STEMS = frozenset({*STOPWORDS, *map(_snowball, STOPWORDS), *"abcdefghijklmnopqrstuvwxyz"})
_FIRSTS = frozenset(a for a, _ in SYNONYM_PAIRS)


def stem(token: str) -> str:
    """The word a token is compared as, for content evidence only: Snowball's English stem
    ("exchanged", "exchanges" and "exchange" all give "exchang"), read through the table of
    synonyms ("vote" gives "elect", "legislation" "law"). Figures and short words are kept."""
    s = _STEMS.get(token)
    if s is not None:
        return s
    s = _snowball(token)
    s = SYNONYMS.get(s, s)
    if len(_STEMS) < 200_000:
        _STEMS[token] = s
    return s


def stems(toks: list[str]) -> list[str]:
    """The stem of each token (see `stem`), known ones looked up without a call; two words that
    the synonyms table names together ("pull back", "armed forces") become one."""
    known = _STEMS
    out: list[Any] = list(map(known.get, toks))  # str, or None for a word not seen yet
    if None in out:  # some not seen before
        out = [known[t] if t in known else stem(t) for t in toks]
    if _FIRSTS.isdisjoint(out):
        return out
    merged: list[str] = []
    skip = False
    for a, b in itertools.zip_longest(out, out[1:]):
        if skip:
            skip = False
            continue
        name = SYNONYM_PAIRS.get((a, b)) if a in _FIRSTS else None
        if name is None:
            merged.append(a)
        else:
            merged.append(name)
            skip = True
    return merged


def normalise(text: str) -> str:
    """The normalised wording of `text`: its tokens joined by single spaces (for exact matching)."""
    return " ".join(tokens(text))
