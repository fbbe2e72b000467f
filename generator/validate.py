"""Per-file validation: a loaded YAML document against its pydantic model, problems located by line."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .loader import Document, KeyPath
from .problems import PER_KIND, Problem, excerpt, format_field
from .schema import SUGGESTIONS, Event, Tag, Tags

T = typing.TypeVar("T", bound=BaseModel)

REVIEW_KEY = "review"
"""The key `timeline draft` opens every draft with; no event passes a check until a person has deleted it."""
REVIEW_MESSAGE = ("this is an unreviewed draft from `timeline draft`: check every field against the article (the "
                  "notes under `review` say what was guessed and how), then delete the `review` key")


def validate_document(document: Document, model: type[T]) -> T | list[Problem]:
    """Validate a document against a model; return the object, or every problem with its position."""
    if not isinstance(document.value, dict):
        line, col = document.position(())
        return [Problem(document.path, line, col, "(document)",
                        f"expected a mapping of fields, got {describe(document.value)}")]
    try:
        return model.model_validate(document.value, context={SUGGESTIONS: [PER_KIND]})
    except ValidationError as error:
        return [_problem(document, model, detail) for detail in error.errors(include_url=False)]


def _problem(document: Document, model: type[BaseModel], detail: ErrorDetails) -> Problem:
    loc: KeyPath = tuple(part for part in detail["loc"] if part != "root" or model is not Tags)
    kind = detail["type"]
    if "at" in detail.get("ctx", {}):
        loc += tuple(detail["ctx"]["at"])  # a check of a whole list or model names the item at fault
    if kind == "extra_forbidden":
        line, col = document.position(loc, key=True)
        if loc == (REVIEW_KEY,) and model is Event:
            return Problem(document.path, line, col, REVIEW_KEY, REVIEW_MESSAGE)
        known = list(_fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return Problem(document.path, line, col, format_field(loc),
                       f"unknown field; expected one of: {', '.join(known)}{hint}")
    if loc and loc[-1] == "[key]":
        # pydantic marks a bad mapping key (a tag id) with a pseudo-field; point at the key itself.
        line, col = document.position(loc[:-1], key=True)
        return Problem(document.path, line, col, format_field(loc[:-1]), _message(kind, detail))
    if kind == "missing":
        line, col = document.position(loc[:-1])
        return Problem(document.path, line, col, format_field(loc), "required field is missing")
    line, col = document.position(loc)
    return Problem(document.path, line, col, format_field(loc), _message(kind, detail))


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


def _message(kind: str, detail: ErrorDetails) -> str:
    value = detail.get("input")
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {describe(value)}"
    if kind == "too_short":
        return f"expected at least {detail['ctx']['min_length']} item(s), got none"
    if kind in ("string_too_long", "too_long"):
        # A constrained text field reports `too_long` (after its validators) rather than `string_too_long`.
        unit = "characters" if isinstance(value, str) else "items"
        return f"expected at most {detail['ctx']['max_length']} {unit}, got {len(value)}"
    if kind == "literal_error":
        return f"expected one of {detail['ctx']['expected']}, got {describe(value)}"
    if kind == "string_pattern_mismatch":
        return f"expected text matching {detail['ctx']['pattern']}, got {excerpt(value)}"
    return detail["msg"]


def describe(value: object) -> str:
    """Name what arrived, the way a contributor would read it in their file."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean; quote it if you mean text)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return excerpt(value)


def _fields_at(model: type[BaseModel], loc: KeyPath) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if current is Tags:
            current = Tag
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
        if current is None:
            return []
    return list(current.model_fields) if current is not Tags else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    return None

