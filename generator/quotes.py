"""`timeline check --articles DIR`: every quote must appear in the article it cites, kept locally in DIR."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article, normalise, normalise_url, read_article
from .catalog import Catalog
from .loader import Finding, KeyPath, locate
from .problems import ProblemsError
from .registries import REGISTRIES
from .schema import Source

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
"""The files in an articles folder that are read as articles; anything else there is left alone."""

# A quote may leave words out where it says so: "…", "...", "[…]" or "[...]".
_ELISION = re.compile(r"\s*\[?(?:…|\.\.\.)\]?\s*")
_SHOWN_WORDS = 8


@dataclass
class Library:
    """The articles kept in a folder, indexed by the addresses and titles they go by."""

    folder: str
    articles: list[Article] = field(default_factory=list)
    by_url: dict[str, list[Article]] = field(default_factory=lambda: defaultdict(list))
    by_title: dict[str, list[Article]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[str, str] = field(default_factory=dict)
    """Each article's normalised text, by name."""

    def match(self, url: str | None, title: str) -> tuple[list[Article], str]:
        """The articles a source cites, and what matched them (`url` or `title`); no articles when none match."""
        if url and self.by_url.get(normalise_url(url)):
            return self.by_url[normalise_url(url)], "url"
        return self.by_title.get(normalise(title), []), "title"


def load_library(folder: str | Path) -> Library:
    """Read every article under folder (plain text or HTML, by suffix), in name order."""
    root = Path(folder)
    library = Library(str(folder).rstrip("/") or ".")
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(root).parts)):
        article = read_article(f"{library.folder}/{path.relative_to(root).as_posix()}", path.read_bytes())
        library.articles.append(article)
        library.texts[article.name] = normalise(article.text)
        for url in article.urls:
            library.by_url[url].append(article)
        for title in article.titles:
            library.by_title[title].append(article)
    return library


def check_quotes(catalog: Catalog, events_dir: str | Path, folder: str | Path) -> int:
    """Check every quote (of events, leaders and organisations) against the articles in folder; return how many
    were found. Raise ProblemsError naming each quote that is not in its article, or whose article is missing.
    """
    library = load_library(folder)
    findings: list[Finding] = []
    found = 0
    for file, key_path, source in _quoted(catalog):
        message = _verify(library, source.url, source.title, source.quote)
        if message is None:
            found += 1
        else:
            findings.append(Finding(file, key_path, message))
    if findings:
        raise ProblemsError(locate(findings, events_dir, str(events_dir).rstrip("/") or "."))
    return found


def _quoted(catalog: Catalog) -> Iterator[tuple[str, KeyPath, Source]]:
    """Every source with its file and the key path of its quote: events' and then every registry's."""
    for record in catalog.events:
        for index, source in enumerate(record.event.sources):
            yield record.file, ("sources", index, "quote"), source
    for registry in REGISTRIES:
        for item_id, item in getattr(catalog, registry.field).items():
            for index, source in enumerate(getattr(item, "sources", ())):
                yield registry.declared_in(item_id), ("sources", index, "quote"), source


def _verify(library: Library, url: str | None, title: str, quote: str) -> str | None:
    """None when the quote is in the article the source names; else what is wrong, for a problem message."""
    articles, matched_by = library.match(url, title)
    if not articles:
        named = f"url {url!r} or title {title!r}" if url else f"title {title!r}"
        return (f"expected an article in {library.folder}/ with this source's {named}, got none; "
                f"save the article there (.txt or .html) to check this quote")
    missing: str | None = None
    for article in articles:
        missing = _missing_part(library.texts[article.name], quote)
        if missing is None:
            return None
    names = ", ".join(article.name for article in articles)
    return f"expected the article's own words ({names}, matched by {matched_by}), got a quote {missing}"


def _missing_part(text: str, quote: str) -> str | None:
    """None when every part of the quote (split at elisions) is in text, in order; else how the quote differs."""
    position = 0
    for part in filter(None, (normalise(piece) for piece in _ELISION.split(quote))):
        at = _find(text, part, position)
        if at < 0:
            if position and _find(text, part, 0) >= 0:
                return f"whose parts come in another order: {_shown(part)!r} is earlier in the article"
            words = part.split(" ")
            agreed = _longest_present_prefix(text, words, position)
            where = f"after {_shown(' '.join(words[:agreed]), last=True)!r}" if agreed else "from its first word"
            return f"that differs {where}: {_shown(' '.join(words[agreed:]))!r} is not in the article"
        position = at + len(part)
    return None


def _find(text: str, part: str, start: int) -> int:
    # Whole words only: 'var' is not in 'various', though 'Gyeongju' is in 'Gyeongju,'.
    match = re.compile(rf"(?<!\w){re.escape(part)}(?!\w)").search(text, start)
    return match.start() if match else -1


def _longest_present_prefix(text: str, words: list[str], start: int) -> int:
    # Whether the first k words appear only gets harder as k grows, so halving finds the largest k.
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if _find(text, " ".join(words[:middle]), start) >= 0:
            low = middle
        else:
            high = middle - 1
    return low


def _shown(words: str, *, last: bool = False) -> str:
    parts = words.split(" ")
    if len(parts) <= _SHOWN_WORDS:
        return words
    return "… " + " ".join(parts[-_SHOWN_WORDS:]) if last else " ".join(parts[:_SHOWN_WORDS]) + " …"
