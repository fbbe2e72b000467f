"""urls: every URL of the site, pagination, refusal of ids that do not match their pattern, relative links."""

from __future__ import annotations

import pytest

from generator import urls
from generator.sections import SECTIONS

BAD_SLUGS = ["", "../x", "..", "a/b", "a\\b", "Xi-Jinping", "xi_jinping", "-xi", "xi-", "xi--jinping", "xi jinping",
             "xi\njinping", "xi-jinping\n", "%2e%2e", "xi.jinping", "/xi"]
BAD_EVENT_IDS = ["", "../2025-11-01-x", "2025-11-01-../x", "2025/2025-11-01-x", "2025-11-01-Lee-Xi",
                 "lee-xi", "25-11-01-x", "2025-13-x-", "2025-11-01-x\n", "2025-11-01-x/",
                 "2025-11-01-x/../../y"]
BAD_COUNTRIES = ["", "kr", "Kr", "K", "KOR", "../KR", "K/R", "KR\n", "KRX"]


def test_home_and_fixed_pages():
    assert urls.HOME == ""
    assert urls.FORMAT == "format/"
    assert urls.ASSETS_CSS == "assets/timeline.css"


def test_event_url():
    assert urls.event_url("2025-11-01-lee-xi-gyeongju-summit") == "events/2025-11-01-lee-xi-gyeongju-summit/"
    assert urls.event_url("2025-06-lee-elected") == "events/2025-06-lee-elected/"
    assert urls.event_url("2017-thaad-deployed") == "events/2017-thaad-deployed/"


@pytest.mark.parametrize("section", [section.name for section in SECTIONS])
def test_section_url(section):
    assert urls.section_url(section) == f"{section}/"
    assert urls.section_url(section, 1) == f"{section}/"
    assert urls.section_url(section, 2) == f"{section}/page/2/"
    assert urls.section_url(section, 12) == f"{section}/page/12/"


def test_sections_are_the_four_of_design():
    assert [section.name for section in SECTIONS] == ["countries", "leaders", "organisations", "years", "tags"]


@pytest.mark.parametrize("section", ["", "Countries", "../countries", "countries/", "a/b", "x\n"])
def test_section_url_refuses_what_is_not_a_slug(section):
    with pytest.raises(ValueError, match="refusing to make a URL"):
        urls.section_url(section)


def test_timeline_url_takes_two_slugs():
    assert urls.timeline_url("organisations", "apec", 2) == "organisations/apec/page/2/"
    for section, segment in (("organisations", "../x"), ("../x", "apec"), ("organisations", "APEC")):
        with pytest.raises(ValueError, match="refusing to make a URL"):
            urls.timeline_url(section, segment)


def test_country_url_is_lower_case():
    assert urls.country_url("KR") == "countries/kr/"
    assert urls.country_url("CN", 3) == "countries/cn/page/3/"
    assert urls.country_url("SUHH") == "countries/suhh/"  # ISO 3166-3 former state


def test_leader_url():
    assert urls.leader_url("xi-jinping") == "leaders/xi-jinping/"
    assert urls.leader_url("xi-jinping", 2) == "leaders/xi-jinping/page/2/"


def test_year_url():
    assert urls.year_url(2025) == "years/2025/"
    assert urls.year_url(2025, 2) == "years/2025/page/2/"
    assert urls.year_url(1) == "years/0001/"
    assert urls.year_url(9999) == "years/9999/"


def test_tag_url():
    assert urls.tag_url("summit") == "tags/summit/"
    assert urls.tag_url("summit", 2) == "tags/summit/page/2/"


@pytest.mark.parametrize("page", [0, -1])
def test_pages_start_at_one(page):
    for make in (lambda: urls.section_url("tags", page), lambda: urls.country_url("KR", page),
                 lambda: urls.leader_url("xi-jinping", page), lambda: urls.year_url(2025, page),
                 lambda: urls.tag_url("summit", page)):
        with pytest.raises(ValueError, match=f"pages start at 1, got {page}"):
            make()


@pytest.mark.parametrize("value", BAD_EVENT_IDS)
def test_event_url_refuses_bad_ids(value):
    with pytest.raises(ValueError, match="refusing to make a URL from"):
        urls.event_url(value)


@pytest.mark.parametrize("value", BAD_SLUGS)
def test_leader_and_tag_urls_refuse_bad_slugs(value):
    with pytest.raises(ValueError, match="refusing to make a URL from"):
        urls.leader_url(value)
    with pytest.raises(ValueError, match="refusing to make a URL from"):
        urls.tag_url(value)


@pytest.mark.parametrize("value", BAD_COUNTRIES)
def test_country_url_refuses_bad_codes(value):
    with pytest.raises(ValueError, match="refusing to make a URL from"):
        urls.country_url(value)


@pytest.mark.parametrize("value", [0, -2025, 10000, "2025", 2025.0, None])
def test_year_url_refuses_non_years(value):
    with pytest.raises(ValueError):
        urls.year_url(value)


@pytest.mark.parametrize("make", [urls.event_url, urls.leader_url, urls.tag_url, urls.country_url])
@pytest.mark.parametrize("value", [None, 7, ["xi-jinping"]])
def test_non_strings_are_refused(make, value):
    with pytest.raises(ValueError, match="refusing to make a URL from"):
        make(value)


def test_refusal_names_the_value():
    with pytest.raises(ValueError) as error:
        urls.leader_url("../x")
    assert str(error.value) == "refusing to make a URL from '../x'"


def test_source_path():
    assert urls.source_path("") == "index.md"
    assert urls.source_path("countries/kr/") == "countries/kr/index.md"
    assert urls.source_path("countries/kr/page/2/") == "countries/kr/page/2/index.md"
    assert urls.source_path("events/2025-11-01-x/") == "events/2025-11-01-x/index.md"


@pytest.mark.parametrize(("from_url", "to_url", "link"), [
    ("", "events/2025-11-01-x/", "events/2025-11-01-x/"),
    ("", "", "./"),
    ("", "assets/timeline.css", "assets/timeline.css"),
    ("events/2025-11-01-x/", "", "../../"),
    ("events/2025-11-01-x/", "events/2025-11-01-x/", "./"),
    ("events/2025-11-01-x/", "events/2017-y/", "../2017-y/"),
    ("events/2025-11-01-x/", "countries/kr/", "../../countries/kr/"),
    ("events/2025-11-01-x/", "contributing/", "../../contributing/"),
    ("countries/kr/", "countries/kr/page/2/", "page/2/"),
    ("countries/kr/page/2/", "countries/kr/", "../../"),
    ("countries/kr/page/2/", "countries/kr/page/3/", "../3/"),
    ("countries/kr/page/3/", "", "../../../../"),
    ("countries/", "countries/kr/", "kr/"),
    ("countries/kr/", "countries/", "../"),
    ("tags/summit/", "years/2025/", "../../years/2025/"),
    ("events/2025-11-01-x/", "https://example.org/a", "https://example.org/a"),
    ("events/2025-11-01-x/", "http://example.org/a", "http://example.org/a"),
])
def test_relative(from_url, to_url, link):
    assert urls.relative(from_url, to_url) == link


def test_relative_links_resolve_to_their_target():
    from posixpath import normpath

    pages = ["", "events/2025-11-01-x/", "countries/", "countries/kr/page/2/", "years/2025/", "format/"]
    for here in pages:
        for there in pages:
            link = urls.relative(here, there)
            resolved = normpath("/" + here + link)
            assert resolved.rstrip("/") == ("/" + there).rstrip("/"), (here, there, link)
            assert link.endswith("/")
