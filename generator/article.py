"""Articles kept locally, as plain text or HTML: their paragraphs, and what they say about themselves."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from dateutil import parser as date_parser

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_FULL_DATE = re.compile(rf"\b(?:{_MONTH} [0-9]{{1,2}}(?:st|nd|rd|th)?,? [0-9]{{4}}|[0-9]{{1,2}} {_MONTH},? [0-9]{{4}}|"
                        rf"[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})\b")
# GYEONGJU, South Korea (Reuters) - ...; WASHINGTON (AP) — ...; SEOUL, Nov 1 (Reuters) - ...
_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z .'’-]+[A-Z](?:, [A-Z][\w .'’-]*?)?)"
                       r"(?:, [A-Z][a-z]{2,8}\.? [0-9]{1,2})? \((?P<agency>[A-Z][\w .&'-]{1,40})\) ?[-–—]+ ?")
_CREDITS = re.compile(r"\(?(?:Reporting|Writing|Editing|Additional reporting) by\b|Copyright\b|©")
_URL = re.compile(r"https?://[^\s\"'<>()]+")
_TYPOGRAPHIC = str.maketrans({**dict.fromkeys("‘’‚‛′`", "'"), **dict.fromkeys("“”„‟″«»", '"'),
                              "\u00ad": None})


@dataclass
class Article:
    """An article's text as paragraphs, with its headline, publication date, publisher and addresses where found."""

    name: str
    paragraphs: list[str]
    """Every paragraph of text, header and footer included, each on one line."""
    body_start: int = 0
    """The index of the first paragraph of the report itself (the dateline's, when there is one)."""
    body_end: int | None = None
    """The index after the last paragraph of the report (before the reporting credits)."""
    headline: str | None = None
    published: date | None = None
    publisher: str | None = None
    """Who reported it: the agency of the dateline, else the site's name."""
    site_name: str | None = None
    """The name of the site the page was saved from, when it says."""
    url: str | None = None
    dateline: str | None = None
    """The dateline as written at the start of the body, e.g. `GYEONGJU, South Korea (Reuters) -`."""
    titles: set[str] = field(default_factory=set)
    """Normalised titles the article goes by: its headline, and its HTML title and og:title."""
    urls: set[str] = field(default_factory=set)
    """Normalised addresses the article names as its own, or mentions."""

    @property
    def body(self) -> list[str]:
        """The paragraphs of the report itself."""
        return self.paragraphs[self.body_start:self.body_end]

    @property
    def text(self) -> str:
        """All the article's text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


def normalise(text: str) -> str:
    """Text as compared with quotes: NFKC, typographic quotes made plain, runs of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC).split())


def normalise_url(url: str) -> str:
    """An address as compared with a source's url: no fragment or trailing slash, http as https, host in lower case."""
    url = url.split("#", 1)[0].rstrip("/.,;")
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    scheme = "https" if scheme.lower() == "http" else scheme.lower()
    return f"{scheme}{sep}{host.lower().removeprefix('www.')}{slash}{path}"


def is_html(text: str) -> bool:
    """Whether text is an HTML page rather than plain text."""
    return bool(re.search(r"<(?:!doctype html|html|body|p|div|article)\b", text[:10_000], re.IGNORECASE))


def read_article(name: str, data: bytes) -> Article:
    """Read an article saved as plain text or HTML (UTF-8) and find what it says about itself."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    page = _Page() if is_html(text) else None
    if page:
        page.feed(text)
        page.close()
        lines = page.paragraphs()
    else:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _body_start(lines)
    header = [" ".join(line.split()) for line in lines[:start] if line.strip()]
    body = lines[start:] if page else _paragraphs(lines[start:])
    article = Article(name, header + body, body_start=len(header))
    if page:
        _take_metadata(article, page)
    _read_header(article, header)
    match = _DATELINE.match(body[0]) if body else None
    if match:
        article.dateline = match.group(0).strip()
        article.publisher = match["agency"].strip()
    for index in range(article.body_start + 1, len(article.paragraphs)):
        if _CREDITS.match(article.paragraphs[index]):
            article.body_end = index
            break
    article.urls.update(normalise_url(url) for url in _URL.findall(text))
    if article.url:
        article.urls.add(normalise_url(article.url))
    if article.headline:
        article.titles.add(normalise(article.headline))
    return article


def _body_start(lines: list[str]) -> int:
    """Where the report starts: at its dateline, or after the leading lines that are not prose (date, headline)."""
    for index, line in enumerate(lines):
        if _DATELINE.match(line.strip()):
            return index
    index = 0
    while index < len(lines) and (not lines[index].strip() or (
            index < 8 and not lines[index].rstrip().endswith((".", "!", "?", '"', "”", "’")))):
        index += 1
    return index if index < len(lines) else 0


def _paragraphs(lines: list[str]) -> list[str]:
    # Hard-wrapped text has blank lines between paragraphs; text without any has a paragraph a line.
    blank_lines = any(not line.strip() for line in lines[1:-1])
    blocks = re.split(r"\n\s*\n", "\n".join(lines)) if blank_lines else lines
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _read_header(article: Article, header: list[str]) -> None:
    for line in header:
        found = _FULL_DATE.search(line)
        if found:
            article.published = article.published or parse_full_date(found.group(0))
        elif article.headline is None and len(line.split()) >= 4 and len(line) < 300:
            article.headline = line


def parse_full_date(text: str) -> date | None:
    """A date written with its year, day and month (`November 1, 2025`, `1 Nov 2025`, `2025-11-01`), or None."""
    try:
        return date_parser.parse(text.replace(".", " ")).date()
    except (ValueError, OverflowError):
        return None


def _take_metadata(article: Article, page: _Page) -> None:
    meta = page.meta
    for key in ("datepublished", "article:published_time", "date", "pubdate", "citation_publication_date",
                "dc.date", "time"):
        value = meta.get(key)
        found = _FULL_DATE.match(value or "") or re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value or "")
        if found:
            article.published = parse_full_date(found.group(0))
            break
    article.headline = meta.get("headline") or meta.get("og:title") or meta.get("h1") or meta.get("title")
    article.site_name = meta.get("og:site_name")
    article.publisher = meta.get("publisher") or article.site_name
    article.url = meta.get("canonical") or meta.get("og:url")
    for key in ("title", "og:title", "h1", "headline"):
        if meta.get(key):
            article.titles.add(normalise(meta[key]))
            # Page titles often end with the site's name: "Headline | Site", "Headline - Site".
            head = re.split(r" [|–—-] ", meta[key])[0]
            article.titles.add(normalise(head))


_BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
           "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
           "section", "table", "td", "th", "tr", "ul"}
_SKIPPED = {"script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select"}


class _Page(HTMLParser):
    """HTML reduced to paragraphs of text, with the page's metadata (title, meta tags, canonical link, JSON-LD)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.meta: dict[str, str] = {}
        self._skip: list[str] = []
        self._capture: str | None = None
        self._captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = " ".join(values["content"].split())
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
        elif tag == "time" and values.get("datetime"):
            self.meta.setdefault("time", values["datetime"])
        if tag in ("title", "h1") or (tag == "script" and values.get("type") == "application/ld+json"):
            self._capture, self._captured = tag if tag != "script" else "ld+json", []
        if tag in _SKIPPED:
            self._skip.append(tag)
        if tag in _BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if self._capture and tag in ("title", "h1", "script"):
            self._finish_capture()
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
        if tag in _BLOCKS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._captured.append(data)
        if not self._skip:
            self.blocks[-1].append(data)

    def _finish_capture(self) -> None:
        kind, text = self._capture, "".join(self._captured)
        self._capture = None
        if kind == "ld+json":
            self._take_json_ld(text)
        elif kind and text.strip():
            self.meta.setdefault(kind, " ".join(text.split()))

    def _take_json_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            return
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(item, dict):
                continue
            for key in ("headline", "datePublished"):
                if isinstance(item.get(key), str):
                    self.meta.setdefault(key.lower(), item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                self.meta.setdefault("publisher", publisher["name"])

    def paragraphs(self) -> list[str]:
        return [" ".join("".join(block).split()) for block in self.blocks if "".join(block).strip()]
