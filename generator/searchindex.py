"""The site's search index, cut into small files that the search box fetches a few at a time.

Material's search plugin still decides what is searchable and writes its documents to search/search_index.json;
after the build they are indexed here, and that file shrinks to Material's config plus the worker's settings
(`config.timeline`), which Material's bundle fetches on every page and hands to the search worker
(generator/theme/assets/timeline-search.js). Under <site>/search-index/<fingerprint>/:

  t/<n>.json  the terms that share one prefix: {term: [in the title, twice or more in the text, once], ...}, each
              a set of document numbers: "b" + base64 of a bitset, "d" + base64 of delta varints, or "" when empty
  d/<n>.json  documents n*16 .. n*16+15: [location, title, text (plain, its start), its page's title or ""]

Documents are numbered hand-written pages first, then events newest first: ties in relevance go to the newest
event, and the best results of a query sit in few document files. The folder is named by the fingerprint of
what was indexed, so a browser holding an older stub never mixes two builds' files.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 1
"""The layout above; the worker refuses any other (a cached worker meeting a newer index, or the reverse)."""
INDEX_DIR = "search-index"
MATERIAL_INDEX = "search/search_index.json"
TERM_FILE_BYTES = 24_000
"""A prefix is split into longer ones until its terms fit in a file this size (or it is one term)."""
DOC_FILE = 16
"""Documents per document file."""
SMALL_INDEX = 64_000
"""An index whose terms take at most this many bytes is one term file, and when all its files together are at most
twice this, the worker fetches every one of them at the first key: a small site answers as soon as the last key
is typed, as Material's single index does, while fetching less."""
TEXT_CHARS = 480
"""How much of a document's text is kept for its teaser."""
WORKER = {"limit": 20, "all_below": 50, "prefix_bytes": 64_000, "settle_ms": 30}
"""The worker's settings: the best `limit` results are shown (all up to `all_below`); a word shorter than the
term-file prefixes it spans is searched once those files are at most `prefix_bytes`; a query is scored once the
keys have settled for `settle_ms` (not at all when the index is one file, cached after the first key)."""

_LUNR_STOP_WORDS = (
    "a able about across after all almost also am among an and any are as at be because been but by can cannot "
    "could dear did do does either else ever every for from get got had has have he her hers him his how however "
    "i if in into is it its just least let like likely may me might most must my neither no nor not of off often "
    "on only or other our own rather said say says she should since so some than that the their them then there "
    "these they this tis to too twas us wants was we were what when where which while who whom why will with "
    "would yet you your")
STOP_WORDS = frozenset(_LUNR_STOP_WORDS.split())
"""lunr's English stop words, which Material's "stopWordFilter" pipeline drops from the index and the query."""
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|pre|br|h[1-6]|blockquote|div|tr|dd|dt)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
"""A word: letters, digits and underscores; the worker's is /[\\p{L}\\p{N}_]+/u, the same classes."""

Document = Mapping[str, Any]
"""One of Material's search documents: {"location": "events/x/" or "about/#anchor", "title": HTML, "text": HTML}."""


@dataclass(frozen=True)
class SearchIndex:
    """A built index: the fingerprint of what it holds, the worker's settings, and its files by path."""

    fingerprint: str
    settings: dict[str, Any]
    files: dict[str, bytes]


def plain_text(markup: str) -> str:
    """The text of Material's HTML, a line per paragraph, entities decoded, NFC: what the worker escapes and shows."""
    # Material's text keeps a few tags (p, li, code, pre, ...): blocks become lines, inline tags go.
    lines = html.unescape(_TAG.sub("", _BLOCK.sub("\n", markup))).split("\n")
    text = "\n".join(line for line in (" ".join(line.split()) for line in lines) if line)
    return unicodedata.normalize("NFC", text)


def words(text: str, stop: frozenset[str] = STOP_WORDS) -> list[str]:
    """The words of a text as the index holds them: lower case, stop words left out."""
    return [word for word in _WORD.findall(text.lower()) if word not in stop]


def order_documents(docs: Iterable[Document], newest_first: Sequence[str]) -> list[Document]:
    """Material's documents with the events' pages (and their sections) in the given order, after every other page."""
    rank = {url: position for position, url in enumerate(newest_first)}

    def place(doc: Document) -> tuple[int, int]:
        position = rank.get(doc["location"].split("#")[0])
        return (0, 0) if position is None else (1, position)

    # A stable sort: other pages keep Material's order, and each page's sections stay behind it.
    return sorted(docs, key=place)


def fingerprint(docs: Sequence[Document], stop: frozenset[str]) -> str:
    """Changes when anything the index is built from changes: the documents, their order, the format, the settings."""
    text = json.dumps([FORMAT, WORKER, sorted(stop), [[doc["location"], doc["title"], doc["text"]] for doc in docs]],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def build_index(docs: Sequence[Document], stop: frozenset[str] = STOP_WORDS) -> SearchIndex:
    """The index of documents already in their order (order_documents)."""
    count = len(docs)
    pages = {doc["location"]: _one_line(plain_text(doc["title"])) for doc in docs if "#" not in doc["location"]}
    postings: dict[str, tuple[list[int], list[int], list[int]]] = defaultdict(lambda: ([], [], []))
    rows: list[list[str]] = []
    for number, doc in enumerate(docs):
        location = doc["location"]
        title = _one_line(plain_text(doc["title"]))
        text = plain_text(doc["text"])
        page = location.split("#")[0]
        rows.append([location, title, _teaser(text), pages.get(page, "") if page != location else ""])
        in_title = set(words(title, stop))
        frequency: dict[str, int] = defaultdict(int)
        for word in words(text, stop):
            frequency[word] += 1
        for word in in_title:
            postings[word][0].append(number)
        for word, times in frequency.items():
            if word not in in_title:
                postings[word][1 if times > 1 else 2].append(number)
    encoded = {term: [_encode(ids, count) for ids in tiers] for term, tiers in postings.items()}
    # Each term's bytes in its file: "term":["…","…","…"] and a comma.
    sizes = {term: len(_json(term)) + len(_json(tiers)) + 2 for term, tiers in encoded.items()}
    grouped: dict[str, dict[str, list[str]]] = defaultdict(dict)
    whole = sum(sizes.values()) <= SMALL_INDEX
    for term, prefix in (dict.fromkeys(sizes, "") if whole else _prefixes(sizes, TERM_FILE_BYTES)).items():
        grouped[prefix][term] = encoded[term]
    files: dict[str, bytes] = {}
    table: dict[str, list[int]] = {}
    for number, (prefix, terms) in enumerate(sorted(grouped.items())):
        files[f"t/{number}.json"] = _json(dict(sorted(terms.items())))
        table[prefix] = [number, len(files[f"t/{number}.json"])]
    for start in range(0, count, DOC_FILE):
        files[f"d/{start // DOC_FILE}.json"] = _json(rows[start:start + DOC_FILE])
    prefetch = sorted(files) if whole and sum(map(len, files.values())) <= 2 * SMALL_INDEX else []
    settings = {"format": FORMAT, "docs": count, "doc_file": DOC_FILE, "terms": table, "stop": sorted(stop),
                **WORKER, "settle_ms": WORKER["settle_ms"] if len(table) > 1 else 0, "prefetch": prefetch}
    return SearchIndex(fingerprint(docs, stop), settings, files)


def publish_index(site: Path, newest_first: Sequence[str], previous: SearchIndex | None = None) -> SearchIndex | None:
    """Index what Material's search plugin wrote into the site and shrink its file; None for a site without search."""
    # Under `mkdocs serve`, `previous` is the last build's index: used again when nothing searchable changed, its
    # files written again only if the site lost them (MkDocs cleans the site before each build).
    source = site / MATERIAL_INDEX
    if not source.is_file():
        return None
    material = json.loads(source.read_text(encoding="utf-8"))
    if "timeline" in material["config"]:
        return previous  # already published by an earlier call on this build
    pipeline = material["config"].get("pipeline") or []
    stop = STOP_WORDS if "stopWordFilter" in pipeline else frozenset()
    docs = order_documents(material["docs"], newest_first)
    index = previous
    if index is None or index.fingerprint != fingerprint(docs, stop):
        index = build_index(docs, stop)
    folder = site / INDEX_DIR / index.fingerprint
    if not folder.is_dir():
        _write_folder(folder, index.files)
    keep = {index.fingerprint} | ({previous.fingerprint} if previous is not None else set())
    # An older index stays while pages opened before this build may still read it; any other goes.
    for old in (site / INDEX_DIR).iterdir():
        if old.name not in keep:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    config = dict(material["config"], timeline=dict(index.settings, index=f"{INDEX_DIR}/{index.fingerprint}/"))
    staging = source.with_name(source.name + ".new")
    staging.write_bytes(_json({"config": config, "docs": []}))
    os.replace(staging, source)
    return index


# -- helpers ---------------------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _teaser(text: str) -> str:
    if len(text) <= TEXT_CHARS:
        return text
    return text[:TEXT_CHARS].rsplit(" ", 1)[0] + " …"


def _varints(ids: list[int]) -> bytes:
    out = bytearray()
    previous = -1
    for value in ids:
        delta = value - previous - 1
        previous = value
        while delta >= 0x80:
            out.append((delta & 0x7F) | 0x80)
            delta >>= 7
        out.append(delta)
    return bytes(out)


def _encode(ids: list[int], count: int) -> str:
    """A sorted set of document numbers: delta varints, or a bitset when that is smaller (a common word)."""
    if not ids:
        return ""
    packed = _varints(ids)
    if len(packed) > (count + 7) // 8:
        bits = bytearray((count + 7) // 8)
        for value in ids:
            bits[value >> 3] |= 1 << (value & 7)
        return "b" + base64.b64encode(bytes(bits)).decode()
    return "d" + base64.b64encode(packed).decode()


def _prefixes(sizes: Mapping[str, int], limit: int) -> dict[str, str]:
    """Each term's file prefix: the shortest prefix whose terms together fit in `limit` bytes, or the term itself."""
    chosen: dict[str, str] = {}
    pending: list[tuple[str, list[str]]] = [("", sorted(sizes))]
    while pending:
        prefix, terms = pending.pop()
        if len(terms) == 1 or sum(sizes[term] for term in terms) < limit:  # and the braces
            chosen.update(dict.fromkeys(terms, prefix))
            continue
        longer: dict[str, list[str]] = defaultdict(list)
        for term in terms:
            longer[term[:len(prefix) + 1]].append(term)
        for child, members in longer.items():
            if child == prefix:  # the term that is the prefix itself stays in the prefix's file
                chosen.update(dict.fromkeys(members, prefix))
            else:
                pending.append((child, members))
    return chosen


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write the files into a staging folder, then move it into place: a reader never sees half an index."""
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for path, content in files.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    os.replace(staging, folder)
