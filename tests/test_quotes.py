"""`timeline check --articles DIR`: quotes checked against the article texts kept locally."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_check, write

ARTICLE = FIXTURES / "articles" / "2025-11-01-reuters-lee-xi-gyeongju.txt"
SUMMIT = "events/2025/2025-11-01-lee-xi-gyeongju-summit.yml"
APEC = "events/2025/2025-10-apec-in-gyeongju.yml"
SAVED = "articles/2025-11-01-reuters-lee-xi-gyeongju.txt"


@pytest.fixture
def articles(events: Path) -> Path:
    """A local articles folder beside the events, holding the fixture report."""
    folder = Path("articles")
    folder.mkdir()
    shutil.copy(ARTICLE, folder)
    return folder


def set_quote(events: Path, quote: str, *, title: str = "South Korean president Lee asks China's Xi for help "
                                                        "engaging North Korea", url: str | None = None) -> None:
    """Rewrite the summit's source: its quote (a block from line 13 on) and its title, with a url on line 13."""
    lines = "".join(f"      {line}\n" if line else "\n" for line in quote.split("\n"))
    write(events, "2025/2025-11-01-lee-xi-gyeongju-summit.yml",
          "title: Lee hosts Xi for a state summit in Gyeongju\ndate: 2025-11-01\ncountries: [KR, CN]\n"
          "leaders: [lee-jae-myung, xi-jinping]\ntags: [diplomacy, summit]\nlocation: Gyeongju, South Korea\n"
          "summary: |\n  Lee Jae Myung hosted Xi Jinping at a state summit in Gyeongju.\nsources:\n"
          f"  - publisher: Reuters\n    title: {title}\n    date: 2025-11-01\n"
          + (f"    url: {url}\n" if url else "") + f"    quote: |-\n{lines}")


def test_every_quote_is_checked_and_each_problem_is_at_its_quote(events, articles):
    result = run_check("events", "--articles", "articles")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "events/2017/2017-thaad-deployed.yml:9:12: sources[0].quote: expected an article in articles/ with this "
        "source's title 'THAAD deployed', got none; save the article there (.txt or .html) to check this quote",
        f"{APEC}:10:12: sources[0].quote: expected an article in articles/ with this source's title "
        f"'APEC opens in Gyeongju', got none; save the article there (.txt or .html) to check this quote",
        f"{SUMMIT}:13:12: sources[0].quote: expected the article's own words ({SAVED}, matched by title), got a "
        f"quote that differs after 'Lee hosted Xi at a state summit and': 'dinner.' is not in the article",
    ]
    assert result.stderr == "3 problems in 3 file(s)\n"


def test_a_verbatim_quote_passes_across_paragraphs_with_plain_quotes_and_other_line_breaks(events, articles):
    # The article writes ’ and one paragraph a line; the quote writes ' and wraps wherever it likes.
    set_quote(events, "South Korean President Lee Jae Myung sought Chinese President Xi\nJinping's help in efforts "
                      "to resume talks with nuclear-armed neighbour North Korea on Saturday,\n\nwhile Xi told Lee he "
                      "was willing to widen cooperation and jointly tackle the challenges they face.\n\n"
                      "Lee hosted Xi at a state summit")
    result = run_check(SUMMIT, "--articles", "articles")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == ("1 quote(s) found in the articles in articles\n"
                             "1 events, 2 leaders, 0 organisations, 2 tags: no problems\n")


def test_a_quote_may_leave_words_out_where_it_says_so(events, articles):
    set_quote(events, "Lee hosted Xi at a state summit … in the South Korean city of Gyeongju [...] in 11 years.")
    assert run_check(SUMMIT, "--articles", "articles").exit_code == 0


def test_elided_parts_must_come_in_the_article_s_order(events, articles):
    set_quote(events, "in the South Korean city of Gyeongju ... Lee hosted Xi at a state summit")
    result = run_check(SUMMIT, "--articles", "articles")
    assert result.stdout == (
        f"{SUMMIT}:13:12: sources[0].quote: expected the article's own words ({SAVED}, matched by title), got a "
        f"quote whose parts come in another order: 'Lee hosted Xi at a state summit' is earlier in the article\n")


def test_a_changed_word_is_shown_with_the_words_that_agree_before_it(events, articles):
    set_quote(events, "Hundreds of protesters joined an anti-China rally in Busan on Saturday as Xi and Lee met.")
    result = run_check(SUMMIT, "--articles", "articles")
    assert result.stdout == (
        f"{SUMMIT}:13:12: sources[0].quote: expected the article's own words ({SAVED}, matched by title), got a "
        f"quote that differs after 'Hundreds of protesters joined an anti-China rally in': 'Busan on Saturday as Xi "
        f"and Lee met.' is not in the article\n")


def test_an_html_article_is_reduced_to_text_and_matched_by_url(events, articles):
    (articles / ARTICLE.name).unlink()
    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")
    link = '<a href="/g">Gyeongju</a>'
    body = "".join(f"<p>{html.escape(paragraph).replace('Gyeongju', link)}</p>\n" for paragraph in paragraphs)
    write(articles, "saved.html", "<!doctype html><html><head><title>Saved page</title>"
                                  "<link rel=\"canonical\" href=\"https://www.reuters.com/world/lee-xi/\">"
                                  "<script>var x = 'Lee hosted Xi at a state summit';</script></head>"
                                  f"<body><nav>Home</nav>{body}<style>p {{}}</style></body></html>")
    set_quote(events, "Lee hosted Xi at a state summit and dinner after an Asia-Pacific leaders' forum in the South "
                      "Korean city of Gyeongju", title="Another headline", url="http://reuters.com/world/lee-xi")
    assert run_check(SUMMIT, "--articles", "articles").exit_code == 0
    set_quote(events, "var x = 'Lee hosted Xi at a state summit';", title="Another headline",
              url="https://REUTERS.com/world/lee-xi#top")
    result = run_check(SUMMIT, "--articles", "articles")
    assert result.stdout == (
        f"{SUMMIT}:14:12: sources[0].quote: expected the article's own words (articles/saved.html, matched by url), "
        f"got a quote that differs from its first word: \"var x = 'Lee hosted Xi at a …\" is not in the article\n")


def test_no_article_folder_is_a_usage_error(events):
    result = run_check("events", "--articles", "missing")
    assert result.exit_code == 2
    assert "'missing' does not exist" in result.stderr


def test_the_shipped_events_quote_the_fixture_report_verbatim():
    from generator.catalog import load_catalog
    from generator.quotes import check_quotes

    root = Path(__file__).parent.parent / "events"
    catalog = load_catalog(root)
    registries = [*catalog.leaders.values(), *catalog.organisations.values()]
    assert check_quotes(catalog, root, ARTICLE.parent) == \
        sum(len(record.event.sources) for record in catalog.events) + sum(len(entry.sources) for entry in registries)
