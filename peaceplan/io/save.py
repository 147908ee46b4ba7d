"""Write plans back to YAML, keeping the author's comments, key order, quoting and layout.

Saving goes through ruamel.yaml's round-trip mode: the existing file is read as a commented
tree, only the values that changed are replaced, and the tree is written back. An unchanged plan
is written byte for byte as it was. Writes are atomic.
"""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path
from typing import Any

from peaceplan.io.atomic import atomic_write
from peaceplan.io.serialize import plan_data
from peaceplan.model import Plan


def roundtrip_yaml() -> Any:
    """A ruamel YAML instance in the house style (2-space maps, list dashes indented by 2)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.Emitter = _escaping_emitter()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


@functools.cache
def _escaping_emitter() -> type:
    """ruamel's emitter, but a text holding a bidi control or an invisible mark (which it would
    write raw) is written double-quoted with every non-ASCII character as a `\\u` escape: the
    same data when read back, and no raw U+202E in a plan file (peaceplan.unsafe)."""
    from ruamel.yaml.emitter import Emitter

    from peaceplan.unsafe import WRITTEN_ESCAPED

    class EscapingEmitter(Emitter):
        def choose_scalar_style(self) -> Any:
            if WRITTEN_ESCAPED.search(self.event.value or ""):
                if self.analysis is None:
                    self.analysis = self.analyze_scalar(self.event.value)
                return '"'
            return super().choose_scalar_style()

        def write_double_quoted(self, text: Any, split: Any = True) -> None:
            if not WRITTEN_ESCAPED.search(text):
                return super().write_double_quoted(text, split)
            keep, self.allow_unicode = self.allow_unicode, False
            try:
                return super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = keep

    return EscapingEmitter


def dump_text(plan: Plan, original: str | None = None, *, ascii_only: bool = False) -> str:
    """The YAML text of `plan`; with `original`, edits are applied onto it, keeping comments.

    `ascii_only` escapes every other character (`"\\u202e"`): for showing hostile text.
    """
    yaml = roundtrip_yaml()
    yaml.allow_unicode = not ascii_only
    new = plan_data(plan)
    if original is not None:
        try:
            doc = yaml.load(original)
        except Exception:  # the old file is unreadable: write a fresh one
            doc = None
        if isinstance(doc, dict):
            if _same(doc, new):
                return original
            _update_map(doc, new)
            return _dump(yaml, doc)
    return _dump(yaml, _to_commented(new))


def save(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write `plan` to `path` atomically, preserving comments and layout of an existing file."""
    target = Path(path)
    try:
        original = target.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, UnicodeDecodeError):
        original = None
    text = dump_text(plan, original)
    if text == original:
        return
    atomic_write(target, text)


def _dump(yaml: Any, doc: Any) -> str:
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def _to_commented(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            # Numbers are strings in the model; quote them so YAML keeps them strings.
            out[k] = DoubleQuotedScalarString(v) if k == "number" else _to_commented(v)
            if k == "dropped":  # keys such as "3": quoted as emit.py writes them
                out[k] = CommentedSeq(DoubleQuotedScalarString(x) for x in v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_to_commented(v) for v in value)
    return value


def _same(old: Any, new: Any) -> bool:
    """Equal as plan data: a quoted "6" equals 6 where the model keeps numbers as strings."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = {k for k in old if not _empty(old[k])} | set(new)
        return all(k in old and k in new and _same(old[k], new[k]) for k in keys)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new))
    if isinstance(new, str) and isinstance(old, int) and not isinstance(old, bool):
        return str(old) == new
    if isinstance(new, list) and isinstance(old, str):  # based_on: x  ==  based_on: [x]
        return new == [old]
    return type(old) is type(new) and old == new if not isinstance(old, str) else old == new


def _empty(value: Any) -> bool:
    """An explicit empty value (`based_on: []`) means the same as leaving the key out."""
    return value is None or value is False or (isinstance(value, (list, dict)) and not value)


def _update_map(old: Any, new: dict[str, Any]) -> None:
    for key in [k for k in old if k not in new and not _empty(old[k])]:
        del old[key]
    keys = list(new)
    for i, key in enumerate(keys):
        if key in old:
            old[key] = _updated(old[key], new[key], key)
        else:
            # Insert after the previous key of the format's order, to keep the canonical layout.
            pos = next((j + 1 for j, k in enumerate(old) if k == keys[i - 1]), len(old)) if i else 0
            old.insert(pos, key, _to_commented({key: new[key]})[key])


def _updated(old: Any, new: Any, key: str) -> Any:
    if _same(old, new):
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        _update_map(old, new)
        return old
    if isinstance(old, list) and isinstance(new, list):
        _update_list(old, new, key)
        return old
    if isinstance(new, str) and isinstance(old, str) and type(old) is not str:
        return type(old)(new)  # keep the author's quoting style
    return _to_commented({key: new})[key]


def _item_key(item: Any) -> Any:
    if isinstance(item, dict):
        for field in ("id", "number", "by"):
            if field in item:
                return (field, str(item[field]))
    return None


def _update_list(old: Any, new: list[Any], key: str) -> None:
    """Update items in place, matching points by id/number so comments stay with their point."""
    by_key: dict[Any, list[Any]] = {}
    for item in old:
        by_key.setdefault(_item_key(item), []).append(item)
    result = []
    for i, item in enumerate(new):
        k = _item_key(item)
        candidates = by_key.get(k) if k is not None else None
        if candidates:
            result.append(_updated(candidates.pop(0), item, key))
        elif k is None and i < len(old) and _item_key(old[i]) is None:
            result.append(_updated(old[i], item, key))
        else:
            result.append(_to_commented({key: [item]})[key][0])
    old[:] = result
