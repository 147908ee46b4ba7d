"""The corpus index: every point of every version of a plans folder, in one SQLite file.

It lives next to the plans (`<plans>/.peaceplan-index.sqlite3`) and is brought up to date
incrementally: a file whose size and modification time are unchanged is not read again; a
changed file's provisions are replaced; a deleted file's are removed. Candidates come from an
FTS5 table; scoring needs each provision's word stems and each stem's document frequency
(`df`), which are kept up to date with it. Only the standard library's sqlite3 is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from peaceplan.errors import CorpusIndexError
from peaceplan.model import Plan
from peaceplan.tracing.model import Provision
from peaceplan.tracing.words import gram_hashes, word_stems, words

if TYPE_CHECKING:
    from peaceplan.library import Library

INDEX_NAME = ".peaceplan-index.sqlite3"
SCHEMA_VERSION = "2"  # 2: word triples counted once per distinct wording (table `wordings`)
# Frequency counts are added to the index in batches of about this many distinct word triples.
FLUSH_GRAMS = 200_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS provisions(
    id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, plan TEXT NOT NULL, version TEXT NOT NULL,
    key TEXT NOT NULL, number TEXT, title TEXT, text TEXT NOT NULL, date TEXT,
    stems TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS provisions_file ON provisions(file_id);
CREATE TABLE IF NOT EXISTS df(stem TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grams(h INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS wordings(h INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(words, tokenize='unicode61 remove_diacritics 2');
"""


@attrs.frozen
class IndexStats:
    """What one update of the index did."""

    path: str
    files: int  # plan files in the folder
    read: int  # files (re)read because they were new or changed
    removed: int  # files gone from the folder, their provisions dropped
    provisions: int  # provisions in the index afterwards
    seconds: float


def index_path(root: str | os.PathLike[str]) -> Path:
    """Where the index of the plans folder `root` lives."""
    return Path(root) / INDEX_NAME


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating if needed) the index at `path`, checking it is one of ours."""
    try:
        conn = sqlite3.connect(os.fspath(path))
    except sqlite3.Error as exc:  # its folder is missing or not writable
        raise CorpusIndexError(f"{path}: cannot open the index ({exc})") from None
    try:
        conn.executescript(_SCHEMA)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            conn.commit()
        elif row[0] != SCHEMA_VERSION:
            raise CorpusIndexError(
                f"{path}: index of another peaceplan version; delete it to rebuild"
            )
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CorpusIndexError(
            f"{path}: not a peaceplan index ({exc}); delete it to rebuild"
        ) from None
    return conn


def provisions_of(plan: Plan) -> Iterator[Provision]:
    """Every point of a version (sub-points included) as a provision."""
    date = plan.date.isoformat() if plan.date else None
    for fp in plan.flat():
        yield Provision(
            plan=plan.plan,
            version=plan.version,
            key=fp.key,
            text=fp.point.text,
            number=fp.full_number,
            title=fp.point.title,
            date=date,
        )


def update_index(
    root: str | os.PathLike[str],
    *,
    path: str | os.PathLike[str] | None = None,
    rebuild: bool = False,
) -> IndexStats:
    """Bring the index of the plans folder `root` up to date; only new or changed files are read.

    `path` puts the index elsewhere; `rebuild` starts from scratch, in a new file that replaces
    the index only once it is complete (as a first index is made: a failure leaves no file).
    Every change is made in one transaction: an update that fails (a bad plan file) leaves the
    index as it was.
    """
    from peaceplan.library import Library

    started = time.perf_counter()
    library = Library.open(root)
    where = Path(path) if path is not None else index_path(root)
    if not rebuild and where.exists():
        read, removed, total = _update(library, where)
    else:
        try:
            fd, fresh = tempfile.mkstemp(prefix=f".{where.name}.", suffix=".tmp", dir=where.parent)
        except OSError as exc:  # name the index asked for, not the temporary file
            raise CorpusIndexError(f"{where}: cannot write the index ({exc.strerror})") from None
        os.close(fd)
        try:
            read, removed, total = _update(library, Path(fresh))
            mode = where.stat().st_mode if where.exists() else 0o666 & ~_umask()
            os.chmod(fresh, mode & 0o7777)
            os.replace(fresh, where)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(fresh)
            raise
    return IndexStats(
        path=str(where),
        files=len(library.refs),
        read=read,
        removed=removed,
        provisions=total,
        seconds=time.perf_counter() - started,
    )


def _umask() -> int:
    """The process's umask (what a file created the ordinary way would not get)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _update(library: Library, where: Path) -> tuple[int, int, int]:
    """Bring the index file `where` up to date with `library`, in one transaction: (files
    read, files removed, provisions in the index)."""
    from peaceplan.io.load import load_file

    conn = connect(where)
    try:
        known = {
            row[0]: (row[1], row[2], row[3], row[4])
            for row in conn.execute("SELECT path, id, size, mtime_ns, digest FROM files")
        }
        seen: set[str] = set()
        read = removed = 0
        df: Counter[str] = Counter()
        grams: Counter[int] = Counter()
        wordings = _Wordings(conn)
        with conn:  # one transaction
            for ref in library.refs:
                rel = ref.path.relative_to(library.root).as_posix() if library.root else str(ref)
                seen.add(rel)
                st = ref.path.stat()
                old = known.get(rel)
                if old and old[1] == st.st_size and old[2] == st.st_mtime_ns:
                    continue
                data = ref.path.read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                if old and old[3] == digest:
                    conn.execute(
                        "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                        (st.st_size, st.st_mtime_ns, old[0]),
                    )
                    continue
                if old:
                    _drop_file(conn, old[0], df, grams, wordings)
                plan = load_file(ref.path, lines=False)
                file_id = conn.execute(
                    "INSERT INTO files(path, size, mtime_ns, digest) VALUES (?, ?, ?, ?)",
                    (rel, st.st_size, st.st_mtime_ns, digest),
                ).lastrowid
                _add_plan(conn, file_id, plan, df, grams, wordings)
                read += 1
                if len(grams) > FLUSH_GRAMS:  # keep memory bounded on a large corpus
                    _apply_counts(conn, df, grams)
                    df.clear()
                    grams.clear()
            for rel, (file_id, *_rest) in known.items():
                if rel not in seen:
                    _drop_file(conn, file_id, df, grams, wordings)
                    removed += 1
            _apply_counts(conn, df, grams)
            wordings.save()
        total = conn.execute("SELECT count(*) FROM provisions").fetchone()[0]
    finally:
        conn.close()
    return read, removed, total


class _Wordings:
    """How many provisions hold each distinct wording (its stems, by hash), read on first use.

    Word triples are counted once per wording, not per provision: drafts that repeat a clause
    unchanged make it one wording, not stock phrasing, so they can still be traced to its origin.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.counts: dict[int, int] | None = None
        self.changed: set[int] = set()

    def _bump(self, st: list[str], by: int) -> int:
        """Add `by` to the count of the wording `st`; return the new count."""
        if self.counts is None:
            self.counts = dict(self.conn.execute("SELECT h, n FROM wordings"))
        digest = hashlib.blake2b(" ".join(st).encode("utf-8"), digest_size=8).digest()
        h = int.from_bytes(digest, "big", signed=True)
        n = self.counts[h] = self.counts.get(h, 0) + by
        self.changed.add(h)
        return n

    def add(self, st: list[str]) -> bool:
        """Count one more provision worded `st`; True when it is the first."""
        return self._bump(st, 1) == 1

    def drop(self, st: list[str]) -> bool:
        """Count one provision worded `st` less; True when it was the last."""
        return self._bump(st, -1) == 0

    def save(self) -> None:
        """Write the changed counts to the index (in the caller's transaction)."""
        if self.counts is None:
            return
        rows = [(h, self.counts[h]) for h in self.changed]
        self.conn.executemany("DELETE FROM wordings WHERE h = ?", [(h,) for h, _ in rows])
        self.conn.executemany("INSERT INTO wordings VALUES (?, ?)", [r for r in rows if r[1] > 0])
        self.changed.clear()


def _add_plan(
    conn: sqlite3.Connection,
    file_id: int | None,
    plan: Plan,
    df: Counter[str],
    grams: Counter[int],
    wordings: _Wordings,
) -> None:
    rows = []
    fts = []
    next_id = (conn.execute("SELECT max(id) FROM provisions").fetchone()[0] or 0) + 1
    for i, p in enumerate(provisions_of(plan)):
        st = word_stems(p.text)
        df.update(set(st))
        if wordings.add(st):
            grams.update(set(gram_hashes(st)))
        rowid = next_id + i
        rows.append(
            (
                rowid,
                file_id,
                p.plan,
                p.version,
                p.key,
                p.number,
                p.title,
                p.text,
                p.date,
                " ".join(st),
            )
        )
        fts.append((rowid, " ".join(words(p.text))))
    conn.executemany("INSERT INTO provisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT INTO fts(rowid, words) VALUES (?, ?)", fts)


def _drop_file(
    conn: sqlite3.Connection,
    file_id: int,
    df: Counter[str],
    grams: Counter[int],
    wordings: _Wordings,
) -> None:
    ids = []
    for rowid, stems in conn.execute(
        "SELECT id, stems FROM provisions WHERE file_id = ?", (file_id,)
    ):
        ids.append((rowid,))
        st = stems.split()
        df.subtract(set(st))
        if wordings.drop(st):
            grams.subtract(set(gram_hashes(st)))
    conn.executemany("DELETE FROM fts WHERE rowid = ?", ids)
    conn.execute("DELETE FROM provisions WHERE file_id = ?", (file_id,))
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))


def _apply_counts(conn: sqlite3.Connection, df: Counter[str], grams: Counter[int]) -> None:
    """Add the counted changes to the stem and word-triple frequency tables."""
    conn.executemany(
        "INSERT INTO df(stem, n) VALUES (?, ?) ON CONFLICT(stem) DO UPDATE SET n = n + excluded.n",
        [(s, n) for s, n in df.items() if n],
    )
    conn.execute("DELETE FROM df WHERE n <= 0")
    conn.executemany(
        "INSERT INTO grams(h, n) VALUES (?, ?) ON CONFLICT(h) DO UPDATE SET n = n + excluded.n",
        [(h, n) for h, n in grams.items() if n],
    )
    conn.execute("DELETE FROM grams WHERE n <= 0")
