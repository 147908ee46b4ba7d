"""Field changes other than the text, found with `!=` (deepdiff, dev only, is the oracle)."""

from __future__ import annotations

import subprocess
import sys

from diffkit import pt
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.diffing.fields import (
    FIELDS,
    _changed_fields,
    field_changes,
    point_fields,
)
from peaceplan.diffing.model import FieldChange
from peaceplan.model import Option


def changes(old, new):
    return field_changes([point_fields(old)], [point_fields(new)])


def test_title_topics_options_conflict_and_id():
    old = pt("21", "Territory.", title="Territory", topics=["territory"])
    new = pt(
        "14",
        "Territory.",
        id="territory",
        title="Territorial arrangements",
        topics=["territory", "pax:TerLin"],
        options=(Option("ua-20", "Frozen."), Option("eu-24", "Negotiated.")),
        conflict=True,
    )
    assert changes(old, new) == (
        FieldChange("id", None, "territory"),
        FieldChange("title", "Territory", "Territorial arrangements"),
        FieldChange("topics", ["territory"], ["territory", "pax:TerLin"]),
        FieldChange(
            "options",
            [],
            [{"by": "ua-20", "text": "Frozen."}, {"by": "eu-24", "text": "Negotiated."}],
        ),
        FieldChange("conflict", False, True),
    )


def test_text_and_number_are_not_field_changes():
    assert changes(pt("1", "Old text.", title="T"), pt("2", "New text.", title="T")) == ()


def test_topic_order_does_not_matter():
    assert changes(pt("1", "x", topics=["a", "b"]), pt("1", "x", topics=["b", "a"])) == ()


def test_one_changed_option_is_reported_with_both_lists():
    old = pt("1", "x", options=(Option("UA", "A."), Option("RU", "B.")))
    new = pt("1", "x", options=(Option("UA", "A."), Option("RU", "C.")))
    (change,) = changes(old, new)
    assert change.field == "options"
    assert change.new == [{"by": "UA", "text": "A."}, {"by": "RU", "text": "C."}]


def test_sub_points_compare_by_identity_but_show_keys():
    old = point_fields(pt("6", "P."), ["6.a", "6.b"], [1, 2])
    same = point_fields(pt("5", "P."), ["5.a", "5.b"], [1, 2])
    grown = point_fields(pt("5", "P."), ["5.a", "5.b", "5.c"], [1, 2, ("+", "5.c")])
    assert field_changes([old], [same]) == ()
    assert field_changes([old], [grown]) == (
        FieldChange("points", ["6.a", "6.b"], ["5.a", "5.b", "5.c"]),
    )


def test_a_merge_lists_the_differing_values_of_its_points():
    a = point_fields(pt("1", "x", title="Grain", topics=["trade"]))
    b = point_fields(pt("2", "y", title="Dnipro", topics=["trade"]))
    merged = point_fields(pt("1", "x y", title="Grain and the Dnipro", topics=["trade"]))
    assert field_changes([a, b], [merged]) == (
        FieldChange("title", ["Grain", "Dnipro"], "Grain and the Dnipro"),
    )


def test_a_diff_imports_no_deepdiff():
    # `!=` is exact on the JSON-ready values compared: deepdiff is not needed at run time (it is
    # a dev dependency only, the oracle of test_changed_fields_are_what_deepdiff_finds).
    code = (
        "import sys\n"
        "from peaceplan.diffing.fields import field_changes, point_fields\n"
        "from peaceplan.model import Option, Point\n"
        "p = point_fields(Point(text='x', title='T'))\n"
        "assert field_changes([p], [p]) == ()\n"
        "q = point_fields(Point(text='x', title='U', topics=('a',)))\n"
        "assert [c.field for c in field_changes([p], [q])] == ['title', 'topics']\n"
        "r = point_fields(Point(text='x', title='T', options=(Option('UA', 'A.'),)))\n"
        "assert field_changes([p], [r])[0].field == 'options'\n"
        "assert 'deepdiff' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_point_merged_with_its_own_sub_points_lists_only_real_changes():
    # us-28 #24 + #24.a + #24.b -> ua-20 #17: the folded sub-points are parts of the merge, not
    # sub-points dropped from it, and their missing id and title are not a change of either.
    parent = point_fields(
        pt("24", "Committee.", id="committee", title="Committee", topics=["hum"]),
        ["24.a", "24.b", "24.c"],
        [10, 11, 12],
        key="24",
        ident=1,
    )
    a = point_fields(pt("a", "Prisoners."), key="24.a", ident=10)
    b = point_fields(pt("b", "Detainees."), key="24.b", ident=11)
    merged = point_fields(
        pt("17", "Committee.", id="committee", title="Committee", topics=["hum"]), key="17", ident=1
    )
    assert field_changes([parent, a, b], [merged]) == (FieldChange("points", ["24.c"], []),)


_scalar = st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from(["", "a", "b", "1"])
_ident = _scalar | st.tuples(st.sampled_from(["-", "+"]), st.sampled_from(["1", "2.a"]))
_option = st.fixed_dictionaries(
    {"by": st.sampled_from(["UA", "RU"]), "text": st.sampled_from(["A", "B"])}
)
_value = (
    _scalar
    | st.lists(_ident, max_size=3)
    | st.lists(_option, max_size=2)
    | st.lists(st.lists(_scalar, max_size=2), max_size=2)
)
_fields = st.fixed_dictionaries({f: _value for f in FIELDS})


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_fields, _fields)
def test_changed_fields_are_what_deepdiff_finds(a, b):
    # Fields are compared with `!=`: the answer must be deepdiff's on the fields that differ
    # (equal ones, even 0 and False, are never asked about).
    differ = [f for f in FIELDS if a[f] != b[f]]
    expected = _deepdiff_fields({f: a[f] for f in differ}, {f: b[f] for f in differ})
    assert _changed_fields(a, b) == expected == set(differ)


def _deepdiff_fields(a: dict, b: dict) -> set[str]:
    """Top-level keys under which deepdiff finds a difference between two dicts."""
    from deepdiff import DeepDiff

    changed: set[str] = set()
    for items in DeepDiff(a, b, view="tree").values():
        for level in items:
            path = level.path(output_format="list")
            if path:
                changed.add(str(path[0]))
    return changed
