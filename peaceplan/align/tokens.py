"""Normalise and tokenise point text for alignment: case- and punctuation-blind words.

Figures are words like any other: "600,000" and "600000" are one token, "1.5" stays "1.5"; a
possessive "'s" is dropped ("Ukraine's" -> "ukraine"). Text is NFKC-normalised and casefolded.
"""

from __future__ import annotations

import re
import unicodedata

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_POSSESSIVE = re.compile(r"['’]s\b")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|\w+(?:['’]\w+)*")


def tokens(text: str) -> list[str]:
    """The words of `text`, normalised, in order."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = text.casefold()
    if "," in text:
        text = _THOUSANDS.sub("", text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    return _TOKEN.findall(text)


def normalise(text: str) -> str:
    """The normalised wording of `text`: its tokens joined by single spaces (for exact matching)."""
    return " ".join(tokens(text))
