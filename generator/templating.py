"""The Jinja2 environment of the generated pages: autoescape on for every template, undefined names are errors."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """One environment for the whole build: templates are package data, compiled once."""
    return Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        auto_reload=False,  # templates are package data: no need to stat them at every page
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render one of the package's templates; every value is escaped unless it is Markup."""
    return environment().get_template(name).render(**context)
