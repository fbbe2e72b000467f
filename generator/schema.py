"""The data format: pydantic models of events, leaders and tags, and the JSON Schema made from them.

Each field's docstring is its description in the JSON Schema, so editors show it to contributors.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, GetPydanticSchema, RootModel
from pydantic import ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from .countries import country_name, is_country, suggest_country
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

_SLUG = re.compile(SLUG_PATTERN)
_EVENT_ID = re.compile(EVENT_ID_PATTERN)
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


def _check_slug(value: str) -> str:
    if len(value) > MAX_SLUG_LENGTH or not _SLUG.fullmatch(value):
        raise _reject("slug", f"expected lower-case words of a-z and 0-9 joined by '-', such as 'xi-jinping', "
                              f"got {excerpt(value)}")
    if value in RESERVED_NAMES:
        raise _reject("slug", f"expected an id that is not a reserved device name, got {excerpt(value)}")
    return value


def _check_event_id(value: str) -> str:
    if len(value) > MAX_SLUG_LENGTH or not _EVENT_ID.fullmatch(value):
        raise _reject("event_id",
                      f"expected an event id such as '2025-11-01-lee-xi-gyeongju-summit', got {excerpt(value)}")
    return value


def _check_country(value: str, info: ValidationInfo) -> str:
    if is_country(value):
        return value
    guess = suggest_country(value) if _may_suggest(info) else None
    hint = f" (did you mean '{guess}', {country_name(guess)}?)" if guess else ""
    raise _reject("country", f"expected an ISO 3166-1 alpha-2 code such as 'KR', or an ISO 3166-3 code of a "
                             f"former state such as 'SUHH', got {excerpt(value)}{hint}")


def _check_url(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https"):
        raise _reject("url_scheme", f"expected an http or https URL, got {excerpt(value)}")
    if not re.fullmatch(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", value) or len(value) > MAX_URL_LENGTH:
        raise _reject("url", f"expected a URL such as 'https://example.com/story', got {excerpt(value)}")
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
                                                  f"(first at {info.field_name}[{first[item]}])", {"index": index})
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
Date = Annotated[
    EventDate,
    GetPydanticSchema(lambda _type, _handler: core_schema.no_info_after_validator_function(
        _parse_date, core_schema.str_schema(),
        serialization=core_schema.plain_serializer_function_ser_schema(str),
    )),
    WithJsonSchema({
        "type": "string",
        "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?(/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?~?)?$",
        "examples": ["2025-06-03", "2025-06", "2025", "2025-10~", "2025-10-31/2025-11-01"],
    }),
]


def _list(item: Any, *, unique: bool = False, **constraints: Any) -> Any:
    """A list field: empty when left empty, at most MAX_LIST_LENGTH items, each item once when unique."""
    constraints.setdefault("max_length", MAX_LIST_LENGTH)
    if unique:
        constraints["json_schema_extra"] = {"uniqueItems": True}
    # The length constraint comes first so that pydantic's list validator applies it while reading items,
    # stopping at the first item too many, rather than after validating every item of a hostile list.
    checks = (AfterValidator(_check_unique),) if unique else ()
    return Annotated[(list[item], Field(**constraints), BeforeValidator(_none_as_empty), *checks)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=False)


class Source(_Model):
    """A published article that reports the event."""

    publisher: Line
    """Who published it, e.g. Reuters."""
    title: Line
    """The article's headline, as published."""
    date: Date
    """When the article was published, at the precision known."""
    url: Url | None = None
    """The article's address, http or https; leave it out rather than guess one."""
    archive_url: Url | None = None
    """A copy in a web archive, for when the original goes away."""
    quote: MultilineText | None = None
    """The words in the article that support the event, copied exactly."""


class Event(_Model):
    """One news event: a file events/<start year>/<date prefix>-<slug>.yml."""

    title: Line
    """One line of plain text saying what happened."""
    date: Date
    """When it happened: 2025-06-03, 2025-06 or 2025, + ~ if approximate, or START/END."""
    countries: _list(CountryCode, unique=True, min_length=1)
    """ISO 3166-1 alpha-2 codes (KR, CN), or ISO 3166-3 codes of former states; at least one."""
    leaders: _list(Slug, unique=True) = []
    """Ids of leaders involved: file names in events/leaders/ without .yml."""
    tags: _list(Slug, unique=True) = []
    """Tags from the vocabulary in events/tags.yml."""
    location: Line | None = None
    """Where it happened, in plain text, only as precisely as the sources say."""
    summary: MarkdownText
    """What happened, in Markdown, from the sources; rendered and sanitized."""
    sources: _list(Source, min_length=1)
    """The articles the event is drawn from; at least one."""
    related: _list(EventId, unique=True) = []
    """Ids of other events this one follows from or leads to."""


class Office(_Model):
    """An office a leader held."""

    title: Line
    """The office, e.g. President of South Korea."""
    start: Date | None = None
    """When they took office, if the sources say."""
    end: Date | None = None
    """When they left it; leave empty while in office."""


class Leader(_Model):
    """A leader: a file events/leaders/<id>.yml, the id being the name in ASCII kebab case."""

    name: Line
    """The name as English-language sources write it."""
    native_name: Line | None = None
    """The name in the leader's own language and script."""
    country: CountryCode
    """The country they lead or represent: an ISO 3166 code."""
    aliases: _list(Line) = []
    """Other spellings of the name found in sources."""
    offices: _list(Office) = []
    """Offices held, with their terms."""
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """The Wikidata item id (Q...), only when verified."""


class Tag(_Model):
    """A tag of the controlled vocabulary."""

    label: Line
    """The tag's name as readers see it."""
    description: Line
    """What events get this tag."""


class Tags(RootModel[dict[Slug, Tag]]):
    """The file events/tags.yml: every tag that events may use, by id."""


SCHEMAS = {"event": Event, "leader": Leader, "tags": Tags}


def json_schema(name: str) -> str:
    """The JSON Schema of one kind of file, as committed under schema/."""
    schema = SCHEMAS[name].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
