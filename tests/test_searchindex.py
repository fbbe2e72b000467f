"""searchindex: the index round-trips (built from a few documents, then read back by tests/search_reader.py,
which follows the worker's rules), its files stay small, and a rebuild under `mkdocs serve` reuses an unchanged
index instead of building it again.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from generator import searchindex
from generator.searchindex import (
    INDEX_DIR,
    MATERIAL_INDEX,
    STOP_WORDS,
    TERM_FILE_BYTES,
    build_index,
    order_documents,
    plain_text,
    publish_index,
    words,
)

from .search_reader import SearchReader, decode

CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}}
"""Material's search config as its plugin writes it for English."""


def doc(location: str, title: str, text: str) -> dict[str, str]:
    return {"location": location, "title": title, "text": text}


DOCS = [
    doc("about/", "About", "<p>What this site is: a timeline of world news.</p>"),
    doc("about/#sources", "Sources", "<p>Every event cites <code>sources</code>.</p>"),
    doc("events/2017-03-thaad/", "First THAAD launchers arrive", "<p>March 2017 · Osan</p><p>Launchers arrive.</p>"),
    doc("events/2025-11-01-summit/", "Lee hosts Xi for a summit", "<p>1 November 2025</p><p>A banquet, a "
        "banquet again, and trade.</p>"),
    doc("events/2025-summit-year/", "Trade summit", "<p>2025</p><p>Trade talks; one banquet.</p>"),
]
NEWEST_FIRST = ["events/2025-11-01-summit/", "events/2025-summit-year/", "events/2017-03-thaad/"]


def publish(site: Path, docs: list[dict], previous: searchindex.SearchIndex | None = None,
            config: dict | None = None) -> searchindex.SearchIndex | None:
    """What Material's search plugin writes, then what the timeline plugin makes of it."""
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / MATERIAL_INDEX).write_text(json.dumps({"config": config or CONFIG, "docs": docs}), "utf-8")
    return publish_index(site, NEWEST_FIRST, previous)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    publish(tmp_path, DOCS)
    return tmp_path


# -- text and words --------------------------------------------------------------------------------------------


def test_plain_text_is_material_s_html_as_lines_of_text():
    assert plain_text("Data format <p>Every file under <code>events/</code> is checked.</p><ul><li>one</li>"
                      "<li>two &amp; three</li></ul>") == "Data format\nEvery file under events/ is checked.\none\n" \
                                                         "two & three"
    # Material escapes the text it indexes: markup written in the data is text, and comes back as text.
    assert plain_text("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</p>") == \
        "<script>alert(1)</script> &lt;b&gt;"
    assert plain_text("Cafe\u0301") == "Café"  # NFC, as the worker normalises queries


def test_words_are_lower_case_without_stop_words():
    assert words("The Leaders of Asia-Pacific met in 2025, in Gyeongju_City; Göttingen 東京") == \
        ["leaders", "asia", "pacific", "met", "2025", "gyeongju_city", "göttingen", "東京"]
    assert words("The end", frozenset()) == ["the", "end"]


def test_events_come_newest_first_after_the_other_pages_with_sections_behind_their_page():
    shuffled = [DOCS[2], DOCS[0], DOCS[4], DOCS[1], DOCS[3]]
    assert [d["location"] for d in order_documents(shuffled, NEWEST_FIRST)] == [
        "about/", "about/#sources", "events/2025-11-01-summit/", "events/2025-summit-year/", "events/2017-03-thaad/"]


# -- the index read back -----------------------------------------------------------------------------------------


def test_a_word_finds_each_document_that_has_it_once(site):
    reader = SearchReader(site)
    assert reader.find("launchers") == ["events/2017-03-thaad/"]
    assert reader.find("osan") == ["events/2017-03-thaad/"]
    assert reader.find("sources") == ["about/#sources"]
    assert reader.find("nowhere") == []


def test_ties_go_to_the_title_then_to_repeated_words_then_to_the_newest(site):
    reader = SearchReader(site)
    # trade: in a title (summit-year), then in a text once, newest first among equals.
    assert reader.find("trade") == ["events/2025-summit-year/", "events/2025-11-01-summit/"]
    # banquet: twice in one text beats once in another.
    assert reader.find("banquet") == ["events/2025-11-01-summit/", "events/2025-summit-year/"]
    # summit: in two titles, the newer first.
    assert reader.find("summit") == ["events/2025-11-01-summit/", "events/2025-summit-year/"]


def test_every_word_matches_as_a_prefix_and_more_words_matched_rank_first(site):
    reader = SearchReader(site)
    assert reader.find("launch") == ["events/2017-03-thaad/"]
    # thaad is in a title, but the others have two of the words.
    hits, matched = reader.search("thaad banquet trade")
    assert [hit.location for hit in hits] == ["events/2025-summit-year/", "events/2025-11-01-summit/",
                                              "events/2017-03-thaad/"]
    assert hits[2].terms == {"thaad": True, "banquet": False, "trade": False} and matched == 3


def test_stop_words_are_not_indexed_unless_material_s_pipeline_keeps_them(tmp_path):
    publish(tmp_path / "a", DOCS)
    assert SearchReader(tmp_path / "a").words("what is this") == []
    assert "what" not in json.loads((tmp_path / "a" / MATERIAL_INDEX).read_text())["config"]["timeline"]["terms"]
    publish(tmp_path / "b", DOCS, config={**CONFIG, "pipeline": []})
    assert SearchReader(tmp_path / "b").find("what") == ["about/"]


def test_documents_keep_their_title_text_and_page(site):
    rows = SearchReader(site).documents()
    assert rows[1] == ["about/#sources", "Sources", "Every event cites sources.", "About"]
    assert rows[2] == ["events/2025-11-01-summit/", "Lee hosts Xi for a summit",
                       "1 November 2025\nA banquet, a banquet again, and trade.", ""]


def test_a_long_text_keeps_its_start_and_every_word_is_still_found(tmp_path):
    text = " ".join(f"word{number}" for number in range(400))
    publish(tmp_path, [doc("events/long/", "Long", f"<p>{text}</p>")])
    reader = SearchReader(tmp_path)
    [row] = reader.documents()
    assert len(row[2]) <= searchindex.TEXT_CHARS + 2 and row[2].endswith(" …") and row[2].startswith("word0 word1 ")
    assert reader.find("word399") == ["events/long/"]


def test_hostile_text_is_stored_as_the_text_it_is(tmp_path):
    title = 'Title <script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" & {{ config }}'
    publish(tmp_path, [doc("events/x/", title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
                           "<p>&lt;b&gt;bold&lt;/b&gt;</p>")])
    reader = SearchReader(tmp_path)
    [row] = reader.documents()
    assert row[1] == title and row[2] == "<b>bold</b>"  # the worker escapes it; the browser tests show it as text
    assert reader.find("onerror") == ["events/x/"]
    stub = (tmp_path / MATERIAL_INDEX).read_text("utf-8")
    assert "alert" not in stub and "onerror" not in stub


def test_sets_of_documents_round_trip_as_bitsets_and_as_delta_varints():
    rng = random.Random(13)
    for count in (1, 7, 8, 9, 300, 5000):
        for ids in ([0], [count - 1], list(range(count)), sorted(rng.sample(range(count), min(count, 3))),
                    sorted(rng.sample(range(count), count // 2))):
            packed = searchindex._encode(ids, count)
            assert decode(packed, count) == ids, (count, packed)
    assert searchindex._encode(list(range(1000)), 1000)[0] == "b"  # dense: a bitset
    assert searchindex._encode([3, 900], 1000)[0] == "d"  # sparse: 900 - 3 needs a two-byte varint
    assert searchindex._encode([], 10) == ""


def test_terms_are_grouped_by_prefix_into_small_files_that_cover_every_term():
    rng = random.Random(7)
    vocabulary = sorted({"".join(rng.choice("abcdefg") for _ in range(rng.randint(1, 9))) for _ in range(3000)})
    docs = [doc(f"events/e{number}/", "", "<p>" + " ".join(rng.sample(vocabulary, 40)) + "</p>")
            for number in range(2000)]
    index = build_index(docs, frozenset())
    table = index.settings["terms"]
    assert len(table) > 10 and index.settings["prefetch"] == []  # a large index is fetched a few files at a time
    for prefix, (number, size) in table.items():
        terms = json.loads(index.files[f"t/{number}.json"])
        assert size == len(index.files[f"t/{number}.json"])
        assert size <= TERM_FILE_BYTES or len(terms) == 1, prefix
        assert all(term.startswith(prefix) for term in terms)
    filed = {term for number, _ in table.values() for term in json.loads(index.files[f"t/{number}.json"])}
    assert filed == set(vocabulary) & {word for d in docs for word in d["text"][3:-4].split()}


def test_the_same_documents_give_the_same_files_and_fingerprint():
    first, second = build_index(order_documents(DOCS, NEWEST_FIRST)), build_index(order_documents(DOCS, NEWEST_FIRST))
    assert first == second
    assert build_index(DOCS).fingerprint != first.fingerprint  # another order is another index


# -- publishing it into the site ---------------------------------------------------------------------------------


def test_material_s_file_becomes_its_config_and_the_worker_s_settings(site):
    data = json.loads((site / MATERIAL_INDEX).read_text("utf-8"))
    assert data["docs"] == [] and set(data["config"]) == {*CONFIG, "timeline"}
    settings = data["config"]["timeline"]
    index = (site / INDEX_DIR).iterdir().__next__()
    assert settings["index"] == f"{INDEX_DIR}/{index.name}/"
    assert (settings["format"], settings["docs"], settings["stop"]) == (1, 5, sorted(STOP_WORDS))
    assert settings["settle_ms"] == 0  # one term file, cached after the first key: nothing to wait for
    assert sorted(path.relative_to(index).as_posix() for path in index.rglob("*.json")) == ["d/0.json", "t/0.json"]
    assert settings["prefetch"] == ["d/0.json", "t/0.json"]  # small: all of it at the first key


def test_a_small_index_is_one_term_file_whatever_its_prefixes():
    rng = random.Random(11)
    vocabulary = sorted({"".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 8))) for _ in range(1500)})
    docs = [doc(f"events/e{number}/", "", "<p>" + " ".join(rng.sample(vocabulary, 60)) + "</p>")
            for number in range(40)]
    index = build_index(docs, frozenset())
    assert sum(len(content) for path, content in index.files.items() if path.startswith("t/")) > TERM_FILE_BYTES
    assert list(index.settings["terms"]) == [""] and index.settings["settle_ms"] == 0
    assert index.settings["prefetch"] == sorted(index.files)


def test_a_site_with_nothing_to_find_gets_an_empty_index(tmp_path):
    publish(tmp_path, [])
    reader = SearchReader(tmp_path)
    assert (reader.settings["docs"], reader.settings["terms"], reader.documents()) == (0, {}, [])
    assert reader.folder.is_dir()


def test_a_site_without_search_is_left_alone(tmp_path):
    assert publish_index(tmp_path, NEWEST_FIRST) is None
    assert list(tmp_path.iterdir()) == []


def test_a_rebuild_with_the_same_documents_reuses_the_index(tmp_path, monkeypatch):
    built = []
    monkeypatch.setattr(searchindex, "build_index", lambda docs, stop: built.append(len(docs)) or
                        build_index(docs, stop))
    first = publish(tmp_path, DOCS)
    assert built == [5]
    # MkDocs cleans the site before a rebuild: the index is written again from memory, not built again.
    shutil.rmtree(tmp_path / INDEX_DIR)
    again = publish(tmp_path, DOCS, first)
    assert again is first and built == [5]
    assert SearchReader(tmp_path).find("launchers") == ["events/2017-03-thaad/"]


def test_a_rebuild_with_a_changed_document_indexes_again_and_keeps_the_last_index_only(tmp_path):
    first = publish(tmp_path, DOCS)
    changed = [*DOCS[:4], doc("events/2025-summit-year/", "Trade summit", "<p>Quokka talks.</p>")]
    second = publish(tmp_path, changed, first)
    assert second is not None and first is not None and second.fingerprint != first.fingerprint
    assert SearchReader(tmp_path).find("quokka") == ["events/2025-summit-year/"]
    # Pages opened before the rebuild may still read the previous index; the one before it goes.
    third = publish(tmp_path, DOCS, second)
    assert third is not None
    assert sorted(path.name for path in (tmp_path / INDEX_DIR).iterdir()) == \
        sorted([second.fingerprint, third.fingerprint])


def test_a_file_already_published_is_not_read_as_material_s(site):
    before = (site / MATERIAL_INDEX).read_bytes()
    assert publish_index(site, NEWEST_FIRST) is None
    assert (site / MATERIAL_INDEX).read_bytes() == before
