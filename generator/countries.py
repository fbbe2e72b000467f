"""Countries from pycountry: ISO 3166-1 alpha-2 codes, ISO 3166-3 codes of former states, common names."""

from __future__ import annotations

from functools import cache
from typing import Any

import pycountry

# Codes people reach for that ISO assigns differently: a hint only, never accepted as data.
_MISTAKES = {"UK": "GB", "EL": "GR"}


@cache
def _by_code() -> dict[str, Any]:
    table: dict[str, Any] = {country.alpha_2: country for country in pycountry.countries}
    table.update({country.alpha_4: country for country in pycountry.historic_countries})
    return table


@cache
def _by_name() -> dict[str, str]:
    # ISO writes 'Korea, Republic of'; people write 'Republic of Korea', which fuzzy search takes for the North.
    table = {}
    for country in pycountry.countries:
        for name in filter(None, _names(country).split("\n")):
            table[name] = country.alpha_2
            head, comma, tail = name.partition(", ")
            if comma:
                table[f"{tail} {head}"] = country.alpha_2
    return table


def is_country(code: str) -> bool:
    """Whether the code is an ISO 3166-1 alpha-2 code or an ISO 3166-3 code of a former state."""
    return code in _by_code()


def country_codes() -> list[str]:
    """Every valid code: the ISO 3166-1 alpha-2 codes, then the ISO 3166-3 codes of former states."""
    return sorted(_by_code(), key=lambda code: (len(code), code))


def country_name(code: str) -> str:
    """The name people use: pycountry's common name where it has one (South Korea), else its name."""
    country = _by_code()[code]
    return getattr(country, "common_name", None) or country.name


def country_flag(code: str) -> str:
    """The flag emoji of a current country; former states have none."""
    return getattr(_by_code()[code], "flag", "") if len(code) == 2 else ""


def suggest_country(text: str) -> str | None:
    """The code a contributor probably meant by a wrong code or a country's name."""
    upper = text.strip().upper()
    if upper in _by_code():
        return upper
    if upper in _MISTAKES:
        return _MISTAKES[upper]
    if text.strip().lower() in _by_name():
        return _by_name()[text.strip().lower()]
    if len(text) > 3:
        try:
            found = pycountry.countries.search_fuzzy(text)
        except LookupError:
            return None
        # 'Korea' or 'America' names two countries equally well: a guess would point at the wrong one.
        named = [country for country in found[:2] if text.strip().lower() in _names(country)]
        if found and len(named) < 2:
            return found[0].alpha_2
    return None


def _names(country: object) -> str:
    return "\n".join(getattr(country, name, "") for name in ("name", "common_name", "official_name")).lower()
