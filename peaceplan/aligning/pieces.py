"""Phase 4 of the aligner: leftover pieces attach to matched points (splits and merges;
sub-points folded into their parent's counterpart, or split out of it, on less overlap), lead-ins
are matched by their sub-points' words, splits and merges whose pieces are elaborated (longer
than the part of the whole they carry) are found by place and heading, parents whose sub-points
were matched are matched, and leftovers near their expected place get a last look. Each function
works on the aligner's state (see peaceplan.aligning.engine).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from peaceplan.aligning.cover import cover
from peaceplan.aligning.params import (
    ACCEPT_PLACED,
    ACCEPT_TITLED,
    CHILD_PAIRS,
    NEAR_NOVEL,
    PIECE,
    PIECE_FOLDED,
    TOPIC_LIKE,
    WINDOW,
)
from peaceplan.aligning.score import dice

if TYPE_CHECKING:
    from peaceplan.aligning.backbone import Backbone
    from peaceplan.aligning.evidence import Item, Pair
    from peaceplan.model import FlatPoint


class _Group(Protocol):
    """A group of matched points (the engine's _Group)."""

    olds: list[int]
    news: list[int]
    method: str
    evidence: set[str]


class _Aligner(Protocol):
    """What these passes use of the engine's aligner state (peaceplan.aligning.engine), named
    here so that pieces need not import the engine that calls them."""

    fo: tuple[FlatPoint, ...]
    fn: tuple[FlatPoint, ...]
    po: list[int | None]
    pn: list[int | None]
    og: list[int]
    ng: list[int]

    @property
    def groups(self) -> Sequence[_Group]: ...  # read-only here: a list of the engine's groups

    io: dict[int, Item]
    in_: dict[int, Item]
    weights: dict[str, int]
    rare: int
    cands: dict[int, list[Pair]]
    rcands: dict[int, list[Pair]]
    kids_o: dict[int, list[int]]
    kids_n: dict[int, list[int]]

    def join(
        self, olds: list[int], news: list[int], method: str, evidence: Iterable[str] = ()
    ) -> None: ...
    def backbone(self) -> Backbone: ...
    def topics(self, i: int, j: int) -> float: ...
    def like_heading(self, i: int, j: int) -> bool: ...
    def same_subject(self, i: int, j: int) -> bool: ...
    def score(
        self, found: list[tuple[int, int]], inters: list[int] | None = None
    ) -> list[Pair]: ...
    def content(self, backbone: Backbone, pairs: Sequence[Pair], groups: bool = True) -> None: ...


def _neighbours(al: _Aligner) -> None:
    """Score unmatched points next to a matched group against it: a point is most often
    split into neighbouring points, and merged with its neighbours."""
    found: list[tuple[int, int]] = []
    io, in_, og, ng = al.io, al.in_, al.og, al.ng
    for g in al.groups:
        if g.method == "exact" or g.olds[0] not in io or g.news[0] not in in_:
            continue
        for i in g.olds:
            for k in (i - 1, i + 1):
                if k in io and og[k] < 0:
                    found.extend((k, j) for j in g.news)
        for j in g.news:
            for k in (j - 1, j + 1):
                if k in in_ and ng[k] < 0:
                    found.extend((i, k) for i in g.olds)
    al.score(found)


def attach(al: _Aligner) -> None:
    """Attach leftover pieces to matched points: splits (1 -> N) and merges (N -> 1)."""
    _fold_pairs(al)
    for _ in range(3):  # a third piece may be a neighbour of the second
        _neighbours(al)
        if not _attach_once(al):
            break


def _folded(al: _Aligner, i: int, j: int) -> tuple[bool, bool]:
    """Whether old i and new j are a sub-point folded into its parent's counterpart (or split
    out of it): (old i is a sub-point whose parent is matched with new j, which has none of
    its own; new j is a sub-point whose parent is matched with old i, which has none)."""
    po, pn = al.po[i], al.pn[j]
    g_new, g_old = al.ng[j], al.og[i]
    old_in = po is not None and g_new >= 0 and al.og[po] == g_new and j not in al.kids_n
    new_in = pn is not None and g_old >= 0 and al.ng[pn] == g_old and i not in al.kids_o
    return old_in, new_in


def _fold_pairs(al: _Aligner) -> None:
    """Score the sub-points of a matched parent against its counterpart when that has none:
    a draft often folds a point's sub-points into its text (or splits them out of it)."""
    found: list[tuple[int, int]] = []
    for g in al.groups:
        if len(g.olds) != 1 or len(g.news) != 1:
            continue
        i, j = g.olds[0], g.news[0]
        if i not in al.io or j not in al.in_:
            continue
        ko, kn = al.kids_o.get(i, ()), al.kids_n.get(j, ())
        if ko and not kn and len(ko) <= CHILD_PAIRS:
            found.extend((k, j) for k in ko if k in al.io and al.og[k] < 0)
        elif kn and not ko and len(kn) <= CHILD_PAIRS:
            found.extend((i, k) for k in kn if k in al.in_ and al.ng[k] < 0)
    al.score(found)


def _said_in(al: _Aligner, share: float, piece: Item, anchor: Item) -> float:
    """The share of a piece's weight found in the text of the point it may join (its text
    alone: a piece does not join a point for the words of a bracketed option); `share` is the
    share found in all its words."""
    if anchor.said is anchor.tset:  # no options
        return share
    return _weigh(al, piece.tset & anchor.said) / (piece.wsum or 1)


def _attach_once(al: _Aligner) -> int:
    attached = 0
    offers = []
    for j in sorted(al.cands):
        if al.ng[j] < 0:
            for p in al.cands[j]:
                c = _said_in(al, p.cont_new, al.in_[j], al.io[p.i])
                if c >= PIECE or (c >= PIECE_FOLDED and _folded(al, p.i, j)[1]):
                    offers.append((-c, 0, j, p.i))
    for i in sorted(al.rcands):
        if al.og[i] < 0:
            for p in al.rcands[i]:
                c = _said_in(al, p.cont_old, al.io[i], al.in_[p.j])
                if c >= PIECE or (c >= PIECE_FOLDED and _folded(al, i, p.j)[0]):
                    offers.append((-c, 1, i, p.j))
    offers.sort()
    for _, side, a, b in offers:
        # side 0: new point a may be a piece of old point b's match; side 1: old a of new b's
        if side == 0:
            piece_of, anchor_of, pieces, anchors = al.ng, al.og, al.in_, al.io
        else:
            piece_of, anchor_of, pieces, anchors = al.og, al.ng, al.io, al.in_
        if piece_of[a] >= 0 or anchor_of[b] < 0:
            continue
        group = al.groups[anchor_of[b]]
        own, others = (group.olds, group.news) if side == 0 else (group.news, group.olds)
        if len(own) > 1 or group.method == "exact":
            continue
        members = [pieces[k] for k in others]
        if not cover(al.weights, anchors[b], [(1.0, a, pieces[a])], members)[0]:
            continue
        i, j = (b, a) if side == 0 else (a, b)
        folded = any(_folded(al, i, j))
        group.evidence.add("sub-points" if folded else "wording")
        if abs(a - min(others)) == 1 or abs(a - max(others)) == 1:
            group.evidence.add("neighbours")
        others.append(a)
        piece_of[a] = anchor_of[b]
        attached += 1
    return attached


def bychildren(al: _Aligner) -> None:
    """Unmatched parents whose sub-points were matched to each other's are the same point."""
    kids_n = al.kids_n
    for j in sorted(kids_n):
        if al.ng[j] >= 0:
            continue
        votes: dict[int, int] = {}
        for k in kids_n[j]:
            g = al.ng[k]
            if g < 0:
                continue
            for o in al.groups[g].olds:
                po = al.po[o]
                if po is not None and al.og[po] < 0:
                    votes[po] = votes.get(po, 0) + 1
        if votes:
            best = min(votes, key=lambda i: (-votes[i], i))
            if 2 * votes[best] >= len(kids_n[j]):
                al.join([best], [j], "content", ("sub-points",))


def leftovers(al: _Aligner) -> None:
    """Unmatched points against unmatched points near their expected place."""
    backbone = al.backbone()
    free_new = [j for j in range(len(al.fn)) if al.ng[j] < 0 and j in al.in_]
    if not free_new:
        return
    found: list[tuple[int, int]] = []
    for i in range(len(al.fo)):
        if al.og[i] >= 0 or i not in al.io:
            continue
        lo, _ = backbone.interval(i)
        k = bisect.bisect_right(free_new, lo)
        found.extend((i, j) for j in free_new[max(0, k - WINDOW) : k + WINDOW])
    al.content(backbone, al.score(found), groups=False)


def _weigh(al: _Aligner, words: frozenset[str] | set[str]) -> int:
    """Total weight of words, a word no prepared text has (a matched sub-point's) as rare."""
    return sum(map(al.weights.get, words, itertools.repeat(al.rare)))


def _within(parent_of: list[int | None], k: int | None, i: int) -> bool:
    """Whether point k is i or one of its sub-points (at any depth)."""
    while k is not None:
        if k == i:
            return True
        k = parent_of[k]
    return False


def lead_ins(al: _Aligner) -> None:
    """Lead-ins known by their sub-points: an unmatched point whose own text only introduces its
    sub-points ("Territory: the settlement is laid down as follows") is matched, in its
    expected place, by the words of its sub-points; a counterpart already matched to one of
    them takes the lead-in too. Its other sub-points then fold in (see `attach`)."""
    backbone = al.backbone()
    og, ng, io, in_ = al.og, al.ng, al.io, al.in_
    pairs: set[tuple[int, int]] = set()
    for i, it in io.items():  # old lead-ins: the new points in their expected place
        if it.stub and og[i] < 0:
            lo, hi = backbone.interval(i)
            pairs.update((i, j) for j in range(max(lo + 1, 0), min(hi, len(al.fn))) if j in in_)
    chain_old, chain_new = backbone.olds, backbone.news
    for j, n in in_.items():  # new lead-ins: the old points expected where they stand
        if n.stub:
            k = bisect.bisect_left(chain_new, j)
            if k < len(chain_new) and chain_new[k] == j:
                continue  # on the chain: matched
            lo = chain_old[k - 1] if k else -1
            hi = chain_old[k] if k < len(chain_old) else len(al.fo)
            pairs.update((i, j) for i in range(lo + 1, hi) if i in io and og[i] < 0)
    offers = []
    for i, j in sorted(pairs):
        it, n = io[i], in_[j]
        shared = it.tree & n.tree
        if not shared:
            continue
        g = ng[j]
        if g >= 0:  # taken: only by sub-points of i, in a match of its own
            group = al.groups[g]
            if len(group.news) > 1 or not all(_within(al.po, o, i) for o in group.olds):
                continue
        inter = _weigh(al, shared)
        base = dice(inter, _weigh(al, it.tree), _weigh(al, n.tree))
        least = ACCEPT_TITLED if al.like_heading(i, j) else ACCEPT_PLACED
        if base >= least:
            offers.append((-base, i, j))
    for _, i, j in sorted(offers):
        if al.og[i] >= 0:
            continue
        g = ng[j]
        if g < 0:
            evidence = {"wording", "place", "sub-points"}
            if al.like_heading(i, j):
                evidence.add("title")
            al.join([i], [j], "content", evidence)
        else:
            group = al.groups[g]
            group.olds.insert(0, i)
            group.evidence |= {"wording", "place", "sub-points"}
            al.og[i] = g
    attach(al)


def elaborated(al: _Aligner) -> None:
    """Splits and merges on real structure: a point whose parts reappear as neighbouring points
    is split even when each part is elaborated, carrying little more than its share of the
    whole ("Both sides stop using weapons at once" -> a ceasefire point and a long pull-back
    point after it); a further counterpart plainly on the same subject (like title and like
    topics) and keeping a fair share of the whole's wording is a piece too, wherever it is.
    A neighbour must bring wording of the whole the match does not have yet (NEAR_NOVEL of the
    smaller of the two), and
    a fair share of its own wording from the whole or like topics or a like heading; neither
    may have a better counterpart left unmatched. Merges likewise, the other way round."""
    for side in (0, 1):
        visit: Iterable[int] = range(len(al.groups))
        for _ in range(3):  # a third piece may be a neighbour of the second
            visit = _elaborate_once(al, side, visit)
            if not visit:
                break


def _elaborate_once(al: _Aligner, side: int, visit: Iterable[int]) -> list[int]:
    """One round over the groups `visit`; returns those that took a piece."""
    # side 0: splits (one old point, pieces among new points); side 1: merges
    if side == 0:
        wholes, pieces, whole_of, piece_of = al.io, al.in_, al.og, al.ng
        own, more = "olds", "news"
        piece_parent, flat = al.pn, al.fn
        rivals = al.cands
    else:
        wholes, pieces, whole_of, piece_of = al.in_, al.io, al.ng, al.og
        own, more = "news", "olds"
        piece_parent, flat = al.po, al.fo
        rivals = al.rcands
    added: list[int] = []
    mine = al.rcands if side == 0 else al.cands
    for g in visit:
        group = al.groups[g]
        ones, others = getattr(group, own), getattr(group, more)
        if group.method == "exact" or len(ones) != 1 or ones[0] not in wholes:
            continue
        w = ones[0]
        whole = wholes[w]
        found: dict[int, str] = {}
        for k in (min(others) - 1, max(others) + 1):
            if (
                0 <= k < len(flat)
                and piece_of[k] < 0
                and k in pieces
                and piece_parent[k] == piece_parent[others[0]]
            ):
                found[k] = "neighbours"
        if whole.topics and whole.twords:  # a further counterpart on the same subject
            for p in mine.get(w, ()):
                k = p.j if side == 0 else p.i
                if piece_of[k] < 0 and k not in found:
                    i, j = (w, k) if side == 0 else (k, w)
                    if al.same_subject(i, j):
                        found[k] = "title"
        if not found:
            continue
        al.score([(w, k) if side == 0 else (k, w) for k in sorted(found)])
        covered: set[str] = set()
        for k in others:
            covered |= pieces[k].tset if k in pieces else set()
        whole_w = _weigh(al, whole.tree) or 1
        for k in sorted(found):
            piece = pieces[k]
            i, j = (w, k) if side == 0 else (k, w)
            shared = whole.tree & piece.tset
            inter = _weigh(al, shared)
            base = dice(inter, whole_w, piece.wsum)
            if found[k] == "neighbours":
                # wording of the whole it brings (figures aside), as a share of the smaller of
                # the two: a piece may carry one of a lead-in's sub-points, or be much longer
                # than a short whole; and most of what it shares with the whole must be new to
                # the match: a look-alike that repeats the match's wording with an old figure
                # kept ("armed forces capped at 600,000" beside "... at 800,000") is no piece
                fresh = _weigh(al, {t for t in shared - covered if not t[0].isdigit()})
                novel = fresh / min(whole_w, piece.wsum or 1)
                support = (
                    inter >= PIECE_FOLDED * piece.wsum
                    or al.topics(i, j) >= TOPIC_LIKE
                    or al.like_heading(i, j)
                )
                if novel < NEAR_NOVEL or 2 * fresh < inter or not support:
                    continue
            elif inter < PIECE_FOLDED * whole_w:
                continue
            better = any(
                (p.i if side == 0 else p.j) != w
                and whole_of[p.i if side == 0 else p.j] < 0
                and not _within(al.po if side == 0 else al.pn, p.i if side == 0 else p.j, w)
                and p.base > base
                for p in rivals.get(k, ())
            )
            if better:
                continue
            others.append(k)
            piece_of[k] = g
            covered |= piece.tset
            group.evidence |= {"wording", found[k]}
            if not added or added[-1] != g:
                added.append(g)
    return added
