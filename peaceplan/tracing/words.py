"""The words a trace compares: normalised tokens, their stems, and an FTS5 query that is safe.

Provisions and queries go through the same tokeniser as alignment (peaceplan.aligning.tokens), so
"600,000" and "600000" are one word and "Ukraine's" is "ukraine". SQLite's FTS5 then splits each
word again by its own rules (at apostrophes and hyphens); quoting every term keeps a query of any
text (hyphens, apostrophes, Cyrillic, words such as AND or NEAR) a valid MATCH expression.
"""

from __future__ import annotations

import zlib

from peaceplan.aligning.tokens import stems, tokens

# Shared runs are checked for stock phrasing three words at a time.
GRAM = 3


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    return tokens(text)


def word_stems(text: str) -> list[str]:
    """The stems of the words of `text`, in order (what scoring compares)."""
    return stems(tokens(text))


def quote(term: str) -> str:
    """One FTS5 string literal: double quotes around it, inner double quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


def match_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression that finds rows holding any of `terms` (never a syntax error)."""
    return " OR ".join(quote(t) for t in terms)


def gram_hash(stems3: list[str]) -> int:
    """A stable 63-bit hash of a run of stems (the same in every process, unlike hash())."""
    data = " ".join(stems3).encode("utf-8")
    return (zlib.crc32(data) << 31) ^ zlib.adler32(data)


def gram_hashes(st: list[str]) -> list[int]:
    """The hash of every run of GRAM consecutive stems, in order."""
    return [gram_hash(st[i : i + GRAM]) for i in range(len(st) - GRAM + 1)]
