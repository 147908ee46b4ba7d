"""Find the sources of a point's wording in the corpus index: candidates, then scored evidence.

Candidates: an FTS5 search for the point's rarest words (bm25 order). Evidence: the runs of two
or more words, in order, that the point and a candidate share (difflib's longest common runs on
word stems), each word weighted by its rarity in the corpus (inverse document frequency), so
that words every provision uses ("the", "parties", "Ukraine" in a Ukrainian corpus) weigh
little. The score is the share of the rarer side's weight that the shared runs cover, damped
when the shared weight is small in absolute terms; `match` asks for a high score and enough
rare words in common, which stock phrases shared by many agreements do not reach.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable

import attrs

from peaceplan.aligning.tokens import stems
from peaceplan.diffing.redline import redline
from peaceplan.seq import opcodes
from peaceplan.tracing.model import PointTrace, Provision, Source
from peaceplan.tracing.words import GRAM, gram_hashes, match_expression, word_stems, words

# How many FTS5 candidates (distinct wordings) are scored per point, and from how many of its
# rarest words. Copies of a wording (drafts repeating a point) ride along, up to COPIES rows.
CANDIDATES = 50
COPIES = 20 * CANDIDATES
QUERY_TERMS = 24
# Words in more than this share of provisions (and more than COMMON_MIN of them) are too common
# to look candidates up by: their long posting lists would dominate the search time.
COMMON = 0.02
COMMON_MIN = 25
# Shared runs shorter than this (in words) are coincidence, not reuse.
MIN_RUN = 2
# A lone shared word (between edits) counts for this share of its weight.
SINGLE = 0.5
# Word triples found in at least this many provisions (or this share of them) are stock phrasing.
STOCK_MIN = 10
STOCK_SHARE = 0.001
# Weights are counted in units of a word seen once in the corpus (its IDF), so that the same
# evidence means the same in a corpus of a hundred provisions and of a hundred thousand.
# Shared weight at which the score is no longer damped:
FULL_UNITS = 1.5
# `match` needs this score and this much shared weight.
MATCH_SCORE = 0.42
MATCH_UNITS = 1.1


@attrs.frozen
class Evidence:
    """How a point and a candidate share wording (pure data, for scoring and display)."""

    score: float
    weight: float  # IDF weight of the shared runs
    shared: int  # words in shared runs


class Corpus:
    """An open corpus index, for queries (it does not change the index)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.size = conn.execute("SELECT count(*) FROM provisions").fetchone()[0]
        self._df: dict[str, int] | None = None
        self._idf: dict[str, float] = {}

    @property
    def df(self) -> dict[str, int]:
        """Each stem's document frequency (loaded once, on first use)."""
        if self._df is None:
            self._df = dict(self.conn.execute("SELECT stem, n FROM df"))
        return self._df

    @property
    def unit(self) -> float:
        """The weight of a word found in one provision: the unit of shared evidence."""
        return math.log((self.size + 1) / 1.5)

    def idf(self, stem: str) -> float:
        """The rarity weight of a stem: log(N / df), unknown stems weighing most."""
        return math.log((self.size + 1) / (self.df.get(stem, 0) + 0.5))

    def candidates(
        self,
        text: str,
        limit: int = CANDIDATES,
        *,
        exclude: Iterable[tuple[str, str]] = (),
        before: str | None = None,
    ) -> list[tuple[Provision, str]]:
        """Provisions that share rare words with `text`, best bm25 first, with their stems:
        `limit` distinct wordings and their copies. The provisions of `exclude` (plan, version)
        pairs, and with `before` (an ISO date) those not dated earlier, are never candidates:
        filtered in the query, so that later copies cannot push an earlier source out."""
        ws = list(dict.fromkeys(words(text)))
        if not ws or not self.size:
            return []
        df = self.df
        ranked = sorted(zip(ws, stems(ws)), key=lambda pair: df.get(pair[1], 0))
        cap = max(COMMON * self.size, COMMON_MIN)
        terms = [w for w, s in ranked if df.get(s, 0) <= cap][:QUERY_TERMS]
        if not terms:
            terms = [w for w, _ in ranked[:QUERY_TERMS]]
        where = ["fts MATCH ?"]
        params: list[object] = [match_expression(terms)]
        if before is not None:
            where.append("(p.date IS NULL OR p.date < ?)")
            params.append(before)
        for plan, version in dict.fromkeys(exclude):
            where.append("NOT (p.plan = ? AND p.version = ?)")
            params += [plan, version]
        rows = self.conn.execute(
            "SELECT p.plan, p.version, p.key, p.text, p.number, p.title, p.date, p.stems "
            "FROM fts JOIN provisions p ON p.id = fts.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY fts.rank LIMIT ?",
            (*params, COPIES),
        )
        out: list[tuple[Provision, str]] = []
        seen: set[str] = set()
        for row in rows:
            if row[7] not in seen:
                if len(seen) == limit:
                    break
                seen.add(row[7])
            out.append((Provision(*row[:7]), row[7]))
        return out

    def stock_limit(self) -> float:
        """A run of words found in at least this many provisions is stock phrasing."""
        return float(max(STOCK_MIN, STOCK_SHARE * self.size))

    def gram_counts(self, hashes: set[int]) -> dict[int, int]:
        """How many provisions hold each of these word triples (absent: none)."""
        out: dict[int, int] = {}
        items = list(hashes)
        for i in range(0, len(items), 900):
            chunk = items[i : i + 900]
            marks = ",".join("?" * len(chunk))
            out.update(self.conn.execute(f"SELECT h, n FROM grams WHERE h IN ({marks})", chunk))
        return out

    def evidence(
        self,
        query: list[str],
        source: list[str],
        counts: dict[int, int] | None = None,
        blocks: list[tuple[int, int]] | None = None,
    ) -> Evidence:
        """Score how much of the rarer wording of two stem sequences is shared, in order.

        Words of a shared run count by rarity; words that only ever appear, within the run, in
        word triples found across many provisions (stock phrasing) count for nothing, and a
        lone shared word between edits counts for half."""
        if blocks is None:
            blocks = shared_blocks(query, source)
        if counts is None:
            counts = self.gram_counts(set(_run_grams(query, blocks)))
        limit = self.stock_limit()
        weights = self.weights(query)
        weight = 0.0
        shared = 0
        for i1, i2 in blocks:
            if i2 - i1 < MIN_RUN:
                weight += SINGLE * weights[i1]
                continue
            fresh = _not_stock(query, i1, i2, counts, limit)
            weight += sum(weights[k] for k in range(i1, i2) if fresh[k - i1])
            shared += sum(fresh)
        if not weight:
            return Evidence(0.0, 0.0, 0)
        cover = max(weight / sum(weights), weight / sum(self.weights(source)))
        score = min(1.0, cover) * min(1.0, weight / (FULL_UNITS * self.unit))
        return Evidence(round(score, 3), weight, shared)

    def weights(self, st: list[str]) -> list[float]:
        """The IDF weight of each stem of a sequence (memoised per stem)."""
        memo = self._idf
        out = []
        for s in st:
            w = memo.get(s)
            if w is None:
                w = memo[s] = self.idf(s)
            out.append(w)
        return out

    def sources(
        self,
        text: str,
        *,
        top: int = 5,
        exclude: Iterable[tuple[str, str]] = (),
        before: str | None = None,
    ) -> tuple[Source, ...]:
        """The `top` likeliest sources of `text`, best first; `exclude` (plan, version) pairs
        are skipped, and with `before` (an ISO date) so is every provision not dated earlier."""
        query = word_stems(text)
        found = self.candidates(text, exclude=exclude, before=before)
        wordings = {stems_text: stems_text.split() for _, stems_text in found}
        blocks = {w: shared_blocks(query, st) for w, st in wordings.items()}
        counts = self.gram_counts({h for b in blocks.values() for h in _run_grams(query, b)})
        evidence = {w: self.evidence(query, st, counts, blocks[w]) for w, st in wordings.items()}
        scored = [(prov, evidence[w]) for prov, w in found if evidence[w].score > 0]
        scored.sort(key=lambda pe: (-pe[1].score, pe[0].date or "", pe[0].qualified))
        return tuple(_source(prov, ev, text, self.unit) for prov, ev in scored[:top])


def shared_blocks(query: list[str], source: list[str]) -> list[tuple[int, int]]:
    """The runs of `query` (start, end) that appear, in order, in `source`."""
    return [(i1, i2) for tag, i1, i2, _j1, _j2 in opcodes(query, source) if tag == "equal"]


def _run_grams(query: list[str], blocks: list[tuple[int, int]]) -> list[int]:
    return [h for i1, i2 in blocks if i2 - i1 >= GRAM for h in gram_hashes(query[i1:i2])]


def _not_stock(
    query: list[str], i1: int, i2: int, counts: dict[int, int], limit: float
) -> list[bool]:
    """For each word of the run query[i1:i2]: True unless every word triple of the run that
    holds it is stock phrasing (runs too short to check count as they are)."""
    n = i2 - i1
    if n < GRAM:
        return [True] * n
    rare = [counts.get(h, 0) < limit for h in gram_hashes(query[i1:i2])]
    out = [False] * n
    for g, ok in enumerate(rare):
        if ok:
            for k in range(g, g + GRAM):
                out[k] = True
    return out


def _source(prov: Provision, ev: Evidence, text: str, unit: float) -> Source:
    segments = redline(prov.text, text)
    return Source(
        provision=prov,
        score=ev.score,
        match=ev.score >= MATCH_SCORE and ev.weight >= MATCH_UNITS * unit,
        span=_span(segments),
        redline=segments,
        shared=ev.shared,
    )


def _span(segments: Iterable[object]) -> str:
    """The source's text from its first to its last passage shared with the point."""
    parts: list[tuple[str, str]] = [(s.op, s.text) for s in segments]  # type: ignore[attr-defined]
    shared = [i for i, (op, t) in enumerate(parts) if op == "equal" and len(t.split()) >= MIN_RUN]
    if not shared:
        return ""
    return "".join(t for op, t in parts[shared[0] : shared[-1] + 1] if op != "insert").strip()


def trace_points(
    corpus: Corpus,
    points: Iterable[tuple[str, str, str | None, str | None]],
    *,
    top: int = 5,
    exclude: Iterable[tuple[str, str]] = (),
    before: str | None = None,
) -> tuple[PointTrace, ...]:
    """Trace each (key, text, number, title) against the corpus."""
    skip = tuple(exclude)
    return tuple(
        PointTrace(
            key=key,
            text=text,
            number=number,
            title=title,
            sources=corpus.sources(text, top=top, exclude=skip, before=before),
        )
        for key, text, number, title in points
    )
