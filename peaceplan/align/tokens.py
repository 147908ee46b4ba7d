"""Normalise and tokenise point text for alignment: case- and punctuation-blind words.

Figures are words like any other: "600,000" and "600000" are one token, "1.5" stays "1.5"; a
possessive "'s" is dropped ("Ukraine's" -> "ukraine"). Text is NFKC-normalised and casefolded.
"""

from __future__ import annotations

import re
import unicodedata

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


def stem(token: str) -> str:
    """A crude English stem, for content evidence only: "exchanged", "exchanges" and "exchange"
    all give "exchang", "disputes" and "dispute" "disput". Figures and short words are kept, and
    so is "-ing" (often a noun of its own: "signing", "meeting", "building")."""
    s = _STEMS.get(token)
    if s is not None:
        return s
    s = token
    if len(s) > 3 and s.isalpha():
        if s.endswith("s") and not s.endswith(("ss", "us", "is")):
            s = s[:-1]
        if len(s) > 4 and s.endswith("ed"):
            s = s[:-2]
        if len(s) > 4 and s.endswith("e"):
            s = s[:-1]
    if len(_STEMS) < 200_000:
        _STEMS[token] = s
    return s


def stems(toks: list[str]) -> list[str]:
    """The stem of each token (see `stem`), known ones looked up without a call."""
    known = _STEMS
    out = list(map(known.get, toks))
    if None in out:  # some not seen before
        return [known[t] if t in known else stem(t) for t in toks]
    return out


def normalise(text: str) -> str:
    """The normalised wording of `text`: its tokens joined by single spaces (for exact matching)."""
    return " ".join(tokens(text))
