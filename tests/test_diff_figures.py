"""Figures with their unit or noun, and how a change's old and new figures are paired."""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peaceplan.diffing import figures, numbers
from peaceplan.diffing.figures import compare, pair_figures
from peaceplan.diffing.model import Figure
from peaceplan.diffing.numbers import extract
from peaceplan.model import Option


def texts(text: str) -> list[str]:
    return [f.text for f in extract(text)]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Armed forces are capped at 600,000 personnel.", ["600,000 personnel"]),
        ("A fund of $100 billion is set up.", ["$100 billion"]),
        ("It invests $100bn and €678bn.", ["$100bn", "€678bn"]),
        ("Elections within 100 days of signing.", ["100 days"]),
        ("The US receives 50% of the profit.", ["50%"]),
        ("Profits are split 50:50.", ["50:50"]),
        ("Troops withdraw in 60–90 days.", ["60–90 days"]),
        ("Buffer zones of 5, 10 or 40 km.", ["5, 10 or 40 km"]),
        ("Signed on 24 December 2025 in Miami.", ["24 December 2025"]),
        ("Signed on December 24, 2025.", ["December 24, 2025"]),
        ("EU membership by 2027.", ["2027"]),
        ("A 12 per cent levy.", ["12 per cent"]),
        ("3.5 million people return.", ["3.5 million people"]),
        ("Talks since 2025-11-20.", ["2025-11-20"]),
    ],
)
def test_extracts_figure_with_its_unit(text, figures):
    assert texts(text) == figures


@pytest.mark.parametrize(
    "text",
    [
        "the 21st century and the 2nd round",  # ordinals are not figures
        "Article 5 of the treaty applies.",  # references are not figures
        "under point 12 and Resolution 2202",
        "F-16 jets and G7 members",  # digits inside names
        "as in the 28-point draft, now a 20-point framework",  # a text's size names the text
        "the plan's 12 points and 3 articles",
        "",
    ],
)
def test_ignores_ordinals_references_and_names(text):
    assert texts(text) == []


def test_unit_words_are_nouns_not_prepositions():
    assert texts("capped at 600,000 within a year") == ["600,000"]


def test_changed_figure_is_paired_by_its_noun():
    assert pair_figures(
        "Ukraine's armed forces are capped at 600,000 personnel.",
        "Ukraine's armed forces stay at 800,000 personnel in peacetime.",
    ) == (Figure("600,000 personnel", "800,000 personnel"),)


def test_unchanged_figures_are_dropped_and_others_paired_by_unit():
    old = "Within 100 days, a $100bn fund; 50% of profits; 30 days for talks."
    new = "Within 60 days, a $100 billion fund; 30 days for talks; 40% of profits."
    assert pair_figures(old, new) == (
        Figure("100 days", "60 days"),
        Figure("50%", "40%"),
    )


def test_removed_and_added_figures():
    found = compare("Elections within 100 days.", "Elections by 2026, with 2 observers.")
    assert found.figures == (Figure("100 days", None), Figure(None, "2 observers"))
    assert found.dates == (Figure(None, "2026"),)  # a year is a date, not a figure


def test_bare_number_pairs_with_counted_one():
    assert pair_figures("capped at 600,000.", "capped at 800,000 troops.") == (
        Figure("600,000", "800,000 troops"),
    )


def test_same_value_written_differently_is_unchanged():
    assert pair_figures("$100bn for rebuilding", "$100 billion for rebuilding Ukraine") == ()
    assert pair_figures("100 billion dollars", "$100bn") == ()


def test_identical_texts_have_no_figure_changes():
    assert pair_figures("600,000 personnel", "600,000 personnel") == ()


@pytest.mark.parametrize(
    "hostile",
    [
        "9" * 300_000 + "x",
        "1,000" * 60_000 + "x",
        "1, " * 60_000 + "km",
        "1-" * 150_000,
        "$" * 300_000,
        "5" + " " * 300_000 + "days",
        "1 December " * 30_000,
        "1:" * 150_000,
        "1." * 150_000,
        "a" * 300_000 + " 5",
        "point " * 50_000 + "5",
    ],
)
def test_hostile_input_is_scanned_in_linear_time(hostile):
    # A backtracking regex would take hours on these; linear scanning takes well under a second.
    found = extract(hostile)
    assert all(f.text for f in found)
    pair_figures(hostile, hostile[::-1])


_pieces = st.sampled_from(
    [
        "600,000",
        " personnel",
        "$",
        "100",
        "bn",
        " 24",
        " December",
        " 2025",
        ":",
        "50",
        "%",
        " Article",
        " 5",
        " in",
        "a",
        "-",
        ".",
        ",",
        " ",
        "thirty",
        " days",
        "-day",
        " two",
        " million",
        "\u202f000",
        "(",
        "—",
        "x" * 15,
        "\n",
        "US$",
        "–",
    ]
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(_pieces, max_size=30).map("".join) | st.text(max_size=80))
def test_extract_finds_what_a_scan_of_every_position_finds(text):
    # extract() starts each search near the next digit (or a number word); it must miss nothing
    # a full scan of every position finds.
    full = [numbers._classify(m, text) for m in numbers._FIGURE.finditer(text)]
    low = text.lower()
    words = [
        numbers._classify_words(m, text)
        for k in range(len(low))
        if (k == 0 or re.fullmatch(numbers._BEFORE_WORDS, low[k - 1]))
        and (m := numbers._WORD_FIGURE.match(low, k)) is not None
    ]
    # (overlapping word matches cannot occur: a match ends in a unit word, never a number word)
    expected = sorted([f for f in full if f is not None] + words, key=lambda f: f.start)
    assert extract(text) == tuple(expected)


_figure_numbers = st.builds(
    lambda whole, frac: whole + (f".{frac}" if frac is not None else ""),
    st.from_regex(r"\d{1,3}(,\d{3}){0,3}|\d{1,40}", fullmatch=True),
    st.none() | st.from_regex(r"\d{1,12}", fullmatch=True),
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_figure_numbers, st.sampled_from([0, 3, 6, 9, 12]))
def test_a_figure_value_has_one_exact_form(number, power):
    # "1.5bn" and "1,500 million" pair as the same value: each value has exactly one form,
    # (significant digits, exponent), worth exactly what the number says times 10**power
    digits, exponent = numbers._exact(number, power)
    with localcontext() as exact:  # the default 28 digits would round a 29-digit number
        exact.prec = 100
        assert Decimal(f"{digits}E{exponent}") == Decimal(number.replace(",", "")) * 10**power
    assert digits == "0" or (digits[0] != "0" and digits[-1] != "0")
    assert (digits, exponent) != ("0", 0) or Decimal(number.replace(",", "")) == 0


def test_a_figure_of_thousands_of_digits_is_read_without_int_limits():
    big = "9" * 5000
    found = extract(f"{big} tonnes")
    assert [f.key for f in found] == ["tonne"] and found[0].canon == ("tonne", ((big, 0),))


# -- issue 15: figures by value --------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "600\u202f000",  # narrow no-break space
        "600\u00a0000",  # no-break space
        "600 000",
        "600.000",  # dots that can only group thousands
        "600000",
    ],
)
def test_600000_written_with_other_separators_is_no_change(written):
    # It used to be reported as a change from "600,000 personnel" to "000 personnel".
    old = "Ukraine's armed forces are capped at 600,000 personnel."
    assert compare(old, old.replace("600,000", written)) == figures.NOTHING
    assert [f.canon for f in extract(f"capped at {written} personnel")] == [
        ("personnel", (("6", 5),))
    ]


def test_a_change_of_unit_is_one_change():
    assert pair_figures("Talks resume within 30 days.", "Talks resume within 30 weeks.") == (
        Figure("30 days", "30 weeks"),
    )
    # units of different measures stay apart: a dropped figure and a new one
    assert pair_figures("within 30 days", "within 30 km") == (
        Figure("30 days", None),
        Figure(None, "30 km"),
    )


@pytest.mark.parametrize(
    "sum_",
    ["$100bn", "$100 bn", "$100 billion", "100 billion dollars", "USD 100 billion", "US$100bn"],
)
def test_100_billion_dollars_is_the_same_sum_however_written(sum_):
    assert pair_figures("A fund of $100 billion is set up.", f"A fund of {sum_} is set up.") == ()


def test_scales_and_currencies_compare_by_value():
    assert pair_figures("€1.5bn", "EUR 1,500 million") == ()
    assert pair_figures("£2tn", "£2 trillion") == ()
    assert pair_figures("$100bn", "€100bn") == (Figure("$100bn", "€100bn"),)
    assert pair_figures("50 per cent", "50%") == pair_figures("50 percent", "50%") == ()


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("thirty days", "30 days"),
        ("twenty-one days", "21 days"),
        ("a hundred days", "100 days"),
        ("two hundred km", "200 km"),
        ("ten percent", "10%"),
        ("two million people", "2,000,000 people"),
        ("a 30-day ceasefire", "a thirty-day ceasefire"),
    ],
)
def test_spelled_out_small_numbers_are_figures_of_the_same_value(words, digits):
    assert pair_figures(f"It takes {words}.", f"It takes {digits}.") == ()


def test_a_spelled_out_number_that_changed_is_reported():
    assert pair_figures("within thirty days", "within sixty days") == (
        Figure("thirty days", "sixty days"),
    )


@pytest.mark.parametrize(
    "text", ["one of the parties", "someone often writes", "Twenty Questions", "ten"]
)
def test_number_words_without_a_unit_are_not_figures(text):
    assert extract(text) == ()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("1.000.000 tonnes", "1,000,000 tonnes", True),
        ("1 234,5 km", "1,234.5 km", True),
        ("1.234,5 km", "1,234.5 km", True),
        ("1.5 km", "1.50 km", True),
        ("1.500 km", "1.5 km", True),  # a lone dot before other than 000 is a decimal point
        ("1.500 km", "1,500 km", False),
        ("1.2.3 km", "123 km", False),  # ambiguous separators: only equal to itself
    ],
)
def test_numbers_in_other_locales(a, b, same):
    assert (pair_figures(a, b) == ()) is same


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Signed on 2025-11-20.", "2025-11-20"),
        ("Signed on 20 November 2025.", "20 November 2025"),
        ("Talks since November 2025.", "November 2025"),
        ("In force from 1 January.", "1 January"),
        ("The ceasefire starts at 10:00.", "10:00"),
        ("The ceasefire starts at 9 am.", "9 am"),
        ("Elections by 2027.", "2027"),
    ],
)
def test_dates_and_times_are_listed_apart_from_figures(text, date):
    found = compare("", text)
    assert found.figures == ()
    assert found.dates == (Figure(None, date),)


def test_changed_date_and_time_are_paired_as_dates():
    found = compare(
        "Signed on 20 November 2025 at 10:00; troops leave within 30 days.",
        "Signed on 1 January 2026 at 12:30; troops leave within 60 days.",
    )
    assert found.figures == (Figure("30 days", "60 days"),)
    assert found.dates == (
        Figure("20 November 2025", "1 January 2026"),
        Figure("10:00", "12:30"),
    )


def test_a_ratio_is_a_figure_not_a_time():
    assert compare("split 50:50", "split 60:40").figures == (Figure("50:50", "60:40"),)


def test_lower_case_may_is_not_a_month():
    assert texts("Up to 5 may be deployed.") == ["5"]


def test_option_figures_are_compared_option_by_option_and_attributed():
    old = (Option("Ukraine", "Forces of 800,000 personnel."), Option("Russia", "A cap of 600,000."))
    new = (Option("Ukraine", "Forces of 850,000 personnel."), Option("Russia", "A cap of 600,000."))
    assert figures.compare_options(old, new).figures == (
        Figure("800,000 personnel", "850,000 personnel", by="Ukraine"),
    )
    added = figures.compare_options((), (Option("Ukraine", "Talks on 1 March."),))
    assert added.dates == (Figure(None, "1 March", by="Ukraine"),)


@pytest.mark.parametrize(
    "hostile",
    [
        "1\u202f000" * 60_000 + "x",
        "1 000" * 60_000,
        "\u202f000" * 100_000,
        "1.000" * 60_000 + "x",
        "1,000.000," * 30_000,
        "one " * 100_000 + "day",
        "twenty-" * 50_000 + "days",
        "a hundred " * 30_000,
        "10:" * 100_000,
        "9 a" * 100_000,
        "thirty" * 50_000 + " days",
    ],
)
def test_new_forms_are_scanned_in_linear_time(hostile):
    found = extract(hostile)
    assert all(f.text for f in found)
    compare(hostile, hostile[::-1])


def test_trie_alternation_matches_exactly_its_words():
    words = ["a", "ab", "abc", "b", "ten", "twenty"]
    pattern = re.compile(numbers._trie(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert not any(pattern.fullmatch(w) for w in ["", "ac", "abcd", "te", "twent", "c"])
