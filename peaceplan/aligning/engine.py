"""The alignment algorithm: declared ids, identical wording, then content, splits and merges.

Every point of both versions, sub-points included, is one flat pool, so a point can move anywhere
(even up or down a level). The tree and the reading order come back as evidence: a pair in its
expected place between neighbouring matches, or whose parents are matched together, is preferred
over an equally worded look-alike elsewhere. Titles are evidence too: in its expected place a
pair under like titles is accepted on less overlap, and unlike titles rank a pair lower. Neither
place, title nor number ever matches points on its own. Phases, cheapest and surest first:

1. shared declared `id` (method "id");
2. identical wording, raw then normalised (method "exact"); repeated wordings pair by parent
   and place;
3. content (method "content"): candidates from a rare-term index, scored by rarity-weighted word
   overlap; one-to-one pairs, splits and merges compete on one best-first ranking;
4. leftover pieces attach to matched points (splits and merges; sub-points folded into their
   parent's counterpart, or split out of it, on less overlap), parents whose sub-points were
   matched are matched, and leftovers near their expected place get a last look.

Phase 4 is in peaceplan.aligning.pieces, the thresholds in peaceplan.aligning.params. Work is
bounded: every pair scored costs one unit of the budget. See docs/alignment.md.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import Any

from peaceplan.aligning.backbone import Backbone, children, parents
from peaceplan.aligning.candidates import RareWordIndex, lookup, terms
from peaceplan.aligning.cover import cover
from peaceplan.aligning.evidence import Item, Pair, prepare, title_likeness, topic_likeness
from peaceplan.aligning.model import EVIDENCE, Alignment, Match
from peaceplan.aligning.params import (
    ACCEPT,
    ACCEPT_GROUP,
    ACCEPT_PLACED,
    ACCEPT_TITLED,
    CHILD_PAIRS,
    EXACT_DUP_PAIRS,
    PARENT_BONUS,
    PIECE,
    POS_BONUS,
    TITLE_BONUS,
    TITLE_LIKE,
    TOPIC_BONUS,
    TOPIC_LIKE,
)
from peaceplan.aligning.pieces import attach, bychildren, elaborated, lead_ins, leftovers
from peaceplan.aligning.score import FLOOR, dice, idf_weights, similarity, weight
from peaceplan.aligning.tokens import STOP_STEMS, stems, tokens
from peaceplan.background import in_background, kept
from peaceplan.model import FlatPoint, Plan

PARALLEL_POINTS = 1000  # from this many new points to look up, a second process takes some


def default_budget(n_old: int, n_new: int) -> int:
    """How many pair comparisons align() may make by default: generous, but linear in size."""
    return 20 * (n_old + n_new) + 10_000


def _like(title: float, topics: float) -> bool:
    """Like headings: like titles, or titles with a word in common and like topics."""
    return title >= TITLE_LIKE or (title > 0 and topics >= TOPIC_LIKE)


def _same(title: float, topics: float) -> bool:
    """Plainly one subject: like titles and like topics."""
    return title >= TITLE_LIKE and topics >= TOPIC_LIKE


class _Group:
    __slots__ = ("evidence", "method", "news", "olds")

    def __init__(self, olds: list[int], news: list[int], method: str, evidence: set[str]):
        self.olds = olds
        self.news = news
        self.method = method
        self.evidence = evidence  # what made the match (see Match.evidence)


class _Aligner:
    def __init__(self, old: Plan, new: Plan, budget: int | None, jobs: int = 1):
        self.old = old
        self.jobs = jobs
        self.new = new
        self.fo = old.flat()
        self.fn = new.flat()
        self.po = parents(self.fo)
        self.pn = parents(self.fn)
        self.og = [-1] * len(self.fo)  # group number of each old point, -1 while unmatched
        self.ng = [-1] * len(self.fn)
        self.groups: list[_Group] = []
        self.io: dict[int, Item] = {}  # prepared old points (only those content may need)
        self.in_: dict[int, Item] = {}
        self.weights: dict[str, int] = {}
        self.rare = FLOOR  # the weight of a word no text has (a title word, say)
        self.topic_weights: dict[str, int] = {}
        self.budget = default_budget(len(self.fo), len(self.fn)) if budget is None else budget
        self.exhausted = False
        self.edges: dict[tuple[int, int], Pair] = {}
        self.cands: dict[int, list[Pair]] = {}  # new point -> its pairs with old candidates
        self.rcands: dict[int, list[Pair]] = {}  # old point -> pairs it is the candidate in
        self.kids_o = children(self.po)
        self.kids_n = children(self.pn)

    # -- bookkeeping --------------------------------------------------------------------------
    def join(
        self,
        olds: list[int],
        news: list[int],
        method: str,
        evidence: Iterable[str] = (),
    ) -> None:
        g = len(self.groups)
        self.groups.append(_Group(list(olds), list(news), method, set(evidence)))
        for i in olds:
            self.og[i] = g
        for j in news:
            self.ng[j] = g

    def one_to_one(self) -> list[tuple[int, int]]:
        return [(g.olds[0], g.news[0]) for g in self.groups if len(g.olds) == len(g.news) == 1]

    def backbone(self) -> Backbone:
        return Backbone(self.one_to_one(), len(self.fn))

    def parent_agrees(self, i: int, j: int) -> float:
        """1 when both are top-level or their parents are matched together, 0.5 unknown, else 0."""
        po, pn = self.po[i], self.pn[j]
        if po is None and pn is None:
            return 1.0
        if po is None or pn is None:
            return 0.0
        g = self.og[po]
        if g < 0:
            return 0.5 if self.ng[pn] < 0 else 0.0
        return 1.0 if self.ng[pn] == g else 0.0

    def title(self, i: int, j: int) -> float:
        """How alike the titles of old i and new j are (see evidence.title_likeness)."""
        return title_likeness(self.io[i], self.in_[j], self.weights, self.rare)

    def topics(self, i: int, j: int) -> float:
        """How alike the topics of old i and new j are (see evidence.topic_likeness)."""
        return topic_likeness(self.io[i], self.in_[j], self.topic_weights)

    def like_heading(self, i: int, j: int) -> bool:
        """Whether old i and new j are under a like heading: like titles, or titles with a word
        in common and like topics ("Humanitarian situation", "Humanitarian access")."""
        return _like(self.title(i, j), self.topics(i, j))

    def same_subject(self, i: int, j: int) -> bool:
        """Whether old i and new j are plainly on one subject: like titles and like topics."""
        if not self.io[i].topics or not self.in_[j].topics:
            return False
        return _same(self.title(i, j), self.topics(i, j))

    def pair_bonus(self, backbone: Backbone, i: int, j: int) -> tuple[float, float]:
        """Secondary evidence on a pair: (ranking bonus, the least wording overlap to accept it).

        In its expected place (between the neighbouring matches of the backbone) a pair needs
        less overlap (ACCEPT_PLACED), and less still under a like heading (ACCEPT_TITLED); under
        like titles and like topics there it is accepted as a weak match on any wording. Out
        of place, like titles with like topics stand in for the place (ACCEPT_PLACED). A pair
        that changes level (a sub-point and a point) or parent, or whose titles have no word in
        common (nor their topics, where both have some), needs the overlap of an out-of-place
        pair unless its heading is alike. The same title ranks a pair higher, two titles
        without a word in common lower, like topics a little higher.
        """
        placed = backbone.placed(i, j)
        o, n = self.io[i], self.in_[j]
        title = self.title(i, j)
        topics = self.topics(i, j)
        parent = self.parent_agrees(i, j)
        bonus = POS_BONUS * placed + PARENT_BONUS * parent + TOPIC_BONUS * topics
        titled = bool(o.twords and n.twords)
        if title == 1.0:
            bonus += TITLE_BONUS
        elif title == 0.0 and titled:
            bonus -= TITLE_BONUS  # two headings with no word in common
        if not placed:
            return bonus, ACCEPT_PLACED if _same(title, topics) else ACCEPT
        if _same(title, topics):
            return bonus, 0.0  # the same heading and topics in the same place: a weak match
        if _like(title, topics):
            return bonus, ACCEPT_TITLED
        unlike = titled and title == 0.0 and not (o.topics & n.topics)
        return bonus, ACCEPT_PLACED if parent and not unlike else ACCEPT

    def evidence(
        self, backbone: Backbone | None, olds: Sequence[int], news: Sequence[int]
    ) -> set[str]:
        """What a content match rests on, besides its wording: place, title, topics, sub-points."""
        found = {"wording"}
        for i in olds:
            for j in news:
                if backbone is not None and backbone.placed(i, j):
                    found.add("place")
                title, topics = self.title(i, j), self.topics(i, j)
                if _like(title, topics):
                    found.add("title")
                if topics >= TOPIC_LIKE:
                    found.add("topics")
        return found

    # -- 1 and 2: ids and identical wording ---------------------------------------------------
    def by_id(self) -> None:
        new_ids = {fp.point.id: j for j, fp in enumerate(self.fn) if fp.point.id is not None}
        for i, fp in enumerate(self.fo):
            pid = fp.point.id
            if pid is not None and pid in new_ids:
                self.join([i], [new_ids[pid]], "id")

    def exact(self) -> None:
        """Identical raw text, then identical normalised text; repeated wordings last."""
        dups: list[tuple[list[int], list[int]]] = []

        def pair_up(olds: dict[str, list[int]], news: dict[str, list[int]]) -> None:
            for text, lo in olds.items():
                ln = news.get(text)
                if ln is None:
                    continue
                if len(lo) == 1 and len(ln) == 1:
                    self.join(lo, ln, "exact")
                else:
                    dups.append((lo, ln))

        def free(flat: Sequence[FlatPoint], groups: list[int]) -> dict[str, list[int]]:
            by: dict[str, list[int]] = {}
            for k, fp in enumerate(flat):
                if groups[k] < 0 and fp.point.text:
                    by.setdefault(fp.point.text, []).append(k)
            return by

        pair_up(free(self.fo, self.og), free(self.fn, self.ng))
        # the rest is prepared for content matching; normalised wording first
        in_dups = {k for lo, ln in dups for k in lo}, {k for lo, ln in dups for k in ln}
        self.io = prepare(self.fo, self._unsettled(self.fo, self.og))
        self.in_ = prepare(self.fn, self._unsettled(self.fn, self.ng))
        sides = ((self.fo, self.io, self.kids_o), (self.fn, self.in_, self.kids_n))
        for flat, items, kids in sides:
            for k, item in items.items():
                if k in kids and item.lead_in():  # sub-points matched already: by text too
                    item.with_sub_points([items.get(c) or Item(flat[c]) for c in kids[k]])
        olds: dict[str, list[int]] = {}
        news: dict[str, list[int]] = {}
        for items, groups, by, skip in (
            (self.io, self.og, olds, in_dups[0]),
            (self.in_, self.ng, news, in_dups[1]),
        ):
            for k, it in items.items():
                if groups[k] < 0 and it.norm and k not in skip:
                    by.setdefault(it.norm, []).append(k)
        pair_up(olds, news)
        backbone = self.backbone()
        for lo, ln in dups:
            lo = [i for i in lo if self.og[i] < 0]
            ln = [j for j in ln if self.ng[j] < 0]
            if len(lo) * len(ln) > EXACT_DUP_PAIRS:
                for i, j in zip(lo, ln):
                    self.join([i], [j], "exact")
                continue
            ranked = sorted(
                (-self.parent_agrees(i, j), backbone.distance(i, j), i, j) for i in lo for j in ln
            )
            for _, _, i, j in ranked:
                if self.og[i] < 0 and self.ng[j] < 0:
                    self.join([i], [j], "exact")
        # points matched by a repeated wording need no content evidence
        for items, groups in ((self.io, self.og), (self.in_, self.ng)):
            for k in [k for k in items if groups[k] >= 0 and self.groups[groups[k]].method != "id"]:
                del items[k]

    def _unsettled(self, flat: Sequence[FlatPoint], groups: list[int]) -> list[int]:
        """Points content matching may need: unmatched, or matched by an id despite new wording."""
        return [
            k
            for k in range(len(flat))
            if groups[k] < 0
            or (self.groups[groups[k]].method == "id" and not self._same_text(groups[k]))
        ]

    def _same_text(self, g: int) -> bool:
        group = self.groups[g]
        return self.fo[group.olds[0]].point.text == self.fn[group.news[0]].point.text

    # -- 3: content ---------------------------------------------------------------------------
    def candidates(self) -> None:
        """Score each prepared new point against its rare-term candidates among old points.

        Looking candidates up and weighing what each pair shares is independent per new point:
        for a large plan, a second process does it for the last of them
        (peaceplan.background.kept), each part stopping once it alone would exhaust the budget.
        """
        items = [*self.io.values(), *self.in_.values()]
        self.weights = weights = idf_weights(
            (it.tset for it in self.io.values()), (it.tset for it in self.in_.values())
        )
        # function words and the parties' names are in most points: they tell little apart
        parties = {*self.old.parties, *self.new.parties}
        for t in STOP_STEMS.union(*(stems(tokens(p)) for p in parties)):
            if t in weights:
                weights[t] = FLOOR
        self.rare = max(weights.values(), default=FLOOR)
        self.topic_weights = idf_weights(
            (it.topics for it in self.io.values()), (it.topics for it in self.in_.values())
        )
        for it in items:
            it.wsum = weight(it.tset, weights)
        index = RareWordIndex((i, terms(it.toks)) for i, it in self.io.items())
        news = list(self.in_)
        cut = kept(len(news), PARALLEL_POINTS, self.jobs)
        limit = self.budget + 1  # one pair more than the budget tells that it ran out
        args = (index, self.io, self.in_, weights, limit)
        with in_background(lookup, *args, news[cut:], fork=cut < len(news)) as later:
            found, inters = lookup(*args, news[:cut])
            rest, rest_inters = later.result()
            found += rest
            inters += rest_inters
        self.score(found, inters)
        # sub-points of matched parents: a handful of pairs each, compared directly
        kids_o, kids_n = self.kids_o, self.kids_n
        kid_pairs: list[tuple[int, int]] = []
        for i, j in self.one_to_one():
            ko = [k for k in kids_o.get(i, ()) if k in self.io]
            kn = [k for k in kids_n.get(j, ()) if k in self.in_]
            if ko and kn and len(ko) * len(kn) <= CHILD_PAIRS:
                kid_pairs.extend((a, b) for a in ko for b in kn)
        self.score(kid_pairs)

    def score(self, found: list[tuple[int, int]], inters: list[int] | None = None) -> list[Pair]:
        """Score new candidate pairs (one budget unit each); returns the pairs scored.

        `inters`, when given, are the weights the pairs share, already computed. Once the budget
        is spent, the rest stay unscored and the result says so (`exhausted`).
        """
        out = []
        edges, io, in_, cands, rcands = self.edges, self.io, self.in_, self.cands, self.rcands
        wget = self.weights.__getitem__
        budget = self.budget
        for k, key in enumerate(found):
            if key in edges:
                continue
            if budget < 1:
                self.exhausted = True
                break
            budget -= 1
            i, j = key
            o, n = io[i], in_[j]
            inter = sum(map(wget, o.tset & n.tset)) if inters is None else inters[k]
            p = edges[key] = Pair(i, j, inter, o.wsum, n.wsum)
            out.append(p)
            cands.setdefault(j, []).append(p)
            rcands.setdefault(i, []).append(p)
        self.budget = budget
        return out

    def _split_offer(
        self, backbone: Backbone, i: int
    ) -> tuple[float, tuple[int, ...], tuple[int, ...]] | None:
        ng, in_ = self.ng, self.in_
        pieces = [
            (p.cont_new, p.j, in_[p.j])
            for p in self.rcands.get(i, ())
            if p.cont_new >= PIECE and ng[p.j] < 0
        ]
        if len(pieces) < 2:
            return None
        chosen, d = cover(self.weights, self.io[i], pieces)
        if len(chosen) < 2 or d < ACCEPT_GROUP:
            return None
        bonus = min(self.pair_bonus(backbone, i, j)[0] for j in chosen)
        return (-(d + bonus), (i,), tuple(sorted(chosen)))

    def _merge_offer(
        self, backbone: Backbone, j: int
    ) -> tuple[float, tuple[int, ...], tuple[int, ...]] | None:
        og, io = self.og, self.io
        parts = [
            (p.cont_old, p.i, io[p.i])
            for p in self.cands.get(j, ())
            if p.cont_old >= PIECE and og[p.i] < 0
        ]
        if len(parts) < 2:
            return None
        chosen, d = cover(self.weights, self.in_[j], parts)
        if len(chosen) < 2 or d < ACCEPT_GROUP:
            return None
        bonus = min(self.pair_bonus(backbone, i, j)[0] for i in chosen)
        return (-(d + bonus), tuple(sorted(chosen)), (j,))

    def content(self, backbone: Backbone, pairs: Sequence[Pair], groups: bool = True) -> None:
        """Best evidence first: one-to-one pairs, splits and merges compete on one ranking.

        A split ranks by how close its pieces together come to the old point, so a true split
        outranks each of its pieces alone and a look-alike of the whole. A proposal whose points
        were taken meanwhile is re-made from what is left (lazy greedy).
        """
        heap: list[tuple[Any, ...]] = []
        for p in pairs:
            i, j = p.i, p.j
            if self.og[i] >= 0 or self.ng[j] >= 0:
                continue
            # out of place a pair needs ACCEPT, or ACCEPT_PLACED on one subject (see
            # pair_bonus): most pairs stop here
            if (
                p.base < ACCEPT
                and (p.base < ACCEPT_PLACED or not (self.io[i].topics and self.in_[j].topics))
                and not backbone.placed(i, j)
            ):
                continue
            if p.base < ACCEPT_TITLED and not self.same_subject(i, j):
                continue
            bonus, least = self.pair_bonus(backbone, i, j)
            if p.base < least:
                continue
            heap.append((-(p.base + bonus), (i,), (j,)))
        if groups:
            for i in sorted(self.rcands):
                if self.og[i] < 0 and (offer := self._split_offer(backbone, i)):
                    heap.append(offer)
            for j in sorted(self.cands):
                if self.ng[j] < 0 and (offer := self._merge_offer(backbone, j)):
                    heap.append(offer)
        heapq.heapify(heap)
        while heap:
            _, olds, news = heapq.heappop(heap)
            if all(self.og[i] < 0 for i in olds) and all(self.ng[j] < 0 for j in news):
                evidence = self.evidence(backbone, olds, news)
                self.join(list(olds), list(news), "content", evidence)
            elif len(news) > 1 and self.og[olds[0]] < 0:
                offer = self._split_offer(backbone, olds[0])  # re-made from what is left
                if offer:
                    heapq.heappush(heap, offer)
            elif len(olds) > 1 and self.ng[news[0]] < 0:
                offer = self._merge_offer(backbone, news[0])
                if offer:
                    heapq.heappush(heap, offer)

    # -- result -------------------------------------------------------------------------------
    def result(self) -> Alignment:
        matches = []
        for k, g in enumerate(self.groups):
            olds = sorted(g.olds)
            news = sorted(g.news)
            one = len(olds) == len(news) == 1
            if g.method == "exact" or (g.method == "id" and one and self._same_text(k)):
                score = 1.0
            else:
                score = similarity(
                    " ".join(self.io[i].norm for i in olds),
                    " ".join(self.in_[j].norm for j in news),
                )
            if g.method == "content":
                evidence = tuple(e for e in EVIDENCE if e in g.evidence)
            else:
                evidence = (g.method, *(e for e in EVIDENCE if e in g.evidence))
            weak = g.method == "content" and self._wording(olds, news) < ACCEPT_PLACED
            matches.append((news[0], olds, news, g.method, score, evidence, weak))
        ordered = sorted(matches)
        return Alignment(
            old=self.old,
            new=self.new,
            matches=tuple(
                Match(
                    old=tuple(self.fo[i].key for i in olds),
                    new=tuple(self.fn[j].key for j in news),
                    method=method,
                    score=score,
                    evidence=evidence,
                    weak=weak,
                )
                for _, olds, news, method, score, evidence, weak in ordered
            ),
            unmatched_old=tuple(fp.key for i, fp in enumerate(self.fo) if self.og[i] < 0),
            unmatched_new=tuple(fp.key for j, fp in enumerate(self.fn) if self.ng[j] < 0),
            budget_exhausted=self.exhausted,
        )

    def _wording(self, olds: list[int], news: list[int]) -> float:
        """Rarity-weighted Dice of the words of a content match's two sides (a lead-in with
        its sub-points' words): below ACCEPT_PLACED, the match rests mostly on the rest."""
        if len(olds) == len(news) == 1:
            pair = self.edges.get((olds[0], news[0]))
            if pair is not None and not self.io[olds[0]].stub and not self.in_[news[0]].stub:
                return pair.base
        a: set[str] = set()
        b: set[str] = set()
        for i in olds:
            a |= self.io[i].tree
        for j in news:
            b |= self.in_[j].tree
        get, rare = self.weights.get, self.rare
        return dice(
            sum(get(t, rare) for t in a & b),
            sum(get(t, rare) for t in a),
            sum(get(t, rare) for t in b),
        )

    def run(self) -> Alignment:
        self.by_id()
        self.exact()
        self.candidates()
        self.content(self.backbone(), list(self.edges.values()))
        attach(self)
        lead_ins(self)
        elaborated(self)
        bychildren(self)
        leftovers(self)
        return self.result()


def align(old: Plan, new: Plan, *, budget: int | None = None, jobs: int = 1) -> Alignment:
    """Match the points of two versions: shared ids, identical wording, then content.

    `budget` caps the number of pair comparisons (default: linear in the number of points); when
    it runs out the result says so (`budget_exhausted`) and what is left stays unmatched.
    `jobs` 2 or more lets a large plan's candidate look-ups share a second process (the same
    result; see peaceplan.background); 1, the default, never forks.
    """
    return _Aligner(old, new, budget, jobs).run()
