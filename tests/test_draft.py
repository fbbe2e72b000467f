"""`timeline draft ARTICLE`: drafts from the fixture report, their dates, and the review that check demands."""

from __future__ import annotations

import html
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.article import normalise, read_article
from generator.cli import main
from generator.dates import EventDate
from generator.draft import LeaderFinder, draft_events, find_countries, find_happening, load_leaders, split_sentences
from generator.loader import load_yaml

from .conftest import FIXTURES, VALID_TREE, run_check, write

ARTICLE = FIXTURES / "articles" / "2025-11-01-reuters-lee-xi-gyeongju.txt"


def draft(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, ["draft", *args], input=input)


@pytest.fixture
def fixture_drafts():
    article = read_article(ARTICLE.name, ARTICLE.read_bytes())
    return {" ".join(found.sentence.split()[:4]): found
            for found in draft_events(article, article.published, load_leaders(VALID_TREE))}


def test_the_report_gives_one_draft_per_sentence_reporting_a_happening_with_these_dates(fixture_drafts):
    assert {start: str(found.date) for start, found in fixture_drafts.items()} == {
        "South Korean President Lee": "2025-11-01",           # "on Saturday", the day of publication
        "Lee hosted Xi at": "2014~",                          # "first visit ... in 11 years"
        "Lee, who was elected": "2025-06",                    # "in June"
        "“I am very positive": "../2025-11-01",               # "recent high-level exchanges"
        "Lee has called for": "../2025-11-01",
        "In a statement on": "2025-11-01",                    # "on Saturday"
        "North Korea has repeatedly": "../2025-11-01",
        "In recent years Pyongyang": "../2025-11-01",
        "Leader Kim Jong Un": "2025-10-27~/2025-10-31~",      # "earlier this week", Monday to Friday
        "Trump and Lee announced": "../2025-11-01",
        "The U.S. president then": "../2025-11-01",
        "Chinese state media reports": "../2025-11-01",
        "According to Xinhua, Xi": "../2025-11-01",
        "Xi also called for": "../2025-11-01",
        "During Xi’s visit, China": "../2025-11-01",
        "Hundreds of protesters joined": "2025-11-01",        # "on Saturday"
        "Protesters carried placards saying": "../2025-11-01",
        "Kim Hye Kyung, a": "../2025-11-01",
        "Amid a rise in": "2025-10",                          # "in October"
        "South Korea has voiced": "../2025-11-01",            # the sanctions on Hanwha Ocean's units
        "Seoul is also hoping": "2017",                       # "the 2017 deployment"
        "South Korea has also": "../2025-11-01",              # structures in disputed waters
        "On the sidelines of": "2025-11-01",                  # "on Saturday"
    }


def test_countries_and_leaders_come_from_names_demonyms_and_the_registry(fixture_drafts):
    summit = fixture_drafts["South Korean President Lee"]
    assert summit.countries == [("KR", '"South Korean"'), ("CN", '"Chinese"'), ("KP", '"North Korea"')]
    assert summit.leaders == [("lee-jae-myung", "Lee Jae Myung"), ("xi-jinping", "Xi Jinping")]
    rally = fixture_drafts["Hundreds of protesters joined"]
    assert rally.leaders == [("xi-jinping", "Xi"), ("lee-jae-myung", "Lee")]
    assert fixture_drafts["Amid a rise in"].countries == [("CN", '"Chinese"'),
                                                         ("KR", '"Lee" (Lee Jae Myung\'s country)')]
    # Kim Hye Kyung is not a leader of the registry, though a Kim is (in the shipped data).
    assert fixture_drafts["Kim Hye Kyung, a"].leaders == []


def test_the_cli_writes_each_draft_under_its_year_and_lists_them(events):
    shutil.copy(ARTICLE, "article.txt")
    result = draft("article.txt")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 23
    assert lines[:3] == [
        "drafts/2025/2025-11-01-south-korean-president-lee-jae-myung.yml: 2025-11-01 (from 'on Saturday')",
        "drafts/2014/2014-lee-hosted-xi-state-summit-dinner.yml: 2014~ (from 'in 11 years')",
        "drafts/2025/2025-06-lee-elected-president-snap-election-june.yml: 2025-06 (from 'in June')",
    ]
    assert "drafts/2025/2025-11-01-south-korea-voiced-concerns-about-impact.yml: ../2025-11-01 (undated)" in lines
    assert result.stderr == ("wrote 23 draft(s) to drafts/: review each, delete its `review` key, and move it to "
                             "events/<year>/\n")
    assert sorted(path.as_posix() for path in Path("drafts").rglob("*.yml")) == sorted(
        line.split(":")[0] for line in lines)
    assert not list(events.rglob("*south-korean-president*"))


def test_a_draft_file_opens_with_the_schema_line_and_the_review_notes(events):
    shutil.copy(ARTICLE, "article.txt")
    draft("article.txt")
    name = "2025-10-amid-rise-such-protests-october-lee.yml"
    assert (Path("drafts/2025") / name).read_text(encoding="utf-8") == (FIXTURES / "expected-draft" / name).read_text(
        encoding="utf-8")


def test_check_refuses_a_draft_until_its_review_key_is_deleted_and_then_verifies_its_quote(events):
    shutil.copy(ARTICLE, "article.txt")
    draft("article.txt", "--url", "https://www.reuters.com/world/lee-xi/")
    name = "2025/2025-10-amid-rise-such-protests-october-lee.yml"
    shutil.copy(Path("drafts") / name, events / name)
    result = run_check("events")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"events/{name}:2:1: review: this is an unreviewed draft from `timeline draft`: check every field against "
        f"the article (the notes under `review` say what was guessed and how), then delete the `review` key",
    ]
    text = (events / name).read_text(encoding="utf-8")
    (events / name).write_text(text[:text.index("review:")] + text[text.index("title:"):], encoding="utf-8")
    Path("articles").mkdir()
    shutil.copy(ARTICLE, "articles/")
    result = run_check(f"events/{name}", "--articles", "articles")
    assert (result.exit_code, result.stdout) == (0, "")


def test_existing_drafts_are_never_overwritten(events):
    shutil.copy(ARTICLE, "article.txt")
    draft("article.txt")
    target = Path("drafts/2017/2017-seoul-hoping-xis-visit-may-lead.yml")
    target.write_text("edited by a person\n")
    result = draft("article.txt")
    assert result.exit_code == 1
    assert result.stderr == ("Error: drafts/2025/2025-11-01-south-korean-president-lee-jae-myung.yml already exists "
                             "(and 22 more): move earlier drafts away or choose another --out\n")
    assert target.read_text() == "edited by a person\n"
    assert draft("article.txt", "--out", "drafts-2").exit_code == 0


def test_drafts_never_go_into_the_events_folder(events):
    shutil.copy(ARTICLE, "article.txt")
    result = draft("article.txt", "--out", "events/2025")
    assert result.exit_code == 2
    assert "Error: --out events/2025 is inside the events folder: drafts are written elsewhere until reviewed" in \
        result.stderr


def test_without_a_dateline_date_the_publication_date_is_asked_for(events):
    write(Path("."), "article.txt", "Lee met Xi on Saturday.\n")
    result = draft("article.txt")
    assert result.exit_code == 2
    assert "Error: no publication date found in article.txt: give it with --published YYYY-MM-DD" in result.stderr
    result = draft("article.txt", "--published", "2025-10-30")
    assert result.stdout == "drafts/2025/2025-10-25-lee-met-xi-saturday.yml: 2025-10-25 (from 'on Saturday')\n"


def test_standard_input_and_a_bad_url(events):
    result = draft("-", "--published", "2025-11-01", input=b"Lee met Xi in June.\n")
    assert result.stdout == "drafts/2025/2025-06-lee-met-xi-june.yml: 2025-06 (from 'in June')\n"
    assert "from standard input (published 1 November 2025)" in Path(
        "drafts/2025/2025-06-lee-met-xi-june.yml").read_text(encoding="utf-8")
    result = draft("-", "--published", "2025-11-01", "--url", "ftp://x", input=b"Lee met Xi in June.\n")
    assert result.exit_code == 2
    assert "Error: --url: expected an http or https URL, got 'ftp://x'" in result.stderr


def test_an_html_article_gives_its_url_and_publisher(events):
    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")[4:8]
    write(Path("."), "page.html", "<html><head><title>Lee asks Xi for help | Site</title>"
                                  '<meta property="og:site_name" content="Salem News">'
                                  '<link rel="canonical" href="https://www.reuters.com/world/lee-xi/"></head><body>'
                                  + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</body></html>")
    result = draft("page.html", "--published", "2025-11-01")
    assert result.exit_code == 0, result.output
    first = Path(result.stdout.splitlines()[0].split(":")[0]).read_text(encoding="utf-8")
    assert first.endswith(
        "  - publisher: Reuters\n    title: Lee asks Xi for help | Site\n"
        "    date: 2025-11-01\n    url: https://www.reuters.com/world/lee-xi/\n"
        "    quote: South Korean President Lee Jae Myung sought Chinese President Xi Jinping’s help in efforts to "
        "resume talks with nuclear-armed neighbour North Korea on Saturday, while Xi told Lee he was willing to "
        "widen cooperation and jointly tackle the challenges they face.\n")
    assert "  The page is from Salem News; its dateline credits Reuters, the publisher cited here.\n" in first


def test_every_draft_is_yaml_the_loader_reads_back_as_written(events):
    shutil.copy(ARTICLE, "article.txt")
    draft("article.txt")
    for path in Path("drafts").rglob("*.yml"):
        document = load_yaml(str(path), path.read_bytes())
        assert isinstance(document.value, dict), document
        quote = document.value["sources"][0]["quote"]
        assert quote == document.value["summary"] and quote in ARTICLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        ("Trump left the U.S. on Monday. Lee met him.", ["Trump left the U.S. on Monday.", "Lee met him."]),
        ("Mr. Lee met Donald J. Trump. “It went well,” he said.", ["Mr. Lee met Donald J. Trump.",
                                                                   "“It went well,” he said."]),
        ("It ended on Nov. 3. Talks resume.", ["It ended on Nov. 3.", "Talks resume."]),
        ("Is it over? Yes!", ["Is it over?", "Yes!"]),
    ],
)
def test_split_sentences(paragraph, sentences):
    assert split_sentences(paragraph) == sentences


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("South Korean and North Korean officials met", ["KR", "KP"]),
        ("Beijing said the U.S.-linked units were sanctioned", ["CN", "US"]),
        ("the Republic of Korea and the Russian Federation", ["KR", "RU"]),
        ("Korean officials met in New Mexico", []),
        ("Britain, Russia and Viet Nam", ["GB", "RU", "VN"]),
    ],
)
def test_find_countries(sentence, codes):
    assert [code for code, _ in find_countries(sentence)] == codes


def test_short_names_only_once_named_in_full_and_only_standing_alone():
    leaders = load_leaders(VALID_TREE)
    assert LeaderFinder(leaders, "Lee met Xi.").find("Lee met Xi.") == []
    finder = LeaderFinder(leaders, "Lee Jae-myung met Xi Jinping.")
    assert finder.find("Joyce Lee reported that Lee met Xi, and Lee Min-ho sang.") == [("lee-jae-myung", "Lee"),
                                                                                    ("xi-jinping", "Xi")]
    assert finder.find("President Lee met China’s Xi.") == [("lee-jae-myung", "Lee"), ("xi-jinping", "Xi")]


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("In recent years Pyongyang abandoned its policy.", "In recent years"),
        ("North Korea has repeatedly and explicitly rejected Lee.", "has repeatedly and explicitly rejected"),
        ("China and South Korea signed seven agreements.", "signed"),
        ("The U.S. president then departed.", "departed"),
        ("Xi met Lee.", "met"),
        ("Beijing said the sanctions were related to security risks.", None),
        ("South Korea is a military ally of the United States.", None),
        ("the U.S.-led THAAD system and a nuclear-armed neighbour", None),
    ],
)
def test_find_happening(sentence, cue):
    assert find_happening(sentence) == cue


def test_drafts_date_is_kept_from_a_dateline_without_year_only_with_published():
    article = read_article("a.txt", b"SEOUL, Nov 1 (Reuters) - Lee met Xi on Saturday.\n")
    assert article.published is None
    (found,) = draft_events(article, date(2025, 11, 1), {})
    assert (found.id, str(found.date), found.sentence) == ("2025-11-01-lee-met-xi-saturday", "2025-11-01",
                                                           "Lee met Xi on Saturday.")


@pytest.mark.parametrize("text", ["yes", "NO", "a: b", "x #y", "- item", "'quoted'", "“curly”", "2017", "…",
                                  "https://example.com/a#b", "ends with colon:", "tab\tinside", "Lee’s visit"])
def test_scalars_read_back_as_written(text):
    from generator.draft import _scalar

    document = load_yaml("x.yml", f"title: {_scalar(text)}\n".encode())
    assert document.value == {"title": text}


_WORDS = ["Lee", "Xi", "met", "has", "signed", "on", "Saturday", "in", "June", "May", "2017", "last", "weekend",
          "earlier", "this", "week", "11", "years", "ago", "first", "since", "Nov.", "3,", "U.S.", "Chinese", "said",
          "(Reuters)", "-", "SEOUL,", "“quote”", ".", "\n\n", "<p>", "</p>", "&amp;", "’s", "recent"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=60), st.dates(date(1, 1, 1),
                                                                                     date(9999, 12, 31)))
def test_any_text_gives_drafts_whose_quote_is_in_it_and_whose_date_reads_back(words, published):
    text = " ".join(words)
    article = read_article("a.txt", text.encode("utf-8", errors="replace"))
    for found in draft_events(article, published, {}):
        assert normalise(found.sentence) in normalise(article.text)
        assert EventDate.parse(str(found.date)) == found.date
        assert found.id.startswith(found.date.prefix + "-")
