"""The data format: pydantic models of events, leaders and tags, and the JSON Schema made from them.

Each field's docstring is its description in the JSON Schema, so editors show it to contributors.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import partial
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetPydanticSchema,
    RootModel,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from .countries import country_name, is_country, suggest_country
from .dates import EXPECTED as EXPECTED_DATE
from .dates import DateError, EventDate
from .markup import markdown_problem
from .problems import excerpt

SLUG_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
DATE_PREFIX_PATTERN = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
EVENT_ID_PATTERN = rf"{DATE_PREFIX_PATTERN}-{SLUG_PATTERN}"
MAX_SLUG_LENGTH = 100
MAX_LINE_LENGTH = 300
MAX_TEXT_LENGTH = 20_000
MAX_URL_LENGTH = 2_000
MAX_LIST_LENGTH = 100
"""The most items any list in a file holds (countries, leaders, tags, related, sources, ...): far more than
an event needs, and a bound on the work one file makes and on the size of the pages it adds to."""

SUGGESTIONS = "suggestions"
"""The key, in pydantic's validation context, of a file's allowance of costly suggestions: `[count]`."""

SLUG = re.compile(SLUG_PATTERN)
"""The one compiled slug rule; match it with fullmatch."""
EVENT_ID = re.compile(EVENT_ID_PATTERN)
"""The one compiled event id rule; match it with fullmatch."""
# Zero-width joiners are part of how Persian, Indic scripts and emoji are written; every other format
# character (bidi overrides, zero-width spaces, soft hyphens, BOMs) is invisible and can hide text.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def _reject(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _check_text(value: str, *, multiline: bool) -> str:
    plain = value.replace("\n", "").replace("\t", "") if multiline else value
    if not plain.isprintable():
        # Rare: only text with a format, control or unusual space character gets looked at closely.
        for char in plain:
            if char.isprintable():
                continue
            category = unicodedata.category(char)
            if category == "Cf" and char not in _ALLOWED_FORMAT:
                raise _reject("invisible", f"expected visible text, got the invisible character U+{ord(char):04X} "
                                           f"({unicodedata.name(char, 'format character')}); delete it")
            if char == "\n":
                raise _reject("line", "expected one line of text, got a line break")
            if category == "Cc":
                raise _reject("control", f"expected text, got the control character U+{ord(char):04X}; delete it")
    if not value.strip():
        raise _reject("empty", "expected text, got an empty value")
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _check_line(value: str) -> str:
    value = _check_text(value, multiline=False)
    if not value.isascii():
        _check_lookalikes(value)
    return value


_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+")


def _check_lookalikes(value: str) -> None:
    # Latin, Cyrillic and Greek share letters that look the same ('a' and 'а'); one word that mixes them is
    # almost always a look-alike typed or pasted by mistake, or a name disguised on purpose.
    for word in _WORD.findall(value):
        scripts = {name.split(" ", 1)[0] for name in map(unicodedata.name, word, [""] * len(word))
                   if name.startswith(_CONFUSABLE_SCRIPTS)}
        if len(scripts) > 1:
            found = " and ".join(sorted(script.title() for script in scripts))
            raise _reject("lookalike", f"expected each word in one script, got {excerpt(word)} mixing {found} letters "
                                       f"(a look-alike character?); retype it")


def _check_multiline(value: str) -> str:
    return _check_text(value, multiline=True)


RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                            *(f"lpt{n}" for n in range(10))})
"""Names Windows keeps for devices: a folder of the site called so could not be checked out or copied there."""


def is_slug(value: str) -> bool:
    """Whether a value can be an id: lower-case words of a-z and 0-9 joined by '-', short, not a device name."""
    return len(value) <= MAX_SLUG_LENGTH and bool(SLUG.fullmatch(value)) and value not in RESERVED_NAMES


def _check_slug(value: str, example: str) -> str:
    if len(value) > MAX_SLUG_LENGTH or not SLUG.fullmatch(value):
        raise _reject("slug", f"expected lower-case words of a-z and 0-9 joined by '-', such as {example!r}, "
                              f"got {excerpt(value)}")
    if value in RESERVED_NAMES:
        raise _reject("slug", f"expected an id that is not a reserved device name, got {excerpt(value)}")
    return value


def _check_event_id(value: str) -> str:
    if len(value) > MAX_SLUG_LENGTH or not EVENT_ID.fullmatch(value):
        raise _reject("event_id", f"expected an event id such as '2025-11-01-lee-xi-gyeongju-summit', "
                                  f"got {excerpt(value)}")
    return value


def _check_country(value: str, info: ValidationInfo) -> str:
    if is_country(value):
        return value
    guess = suggest_country(value) if _may_suggest(info) else None
    hint = f" (did you mean '{guess}', {country_name(guess)}?)" if guess else ""
    raise _reject("country", f"expected an ISO 3166-1 alpha-2 code such as 'KR', or an ISO 3166-3 code of a "
                             f"former state such as 'SUHH', got {excerpt(value)}{hint}")


PLACEHOLDER_HOSTS = frozenset({"example.com", "example.org", "example.net"})
"""Hosts reserved for examples (RFC 2606): they only ever appear in a made-up URL, as do the names below."""
_PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".test", ".example.com", ".example.org", ".example.net")


def _check_url(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https"):
        raise _reject("url_scheme", f"expected an http or https URL, got {excerpt(value)}")
    if not re.fullmatch(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", value) or len(value) > MAX_URL_LENGTH:
        raise _reject("url", f"expected a URL such as 'https://www.reuters.com/world/', got {excerpt(value)}")
    host = (urlsplit(value).hostname or "").rstrip(".")
    if host in PLACEHOLDER_HOSTS or host.endswith(_PLACEHOLDER_SUFFIXES) or "..." in value or "\u2026" in value:
        raise _reject("placeholder", f"expected the article's own address, got the placeholder {excerpt(value)}; "
                                     f"leave the field out rather than guess one")
    return value


PLACEHOLDERS = frozenset({
    "unknown", "unknown publisher", "not known", "n/a", "na", "n.a", "none", "nil", "null", "-", "--", "?", "??",
    "...", "\u2026", "tbd", "tba", "todo", "fixme", "xxx", "placeholder", "anonymous", "various", "publisher",
    "title", "quote",
})
"""Words written in place of a fact nobody knows: the site would show them as if they were one."""


def _check_known(value: str, hint: str) -> str:
    words = value.strip().lower()
    if words in PLACEHOLDERS or words.rstrip(".:") in PLACEHOLDERS:
        raise _reject("placeholder", f"expected what the source says, got the placeholder "
                                     f"{excerpt(value.strip())}; {hint}")
    return value


def _parse_date(value: str) -> EventDate:
    try:
        return EventDate.parse(value)
    except DateError as error:
        raise _reject("date", str(error)) from None


def _may_suggest(info: ValidationInfo) -> bool:
    # A fuzzy country search takes milliseconds: a file of a hundred wrong codes gets a few suggestions.
    allowance = (info.context or {}).get(SUGGESTIONS)
    if allowance is None:
        return True
    allowance[0] -= 1
    return allowance[0] >= 0


def _check_markdown(value: str) -> str:
    problem = markdown_problem(value)
    if problem:
        raise _reject("markdown", problem)
    return value


def _check_unique(value: list, info: ValidationInfo) -> list:
    if len(value) < 2 or len(set(value)) == len(value):
        return value
    first: dict[Any, int] = {}
    for index, item in enumerate(value):
        if item in first:
            # The index goes in the context, so the problem points at the repeated item, not the list.
            raise PydanticCustomError("repeated", f"expected each item once, got {excerpt(item)} again "
                                                  f"(first at {info.field_name}[{first[item]}])", {"at": (index,)})
        first[item] = index
    return value


def _none_as_empty(value: Any) -> Any:
    # An empty key (`leaders:`) in a template means "none", the same as leaving it out.
    return [] if value is None else value


Line = Annotated[str, AfterValidator(_check_line), Field(max_length=MAX_LINE_LENGTH)]
MultilineText = Annotated[str, AfterValidator(_check_multiline), Field(max_length=MAX_TEXT_LENGTH)]
MarkdownText = Annotated[str, AfterValidator(_check_multiline), AfterValidator(_check_markdown),
                         Field(max_length=MAX_TEXT_LENGTH)]
Slug = Annotated[str, AfterValidator(_check_slug), WithJsonSchema({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})]
_SLUG_JSON = WithJsonSchema({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})
# Each kind of id has its own type so that its messages give an example of that kind.
LeaderId = Annotated[str, AfterValidator(partial(_check_slug, example="xi-jinping")), _SLUG_JSON]
TagId = Annotated[str, AfterValidator(partial(_check_slug, example="diplomacy")), _SLUG_JSON]
OrganisationId = Annotated[str, AfterValidator(partial(_check_slug, example="apec")), _SLUG_JSON]
Wikidata = Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")]
"""A Wikidata item id such as Q1234: its format is checked, not that it names the right item."""
# Text that must not be a placeholder, each with what to do instead.
Publisher = Annotated[Line, AfterValidator(partial(
    _check_known, hint="leave it out when the article names none, and give its url"))]
Headline = Annotated[Line, AfterValidator(partial(_check_known, hint="copy the article's headline"))]
Quote = Annotated[MultilineText, AfterValidator(partial(
    _check_known, hint="copy the article's own words that support the event"))]
Place = Annotated[Line, AfterValidator(partial(_check_known, hint="leave it out when the sources do not say"))]
EventId = Annotated[
    str, AfterValidator(_check_event_id), WithJsonSchema({"type": "string", "pattern": f"^{EVENT_ID_PATTERN}$"})
]
CountryCode = Annotated[
    str, AfterValidator(_check_country), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}([A-Z]{2})?$"})
]
Url = Annotated[
    str, AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": MAX_URL_LENGTH}),
]
_DATE_POINT = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?"
Date = Annotated[
    EventDate,
    GetPydanticSchema(lambda _type, _handler: core_schema.no_info_after_validator_function(
        _parse_date, core_schema.str_schema(),
        serialization=core_schema.plain_serializer_function_ser_schema(str),
    )),
    WithJsonSchema({"anyOf": [
        {
            "type": "string",
            "pattern": rf"^({_DATE_POINT}(/({_DATE_POINT}|\.\.))?|\.\./{_DATE_POINT})$",
            "examples": ["2025-06-03", "2025-06", "2025", "2025-10~", "2025-10-31/2025-11-01", "../2025-11-01",
                         "2025-06/.."],
            "errorMessage": f"expected {EXPECTED_DATE}",  # what editors say, rather than the pattern
        },
        # Editors read YAML 1.2, where an unquoted year (`date: 2017`) is a number; the loader keeps it as text.
        {"type": "integer", "minimum": 1, "maximum": 9999},
    ]}),
]


T = TypeVar("T")
# A list field: empty when left empty (`leaders:`), at most MAX_LIST_LENGTH items. The length constraint comes
# first so that pydantic's list validator applies it while reading items, stopping at the first item too many,
# rather than after validating every item of a hostile list.
Items = Annotated[list[T], Field(max_length=MAX_LIST_LENGTH), BeforeValidator(_none_as_empty)]
"""A list of items of one type."""
UniqueItems = Annotated[list[T], Field(max_length=MAX_LIST_LENGTH, json_schema_extra={"uniqueItems": True}),
                        BeforeValidator(_none_as_empty), AfterValidator(_check_unique)]
"""A list of items of one type, each at most once (a repeat is a problem at the repeated item)."""
AtLeastOne = Field(min_length=1)
"""A list field that must not be empty."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=False)


class Source(_Model):
    """A published article that reports the event: a title, a date, and a publisher or a url (or both)."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["publisher"]}, {"required": ["url"]}]})

    publisher: Publisher | None = None
    """Who published it, e.g. Reuters; leave it out when the article names none (then give its url)."""
    title: Headline
    """The article's headline, as published."""
    date: Date
    """When the article was published, at the precision known."""
    url: Url | None = None
    """The article's address, http or https; leave it out rather than guess one."""
    archive_url: Url | None = None
    """A copy in a web archive, for when the original goes away."""
    quote: Quote
    """The words in the article that support the event, copied exactly."""

    @model_validator(mode="after")
    def _publisher_or_url(self) -> Source:
        if self.publisher is None and self.url is None:
            raise _reject("source", "expected a publisher or a url (or both), got neither; name who published "
                                    "the article, or give its address")
        return self


class Correction(_Model):
    """A change made to an event after it was published, and when."""

    date: Date
    """When the event was corrected."""
    note: Line
    """What was changed, e.g. The number of agreements was corrected from six to seven."""


Status = Literal["developing", "disputed", "corrected", "retracted"]
"""How settled an event is: still developing, disputed by a source, corrected, or retracted (kept, marked)."""


class Event(_Model):
    """One news event: a file events/<start year>/<date prefix>-<slug>.yml."""

    title: Line
    """One line of plain text saying what happened."""
    date: Date
    """When: 2025-06-03, 2025-06, 2025, + ~ if approximate; START/END; ../END (on or before); START/.. (since)."""
    countries: Annotated[UniqueItems[CountryCode], AtLeastOne]
    """ISO 3166-1 alpha-2 codes (KR, CN), or ISO 3166-3 codes of former states; at least one."""
    leaders: UniqueItems[LeaderId] = []
    """Ids of leaders involved: file names in events/leaders/ without .yml."""
    organisations: UniqueItems[OrganisationId] = []
    """Ids of organisations involved (APEC, a company, a news agency): file names in events/organisations/."""
    tags: UniqueItems[TagId] = []
    """Tags from the vocabulary in events/tags.yml."""
    location: Place | None = None
    """Where it happened, in plain text, only as precisely as the sources say."""
    summary: MarkdownText
    """What happened, in Markdown, from the sources; rendered and sanitized."""
    sources: Annotated[Items[Source], AtLeastOne]
    """The articles the event is drawn from; at least one."""
    related: UniqueItems[EventId] = []
    """Ids of other events this one follows from or leads to; the link shows on both pages."""
    status: Status | None = None
    """developing, disputed, corrected or retracted; leave out for a settled event. A retracted event is kept."""
    corrections: Items[Correction] = []
    """What changed after publication, each with its date and a note."""


class Office(_Model):
    """An office a leader held."""

    title: Line
    """The office, e.g. President of South Korea."""
    start: Date | None = None
    """When they took office, if a source says; a date here needs a source that supports it."""
    end: Date | None = None
    """When they left it, if a source says; leave empty while in office."""
    source: Annotated[int, Field(ge=1)] | None = None
    """Which of the file's sources supports the start and end: 1 for the first; else the file's sources do."""


def _check_sourced(offices: list[Office], sources: list[Source]) -> None:
    """An office's start or end is a fact like any other: it needs a source that supports it."""
    for index, office in enumerate(offices):
        if office.source is not None and office.source > len(sources):
            raise PydanticCustomError("source", f"expected the number of one of this file's {len(sources)} "
                                                f"source(s), got {office.source}", {"at": ("offices", index, "source")})
        if (office.start or office.end) and office.source is None and not sources:
            field = "start" if office.start else "end"
            raise PydanticCustomError("unsourced", "expected a source that supports this date, got none; add the "
                                                   "article to this file's sources (`source: N` names which one), "
                                                   "or leave the date out", {"at": ("offices", index, field)})


class Leader(_Model):
    """A leader: a file events/leaders/<id>.yml, the id being the name in ASCII kebab case."""

    name: Line
    """The name as English-language sources write it."""
    native_name: Line | None = None
    """The name in the leader's own language and script, as a source writes it."""
    country: CountryCode
    """The country they lead or represent: an ISO 3166 code."""
    aliases: Items[Line] = []
    """Other spellings of the name found in sources."""
    offices: Items[Office] = []
    """Offices held, with their terms where a source gives them."""
    wikidata: Wikidata | None = None
    """The Wikidata item id (Q...), only when verified."""
    sources: Items[Source] = []
    """The articles that support what this file says (names, offices and their dates)."""

    @model_validator(mode="after")
    def _offices_are_sourced(self) -> Leader:
        _check_sourced(self.offices, self.sources)
        return self


OrganisationKind = Literal["intergovernmental", "government-body", "company", "news-agency", "political-party",
                           "non-governmental", "armed-group", "other"]
"""What an organisation is, from a short fixed list."""


class Organisation(_Model):
    """An organisation events name (APEC, ASEAN, a company, a news agency): a file events/organisations/<id>.yml."""

    name: Line
    """The name as English-language sources write it."""
    kind: OrganisationKind
    """What it is: one of the kinds the data format lists (intergovernmental, company, news-agency, ...)."""
    country: CountryCode | None = None
    """The country it belongs to, where it has one (not for APEC or ASEAN)."""
    aliases: Items[Line] = []
    """Other names and abbreviations of it found in sources."""
    wikidata: Wikidata | None = None
    """The Wikidata item id (Q...), only when verified."""
    sources: Items[Source] = []
    """The articles that support what this file says."""


class Tag(_Model):
    """A tag of the controlled vocabulary."""

    label: Line
    """The tag's name as readers see it."""
    description: Line
    """What events get this tag."""


class Tags(RootModel[dict[TagId, Tag]]):
    """The file events/tags.yml: every tag that events may use, by id."""


SCHEMAS: dict[str, type[BaseModel]] = {"event": Event, "leader": Leader, "organisation": Organisation, "tags": Tags}


def json_schema(name: str) -> str:
    """The JSON Schema of one kind of file, as committed under schema/."""
    schema = SCHEMAS[name].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
