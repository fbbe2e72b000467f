"""A site for the browser tests that the shipped events cannot give: a country timeline long enough to paginate,
every date form, a leader with offices, and an event, a leader and a tag with hostile text in every field.

Events are made from a few templates; the site takes the shipped mkdocs.yml (same theme, palette and
features) with a small page size, so what is tested here is what readers get.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).parents[2]
PAGE_SIZE = 5
"""Events per timeline page in this site: the 24 South Korean events fill five pages."""

# Every date form the data allows, out of order on purpose: the listing must sort them.
DATES = [
    "2024-03-05", "2019", "2021-07", "2023-11-20/2023-11-22", "2020-02-14~", "2022-05", "2025-01-30",
    "2019-09-01", "2024-10~", "2021-12-31/2022-01-02", "2023", "2020-06-25", "2022-08-15", "2025-04",
    "2019-04-11", "2021-03-01", "2024-07-07", "2020~", "2023-02-28", "2022-11-11/2022-12", "2025-02-02",
    "2021-10-10", "2024-12-24", "2020-11-30",
]
TOPICS = [
    ("trade talks resume", "Trade ministers meet again after a pause in talks."),
    ("a summit on the coast", "Leaders meet for a two-day summit."),
    ("a new port agreement", "Officials sign an agreement on the use of a port."),
    ("talks on fishing rights", "Negotiators discuss fishing rights in shared waters."),
]
PARTNERS = ["JP", "FR", "JP", "US"]
LEADER = "ada-testova"
"""A leader with two offices, on the South Korean events that fall in her terms."""
OFFICES = [
    {"title": "Minister of Trade", "start": "2019-04", "end": "2021-12"},
    {"title": "Prime Minister", "start": "2022-01-03"},
]
LONG_WORD = "Gyeongsangbukdo" * 3
"""One unbroken word, longer than a phone's screen is wide."""

HOSTILE_EVENT = "2025-06-01-hostile-text"
HOSTILE_LEADER = "hostile-leader"
HOSTILE_TAG = "hostile"


def payload(field: str) -> str:
    """Text that runs code if it reaches a page unescaped: each way sets window.pwned_<field> or opens a dialog."""
    mark = f"window.pwned_{field}"
    return (f'{field} <script>{mark}=1</script><img src=x onerror="{mark}=2"><svg onload="{mark}=3"></svg>'
            f'"\' onmouseover="alert(4)" </title><script>alert(5)</script> javascript:alert(6) {{{{ config }}}} '
            f'&lt;b&gt; {LONG_WORD}')


def markdown_payload(field: str) -> str:
    """The payload, plus what Markdown and attr_list could turn into live markup: links, raw HTML, attributes."""
    mark = f"pwned_{field}"
    return (f"{payload(field)}\n\n[a link](javascript:window.{mark}='link') "
            f"[data](data:text/html,<script>alert('{field}')</script>) "
            f"<a href=\" JaVaScRiPt:window.{mark}='spaced'\">spaced</a> "
            f"<a href=\"&#106;avascript:window.{mark}='entity'\">entity</a>\n"
            f"{{: onclick=\"window.{mark}='attr_list'\" }}\n\n"
            f"<div onclick=\"window.{mark}='div'\" onmouseover=\"alert('{field}')\">div</div>\n\n"
            f"<iframe src=\"javascript:window.{mark}='iframe'\"></iframe><form action=\"javascript:alert(1)\">"
            f"<button>go</button></form>\n")


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100_000), "utf-8")


def _source(date: str, **extra: str) -> dict:
    return {"publisher": "Example News", "title": "A report", "date": date.split("/")[0].rstrip("~"),
            "url": "https://www.reuters.com/world/asia-pacific/report", "quote": "The words of the report.", **extra}


def _in_office(date: str) -> bool:
    start = date.split("/")[0].rstrip("~")
    return "2019-04" <= start[:7] <= "2021-12" or start >= "2022-01-03"


def korean_events() -> dict[str, dict]:
    """The generated South Korean events, by id."""
    events = {}
    for number, date in enumerate(DATES):
        topic, summary = TOPICS[number % len(TOPICS)]
        prefix = date.split("/")[0].rstrip("~")
        event_id = f"{prefix}-event-{number + 1:02d}"
        event = {
            "title": f"Event {number + 1}: {topic}",
            "date": date,
            "countries": ["KR", PARTNERS[number % len(PARTNERS)]],
            "leaders": [LEADER] if _in_office(date) else [],
            "tags": ["trade"] if number % 2 else ["summit", "trade"],
            "location": "Seoul, South Korea",
            "summary": f"{summary} It is event number {number + 1} of the test corpus.",
            "sources": [_source(date)],
        }
        events[event_id] = {key: value for key, value in event.items() if value != []}
    return events


def hostile_event() -> dict:
    """An event with the payload in every text field."""
    return {
        "title": payload("title"),
        "date": "2025-06-01",
        "countries": ["KR"],
        "leaders": [HOSTILE_LEADER],
        "tags": [HOSTILE_TAG],
        "location": payload("location"),
        "summary": markdown_payload("summary"),
        "sources": [_source("2025-06-01", publisher=payload("press"), title=payload("headline"),
                            quote=markdown_payload("quote"), url="https://www.reuters.com/world/asia-pacific/a?b=<script>&c=\"'")],
        "related": ["2025-01-30-event-07"],
    }


class _ConfigLoader(yaml.SafeLoader):
    """Reads a mkdocs.yml: MkDocs' own tags (`!relative`, `!ENV`) come back as their text."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


def read_config(path: Path) -> dict:
    """A mkdocs.yml as plain values."""
    return yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader)


def write_corpus(root: Path) -> Path:
    """Write the events and a mkdocs.yml under root; return the mkdocs.yml."""
    events = root / "events"
    for event_id, event in {**korean_events(), HOSTILE_EVENT: hostile_event()}.items():
        _dump(events / event_id[:4] / f"{event_id}.yml", event)
    _dump(events / "leaders" / f"{LEADER}.yml", {
        "name": "Ada Testova", "native_name": "에이다 테스토바", "country": "KR", "offices": OFFICES,
        "sources": [_source("2022-01-03")]})
    _dump(events / "leaders" / f"{HOSTILE_LEADER}.yml", {
        "name": payload("name"), "native_name": payload("native"), "country": "KR",
        "aliases": [payload("alias")], "offices": [{"title": payload("office"), "start": "2025-05"}],
        "sources": [_source("2025-05")]})
    _dump(events / "tags.yml", {
        "summit": {"label": "Summits", "description": "Meetings of leaders."},
        "trade": {"label": "Trade", "description": "Trade talks and agreements."},
        HOSTILE_TAG: {"label": payload("label"), "description": payload("about")},
    })
    config = read_config(REPO / "mkdocs.yml")
    config["docs_dir"] = str(REPO / "docs")
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = str(REPO)  # where CONTRIBUTING.md is
    config["site_name"] = "Browser test timeline"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "timeline" in plugin:
            plugin["timeline"].update(events_dir="events", page_size=PAGE_SIZE, latest=PAGE_SIZE)
    _dump(root / "mkdocs.yml", config)
    return root / "mkdocs.yml"
