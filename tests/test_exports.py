"""exports: events.json valid against the JSON Schema published beside it, events.csv, TimelineJS3 files."""

from __future__ import annotations

import csv
import io
import json
import shutil

import jsonschema
import pytest

from generator.catalog import load_catalog
from generator.exports import CSV_COLUMNS, ExportFile, json_schema
from generator.jobs import site_files
from generator.pages import Settings

from .conftest import FIXTURE_SITE, REPO
from .sites import make_site

SITE = "https://example.org/fixture/"


def exports(events_dir):
    catalog = load_catalog(events_dir)
    settings = Settings(site_name="Fixture", site_url=SITE, data_licence="CC BY 4.0")
    return catalog, {asset.path: asset.content for asset in site_files(catalog, settings)}


@pytest.fixture(scope="module")
def fixture():
    return exports(FIXTURE_SITE / "events")


@pytest.mark.parametrize("events_dir", [FIXTURE_SITE / "events", REPO / "events"], ids=["fixture", "shipped"])
def test_events_json_is_valid_against_its_published_schema(events_dir):
    catalog, files = exports(events_dir)
    schema = json.loads(files["events.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(files["events.json"])
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert [event["id"] for event in data["events"]] == [record.id for record in catalog.events]


def test_the_published_schema_is_the_module_s(fixture):
    _, files = fixture
    assert files["events.schema.json"].decode() == json_schema()


def test_an_event_keeps_its_date_precision(fixture):
    _, files = fixture
    events = {event["id"]: event for event in json.loads(files["events.json"])["events"]}
    month = events["2017-03-thaad-launchers-arrive"]["date"]
    assert month == {"text": "2017-03", "display": "March 2017", "sort": "2017-03-01", "open_end": False, "end": None,
                     "start": {"text": "2017-03", "precision": "month", "approximate": False,
                               "earliest": "2017-03-01", "latest": "2017-03-31"}}
    summit = events["2025-11-01-lee-xi-gyeongju-summit"]
    assert summit["url"] == SITE + "events/2025-11-01-lee-xi-gyeongju-summit/"
    assert summit["countries"] == [{"id": "KR", "name": "South Korea"}, {"id": "CN", "name": "China"}]
    assert summit["related"] == ["2017-03-thaad-launchers-arrive", "2025-10-apec-leaders-meet-in-gyeongju"]
    assert summit["organisations"] == []
    assert events["2025-10-apec-leaders-meet-in-gyeongju"]["organisations"] == [{"id": "apec", "name": "APEC"}]


def test_events_csv_has_one_row_per_event_in_the_documented_columns(fixture):
    catalog, files = fixture
    rows = list(csv.reader(io.StringIO(files["events.csv"].decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + len(catalog.events)
    row = dict(zip(CSV_COLUMNS, rows[-1], strict=True))
    assert row["id"] == "2025-11-01-lee-xi-gyeongju-summit" and row["countries"] == "KR;CN"
    assert row["leaders"] == "lee-jae-myung;xi-jinping" and row["precision"] == "day"
    by_id = {line[0]: dict(zip(CSV_COLUMNS, line, strict=True)) for line in rows[1:]}
    assert by_id["2025-10-apec-leaders-meet-in-gyeongju"]["organisations"] == "apec"


def test_timelinejs_files_for_countries_and_leaders_keep_precision(fixture):
    catalog, files = fixture
    expected = {f"countries/{code.lower()}/timeline.json" for code in catalog.timelines["countries"]}
    expected |= {f"leaders/{leader}/timeline.json" for leader in catalog.timelines["leaders"]}
    expected |= {f"organisations/{key}/timeline.json" for key in catalog.timelines["organisations"]}
    assert {path for path in files if path.endswith("timeline.json")} == expected
    data = json.loads(files["countries/kr/timeline.json"])
    assert data["title"]["text"]["headline"] == "South Korea"
    by_id = {event["unique_id"]: event for event in data["events"]}
    assert by_id["2017-03-thaad-launchers-arrive"]["start_date"] == {"year": 2017, "month": 3,
                                                                     "display_date": "March 2017"}
    interval = by_id["2024-05-26-seoul-trilateral-summit"]
    assert interval["start_date"]["day"] == 26 and interval["end_date"]["day"] == 27
    assert '<a href="https://example.org/fixture/events/2017-03-thaad-launchers-arrive/">' in \
        by_id["2017-03-thaad-launchers-arrive"]["text"]["text"]


@pytest.mark.parametrize("kind", ["fixture", "browser", "empty"])
def test_events_json_written_part_by_part_is_the_file_dumped_whole(kind, tmp_path):
    make_site("fixture" if kind == "empty" else kind, tmp_path)
    if kind == "empty":
        shutil.rmtree(tmp_path / "events")
        (tmp_path / "events").mkdir()
    _, files = exports(tmp_path / "events")
    text = files["events.json"].decode()
    assert ExportFile.model_validate_json(text).model_dump_json(indent=1) + "\n" == text


def test_events_csv_written_row_by_row_is_one_table(tmp_path):
    make_site("browser", tmp_path)
    _, files = exports(tmp_path / "events")
    rows = list(csv.reader(io.StringIO(files["events.csv"].decode())))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    assert out.getvalue().encode() == files["events.csv"] and len(rows) == 26
