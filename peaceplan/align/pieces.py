"""Phase 4 of the aligner: leftover pieces attach to matched points (splits and merges;
sub-points folded into their parent's counterpart, or split out of it, on less overlap), parents
whose sub-points were matched are matched, and leftovers near their expected place get a last
look. Each function works on the aligner's state (see peaceplan.align.engine).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from peaceplan.align.cover import cover
from peaceplan.align.params import CHILD_PAIRS, PIECE, PIECE_FOLDED, WINDOW

if TYPE_CHECKING:
    from peaceplan.align.engine import _Aligner


def _neighbours(al: _Aligner) -> None:
    """Score unmatched points next to a matched group against it: a point is most often
    split into neighbouring points, and merged with its neighbours."""
    found = []
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
    found = []
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


def _attach_once(al: _Aligner) -> int:
    attached = 0
    offers = []
    for j in sorted(al.cands):
        if al.ng[j] < 0:
            for p in al.cands[j]:
                c = p.cont_new
                if c >= PIECE or (c >= PIECE_FOLDED and _folded(al, p.i, j)[1]):
                    offers.append((-c, 0, j, p.i))
    for i in sorted(al.rcands):
        if al.og[i] < 0:
            for p in al.rcands[i]:
                c = p.cont_old
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
                al.join([best], [j], "content")


def leftovers(al: _Aligner) -> None:
    """Unmatched points against unmatched points near their expected place."""
    backbone = al.backbone()
    free_new = [j for j in range(len(al.fn)) if al.ng[j] < 0 and j in al.in_]
    if not free_new:
        return
    found = []
    for i in range(len(al.fo)):
        if al.og[i] >= 0 or i not in al.io:
            continue
        lo, _ = backbone.interval(i)
        k = bisect.bisect_right(free_new, lo)
        found.extend((i, j) for j in free_new[max(0, k - WINDOW) : k + WINDOW])
    al.content(backbone, al.score(found), groups=False)
