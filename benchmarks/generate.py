"""Synthetic treaty-like plans and their revisions, with known ground truth (seeded).

Used by the alignment benchmarks and by other helpers' benchmarks and property tests:

    >>> from benchmarks.generate import make_pair, write_plan
    >>> old, new, truth = make_pair(500, seed=1)          # peaceplan.model.Plan objects
    >>> truth.pairs                                       # {(old key, new key), ...}
    >>> write_plan(old, "plans/bench/old.yaml")           # the house YAML style

A revision applies, to every old point independently, one fate drawn from `Profile`: unchanged,
light rewording (a synonym or two, an opening changed), heavy rewording (most synonyms replaced,
clauses reordered, a clause inserted or dropped), a changed figure, deletion, split into 2-3 points,
or merger with its neighbour(s). On top of that some points move anywhere, new points are inserted
and so are *near-duplicates*: new points that reuse the wording of a surviving old point with the
distinctive content (party, place, figures) changed, the way a draft adds "the same for the other
side". Sub-points are reworded, dropped, inserted, reordered and now and then promoted to top level.
Nothing is tuned to any aligner: the fates are drawn independently of each other.

The ground truth (`Truth`) lists the corresponding (old key, new key) pairs; a split or a merge
counts as all of its pairs. Keys are what peaceplan uses: the id when points carry ids, else the
full number ("12", "12.b").
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from peaceplan.model import Plan, Point

# ---------------------------------------------------------------------------------------------
# Vocabulary: treaty-flavoured, with plenty of shared boilerplate so that common words do not
# identify a point; what identifies one is the combination of parties, places, bodies, figures.

PARTIES = [
    "Ukraine",
    "Russia",
    "the United States",
    "the European Union",
    "NATO",
    "Poland",
    "Türkiye",
    "the United Kingdom",
    "France",
    "Germany",
    "Belarus",
    "Moldova",
    "Romania",
    "Hungary",
    "Slovakia",
    "the Baltic states",
    "Finland",
    "Qatar",
    "Saudi Arabia",
    "China",
]
POSSESSIVE = {p: (p + "'s" if not p.endswith("s") else p + "'") for p in PARTIES}

BODIES = [
    "a joint monitoring commission",
    "the Board of Peace",
    "the IAEA",
    "the OSCE",
    "the International Committee of the Red Cross",
    "the UN Security Council",
    "a trilateral working group",
    "an independent verification mission",
    "the Council of Europe",
    "a humanitarian committee",
    "an international arbitration panel",
    "a special envoy",
]

TOPICS = [
    "the armed forces",
    "the line of contact",
    "a demilitarised zone",
    "frozen sovereign assets",
    "economic sanctions",
    "prisoners of war",
    "civilian detainees",
    "children displaced by the conflict",
    "the nuclear power plant",
    "grain exports",
    "reconstruction investments",
    "a development fund",
    "national elections",
    "the energy grid",
    "gas transit",
    "the ceasefire",
    "security guarantees",
    "foreign troops",
    "religious communities",
    "minority languages",
    "a general amnesty",
    "war crimes investigations",
    "border crossings",
    "humanitarian corridors",
    "monitoring missions",
    "navigation on the river",
    "the airspace",
    "commercial ports",
    "railway links",
    "critical minerals",
    "long-range missiles",
    "military exercises",
    "air defence systems",
    "the defence industry",
    "refugee returns",
    "property restitution",
    "landmine clearance",
    "cultural heritage sites",
    "trade quotas",
    "visa requirements",
    "broadcasting licences",
    "water supply",
    "the fishing fleet",
    "data centres",
    "fertiliser exports",
]

REAL_PLACES = [
    "Donetsk",
    "Luhansk",
    "Zaporizhzhia",
    "Kherson",
    "Crimea",
    "Kharkiv",
    "Sumy",
    "Odesa",
    "Mykolaiv",
    "Dnipro",
    "Chernihiv",
    "Belgorod",
    "Kursk",
    "Bryansk",
    "Rostov",
    "Kinburn",
    "Enerhodar",
    "Mariupol",
    "Berdiansk",
    "Sevastopol",
]
_SYLLABLES = [
    *("vel", "ko", "ri", "sta", "bor", "nyk", "lan", "do", "ma", "zhy", "hor", "pi"),
    *("vka", "ne", "tsi", "lu", "sk", "ol", "ra", "myr", "ko", "ya"),
]

VERBS = [
    "establish",
    "guarantee",
    "restore",
    "monitor",
    "limit",
    "lift",
    "withdraw",
    "protect",
    "review",
    "support",
    "implement",
    "finance",
    "inspect",
    "suspend",
    "recognise",
    "register",
    "expand",
    "reduce",
    "coordinate",
    "release",
]
MODALS = ["shall", "will", "must", "undertakes to", "agrees to"]

OPENINGS = [
    "The parties agree that",
    "It is expected that",
    "Both sides confirm that",
    "It is agreed that",
    "The signatories affirm that",
]

QUALIFIERS = [
    "in accordance with international law",
    "subject to verification by {B}",
    "under the supervision of {B}",
    "without prejudice to {T}",
    "within {D} days of signature",
    "no later than {DATE}",
    "for a period of {M} months",
    "in {R}",
    "with the support of {P}",
    "as soon as the ceasefire takes effect",
    "on a reciprocal basis",
    "in coordination with {P}",
    "unless {B} decides otherwise",
    "after consultation with {P}",
]

# Main clauses; {P}/{Q} parties, {PP} possessive, {T} topic, {R} place, {B} body, {V} verb,
# {MOD} modal ({AUX} before a passive), figures {N} personnel, {USD} money, {D} days,
# {PCT} percent, {KM} distance.
MAINS = [
    "{P} {MOD} {V} {T} in {R}",
    "{P} and {Q} {MOD} {V} {T}",
    "{PP} armed forces {AUX} be capped at {N} personnel",
    "{USD} of frozen assets {AUX} be invested in {T} in {R}, "
    "and {P} will receive {PCT} of the profits",
    "{B} {MOD} {V} {T} between {P} and {Q}",
    "{P} {MOD} hold elections in {D} days",
    "a zone of {KM} kilometres around {R} {AUX} remain free of heavy weapons",
    "{P} {MOD} not deploy {T} on the territory of {Q}",
    "{T} in {R} {AUX} be placed under the control of {B}",
    "{P} {MOD} provide {USD} for {T} in {R}",
    "all {T} held by {P} {AUX} be exchanged on an all-for-all basis",
    "{P} {MOD} {V} the restrictions on {T} imposed on {Q}",
    "{PCT} of the revenue from {T} in {R} {AUX} be shared between {P} and {Q}",
    "{P} {MOD} refrain from any attack on {T} in {R}",
    "the status of {R} {AUX} be decided by {B}",
    "{P} {MOD} {V} {T} along the border with {Q}",
    "a fund of {USD} {AUX} be created to {V} {T}",
    "{P} {MOD} report on {T} to {B} every {M} months",
]

# Synonym groups used for rewording; every word of a group can replace every other.
SYNONYMS = [
    ["shall", "will", "must"],
    ["establish", "set up", "create"],
    ["guarantee", "ensure", "secure"],
    ["restore", "reinstate", "re-establish"],
    ["monitor", "oversee", "supervise"],
    ["limit", "restrict", "cap"],
    ["lift", "remove", "end"],
    ["withdraw", "pull back"],
    ["protect", "safeguard"],
    ["review", "reassess", "re-examine"],
    ["support", "assist", "back"],
    ["implement", "carry out", "put into effect"],
    ["finance", "pay for", "bankroll"],
    ["inspect", "verify", "check"],
    ["suspend", "pause", "halt"],
    ["recognise", "acknowledge"],
    ["expand", "extend", "enlarge"],
    ["reduce", "cut", "scale down"],
    ["coordinate", "harmonise"],
    ["release", "free"],
    ["parties", "sides"],
    ["agree", "accept", "consent"],
    ["within", "no later than"],
    ["capped at", "limited to"],
    ["created", "established", "set up"],
    ["invested in", "used for", "channelled into"],
    ["receive", "obtain", "get"],
    ["profits", "proceeds", "returns"],
    ["revenue", "income", "earnings"],
    ["provide", "make available", "allocate"],
    ["remain free of", "be cleared of", "contain no"],
    ["placed under the control of", "administered by", "handed over to"],
    ["exchanged", "swapped", "traded"],
    ["refrain from", "abstain from", "avoid"],
    ["decided by", "settled by", "determined by"],
    ["on the territory of", "in the territory of", "inside"],
    ["along the border with", "on the frontier with", "at the border with"],
    ["report on", "give an account of", "inform on"],
    ["every", "each"],
    ["signature", "signing"],
    ["confirm", "affirm", "reaffirm"],
    ["expected", "anticipated", "foreseen"],
    ["supervision", "oversight"],
    ["support", "help", "backing"],
    ["consultation", "discussion", "talks"],
    ["decides", "determines", "rules"],
    ["takes effect", "comes into force", "enters into force"],
    ["reciprocal", "mutual"],
    ["in accordance with", "consistent with", "in line with"],
    ["without prejudice to", "notwithstanding"],
    ["heavy weapons", "heavy armaments", "heavy military equipment"],
    ["restrictions", "limits", "constraints"],
    ["attack", "strike", "assault"],
    ["hold elections", "organise elections", "conduct elections"],
]
_SYN_INDEX: dict[str, list[str]] = {}
for _group in SYNONYMS:
    for _w in _group:
        _SYN_INDEX.setdefault(_w, [])
        _SYN_INDEX[_w].extend(x for x in _group if x != _w and x not in _SYN_INDEX[_w])
# Longest phrases first so "capped at" wins over a single word inside it.
_SYN_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_SYN_INDEX, key=len, reverse=True)) + r")\b"
)
_NUM_RE = re.compile(r"\d[\d,]*")

TITLE_WORDS = ["Size of", "Status of", "Oversight of", "Financing of", "Protection of", "Access to"]

MONTHS = "January February March April May June July August September October November December"
MONTHS_L = MONTHS.split()


# ---------------------------------------------------------------------------------------------
# The internal representation: a point is sentences of clauses, so rewording can reorder them.


@dataclass
class Sentence:
    """One sentence: `front` qualifiers, the main clause, trailing qualifiers."""

    main: str
    tail: list[str] = field(default_factory=list)
    front: list[str] = field(default_factory=list)
    opening: str | None = None

    def render(self) -> str:
        body = self.main
        if self.opening:
            body = f"{self.opening} {body}"
        parts = [*self.front, body, *self.tail]
        text = ", ".join(parts)
        return text[0].upper() + text[1:] + "."

    def copy(self) -> Sentence:
        return Sentence(self.main, list(self.tail), list(self.front), self.opening)


@dataclass
class GenPoint:
    """A generated point; `origin` lists the old uids it descends from (empty when inserted)."""

    uid: int
    sentences: list[Sentence]
    title: str | None = None
    children: list[GenPoint] = field(default_factory=list)
    origin: tuple[int, ...] = ()
    ident: str | None = None
    fate: str = "unchanged"

    def text(self) -> str:
        return " ".join(s.render() for s in self.sentences)


@dataclass(frozen=True)
class Profile:
    """How a revision treats old points; each fate's weight, then extra moves and insertions.

    Fates are drawn for top-level points; sub-points use `sub_*`. `move`, `insert` and
    `near_duplicate` are fractions of the number of points.
    """

    unchanged: float = 0.36
    light: float = 0.20
    heavy: float = 0.12
    figures: float = 0.08
    delete: float = 0.07
    split: float = 0.05
    merge: float = 0.06
    merge_far: float = 0.2  # share of mergers that take points from elsewhere, not neighbours
    move: float = 0.06
    insert: float = 0.06
    near_duplicate: float = 0.04
    sub_points: float = 0.15  # share of top-level points that have sub-points
    sub_delete: float = 0.08
    sub_insert: float = 0.06
    sub_reorder: float = 0.10
    sub_promote: float = 0.02
    titles: float = 0.4


DEFAULT_PROFILE = Profile()


@dataclass
class Truth:
    """The known answer: corresponding (old key, new key) pairs and what was done."""

    pairs: frozenset[tuple[str, str]]
    split_merge_pairs: frozenset[tuple[str, str]]
    groups: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]  # (old keys, new keys, fate)
    removed: tuple[str, ...]
    added: tuple[str, ...]
    counts: dict[str, int]


class _Gen:
    """Seeded text generator; all randomness flows from one random.Random."""

    def __init__(self, rng: random.Random, n_points: int):
        self.rng = rng
        self.uid = 0
        # Places recur (~10 points each) as they do in real drafts: rare, not unique.
        n_places = max(len(REAL_PLACES), n_points // 10)
        places = list(REAL_PLACES)
        seen = set(places)
        while len(places) < n_places:
            name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            if rng.random() < 0.3:
                name = rng.choice(["Novo", "Staro", "Velyka ", "Mala "]) + name.lower()
            if name not in seen:
                seen.add(name)
                places.append(name)
        self.places = places

    def next_uid(self) -> int:
        self.uid += 1
        return self.uid

    # figures -------------------------------------------------------------------------------
    def personnel(self) -> str:
        return f"{self.rng.choice([50, 100, 150, 200, 250, 300, 400, 600, 800]) * 1000:,}"

    def money(self) -> str:
        cur = self.rng.choice(["$", "€"])
        return f"{cur}{self.rng.choice([5, 10, 20, 50, 100, 150, 200, 300])} billion"

    def days(self) -> str:
        return str(self.rng.choice([7, 14, 30, 60, 90, 100, 120, 180, 365]))

    def date(self) -> str:
        return (
            f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS_L)} {self.rng.choice([2026, 2027])}"
        )

    def fill(self, template: str, party: str | None = None) -> str:
        rng = self.rng
        p = party or rng.choice(PARTIES)
        q = rng.choice([x for x in PARTIES if x != p])
        values = {
            "P": p,
            "Q": q,
            "PP": POSSESSIVE[p],
            "T": rng.choice(TOPICS),
            "R": rng.choice(self.places),
            "B": rng.choice(BODIES),
            "V": rng.choice(VERBS),
            "MOD": rng.choice(MODALS),
            "AUX": rng.choice(MODALS[:3]),
            "N": self.personnel(),
            "USD": self.money(),
            "D": self.days(),
            "M": str(rng.choice([3, 6, 12, 18, 24])),
            "PCT": f"{rng.choice([10, 20, 25, 30, 40, 50, 60])}%",
            "KM": str(rng.choice([5, 10, 15, 20, 30, 50])),
            "DATE": self.date(),
        }
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)

    def sentence(self) -> Sentence:
        rng = self.rng
        main = self.fill(rng.choice(MAINS))
        tail = [self.fill(rng.choice(QUALIFIERS)) for _ in range(rng.choice([0, 1, 1, 2]))]
        opening = rng.choice(OPENINGS) if rng.random() < 0.35 else None
        return Sentence(main, tail, [], opening)

    def point(self, depth: int = 0) -> GenPoint:
        n_sent = 1 if depth else self.rng.choice([1, 1, 2, 2, 3])
        return GenPoint(self.next_uid(), [self.sentence() for _ in range(n_sent)])

    def title_for(self, gp: GenPoint) -> str:
        topic = next((t for t in TOPICS if t in gp.text()), self.rng.choice(TOPICS))
        topic = re.sub(r"^(the|a|an) ", "", topic)
        return f"{self.rng.choice(TITLE_WORDS)} {topic}"

    # rewording ------------------------------------------------------------------------------
    def substitute(self, text: str, prob: float) -> str:
        """Replace each synonym-able word or phrase by a synonym with probability `prob`."""

        def repl(m: re.Match[str]) -> str:
            if self.rng.random() < prob:
                return self.rng.choice(_SYN_INDEX[m.group(1)])
            return m.group(1)

        return _SYN_RE.sub(repl, text)

    def change_figure(self, text: str) -> str:
        nums = list(_NUM_RE.finditer(text))
        if not nums:
            return text
        m = self.rng.choice(nums)
        digits = m.group().replace(",", "")
        value = int(digits)
        new = value
        while new == value:
            new = max(1, round(value * self.rng.choice([0.5, 0.75, 1.25, 1.5, 2, 3])))
        formatted = f"{new:,}" if "," in m.group() else str(new)
        return text[: m.start()] + formatted + text[m.end() :]

    def reword(self, gp: GenPoint, heavy: bool) -> None:
        rng = self.rng
        prob = 0.75 if heavy else 0.15
        for s in gp.sentences:
            s.main = self.substitute(s.main, prob)
            s.tail = [self.substitute(t, prob) for t in s.tail]
            s.front = [self.substitute(t, prob) for t in s.front]
            if s.opening and rng.random() < (0.6 if heavy else 0.2):
                s.opening = rng.choice([o for o in OPENINGS if o != s.opening] + [None])
            elif not s.opening and rng.random() < (0.4 if heavy else 0.1):
                s.opening = rng.choice(OPENINGS)
        if not heavy:
            if all(s.render() == o for s, o in zip(gp.sentences, self._before, strict=False)):
                # a light rewording still changes something: one forced substitution
                s = rng.choice(gp.sentences)
                new_main = self.substitute(s.main, 1.0)
                s.main = new_main if new_main != s.main else s.main + ", as agreed"
            return
        # heavy: restructure as well
        for s in gp.sentences:
            if s.tail and rng.random() < 0.5:  # move a trailing qualifier to the front
                s.front.append(s.tail.pop(rng.randrange(len(s.tail))))
            if rng.random() < 0.5:  # insert a clause
                s.tail.append(self.fill(rng.choice(QUALIFIERS)))
            if len(s.tail) > 1 and rng.random() < 0.4:  # drop a clause
                s.tail.pop(rng.randrange(len(s.tail)))
        if len(gp.sentences) > 1 and rng.random() < 0.5:
            rng.shuffle(gp.sentences)

    def revise_text(self, gp: GenPoint, fate: str) -> None:
        self._before = [s.render() for s in gp.sentences]
        if fate == "light":
            self.reword(gp, heavy=False)
            if self.rng.random() < 0.3:
                s = self.rng.choice(gp.sentences)
                s.main = self.change_figure(s.main)
        elif fate == "heavy":
            self.reword(gp, heavy=True)
            if self.rng.random() < 0.3:
                s = self.rng.choice(gp.sentences)
                s.main = self.change_figure(s.main)
        elif fate == "figures":
            s = self.rng.choice(gp.sentences)
            changed = self.change_figure(s.main)
            if changed == s.main:  # no figure in it: add one
                changed = s.main
                s.tail.append(self.fill("within {D} days of signature"))
            s.main = changed

    def near_duplicate(self, src: GenPoint) -> GenPoint:
        """A new point reusing `src`'s wording with other parties, places and figures."""
        rng = self.rng
        sentences = [s.copy() for s in src.sentences]
        raw = " ".join(c for s in sentences for c in [s.main, *s.tail, *s.front])
        swap: dict[str, str] = {}
        for p in PARTIES:  # the same for the other side(s)
            if re.search(rf"\b{re.escape(p)}\b", raw):
                swap[p] = rng.choice([x for x in PARTIES if x != p and x not in swap.values()])
                swap[POSSESSIVE[p]] = POSSESSIVE[swap[p]]
        for place in self.places:  # ... somewhere else
            if re.search(rf"\b{re.escape(place)}\b", raw):
                swap[place] = rng.choice(self.places)
        pattern = (
            re.compile(
                r"\b("
                + "|".join(re.escape(k) for k in sorted(swap, key=len, reverse=True))
                + r")\b"
            )
            if swap
            else None
        )

        def redo(clause: str) -> str:
            if pattern is not None:
                clause = pattern.sub(lambda m: swap[m.group(1)], clause)
            return clause

        for s in sentences:
            s.main, s.tail, s.front = (
                redo(s.main),
                [redo(t) for t in s.tail],
                [redo(t) for t in s.front],
            )
            s.main = self.change_figure(s.main)  # ... with other figures
        dup = GenPoint(self.next_uid(), sentences)
        self._before = [s.render() for s in dup.sentences]
        self.reword(dup, heavy=False)
        if rng.random() < 0.5:  # and something of its own
            dup.sentences.append(self.sentence())
        if src.title:
            dup.title = src.title + rng.choice([" (reciprocal)", " for the other side", " II"])
        return dup


# ---------------------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def _copy(gp: GenPoint, gen: _Gen) -> GenPoint:
    return GenPoint(
        gen.next_uid(),
        [s.copy() for s in gp.sentences],
        gp.title,
        [],
        (gp.uid,),
        gp.ident,
    )


def _letters(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(97 + r) + s
    return s


def _to_points(gps: list[GenPoint], sub: bool = False) -> tuple[Point, ...]:
    out = []
    for i, gp in enumerate(gps):
        out.append(
            Point(
                text=gp.text(),
                id=gp.ident,
                number=_letters(i) if sub else str(i + 1),
                title=gp.title,
                points=_to_points(gp.children, sub=True),
            )
        )
    return tuple(out)


def _walk(gps: Iterable[GenPoint]) -> Iterable[GenPoint]:
    for gp in gps:
        yield gp
        yield from _walk(gp.children)


def _make_plan(gps: list[GenPoint], version: str, day: int) -> tuple[Plan, dict[int, str]]:
    plan = Plan(
        plan="benchmark",
        version=version,
        points=_to_points(gps),
        title=f"Synthetic framework ({version})",
        date=dt.date(2025, 11, day),
    )
    keys = {gp.uid: fp.key for gp, fp in zip(_walk(gps), plan.flat(), strict=True)}
    return plan, keys


def make_pair(
    n_points: int,
    seed: int,
    ids: bool = False,
    profile: Profile = DEFAULT_PROFILE,
) -> tuple[Plan, Plan, Truth]:
    """An old plan of about `n_points` points (sub-points included), a revision, and the truth.

    With `ids`, every old point carries an id; surviving points keep it, the first piece of a
    split and the result of a merge keep the first source's, new points get fresh ones.
    """
    rng = random.Random(seed)
    gen = _Gen(rng, n_points)
    old: list[GenPoint] = []
    total = 0
    while total < n_points:
        gp = gen.point()
        if rng.random() < profile.titles:
            gp.title = gen.title_for(gp)
        if rng.random() < profile.sub_points and n_points - total > 3:
            gp.children = [gen.point(depth=1) for _ in range(rng.randint(2, 4))]
        old.append(gp)
        total += 1 + len(gp.children)
    if ids:
        for k, gp in enumerate(_walk(old)):
            gp.ident = f"p{k + 1:05d}"

    fresh = iter(range(1, 10**9))

    def new_id() -> str | None:
        return f"n{next(fresh):05d}" if ids else None

    fates = {
        "unchanged": profile.unchanged,
        "light": profile.light,
        "heavy": profile.heavy,
        "figures": profile.figures,
        "delete": profile.delete,
        "split": profile.split,
        "merge": profile.merge,
    }
    counts: dict[str, int] = {}

    def count(name: str, k: int = 1) -> None:
        counts[name] = counts.get(name, 0) + k

    new: list[GenPoint] = []
    promoted: list[GenPoint] = []
    i = 0
    consumed: set[int] = set()  # uids already merged into an earlier point
    while i < len(old):
        src = old[i]
        if src.uid in consumed:
            i += 1
            continue
        fate = _weighted(rng, fates)
        if fate in ("split", "merge") and src.children:
            fate = "light"
        if fate == "split" and len(src.sentences) < 2:
            fate = "heavy" if rng.random() < 0.5 else "light"
        if fate == "merge":
            k = 2 if rng.random() < 0.8 else 3
            group = [src]
            j = i + 1
            if rng.random() < profile.merge_far:  # with points from anywhere further on
                later = [g for g in old[i + 1 :] if not g.children and g.uid not in consumed]
                group += rng.sample(later, min(k - 1, len(later)))
                consumed.update(g.uid for g in group[1:])
                j = i + 1
            else:  # with the points that follow
                while (
                    len(group) < k
                    and j < len(old)
                    and not old[j].children
                    and old[j].uid not in consumed
                ):
                    group.append(old[j])
                    j += 1
            if len(group) < 2:
                fate = "light"
            else:
                merged = _copy(group[0], gen)
                merged.sentences = [s.copy() for g in group for s in g.sentences]
                merged.origin = tuple(g.uid for g in group)
                merged.fate = "merge"
                if rng.random() < 0.5:
                    gen.revise_text(merged, "light")
                new.append(merged)
                count("merge", len(group))
                i = j
                continue
        if fate == "delete":
            count("delete")
            i += 1
            continue
        if fate == "split":
            n_sent = len(src.sentences)
            k = min(n_sent, rng.choice([2, 2, 3]))
            cuts = sorted(rng.sample(range(1, n_sent), k - 1))
            bounds = [0, *cuts, n_sent]
            for piece_no in range(k):
                piece = _copy(src, gen)
                piece.sentences = [
                    s.copy() for s in src.sentences[bounds[piece_no] : bounds[piece_no + 1]]
                ]
                piece.fate = "split"
                if piece_no:
                    piece.ident = new_id()
                    piece.title = None
                if rng.random() < 0.4:
                    gen.revise_text(piece, "light")
                new.append(piece)
            count("split")
            i += 1
            continue
        cp = _copy(src, gen)
        cp.fate = fate
        gen.revise_text(cp, fate)
        if cp.title and fate == "heavy" and rng.random() < 0.3:
            cp.title = gen.substitute(cp.title, 1.0) if rng.random() < 0.5 else None
        count(fate)
        # sub-points
        kids: list[GenPoint] = []
        for child in src.children:
            r = rng.random()
            if r < profile.sub_delete:
                count("sub_delete")
                continue
            c = _copy(child, gen)
            c.fate = _weighted(rng, {"unchanged": 0.5, "light": 0.3, "heavy": 0.1, "figures": 0.1})
            gen.revise_text(c, c.fate)
            if rng.random() < profile.sub_promote:
                count("sub_promote")
                promoted.append(c)
                continue
            kids.append(c)
        for _ in range(len(src.children)):
            if rng.random() < profile.sub_insert:
                ins = gen.point(depth=1)
                ins.ident = new_id()
                ins.fate = "insert"
                kids.insert(rng.randint(0, len(kids)), ins)
                count("sub_insert")
        if len(kids) > 1 and rng.random() < profile.sub_reorder:
            a, b = rng.sample(range(len(kids)), 2)
            kids[a], kids[b] = kids[b], kids[a]
            count("sub_reorder")
        cp.children = kids
        new.append(cp)
        i += 1

    # promoted sub-points land near where their parent was
    for c in promoted:
        new.insert(rng.randint(0, len(new)), c)
    # moves: any distance
    n_moves = round(profile.move * len(old))
    for _ in range(n_moves):
        if len(new) < 3:
            break
        a = rng.randrange(len(new))
        gp = new.pop(a)
        new.insert(rng.randrange(len(new) + 1), gp)
        count("move")
    # insertions of fresh points
    for _ in range(round(profile.insert * n_points)):
        gp = gen.point()
        gp.ident = new_id()
        gp.fate = "insert"
        if rng.random() < profile.titles:
            gp.title = gen.title_for(gp)
        new.insert(rng.randint(0, len(new)), gp)
        count("insert")
    # near-duplicates of surviving points, beside their source or anywhere
    old_by_uid = {g.uid: g for g in _walk(old)}
    survivors = [gp for gp in new if gp.origin]
    for _ in range(round(profile.near_duplicate * n_points)):
        if not survivors:
            break
        beside = rng.choice(survivors)
        dup = gen.near_duplicate(old_by_uid[beside.origin[0]])
        dup.ident = new_id()
        dup.fate = "near_duplicate"
        pos = new.index(beside) + 1 if rng.random() < 0.5 else rng.randint(0, len(new))
        new.insert(pos, dup)
        count("near_duplicate")
    for gp in _walk(new):
        if ids and gp.ident is None:
            gp.ident = new_id()

    old_plan, old_keys = _make_plan(old, "old", 1)
    new_plan, new_keys = _make_plan(new, "new", 20)
    pairs = set()
    sm = set()
    by_origin: dict[tuple[int, ...], list[GenPoint]] = {}
    for gp in _walk(new):
        if gp.origin:
            by_origin.setdefault(gp.origin, []).append(gp)
    groups = []
    matched_old = set()
    for origin, gps in by_origin.items():
        ok = tuple(old_keys[u] for u in origin)
        nk = tuple(new_keys[g.uid] for g in gps)
        fate = gps[0].fate
        groups.append((ok, nk, fate))
        for o in ok:
            matched_old.add(o)
            for n in nk:
                pairs.add((o, n))
                if len(ok) > 1 or len(nk) > 1:
                    sm.add((o, n))
    removed = tuple(fp.key for fp in old_plan.flat() if fp.key not in matched_old)
    matched_new = {n for _, nk, _ in groups for n in nk}
    added = tuple(fp.key for fp in new_plan.flat() if fp.key not in matched_new)
    truth = Truth(frozenset(pairs), frozenset(sm), tuple(groups), removed, added, counts)
    return old_plan, new_plan, truth


# ---------------------------------------------------------------------------------------------
# YAML in the house style (plan, version, title, date, points with number/text).


def plan_data(plan: Plan) -> dict:
    """A plan as plain data in the file format's key order."""

    def point(p: Point) -> dict:
        d: dict = {}
        if p.id is not None:
            d["id"] = p.id
        if p.number is not None:
            d["number"] = p.number
        if p.title is not None:
            d["title"] = p.title
        d["text"] = p.text
        if p.points:
            d["points"] = [point(c) for c in p.points]
        return d

    data: dict = {"plan": plan.plan, "version": plan.version}
    if plan.title:
        data["title"] = plan.title
    if plan.date:
        data["date"] = plan.date
    data["points"] = [point(p) for p in plan.points]
    return data


def plan_from_data(data: dict) -> Plan:
    """Plain data read from a plan file -> Plan (only the fields the generator writes)."""

    def point(d: dict) -> Point:
        number = d.get("number")
        return Point(
            text=d.get("text", ""),
            id=d.get("id"),
            number=None if number is None else str(number),
            title=d.get("title"),
            points=tuple(point(c) for c in d.get("points") or ()),
        )

    return Plan(
        plan=str(data["plan"]),
        version=str(data["version"]),
        title=data.get("title"),
        date=data.get("date"),
        points=tuple(point(p) for p in data.get("points") or ()),
    )


def dump_plan(plan: Plan) -> str:
    """A plan as YAML text in the house style."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False  # keep the file format's key order
    yaml.width = 100
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(plan_data(plan), buf)
    return buf.getvalue()


def write_plan(plan: Plan, path: str | Path) -> Path:
    """Write a plan as YAML in the house style; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_plan(plan), encoding="utf-8")
    return path


def write_pair(
    directory: str | Path, n_points: int, seed: int, ids: bool = False
) -> tuple[Path, Path, Truth]:
    """Generate a pair and write it as `<directory>/<plan>/old.yaml` and `new.yaml`."""
    old, new, truth = make_pair(n_points, seed, ids=ids)
    base = Path(directory) / old.plan
    return write_plan(old, base / "old.yaml"), write_plan(new, base / "new.yaml"), truth


def main() -> None:
    ap = argparse.ArgumentParser(description="Write a synthetic plan and its revision as YAML.")
    ap.add_argument("directory")
    ap.add_argument("-n", "--points", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ids", action="store_true")
    args = ap.parse_args()
    old, new, truth = write_pair(args.directory, args.points, args.seed, args.ids)
    print(f"{old}\n{new}\n{len(truth.pairs)} corresponding pairs; {truth.counts}")


if __name__ == "__main__":
    main()
