"""Merging one point's fields, and settling a conflict by taking an option."""

from __future__ import annotations

import attrs
import pytest

from peaceplan.errors import ResolveConflictError
from peaceplan.merging.points import DELETED, delete_edit, merge_options, merge_point, merge_set
from peaceplan.merging.resolve import resolve_point
from peaceplan.model import Option, Plan, Point

LABELS = ("eu-24", "ua-20")
BASE = Point(
    id="armed-forces",
    number="6",
    title="Size of the armed forces",
    text="Ukraine's armed forces are capped at 600,000 personnel.",
    topics=("military",),
)


def test_edits_to_different_fields_combine():
    ours = Point(**{**_fields(BASE), "title": "Armed forces"})
    theirs = Point(**{**_fields(BASE), "text": BASE.text.replace("600,000", "800,000")})
    merged = merge_point(BASE, ours, theirs, LABELS)
    assert merged.reasons == ()
    assert merged.point.title == "Armed forces"
    assert "800,000" in merged.point.text
    assert not merged.point.conflict


def test_renumbering_is_not_an_edit():
    ours = Point(**{**_fields(BASE), "number": "5"})
    theirs = Point(**{**_fields(BASE), "text": "Ukraine's armed forces are not capped."})
    merged = merge_point(BASE, ours, theirs, LABELS).point
    assert (merged.number, merged.text) == ("5", "Ukraine's armed forces are not capped.")


def test_text_conflict_keeps_base_wording_and_both_sides_attributed():
    ours = Point(**{**_fields(BASE), "text": BASE.text.replace("600,000", "800,000")})
    theirs = Point(**{**_fields(BASE), "text": BASE.text.replace("600,000", "no")})
    merged = merge_point(BASE, ours, theirs, LABELS)
    assert merged.point.conflict
    assert merged.point.text == BASE.text
    assert merged.point.options == (Option("eu-24", ours.text), Option("ua-20", theirs.text))
    assert merged.reasons == ("text changed differently on both sides",)


def test_topics_merge_as_sets():
    assert merge_set(("a", "b"), ("a", "b", "c"), ("b", "d")) == ("b", "c", "d")


def test_an_option_reworded_differently_on_both_sides_becomes_a_pair_placed_first():
    base = (Option("Russia", "All of Donetsk."), Option("Ukraine", "Frozen line."))
    ours = (Option("Russia", "All of Donbas."), Option("Ukraine", "Frozen line."))
    theirs = (Option("Russia", "All of Luhansk."), Option("Ukraine", "The line as it is."))
    options, reasons = merge_options(base, ours, theirs, LABELS)
    assert options == (
        Option("Russia (eu-24)", "All of Donbas."),
        Option("Russia (ua-20)", "All of Luhansk."),
        Option("Ukraine", "The line as it is."),
    )
    assert reasons == ["option 'Russia' reworded differently on both sides"]


def test_delete_against_edit_offers_deletion_as_an_option():
    edited = Point(**{**_fields(BASE), "text": "No cap."})
    merged = delete_edit(BASE, edited, 1, LABELS)
    assert merged.point.conflict
    assert merged.point.options == (Option("eu-24", "No cap."), Option("ua-20", DELETED))
    assert merged.reasons == ("deleted by ua-20, edited by eu-24",)


def _conflicted_plan() -> Plan:
    ours = Point(**{**_fields(BASE), "text": "Capped at 800,000.", "title": "Army"})
    theirs = Point(**{**_fields(BASE), "text": "Not capped.", "title": "Forces"})
    point = merge_point(BASE, ours, theirs, LABELS).point
    other = Point(text="Elections follow.", number="7")
    return Plan(plan="p", version="merged", points=(point, other))


def test_resolve_by_version_name_takes_that_wording_and_title():
    plan = resolve_point(_conflicted_plan(), "armed-forces", "ua-20")
    point = plan.get("armed-forces")
    assert point is not None
    assert (point.text, point.title, point.options, point.conflict) == (
        "Not capped.",
        "Forces",
        (),
        False,
    )
    assert plan.conflict_count() == 0


def test_resolve_by_index_and_by_number():
    point = resolve_point(_conflicted_plan(), "6", "1").get("armed-forces")
    assert point is not None and point.text == "Capped at 800,000." and point.title == "Army"


def test_taking_the_deleted_option_deletes_the_point():
    edited = Point(**{**_fields(BASE), "text": "No cap."})
    point = delete_edit(BASE, edited, 1, LABELS).point
    plan = Plan(plan="p", version="m", points=(point, Point(text="Other.", number="7")))
    assert resolve_point(plan, "armed-forces", "ua-20").keys() == ("7",)
    assert resolve_point(plan, "armed-forces", "eu-24").get("armed-forces").text == "No cap."


def test_resolving_an_option_pair_keeps_the_text_and_renames_the_option():
    point = Point(
        text="The line of contact.",
        number="21",
        options=(
            Option("Russia (eu-24)", "All of Donbas."),
            Option("Russia (ua-20)", "Half of Donetsk."),
            Option("Ukraine", "Frozen."),
        ),
        conflict=True,
    )
    plan = resolve_point(Plan(plan="p", version="m", points=(point,)), "21", "ua-20")
    settled = plan.get("21")
    assert settled is not None
    assert settled.text == "The line of contact."
    assert settled.options == (Option("Russia", "Half of Donetsk."), Option("Ukraine", "Frozen."))
    assert not settled.conflict


def test_bad_point_or_option_names_the_choices():
    plan = _conflicted_plan()
    with pytest.raises(ResolveConflictError, match="conflicted points: armed-forces"):
        resolve_point(plan, "99", "1")
    with pytest.raises(ResolveConflictError, match="1=eu-24, 2=ua-20"):
        resolve_point(plan, "armed-forces", "russia")
    with pytest.raises(ResolveConflictError, match="no options"):
        resolve_point(plan, "7", "1")


def _fields(point: Point) -> dict:
    return {
        "text": point.text,
        "id": point.id,
        "number": point.number,
        "title": point.title,
        "topics": point.topics,
    }


def test_certainty_changed_differently_on_both_sides_is_a_conflict_settled_with_the_wording():
    # Each side's certainty is a fact about the record: neither is dropped for the other.
    ours = Point(**{**_fields(BASE), "certainty": "inferred"})
    theirs = Point(**{**_fields(BASE), "certainty": "uncertain", "certainty_note": "One outlet."})
    merged = merge_point(BASE, ours, theirs, LABELS)
    assert merged.reasons == ("certainty changed differently on both sides",)
    assert merged.notes == ()
    point = merged.point
    assert point.conflict and (point.certainty, point.certainty_note) == ("reported", None)
    assert point.options == (
        Option("eu-24", BASE.text, "inferred"),
        Option("ua-20", BASE.text, "uncertain", "One outlet."),
    )
    plan = Plan(plan="p", version="m", points=(point,))
    settled = resolve_point(plan, "armed-forces", "ua-20").get("armed-forces")
    assert settled is not None and not settled.conflict and settled.options == ()
    assert (settled.certainty, settled.certainty_note) == ("uncertain", "One outlet.")


def test_an_option_whose_certainty_both_sides_changed_differently_becomes_a_pair():
    base = (Option("Russia", "All of Donbas."),)
    ours = (Option("Russia", "All of Donbas.", "inferred"),)
    theirs = (Option("Russia", "All of Donbas.", "uncertain", "Thin."),)
    options, reasons = merge_options(base, ours, theirs, LABELS)
    assert reasons == ["option 'Russia' certainty changed differently on both sides"]
    assert options == (
        Option("Russia (eu-24)", "All of Donbas.", "inferred"),
        Option("Russia (ua-20)", "All of Donbas.", "uncertain", "Thin."),
    )
    point = Point(text="The line.", number="21", options=options, conflict=True)
    settled = resolve_point(Plan(plan="p", version="m", points=(point,)), "21", "eu-24").get("21")
    assert settled is not None and not settled.conflict
    assert settled.options == (Option("Russia", "All of Donbas.", "inferred"),)


def test_taking_a_further_option_leaves_a_title_conflict_open():
    # The text is settled by the option taken; the titles both sides wrote still are not.
    ours = Point(**{**_fields(BASE), "title": "Army"})
    theirs = Point(**{**_fields(BASE), "title": "Forces"})
    base = attrs.evolve(BASE, options=(Option("Russia", "No army."),))
    ours, theirs = (attrs.evolve(p, options=base.options) for p in (ours, theirs))
    point = merge_point(base, ours, theirs, LABELS).point
    assert point.title == "[Army] [Forces]" and point.conflict
    plan = resolve_point(Plan(plan="p", version="m", points=(point,)), "6", "Russia")
    assert plan.conflict_count() == 1
    settled = resolve_point(plan, "6", "ua-20").get("armed-forces")
    assert settled is not None and not settled.conflict
    assert (settled.title, settled.text, settled.options) == ("Forces", "No army.", ())


def test_taking_a_further_option_leaves_a_certainty_conflict_open():
    ours = Point(**{**_fields(BASE), "certainty": "inferred"})
    theirs = Point(**{**_fields(BASE), "certainty": "uncertain"})
    base = attrs.evolve(BASE, options=(Option("Russia", "No army."),))
    ours, theirs = (attrs.evolve(p, options=base.options) for p in (ours, theirs))
    point = merge_point(base, ours, theirs, LABELS).point
    plan = resolve_point(Plan(plan="p", version="m", points=(point,)), "6", "3")
    assert plan.conflict_count() == 1
    settled = resolve_point(plan, "6", "eu-24").get("armed-forces")
    assert settled is not None and (settled.text, settled.certainty) == ("No army.", "inferred")


def test_taking_an_inferred_option_keeps_it_inferred():
    # geneva-19's bracketed wordings are inferred from statements: settling the point on one
    # must not turn the guess into a reported text
    point = Point(
        text="Territory is left to the presidents.",
        number="3",
        options=(
            Option("United States", "Donetsk is ceded.", "inferred", "From us-28 point 21."),
            Option("Ukraine", "No land is ceded."),
        ),
    )
    plan = Plan(plan="p", version="m", points=(point,))
    taken = resolve_point(plan, "3", "United States").get("3")
    assert (taken.text, taken.certainty, taken.certainty_note) == (
        "Donetsk is ceded.",
        "inferred",
        "From us-28 point 21.",
    )
    # a reported option leaves the point's own certainty as it was
    unsure = Plan(plan="p", version="m", points=(attrs.evolve(point, certainty="uncertain"),))
    assert resolve_point(unsure, "3", "Ukraine").get("3").certainty == "uncertain"
    # so does a further option taken on a merge conflict
    conflicted = attrs.evolve(
        point,
        options=(Option("eu-24", "A."), Option("ua-20", "B."), *point.options),
        conflict=True,
    )
    plan = Plan(plan="p", version="m", points=(conflicted,))
    assert resolve_point(plan, "3", "United States").get("3").certainty == "inferred"
