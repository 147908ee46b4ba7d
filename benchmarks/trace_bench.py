"""Provenance at corpus scale: `peaceplan trace` on a planted corpus, beside rapidfuzz.

    python -m benchmarks.trace_bench                      # 2,000 agreements x 40 points
    python -m benchmarks.trace_bench --agreements 200     # a quick run
    python -m benchmarks.trace_bench --baseline-queries 0 # skip the (slow) baseline

A generated corpus stands in for PA-X (about 2,250 agreements): agreements of 40 points, each
point 12-45 words drawn from a Zipf-distributed vocabulary of 8,000 words plus English function
words, with stock phrases ("in accordance with the provisions of this agreement") that many
points share. Queries, dated after the whole corpus, are planted:

- light:       a corpus point with 10% of its words replaced;
- heavy:       30% replaced, 10% deleted, a few words inserted;
- renumbered:  a corpus point copied word for word (as a draft renumbering it would);
- split:       the first or second half of a long corpus point, lightly edited;
- merged:      two consecutive points of one agreement joined, lightly edited;
- fresh:       a new point from the same vocabulary and stock phrases, with no source.

Reported: recall@5 (a planted source among the top 5), precision@1 (the top result is a planted
source), claimed@1 (it is, and marked `match: true`), false claims on fresh points (any
`match: true`), index time, per-point query latency (p50/p95), and peak memory. The baseline
scores every point of the corpus with rapidfuzz's token_set_ratio (process.extract, top 5; a
claim is a score of at least 80).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

KINDS = ("light", "heavy", "renumbered", "split", "merged", "fresh")
FUNCTION_WORDS = tuple(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "for",
        "on",
        "by",
        "with",
        "shall",
        "be",
        "is",
        "are",
        "as",
        "at",
        "from",
        "all",
        "any",
        "its",
        "their",
        "this",
        "that",
        "or",
        "not",
        "which",
        "such",
        "other",
        "these",
        "those",
        "under",
        "within",
        "after",
        "before",
        "between",
        "each",
        "no",
        "into",
    ]
)
SYLLABLES = tuple(
    [
        "ka",
        "lo",
        "mi",
        "nu",
        "pe",
        "ra",
        "si",
        "to",
        "vu",
        "za",
        "be",
        "de",
        "fi",
        "go",
        "hu",
        "ja",
        "ke",
        "li",
        "mo",
        "ne",
        "po",
        "re",
        "su",
        "ti",
        "vo",
        "wa",
    ]
)


def make_vocabulary(rng: random.Random, n: int = 8000) -> list[str]:
    """`n` distinct made-up content words (two to four syllables)."""
    seen: set[str] = set()
    while len(seen) < n:
        seen.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(seen)


class Generator:
    """Points in a made-up language with a realistic shape: rare and common words, stock phrases."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.vocab = make_vocabulary(self.rng)
        weights = [1 / (i + 1) ** 1.05 for i in range(len(self.vocab))]
        self.cum = list(_accumulate(weights))
        self.stock = [self.phrase(self.rng.randint(4, 8), common=True) for _ in range(80)]

    def word(self, common: bool = False) -> str:
        if common or self.rng.random() < 0.35:
            return self.rng.choice(FUNCTION_WORDS)
        return self.rng.choices(self.vocab, cum_weights=self.cum)[0]

    def phrase(self, n: int, common: bool = False) -> str:
        return " ".join(self.word(common=common and self.rng.random() < 0.5) for _ in range(n))

    def point(self) -> str:
        words = self.phrase(self.rng.randint(12, 45)).split()
        if self.rng.random() < 0.5:  # a stock phrase, as treaties use them
            at = self.rng.randint(0, len(words))
            words[at:at] = self.rng.choice(self.stock).split()
        return " ".join(words).capitalize() + "."

    def edit(self, text: str, replace: float, delete: float = 0.0, insert: int = 0) -> str:
        words = text.rstrip(".").split()
        out = []
        for w in words:
            r = self.rng.random()
            if r < delete:
                continue
            out.append(self.word() if r < delete + replace else w)
        for _ in range(insert):
            out.insert(self.rng.randint(0, len(out)), self.word())
        return " ".join(out).capitalize() + "."


def _accumulate(values: list[float]) -> list[float]:
    total, out = 0.0, []
    for v in values:
        total += v
        out.append(total)
    return out


def write_corpus(root: Path, gen: Generator, agreements: int, points: int) -> list[list[str]]:
    """Write `agreements` plan files (one version each, dated 1990 on); return their texts."""
    texts = []
    for a in range(agreements):
        plan = f"agr-{a:04d}"
        year, day = 1990 + a // 300, 1 + a % 300
        date = f"{year}-{1 + (day - 1) // 28 % 12:02d}-{1 + (day - 1) % 28:02d}"
        pts = [gen.point() for _ in range(points)]
        texts.append(pts)
        lines = [f"plan: {plan}", "version: v1", f"date: {date}", "points:"]
        for i, t in enumerate(pts, 1):
            lines += [f'  - number: "{i}"', f"    text: {t}"]
        folder = root / plan
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "v1.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return texts


def plant(gen: Generator, corpus: list[list[str]], per_kind: int) -> list[tuple[str, str, set]]:
    """Queries (kind, text, gold set of (plan, key)) planted from the corpus, plus fresh ones."""
    rng = gen.rng
    out: list[tuple[str, str, set]] = []

    def pick() -> tuple[int, int]:
        a = rng.randrange(len(corpus))
        return a, rng.randrange(len(corpus[a]))

    def gold(a: int, p: int) -> tuple[str, str]:
        return (f"agr-{a:04d}", str(p + 1))

    for kind in KINDS:
        for _ in range(per_kind):
            a, p = pick()
            src = corpus[a][p]
            if kind == "light":
                out.append((kind, gen.edit(src, 0.10), {gold(a, p)}))
            elif kind == "heavy":
                out.append((kind, gen.edit(src, 0.30, 0.10, 2), {gold(a, p)}))
            elif kind == "renumbered":
                out.append((kind, src, {gold(a, p)}))
            elif kind == "split":
                while len(corpus[a][p].split()) < 24:
                    a, p = pick()
                words = corpus[a][p].rstrip(".").split()
                half = words[: len(words) // 2] if rng.random() < 0.5 else words[len(words) // 2 :]
                out.append((kind, gen.edit(" ".join(half), 0.05), {gold(a, p)}))
            elif kind == "merged":
                p = min(p, len(corpus[a]) - 2)
                joined = corpus[a][p].rstrip(".") + " " + corpus[a][p + 1]
                out.append((kind, gen.edit(joined, 0.05), {gold(a, p), gold(a, p + 1)}))
            else:
                out.append((kind, gen.point(), set()))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(agreements: int, points: int, per_kind: int, baseline_queries: int, seed: int) -> None:
    from peaceplan.tracing.index import connect, update_index
    from peaceplan.tracing.search import Corpus

    gen = Generator(seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "plans"
        t = time.perf_counter()
        corpus = write_corpus(root, gen, agreements, points)
        print(
            f"corpus: {agreements:,} agreements x {points} points written in "
            f"{time.perf_counter() - t:.1f} s"
        )
        queries = plant(gen, corpus, per_kind)

        stats = update_index(root)
        print(
            f"index: {stats.provisions:,} provisions in {stats.seconds:.1f} s "
            f"(peak memory so far {peak_mb():.0f} MB)"
        )
        again = update_index(root)
        print(f"index again, nothing changed: {again.seconds:.2f} s ({again.read} files read)")
        (root / "agr-0000" / "v1.yaml").write_text(
            (root / "agr-0000" / "v1.yaml").read_text("utf-8") + "  - text: One more point.\n"
        )
        one = update_index(root)
        print(f"index after one file changed: {one.seconds:.2f} s ({one.read} file read)")

        conn = connect(stats.path)
        engine = Corpus(conn)
        _ = engine.df  # loaded once per trace command, not per point
        latencies: list[float] = []
        results = []
        for kind, text, gold in queries:
            t = time.perf_counter()
            found = engine.sources(text, top=5, before="2030-01-01")
            latencies.append(time.perf_counter() - t)
            results.append((kind, gold, found))
        conn.close()
        print(f"peak memory after queries: {peak_mb():.0f} MB")
        _report("peaceplan trace", results, latencies)

        if baseline_queries:
            _baseline(corpus, queries, baseline_queries)


def _key(source: object) -> tuple[str, str]:
    prov = source.provision  # type: ignore[attr-defined]
    return (prov.plan, prov.key)


def _report(name: str, results: list, latencies: list[float]) -> None:
    print(f"\n{name}")
    print(
        f"{'kind':<12} {'n':>4} {'recall@5':>9} {'prec@1':>7} {'claimed@1':>10} "
        f"{'false claims':>13}"
    )
    planted = [(k, g, f) for k, g, f in results if g]
    for kind in (*KINDS, "all planted"):
        rows = planted if kind == "all planted" else [r for r in results if r[0] == kind]
        n = len(rows)
        if kind == "fresh":
            false = sum(1 for _, _, f in rows if any(s.match for s in f))
            print(f"{kind:<12} {n:>4} {'':>9} {'':>7} {'':>10} {false:>9} / {n}")
            continue
        r5 = sum(1 for _, g, f in rows if g & {_key(s) for s in f[:5]}) / n
        p1 = sum(1 for _, g, f in rows if f and _key(f[0]) in g) / n
        c1 = sum(1 for _, g, f in rows if f and _key(f[0]) in g and f[0].match) / n
        print(f"{kind:<12} {n:>4} {r5:>9.3f} {p1:>7.3f} {c1:>10.3f}")
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(
        f"latency per point: p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, "
        f"max {ms[-1]:.1f} ms"
    )


def _baseline(corpus: list[list[str]], queries: list, n: int) -> None:
    from rapidfuzz import fuzz, process, utils

    class _Prov:
        def __init__(self, plan: str, key: str):
            self.plan, self.key = plan, key

    class _Src:
        def __init__(self, plan: str, key: str, score: float):
            self.provision, self.match = _Prov(plan, key), score >= 80

    choices, keys = [], []
    for a, pts in enumerate(corpus):
        for p, text in enumerate(pts):
            choices.append(utils.default_process(text))
            keys.append((f"agr-{a:04d}", str(p + 1)))
    rng = random.Random(7)
    sample = []
    for kind in KINDS:
        rows = [q for q in queries if q[0] == kind]
        sample += rng.sample(rows, min(len(rows), max(1, n // len(KINDS))))
    latencies, results = [], []
    for kind, text, gold in sample:
        t = time.perf_counter()
        best = process.extract(
            utils.default_process(text),
            choices,
            scorer=fuzz.token_set_ratio,
            limit=5,
            processor=None,
        )
        latencies.append(time.perf_counter() - t)
        results.append((kind, gold, [_Src(*keys[i], score) for _, score, i in best]))
    _report(
        f"baseline: rapidfuzz token_set_ratio over all {len(choices):,} points", results, latencies
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agreements", type=int, default=2000)
    parser.add_argument("--points", type=int, default=40)
    parser.add_argument("--per-kind", type=int, default=100)
    parser.add_argument("--baseline-queries", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    run(args.agreements, args.points, args.per_kind, args.baseline_queries, args.seed)


if __name__ == "__main__":
    main()
