"""The data format: every field rule as `timeline check` reports it, and the JSON Schema made from the models."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.schema import SCHEMAS, Event, Leader, Office, Source, Tag, json_schema

from .conftest import EVENT_PATH, VALID_EVENT, run_check, write

PATH = EVENT_PATH
REPO = Path(__file__).parent.parent
VALID = VALID_EVENT
COUNTRY = "expected an ISO 3166-1 alpha-2 code such as 'KR', or an ISO 3166-3 code of a former state such as 'SUHH'"


def test_valid_event(check_event):
    assert check_event(VALID) == []


# Keys ------------------------------------------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(check_event):
    assert check_event(VALID + "locaton: Gyeongju\n") == [
        f"{PATH}:10:1: locaton: unknown field; expected one of: title, date, countries, leaders, organisations, "
        f"tags, location, summary, sources, related, status, corrections (did you mean 'location'?)",
    ]


def test_unknown_key_without_a_close_one(check_event):
    assert check_event(VALID + "importance: high\n") == [
        f"{PATH}:10:1: importance: unknown field; expected one of: title, date, countries, leaders, "
        f"organisations, tags, location, summary, sources, related, status, corrections",
    ]


def test_unknown_key_in_a_source(check_event):
    assert check_event(VALID.replace("    quote:", "    qoute:")) == [
        f"{PATH}:6:5: sources[0].quote: required field is missing",
        f"{PATH}:9:5: sources[0].qoute: unknown field; expected one of: publisher, title, date, url, archive_url, "
        f"quote (did you mean 'quote'?)",
    ]


def test_missing_required_fields(check_event):
    text = VALID.replace("summary: Lee hosted Xi.\n", "").replace("    title: Lee asks Xi for help\n", "")
    assert check_event(text.replace("    quote: Lee hosted Xi.\n", "")) == [
        f"{PATH}:1:1: summary: required field is missing",
        f"{PATH}:5:5: sources[0].quote: required field is missing",
        f"{PATH}:5:5: sources[0].title: required field is missing",
    ]


def test_not_a_mapping(check_event):
    assert check_event("- title: Lee hosts Xi\n") == [
        f"{PATH}:1:1: (document): expected a mapping of fields, got a list",
    ]


# Types -------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: Lee hosts Xi", "title: true",
         "1:8: title: expected text, got true (a boolean; quote it if you mean text)"),
        ("summary: Lee hosted Xi.", "summary: FALSE",
         "4:10: summary: expected text, got false (a boolean; quote it if you mean text)"),
        ("title: Lee hosts Xi", "title: [Lee, Xi]", "1:8: title: expected text, got a list"),
        ("title: Lee hosts Xi", "title: {Lee: Xi}", "1:8: title: expected text, got a mapping"),
        ("title: Lee hosts Xi", "title:", "1:7: title: expected text, got nothing"),
        ("countries: [KR, CN]", "countries: {KR: CN}", "3:12: countries: expected a list, got a mapping"),
        ("countries: [KR, CN]", "countries: KR", "3:12: countries: expected a list, got 'KR'"),
        ("countries: [KR, CN]", "countries: [KR, true]",
         "3:17: countries[1]: expected text, got true (a boolean; quote it if you mean text)"),
        ("  - publisher: Reuters\n    title: Lee asks Xi for help\n    date: 2025-11-01\n    quote: Lee hosted Xi.",
         "  - Reuters", "6:5: sources[0]: expected a mapping of fields, got 'Reuters'"),
    ],
)
def test_wrong_types(check_event, old, new, expected):
    assert old in VALID
    assert check_event(VALID.replace(old, new)) == [f"{PATH}:{expected}"]


def test_a_number_written_for_text_is_kept_as_written():
    assert Event.model_validate({**_valid_dict(), "title": "2025"}).title == "2025"


def test_empty_countries(check_event):
    assert check_event(VALID.replace("[KR, CN]", "[]")) == [
        f"{PATH}:3:12: countries: expected at least 1 item(s), got none",
    ]


def test_no_sources(check_event):
    assert check_event(VALID.split("sources:")[0] + "sources: []\n") == [
        f"{PATH}:5:10: sources: expected at least 1 item(s), got none",
    ]


def test_empty_optional_list_means_none():
    assert Event.model_validate({**_valid_dict(), "leaders": None}).leaders == []


def test_title_too_long(check_event):
    assert check_event(VALID.replace("title: Lee hosts Xi", "title: " + "x" * 301)) == [
        f"{PATH}:1:8: title: expected at most 300 characters, got 301",
    ]


# Countries ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("kr", f"3:13: countries[0]: {COUNTRY}, got 'kr' (did you mean 'KR', South Korea?)"),
        ("UK", f"3:13: countries[0]: {COUNTRY}, got 'UK' (did you mean 'GB', United Kingdom?)"),
        ("South Korea", f"3:13: countries[0]: {COUNTRY}, got 'South Korea' (did you mean 'KR', South Korea?)"),
        ("Republic of Korea",
         f"3:13: countries[0]: {COUNTRY}, got 'Republic of Korea' (did you mean 'KR', South Korea?)"),
        ("Korea", f"3:13: countries[0]: {COUNTRY}, got 'Korea'"),  # North or South: no guess
        ("XX", f"3:13: countries[0]: {COUNTRY}, got 'XX'"),
        ("KOR", f"3:13: countries[0]: {COUNTRY}, got 'KOR'"),
    ],
)
def test_bad_country_code(check_event, code, expected):
    assert check_event(VALID.replace("[KR, CN]", f"[{code}]")) == [f"{PATH}:{expected}"]


@pytest.mark.parametrize("code", ["NO", "SUHH", "DDDE", "KP", "TW"])
def test_good_country_code(code):
    assert Event.model_validate({**_valid_dict(), "countries": [code]}).countries == [code]


# URLs ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "expected an http or https URL, got 'javascript:alert(1)'"),
        ("JavaScript:alert(1)", "expected an http or https URL, got 'JavaScript:alert(1)'"),
        ("data:text/html,<script>alert(1)</script>",
         "expected an http or https URL, got 'data:text/html,<script>alert(1)</script>'"),
        ("ftp://example.com/story", "expected an http or https URL, got 'ftp://example.com/story'"),
        ("//example.com/story", "expected an http or https URL, got '//example.com/story'"),
        ("https://", "expected a URL such as 'https://www.reuters.com/world/', got 'https://'"),
        ("https://reuters.com@evil.example/", "expected a URL such as 'https://www.reuters.com/world/', "
                                              "got 'https://reuters.com@evil.example/'"),
        ("https://example.com/a story", "expected a URL such as 'https://www.reuters.com/world/', "
                                        "got 'https://example.com/a story'"),
    ],
)
def test_bad_url(check_event, url, message):
    assert check_event(VALID + f"    url: '{url}'\n") == [f"{PATH}:10:10: sources[0].url: {message}"]


def test_bad_archive_url(check_event):
    assert check_event(VALID + "    archive_url: ftp://archive.example/x\n") == [
        f"{PATH}:10:18: sources[0].archive_url: expected an http or https URL, got 'ftp://archive.example/x'",
    ]


@pytest.mark.parametrize("url", ["https://www.reuters.com/world/asia-pacific/x-2025-11-01/", "http://apnews.com/?q=1#a",
                                 "https://news.example-press.com/a"])
def test_good_url(url):
    source = Source.model_validate({"publisher": "Reuters", "title": "x", "date": "2025", "url": url, "quote": "x"})
    assert source.url == url


@pytest.mark.parametrize("url", ["https://example.com/story", "https://www.example.org/x", "http://news.example/a",
                                 "https://reuters.invalid/x", "https://www.reuters.com/world/..."])
def test_placeholder_url(check_event, url):
    assert check_event(VALID + f"    url: '{url}'\n") == [
        f"{PATH}:10:10: sources[0].url: expected the article's own address, got the placeholder {url!r}; leave the "
        f"field out rather than guess one",
    ]


# Sources ------------------------------------------------------------------------------------------------------------


def test_a_source_needs_a_publisher_or_a_url(check_event):
    assert check_event(VALID.replace("  - publisher: Reuters\n    title", "  - title")) == [
        f"{PATH}:6:5: sources[0]: expected a publisher or a url (or both), got neither; name who published the "
        f"article, or give its address",
    ]


def test_a_url_without_a_publisher_is_a_source(check_event):
    url = "https://www.reuters.com/world/asia-pacific/lee-xi-2025-11-01/"
    assert check_event(VALID.replace("  - publisher: Reuters\n    title", f"  - url: {url}\n    title")) == []


def test_a_source_needs_a_quote(check_event):
    assert check_event(VALID.replace("    quote: Lee hosted Xi.\n", "")) == [
        f"{PATH}:6:5: sources[0].quote: required field is missing",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("publisher: Reuters", "publisher: Unknown",
         "6:16: sources[0].publisher: expected what the source says, got the placeholder 'Unknown'; leave it out "
         "when the article names none, and give its url"),
        ("publisher: Reuters", "publisher: n/a",
         "6:16: sources[0].publisher: expected what the source says, got the placeholder 'n/a'; leave it out when "
         "the article names none, and give its url"),
        ("publisher: Reuters", "publisher: 'N/A.'",
         "6:16: sources[0].publisher: expected what the source says, got the placeholder 'N/A.'; leave it out when "
         "the article names none, and give its url"),
        ("title: Lee asks Xi for help", "title: TBD",
         "7:12: sources[0].title: expected what the source says, got the placeholder 'TBD'; copy the article's "
         "headline"),
        ("quote: Lee hosted Xi.", "quote: '...'",
         "9:12: sources[0].quote: expected what the source says, got the placeholder '...'; copy the article's own "
         "words that support the event"),
        ("summary: Lee hosted Xi.", "summary: Lee hosted Xi.\nlocation: Unknown",
         "5:11: location: expected what the source says, got the placeholder 'Unknown'; leave it out when the "
         "sources do not say"),
    ],
)
def test_placeholders_are_problems(check_event, old, new, expected):
    assert old in VALID
    assert check_event(VALID.replace(old, new)) == [f"{PATH}:{expected}"]


@pytest.mark.parametrize("publisher", ["Unknown Worlds", "None of the Above Press", "N/A Media", "Nanjing Daily"])
def test_names_that_merely_contain_a_placeholder_word_are_kept(publisher):
    source = {"publisher": publisher, "title": "x", "date": "2025", "quote": "x"}
    assert Source.model_validate(source).publisher == publisher


# Text -------------------------------------------------------------------------------------------------------------


def test_bidi_override_is_rejected(check_event):
    assert check_event(VALID.replace("title: Lee hosts Xi", 'title: "Lee hosts \\u202Eix"')) == [
        f"{PATH}:1:8: title: expected visible text, got the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); "
        f"delete it",
    ]


def test_zero_width_space_is_rejected(check_event):
    assert check_event(VALID.replace("publisher: Reuters", "publisher: Reu\u200bters")) == [
        f"{PATH}:6:16: sources[0].publisher: expected visible text, got the invisible character U+200B "
        f"(ZERO WIDTH SPACE); delete it",
    ]


def test_zero_width_joiner_is_kept():
    # Needed to write Persian, Indic scripts and emoji.
    title = "Pezeshkian says \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert Event.model_validate({**_valid_dict(), "title": title}).title == title


def test_nfd_text_becomes_nfc(check_event):
    nfd = unicodedata.normalize("NFD", "Café summit in Hà Nội")
    assert nfd != unicodedata.normalize("NFC", nfd)
    event = Event.model_validate({**_valid_dict(), "title": nfd, "summary": nfd, "location": nfd})
    assert event.title == event.summary == event.location == "Café summit in Hà Nội"
    assert unicodedata.is_normalized("NFC", event.title)
    assert Leader.model_validate({"name": unicodedata.normalize("NFD", "Lê Minh"), "country": "VN"}).name == "Lê Minh"
    assert check_event(VALID.replace("Lee hosts Xi", nfd)) == []


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ('title: "Lee hosts\\nXi"', "1:8: title: expected one line of text, got a line break"),
        ("title: |\n  Lee hosts\n  Xi", "1:8: title: expected one line of text, got a line break"),
        ('title: "Lee\\thosts Xi"', "1:8: title: expected text, got the control character U+0009; delete it"),
        ('title: "  "', "1:8: title: expected text, got an empty value"),
    ],
)
def test_title_must_be_one_line_of_text(check_event, new, expected):
    assert check_event(VALID.replace("title: Lee hosts Xi", new)) == [f"{PATH}:{expected}"]


def test_folded_title_is_one_line():
    assert Event.model_validate({**_valid_dict(), "title": "Lee hosts Xi"}).title == "Lee hosts Xi"


def test_summary_may_have_several_lines():
    summary = "Lee hosted Xi.\n\nThey talked.\n"
    assert Event.model_validate({**_valid_dict(), "summary": summary}).summary == summary


# Ids ------------------------------------------------------------------------------------------------------------


def test_ids_must_be_slugs_with_an_example_of_their_own_kind(check_event):
    text = VALID + "leaders: [Xi Jinping]\ntags: [Summit Meetings]\nrelated: [../../etc/passwd]\n"
    assert check_event(text) == [
        f"{PATH}:10:11: leaders[0]: expected lower-case words of a-z and 0-9 joined by '-', such as 'xi-jinping', "
        f"got 'Xi Jinping'",
        f"{PATH}:11:8: tags[0]: expected lower-case words of a-z and 0-9 joined by '-', such as 'diplomacy', "
        f"got 'Summit Meetings'",
        f"{PATH}:12:11: related[0]: expected an event id such as '2025-11-01-lee-xi-gyeongju-summit', "
        f"got '../../etc/passwd'",
    ]


# Leaders and tags ---------------------------------------------------------------------------------------------------


def test_bad_leader(events):
    write(events, "leaders/xi-jinping.yml",
          "name: Xi Jinping\ncountry: China\nwikidata: X15031\noffices:\n  - title: President\n    ende: 2023\n")
    result = run_check("events")
    assert result.stdout.splitlines() == [
        f"events/leaders/xi-jinping.yml:2:10: country: {COUNTRY}, got 'China' (did you mean 'CN', China?)",
        "events/leaders/xi-jinping.yml:3:11: wikidata: expected text matching ^Q[1-9][0-9]*$, got 'X15031'",
        "events/leaders/xi-jinping.yml:6:5: offices[0].ende: unknown field; expected one of: title, start, end, source "
        "(did you mean 'end'?)",
    ]


def test_bad_tags(events):
    write(events, "tags.yml", "diplomacy:\n  label: Diplomacy\n  descripton: x\nSummit Meetings:\n  label: S\n"
                              "  description: S\nsummit: Summits\n")
    result = run_check("events")
    assert result.stdout.splitlines() == [
        "events/tags.yml:2:3: diplomacy.description: required field is missing",
        "events/tags.yml:3:3: diplomacy.descripton: unknown field; expected one of: label, description "
        "(did you mean 'description'?)",
        "events/tags.yml:4:1: Summit Meetings: expected lower-case words of a-z and 0-9 joined by '-', such as "
        "'diplomacy', got 'Summit Meetings'",
        "events/tags.yml:7:9: summit: expected a mapping of fields, got 'Summits'",
    ]


# JSON Schema -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Event, Source, Leader, Office, Tag], ids=lambda model: model.__name__)
def test_every_field_has_a_description(model: type[BaseModel]):
    assert model.__doc__
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert missing == [], f"give these fields of {model.__name__} a one-line docstring: {missing}"


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_json_schema_property_has_a_description(name):
    schema = json.loads(json_schema(name))
    objects = [schema, *schema.get("$defs", {}).values()]
    missing = [f"{obj.get('title')}.{key}" for obj in objects for key, prop in obj.get("properties", {}).items()
               if "description" not in prop]
    assert missing == []
    assert all(obj.get("description") for obj in objects)


def test_json_schema_forbids_unknown_keys():
    schema = json.loads(json_schema("event"))
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Source"]["additionalProperties"] is False
    assert schema["required"] == ["title", "date", "countries", "summary", "sources"]


def _valid_dict() -> dict:
    return {
        "title": "Lee hosts Xi",
        "date": "2025-11-01",
        "countries": ["KR"],
        "summary": "Lee hosted Xi.",
        "sources": [{"publisher": "Reuters", "title": "Lee asks Xi for help", "date": "2025-11-01",
                     "quote": "Lee hosted Xi."}],
    }


def test_a_word_mixing_latin_and_cyrillic_look_alikes_is_rejected(check_event):
    # 'Lее': a Latin L followed by two Cyrillic е (U+0435).
    assert check_event(VALID.replace("title: Lee hosts Xi", "title: L\u0435\u0435 hosts Xi")) == [
        f"{PATH}:1:8: title: expected each word in one script, got 'L\u0435\u0435' mixing Cyrillic and Latin letters "
        "(a look-alike character?); retype it",
    ]


def test_names_in_one_script_each_are_kept():
    from generator.schema import Leader

    leader = Leader.model_validate({"name": "Vladimir Putin", "native_name": "Владимир Путин", "country": "RU",
                                    "aliases": ["Ελληνικά", "São Tomé", "習近平 Xi"]})
    assert leader.native_name == "Владимир Путин"


def test_reserved_device_names_are_not_ids(check_event):
    assert check_event(VALID + "tags: [con]\n") == [
        f"{PATH}:10:8: tags[0]: expected an id that is not a reserved device name, got 'con'",
    ]


# Sourced registries and organisations --------------------------------------------------------------------------

LEADER_SOURCE = ("sources:\n  - publisher: Yonhap\n    title: Xi visits\n    date: 2014-07\n"
                 "    quote: Xi Jinping, the Chinese president, arrived.\n")


def test_an_office_date_needs_a_source(events):
    write(events, "leaders/xi-jinping.yml",
          "name: Xi Jinping\ncountry: CN\noffices:\n  - title: President of China\n    start: 2013-03\n")
    assert run_check("events").stdout.splitlines() == [
        "events/leaders/xi-jinping.yml:5:12: offices[0].start: expected a source that supports this date, got none; "
        "add the article to this file's sources (`source: N` names which one), or leave the date out",
    ]


def test_an_office_names_a_source_the_file_has(events):
    write(events, "leaders/xi-jinping.yml", "name: Xi Jinping\ncountry: CN\noffices:\n  - title: President of China\n"
                                            "    start: 2013-03\n    source: 2\n" + LEADER_SOURCE)
    assert run_check("events").stdout.splitlines() == [
        "events/leaders/xi-jinping.yml:6:13: offices[0].source: expected the number of one of this file's 1 "
        "source(s), got 2",
    ]


def test_an_office_date_with_the_file_s_sources_passes(events):
    write(events, "leaders/xi-jinping.yml", "name: Xi Jinping\ncountry: CN\noffices:\n  - title: President of China\n"
                                            "    start: 2013-03\n" + LEADER_SOURCE)
    assert run_check("events").exit_code == 0


def test_organisations_are_a_registry_events_name(events, check_event):
    write(events, "organisations/apec.yml", "name: APEC\nkind: intergovernmental\n")
    write(events, "organisations/Hanwha Ocean.yml", "name: Hanwha Ocean\nkind: company\ncountry: KR\n")
    write(events, "organisations/xinhua.yml", "name: Xinhua\nkind: wire\n")
    assert check_event(VALID + "organisations: [apex]\n") == [
        "events/2025/2025-11-01-test-event.yml:10:17: organisations[0]: expected an id defined in "
        "events/organisations/, got 'apex' (did you mean 'apec'?)",
        "events/organisations/Hanwha Ocean.yml:1:1: file: expected an organisation id such as 'apec' as the file "
        "name, got 'Hanwha Ocean' (try 'hanwha-ocean.yml')",
        "events/organisations/xinhua.yml:2:7: kind: expected one of 'intergovernmental', 'government-body', "
        "'company', 'news-agency', 'political-party', 'non-governmental', 'armed-group' or 'other', got 'wire'",
    ]
