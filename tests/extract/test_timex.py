"""Time expressions: recognition and TIMEX3 normalisation against the article date, with the real spaCy model."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reportedly.extract.timex import extract_times
from reportedly.extract.timex_normalise import duration, month_year, weekday_date
from reportedly.records import TimeRef

SUNDAY = date(2024, 11, 24)


def times(nlp: Any, text: str, published: date | None) -> list[TimeRef]:
    return extract_times(nlp(text), published)


def only(nlp: Any, text: str, published: date | None, words: str) -> TimeRef:
    found = [t for t in times(nlp, text, published) if words in t.span.text]
    assert found, f"no time expression containing {words!r} in {text!r}: {times(nlp, text, published)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "published", "words", "value", "kind"),
    [
        ("Missiles were fired into the Kursk Region on Wednesday.", SUNDAY, "Wednesday", "2024-11-20", "date"),
        ("The talks will resume on Wednesday.", SUNDAY, "Wednesday", "2024-11-27", "date"),
        ("The minister spoke on Sunday.", SUNDAY, "Sunday", "2024-11-24", "date"),
        ("He said it happened yesterday.", SUNDAY, "yesterday", "2024-11-23", "date"),
        ("The vote is today.", SUNDAY, "today", "2024-11-24", "date"),
        ("The summit opens tomorrow.", SUNDAY, "tomorrow", "2024-11-25", "date"),
        ("Leaders will meet tonight.", SUNDAY, "tonight", "2024-11-24TNI", "time"),
        ("Prices rose last week.", SUNDAY, "last week", "2024-W46", "date"),
        ("Prices rose this week.", SUNDAY, "this week", "2024-W47", "date"),
        ("The strike happened two days ago.", SUNDAY, "two days ago", "2024-11-22", "date"),
        ("The company was founded three years ago.", SUNDAY, "three years ago", "2021", "date"),
        ("It was announced earlier this month.", SUNDAY, "this month", "2024-11", "date"),
        ("It was announced last month.", SUNDAY, "last month", "2024-10", "date"),
        ("Sales fell last year.", SUNDAY, "last year", "2023", "date"),
        ("Elections are due next year.", SUNDAY, "next year", "2025", "date"),
        ("The treaty was signed on March 3, 2022.", SUNDAY, "March 3, 2022", "2022-03-03", "date"),
        ("The treaty was signed on 3 March 2022.", SUNDAY, "3 March 2022", "2022-03-03", "date"),
        ("The report is dated 2022-03-03.", SUNDAY, "2022-03-03", "2022-03-03", "date"),
        ("The report is dated 3/14/2021.", SUNDAY, "3/14/2021", "2021-03-14", "date"),
        ("The offensive began in August.", SUNDAY, "August", "2024-08", "date"),
        ("The offensive began in September 2023.", SUNDAY, "September 2023", "2023-09", "date"),
        ("The law passed in 1998.", SUNDAY, "1998", "1998", "date"),
        ("The war lasted three years.", SUNDAY, "three years", "P3Y", "duration"),
        ("A five-year plan was approved.", SUNDAY, "five-year", "P5Y", "duration"),
        ("He waited 48 hours.", SUNDAY, "48 hours", "PT48H", "duration"),
        ("The board meets every week.", SUNDAY, "every week", "P1W", "set"),
        ("The paper is published daily.", SUNDAY, "daily", "P1D", "set"),
        ("The shelling started at 10:35 a.m.", SUNDAY, "10:35 a.m.", "2024-11-24T10:35", "time"),
        ("The shelling started at 9 p.m. Wednesday.", SUNDAY, "9 p.m.", "2024-11-20T21:00", "time"),
        ("Inflation is now falling.", SUNDAY, "now", "PRESENT_REF", "date"),
        ("The bridge was recently repaired.", SUNDAY, "recently", "PAST_REF", "date"),
        ("Profits rose in the third quarter.", SUNDAY, "third quarter", "2024-Q3", "date"),
        ("The factory opened in the 1990s.", SUNDAY, "1990s", "199", "date"),
        ("Fighting resumed this summer.", SUNDAY, "this summer", "2024-SU", "date"),
        # plans: an infinitive or a present tense points forward; a past perfect plan does not
        ("The talks are set to resume on Monday.", SUNDAY, "Monday", "2024-11-25", "date"),
        ("The two leaders meet Friday in Geneva.", SUNDAY, "Friday", "2024-11-29", "date"),
        ("The offer had been due to expire on Friday.", SUNDAY, "Friday", "2024-11-22", "date"),
        ("The union's Friday vote was close.", SUNDAY, "Friday", "2024-11-22", "date"),
        # a month well after the article's month, in a past-tense clause, is last year's
        ("The bridge collapsed in October.", date(2024, 5, 6), "October", "2023-10", "date"),
        ("The offer was extended to Dec. 15.", date(2024, 11, 4), "Dec. 15", "2024-12-15", "date"),
        ("Revenue for the year ended June 30 rose.", SUNDAY, "the year", "P1Y", "duration"),
        ("Sales rose sharply over the past year.", SUNDAY, "the past year", "2023", "date"),
        ("Rents will climb in the next year.", SUNDAY, "the next year", "2025", "date"),
        ("The mill opened in 2019 and the following year it was sold.", SUNDAY, "following year", "2020", "date"),
        ("The film came out in nineteen ninety-six.", SUNDAY, "nineteen ninety-six", "1996", "date"),
        ("Fears grew before the year two thousand.", SUNDAY, "two thousand", "2000", "date"),
        ("The plant will stay shut until Tuesday.", SUNDAY, "Tuesday", "2024-11-26", "date"),
        ("The new tariff is effective Feb. 1.", SUNDAY, "Feb. 1", "2025-02-01", "date"),
        ("Sales in the current fiscal year will rise.", SUNDAY, "current fiscal year", "2024", "date"),
        ("Sales fell in the latest fiscal year.", SUNDAY, "latest fiscal year", "2023", "date"),
        ("Pilgrims gather each July.", SUNDAY, "each July", "XXXX-07", "set"),
        ("The blast came at 9:10 a.m. (0610 GMT) Friday.", SUNDAY, "9:10 a.m.", "2024-11-22T09:10", "time"),
        ("He was arrested last Oct. 3 in Lyon.", date(2025, 4, 20), "Oct. 3", "2024-10-03", "date"),
        ("The rebels held the valley for years.", SUNDAY, "years", "PXY", "duration"),
        ("The deal should close by year-end.", SUNDAY, "year-end", "2024", "date"),
        ("The club meets Tuesday nights.", SUNDAY, "Tuesday nights", "XXXX-WXX-2TNI", "set"),
        ("Costs will be halved by the end of 2026.", SUNDAY, "the end of 2026", "2026", "date"),
        ("Building work starts in early 2026.", SUNDAY, "early 2026", "2026", "date"),
        ("The alliance split in mid-2019.", SUNDAY, "mid-2019", "2019", "date"),
        ("The envoy left late yesterday.", SUNDAY, "late yesterday", "2024-11-23", "date"),
        ("Profit rose in the fiscal first quarter.", SUNDAY, "the fiscal first quarter", "2024-Q1", "date"),
        ("Shares were up at mid-afternoon yesterday.", SUNDAY, "mid-afternoon yesterday", "2024-11-23TAF", "time"),
    ],
)
def test_normalised_value(nlp: Any, text: str, published: date, words: str, value: str, kind: str) -> None:
    found = only(nlp, text, published, words)
    assert (found.value, found.kind) == (value, kind)


def test_the_quarter_is_the_quarter_last_named(nlp: Any) -> None:
    text = "The chain reported first-quarter losses. In the quarter, sales fell; a year earlier they rose."
    found = {t.span.text: t.value for t in times(nlp, text, SUNDAY)}
    assert found["first-quarter"] == "2024-Q1"
    assert found["the quarter"] == "2024-Q1"
    assert found["a year earlier"] == "2023-Q1"


def test_a_quarter_still_to_come_anchors_nothing(nlp: Any) -> None:
    text = "Fourth-quarter sales may slow. In the quarter just ended, profit doubled."
    found = {t.span.text: t.value for t in times(nlp, text, SUNDAY)}
    assert found["Fourth-quarter"] == "2024-Q4"
    assert found["the quarter"] == "2024-Q3"


@pytest.mark.parametrize(
    ("text", "words", "value"),
    [
        ("Missiles were fired on Wednesday.", "Wednesday", None),
        ("He said it happened yesterday.", "yesterday", None),
        ("Prices rose last week.", "last week", None),
        ("The treaty was signed on March 3, 2022.", "March 3, 2022", "2022-03-03"),
        ("The war lasted three years.", "three years", "P3Y"),
        ("The law passed in 1998.", "1998", "1998"),
    ],
)
def test_without_article_date_relative_values_are_none(nlp: Any, text: str, words: str, value: str | None) -> None:
    assert only(nlp, text, None, words).value == value


def test_a_datetime_article_date_counts_as_its_day(nlp: Any) -> None:
    from datetime import datetime

    found = only(nlp, "Missiles were fired on Wednesday.", datetime(2024, 11, 24, 18, 30), "Wednesday")
    assert found.value == "2024-11-20"


def test_spans_are_exact_substrings(nlp: Any) -> None:
    text = "On Wednesday, three days after the vote on Nov. 17, officials said the talks would last two weeks."
    found = times(nlp, text, SUNDAY)
    assert [t.span.text for t in found] == ["Wednesday", "three days", "Nov. 17", "two weeks"]
    for t in found:
        assert text[t.span.start : t.span.end] == t.span.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The war lasted from 2014 to 2022.", [("2014", "2014"), ("2022", "2022")]),
        ("The 2019-2021 plan failed.", [("2019", "2019"), ("2021", "2021")]),
        ("Talks ran from Monday to Wednesday.", [("Monday", "2024-11-18"), ("Wednesday", "2024-11-20")]),
        ("Fighting went on between March and May 2022.", [("March", "2022-03"), ("May 2022", "2022-05")]),
    ],
)
def test_ranges_are_two_endpoints(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.span.text, t.value) for t in times(nlp, text, SUNDAY)] == expected


def test_no_times_in_plain_text(nlp: Any) -> None:
    assert times(nlp, "The minister may march with 2,000 people to the square.", SUNDAY) == []


def test_quarters_as_shares_are_not_times(nlp: Any) -> None:
    text = "The region grows three-quarters of the wheat and a quarter of the rice, its quarter-century high."
    assert times(nlp, text, SUNDAY) == []


def test_that_year_takes_the_last_date_named(nlp: Any) -> None:
    text = "She moved to Lisbon in June 2011 and opened a bakery later that year. That day was not mentioned."
    found = {t.span.text: t.value for t in times(nlp, text, SUNDAY)}
    assert found["later that year"] == "2011"
    assert "That day" not in found  # no day was named: not resolvable, not reported


def test_approximate_amounts_keep_their_qualifier(nlp: Any) -> None:
    found = only(nlp, "The siege lasted more than four months.", SUNDAY, "months")
    assert (found.span.text, found.value) == ("more than four months", "P4M")


def test_year_earlier_as_a_modifier_is_one_expression(nlp: Any) -> None:
    text = "Third-quarter profit rose, compared with a year-earlier loss."
    found = {t.span.text: t.value for t in times(nlp, text, SUNDAY)}
    assert found == {"Third-quarter": "2024-Q3", "year-earlier": "2023-Q3"}


@pytest.mark.parametrize(
    ("anchor", "weekday", "tense", "rel", "expected"),
    [
        (SUNDAY, 3, "past", None, date(2024, 11, 20)),
        (SUNDAY, 3, "future", None, date(2024, 11, 27)),
        (SUNDAY, 7, None, None, SUNDAY),
        (SUNDAY, 7, None, "last", date(2024, 11, 17)),
        (SUNDAY, 1, None, "next", date(2024, 11, 25)),
        (date(2024, 11, 25), 2, None, None, date(2024, 11, 26)),
    ],
)
def test_weekday_date(anchor: date, weekday: int, tense: str | None, rel: str | None, expected: date) -> None:
    assert weekday_date(anchor, weekday, tense, rel) == expected


@pytest.mark.parametrize(
    ("month", "tense", "rel", "year"),
    [
        (8, None, None, 2024),
        (1, "future", None, 2025),
        (12, None, "last", 2023),
        (2, None, "next", 2025),
        (6, None, None, 2024),
    ],
)
def test_month_year(month: int, tense: str | None, rel: str | None, year: int) -> None:
    assert month_year(SUNDAY, month, tense, rel) == year


@pytest.mark.parametrize(
    ("n", "unit", "value"),
    [
        ("3", "years", "P3Y"),
        ("2", "decades", "P20Y"),
        ("X", "days", "PXD"),
        ("5", "hours", "PT5H"),
        ("2.5", "years", "P2Y6M"),
    ],
)
def test_duration(n: str, unit: str, value: str) -> None:
    assert duration(n, unit) == value


def test_component_sets_times_and_never_raises(nlp: Any) -> None:
    doc = nlp.make_doc("Missiles were fired on Wednesday.")
    doc._.rep_published = SUNDAY
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [(t.span.text, t.value) for t in doc._.rep_times] == [("Wednesday", "2024-11-20")]
    odd = nlp.make_doc("")
    odd._.rep_published = "not a date"
    for _, proc in nlp.pipeline:
        odd = proc(odd)
    assert odd._.rep_times == []


def test_anchored_scan_finds_what_a_whole_text_scan_finds() -> None:
    import random

    from reportedly.extract.timex_rules import find, lexicon

    lex = lexicon()
    vocab = [w for cls in lex.tables for w in lex.words(cls)]
    extra = (
        "the of in for over within last next this past early late mid end beginning start year years month "
        "week weeks day days quarter fiscal period ago earlier later from now same that every each once twice "
        "times per noon midnight . , ; : ( ) 's - / 1990s '90s 2016 1999 12 3 05 10:30 a.m. p.m. EST GMT 3rd "
        "21st century No people percent % old Karsova Velmora"
    )
    vocab += extra.split(" ")
    vocab += [w.capitalize() for w in vocab[:60]]
    rng = random.Random(11)
    for _ in range(300):
        words = [rng.choice(vocab) + rng.choice([" ", " ", "  ", "\n", "-", ", ", "\n\n"]) for _ in range(120)]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), "x" * rng.randint(30, 300) + " ")
        text = "".join(words)
        whole = [(c.rule, c.start, c.end) for c in find(text, anchored=False)]
        assert [(c.rule, c.start, c.end) for c in find(text)] == whole
