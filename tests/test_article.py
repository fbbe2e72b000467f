"""Reading a saved article: paragraphs, dateline, headline, publication date, publisher, and HTML reduced to text."""

from __future__ import annotations

from datetime import date

import pytest

from generator.article import is_html, normalise, normalise_url, parse_full_date, read_article

from .conftest import FIXTURES

ARTICLE = FIXTURES / "articles" / "2025-11-01-reuters-lee-xi-gyeongju.txt"


def test_the_fixture_report_gives_its_headline_date_publisher_and_body():
    article = read_article("report.txt", ARTICLE.read_bytes())
    assert article.headline == "South Korean president Lee asks China’s Xi for help engaging North Korea"
    assert article.published == date(2025, 11, 1)
    assert article.publisher == "Reuters"
    assert article.dateline == "GYEONGJU, South Korea (Reuters) -"
    assert article.body[0].startswith("GYEONGJU, South Korea (Reuters) -South Korean President Lee Jae Myung sought")
    assert article.body[-1].startswith("On the sidelines of an ASEAN defence summit in Malaysia on Saturday")
    assert article.titles == {"South Korean president Lee asks China's Xi for help engaging North Korea"}
    assert len(article.body) == 25


@pytest.mark.parametrize(
    ("text", "headline", "published", "publisher", "first"),
    [
        ("WASHINGTON (AP) — The Senate voted on Tuesday.\n", None, None, "AP", "WASHINGTON (AP) — The Senate"),
        ("Senate passes budget bill\nMarch 4, 2024\n\nThe Senate voted on Tuesday.\nIt passed.\n",
         "Senate passes budget bill", date(2024, 3, 4), None, "The Senate voted on Tuesday."),
        ("4 March 2024\nSenate passes the budget bill\nThe Senate voted on Tuesday.\n",
         "Senate passes the budget bill", date(2024, 3, 4), None, "The Senate voted on Tuesday."),
        ("SEOUL, Nov 1 (Reuters) - Lee met Xi on Saturday.\n", None, None, "Reuters", "SEOUL, Nov 1 (Reuters) - Lee"),
        ("The Senate voted on Tuesday.\nIt passed.\n", None, None, None, "The Senate voted on Tuesday."),
    ],
)
def test_plain_text_header_and_dateline(text, headline, published, publisher, first):
    article = read_article("a.txt", text.encode())
    assert (article.headline, article.published, article.publisher) == (headline, published, publisher)
    assert article.body[0].startswith(first)


def test_html_is_reduced_to_paragraphs_and_its_metadata_read():
    page = """<!DOCTYPE html><html><head><title>Senate passes budget | The Daily</title>
    <meta property="og:site_name" content="The Daily"><meta property="article:published_time"
    content="2024-03-05T01:30:00Z"><link rel="canonical" href="https://www.daily.example/senate/">
    <style>p { color: red }</style><script>document.write("Senate voted")</script></head>
    <body><nav><a href="/">Home</a></nav><h1>Senate passes budget</h1>
    <p>The Senate voted on <b>Tuesday</b>&nbsp;to pass the bill.</p><p>It&rsquo;s law.<br>Next line</p>
    <noscript>Enable JavaScript</noscript></body></html>"""
    article = read_article("a.html", page.encode())
    assert article.paragraphs == ["Senate passes budget | The Daily", "Home", "Senate passes budget",
                                  "The Senate voted on Tuesday to pass the bill.", "It’s law.", "Next line"]
    assert (article.headline, article.published, article.publisher, article.url) == (
        "Senate passes budget", date(2024, 3, 5), "The Daily", "https://www.daily.example/senate/")
    assert article.titles == {"Senate passes budget | The Daily", "Senate passes budget"}
    assert "https://daily.example/senate" in article.urls


def test_html_json_ld_gives_headline_date_and_publisher():
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Lee meets Xi", '
            '"datePublished": "2025-11-01T09:00:00+09:00", "publisher": {"name": "Reuters"}}</script></head>'
            "<body><p>Lee met Xi on Saturday.</p></body></html>")
    article = read_article("a.html", page.encode())
    assert (article.headline, article.published, article.publisher) == ("Lee meets Xi", date(2025, 11, 1), "Reuters")
    assert article.paragraphs == ["Lee met Xi on Saturday."]


def test_normalise_makes_quotes_and_whitespace_plain():
    assert normalise("  “It’s\u00a0here,”\n\tshe said\u00ad.  ") == "\"It's here,\" she said."


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("http://WWW.Example.com/a/b/#top", "https://example.com/a/b"),
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
    ],
)
def test_normalise_url(url, normal):
    assert normalise_url(url) == normal


@pytest.mark.parametrize(
    ("text", "expected"),
    [("November 1, 2025", date(2025, 11, 1)), ("1 Nov. 2025", date(2025, 11, 1)), ("2025-11-01", date(2025, 11, 1)),
     ("Sept 30, 2025", date(2025, 9, 30)), ("February 30, 2025", None)],
)
def test_parse_full_date(text, expected):
    assert parse_full_date(text) == expected


def test_is_html():
    assert is_html("<!doctype html><p>x</p>") and is_html("<P>x</P>")
    assert not is_html(ARTICLE.read_text(encoding="utf-8"))
