"""Whole-catalog checks: unused tags and leaders, possible duplicates; warnings, and `check --strict`."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from generator.catalog import EventRecord
from generator.dates import EventDate
from generator.rules import Comparisons, find_duplicates

from .conftest import run_check, write

SUMMIT = "events/2025/2025-11-01-lee-xi-gyeongju-summit.yml"
ADVICE = "merge the two files, or, if they are different events, name one in the other's related"


def event_text(title: str, date: str, countries: str = "[KR, CN]", quote: str = "Lee hosted Xi.",
               extra: str = "", headline: str = "Lee asks Xi for help") -> str:
    return (f"title: {title}\ndate: {date}\ncountries: {countries}\nsummary: Lee hosted Xi.\n{extra}sources:\n"
            f"  - publisher: Reuters\n    title: {headline}\n    date: 2025-11-01\n    quote: {quote}\n")


def test_a_valid_tree_has_no_warnings(events):
    result = run_check("--strict", "events")
    assert (result.exit_code, result.stdout, result.stderr) == \
        (0, "", "3 events, 2 leaders, 0 organisations, 2 tags: no problems\n")


# Unused tags and leaders ------------------------------------------------------------------------------------------


def test_an_unused_tag_is_a_warning_at_its_key(events):
    (events / "tags.yml").write_text((events / "tags.yml").read_text() + "trade:\n  label: Trade\n"
                                     "  description: Tariffs and trade talks.\n")
    result = run_check("events")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "events/tags.yml:7:1: trade: warning: no event names this tag (trade); tag an event with it, or remove it "
        "from tags.yml",
    ]
    assert result.stderr == "3 events, 2 leaders, 0 organisations, 3 tags: no problems, 1 warning\n"


def test_an_unused_leader_is_a_warning_in_its_file(events):
    write(events, "leaders/kim-jong-un.yml", "name: Kim Jong Un\ncountry: KP\n")
    result = run_check("events")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "events/leaders/kim-jong-un.yml:1:1: name: warning: no event names this leader (kim-jong-un); name them in "
        "an event's leaders, or remove the file",
    ]


def test_strict_makes_warnings_fail(events):
    write(events, "leaders/kim-jong-un.yml", "name: Kim Jong Un\ncountry: KP\n")
    result = run_check("--strict", "events")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == ("3 events, 3 leaders, 0 organisations, 2 tags: no problems, 1 warning "
                             "(--strict: warnings fail the check)\n")


def test_warnings_in_github_format(events):
    write(events, "leaders/kim-jong-un.yml", "name: Kim Jong Un\ncountry: KP\n")
    assert run_check("--format", "github", "events").stdout.splitlines() == [
        "::warning file=events/leaders/kim-jong-un.yml,line=1,col=1,title=name::no event names this leader "
        "(kim-jong-un); name them in an event's leaders, or remove the file",
    ]


def test_warnings_wait_until_the_problems_are_fixed(events):
    # An event that does not load would make its tags look unused.
    write(events, "leaders/kim-jong-un.yml", "name: Kim Jong Un\ncountry: KP\n")
    write(events, "2025/2025-11-02-broken.yml", "title: [\n")
    result = run_check("events")
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["yaml"]


def test_single_files_get_no_whole_catalog_warnings(events):
    write(events, "leaders/kim-jong-un.yml", "name: Kim Jong Un\ncountry: KP\n")
    result = run_check("--strict", SUMMIT, "--events-dir", "events")
    assert (result.exit_code, result.stdout) == (0, "")


# Possible duplicates --------------------------------------------------------------------------------------------


def test_similar_titles_overlapping_dates_and_a_shared_country(events):
    write(events, "2025/2025-11-xi-and-lee-hold-summit.yml", event_text("Xi and Lee hold a summit in Gyeongju",
                                                                       "2025-11", "[CN]", quote="They met."))
    result = run_check("events")
    assert result.exit_code == 0
    # Each of the two is warned, naming the other: a pull request adding either sees it on its own file.
    assert result.stdout.splitlines() == [
        f"{SUMMIT}:1:8: title: warning: possibly the same event as events/2025/2025-11-xi-and-lee-hold-summit.yml "
        f"(dates that overlap, both in CN, similar titles); {ADVICE}",
        f"events/2025/2025-11-xi-and-lee-hold-summit.yml:1:8: title: warning: possibly the same event as {SUMMIT} "
        f"(dates that overlap, both in CN, similar titles); {ADVICE}",
    ]
    assert result.stderr == "4 events, 2 leaders, 0 organisations, 2 tags: no problems, 2 warnings\n"


@pytest.mark.parametrize(
    ("title", "date", "countries"),
    [
        ("Xi and Lee hold a summit in Gyeongju", "2025-12", "[CN]"),  # another month
        ("Xi and Lee hold a summit in Gyeongju", "2025-11-01", "[JP]"),  # no country in common
        ("Xi and Lee discuss North Korea over dinner", "2025-11-01", "[KR]"),  # another happening
    ],
)
def test_not_duplicates(events, title, date, countries):
    rel = f"{date[:4]}/{date}-other-event.yml"
    write(events, rel, event_text(title, date, countries, quote="They met."))
    assert run_check("--strict", "events").stdout == ""


def test_events_listed_as_related_are_not_duplicates(events):
    write(events, "2025/2025-11-xi-and-lee-hold-summit.yml",
          event_text("Xi and Lee hold a summit in Gyeongju", "2025-11", "[CN]", quote="They met.",
                     extra="related: [2025-11-01-lee-xi-gyeongju-summit]\n"))
    assert run_check("--strict", "events").stdout == ""


HEADLINE = "South Korean president Lee asks China's Xi for help engaging North Korea"
"""The headline the fixture's summit event cites, with the quote 'Lee hosted Xi at a state summit and dinner.'"""


def test_the_same_quote_from_the_same_source_on_overlapping_dates(events):
    # Case, spacing and typographic quotes aside, the same words.
    quote = "'LEE hosted  Xi at a state summit and dinner.'"
    write(events, "2025/2025-10-31-a-state-dinner.yml", event_text("A state dinner", "2025-10-31/2025-11-01",
                                                                   "[KR]", quote=quote, headline=HEADLINE))
    result = run_check("events")
    assert result.stdout.splitlines() == [
        f"events/2025/2025-10-31-a-state-dinner.yml:9:12: sources[0].quote: warning: possibly the same event as "
        f"{SUMMIT} (dates that overlap, the same words quoted from the same source); {ADVICE}",
        f"{SUMMIT}:13:12: sources[0].quote: warning: possibly the same event as "
        f"events/2025/2025-10-31-a-state-dinner.yml (dates that overlap, the same words quoted from the same "
        f"source); {ADVICE}",
    ]


def test_the_same_quote_for_events_years_apart_is_not_a_duplicate(events):
    # "... marking Xi's first visit in 11 years": one sentence, two happenings.
    write(events, "2014/2014-xi-visits.yml", event_text("Xi visits South Korea", "2014~", headline=HEADLINE,
                                                        quote="Lee hosted Xi at a state summit and dinner."))
    assert run_check("--strict", "events").stdout == ""


# Bounded work -----------------------------------------------------------------------------------------------------


def synthetic_events(count: int, seed: int = 10, years: int = 10, vocabulary: int = 5_000) -> list[EventRecord]:
    """Events of a realistic shape: a few countries in most of them, a long tail of title words, over some years.

    Plain objects stand in for the models: the search reads the same attributes, and 50,000 models would
    take longer to build than the search takes to run.
    """
    rng = random.Random(seed)
    common = ["south", "korea", "china", "president", "talks", "minister", "summit", "trade", "north", "us"]
    tail = [f"word{index}" for index in range(vocabulary)]
    countries = ["KR", "CN", "US", "JP", "KP", "FR", "DE", "GB", "IN", "BR", "ZA", "EG", "MX", "AU", "RU"]
    dates: dict[str, EventDate] = {}
    records = []
    for index in range(count):
        year, month, day = rng.randint(2025 - years, 2024), rng.randint(1, 12), rng.randint(1, 28)
        kind = rng.random()
        text = f"{year}" if kind < 0.03 else f"{year}-{month:02d}" if kind < 0.15 else f"{year}-{month:02d}-{day:02d}"
        date = dates.setdefault(text, EventDate.parse(text))
        sizes = (vocabulary // 100, vocabulary // 10, vocabulary)  # some words far more common than others
        words = rng.sample(common, rng.randint(1, 3)) + [rng.choice(tail[:rng.choice(sizes)])
                                                         for _ in range(rng.randint(2, 5))]
        source = SimpleNamespace(publisher="Reuters", title=f"Report {index}", url=None, quote=f"Quote {index}.")
        event = SimpleNamespace(title=" ".join(words), date=date, sources=[source], related=[],
                                countries=rng.sample(countries[:5], 1) + rng.sample(countries, rng.randint(0, 2)))
        records.append(EventRecord(f"{text}-event-{index}", f"{year}/{text}-event-{index}.yml", event))
    records.sort(key=lambda record: (record.event.date.sort_key, record.id))
    return records


def test_the_duplicate_search_compares_few_pairs_at_50000_events():
    records = synthetic_events(50_000)
    comparisons = Comparisons()
    find_duplicates(records, "events", comparisons)
    # All pairs would be 1.25 billion; pairs sharing a country alone, hundreds of millions.
    assert comparisons.count < 20 * len(records)


def test_the_buckets_miss_no_pair_that_comparing_all_pairs_finds():
    from generator.rules import SIMILAR_TITLES, _jaccard, _title_words

    records = synthetic_events(800, seed=3, years=1, vocabulary=300)
    naive = set()
    for index, first in enumerate(records):
        for second in records[index + 1:]:
            (start1, end1), (start2, end2) = first.event.date.sort_key, second.event.date.sort_key
            if (start1 <= end2 and start2 <= end1 and set(first.event.countries) & set(second.event.countries)
                    and _jaccard(_title_words(first.event.title), _title_words(second.event.title)) >= SIMILAR_TITLES):
                naive |= {first.file, second.file}
    found = {finding.file for finding in find_duplicates(records, "events")}
    assert len(naive) > 10
    assert found == naive
