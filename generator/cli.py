"""The `timeline` command: check the data, and write or build the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .catalog import load_catalog
from .problems import ProblemsError, format_problem


def terminal_progress(label: str):
    """A progress counter on standard error for people at a terminal; nothing in CI logs."""
    if not sys.stderr.isatty():
        return None
    step = 1

    def report(done: int, total: int) -> None:
        nonlocal step
        if done == total or done % step == 0:
            step = max(1, total // 100)
            end = "\n" if done == total else ""
            click.echo(f"\r{label} {done}/{total}", err=True, nl=False)
            click.echo(end, err=True, nl=False)

    return report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-timeline")
def main() -> None:
    """Validate curated news events and build the timeline site."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--events-dir", default="events", show_default=True, type=click.Path(file_okay=False),
              help="The events folder that single files are checked against.")
@click.option("--format", "style", type=click.Choice(["parsable", "github"]), default="parsable",
              show_default=True, help="parsable: path:line:col: field: message; github: Actions annotations.")
def check(paths: tuple[str, ...], events_dir: str, style: str) -> None:
    """Validate an events folder (default: events), or single event files against it.

    Exit status: 0 when valid, 1 when there are problems, 2 for a usage error.
    """
    folders = [path for path in paths if Path(path).is_dir()]
    files = [path for path in paths if not Path(path).is_dir()]
    if len(folders) > 1 or (folders and files):
        raise click.UsageError("give one events folder, or event files")
    root = folders[0] if folders else events_dir
    try:
        catalog = load_catalog(root, only=files or None, progress=terminal_progress("checked"))
    except ProblemsError as error:
        for problem in error.problems:
            click.echo(format_problem(problem, style))
        count = len(error.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} in "
                   f"{len({p.path for p in error.problems})} file(s)", err=True)
        sys.exit(1)
    click.echo(f"{len(catalog.events)} events, {len(catalog.leaders)} leaders, {len(catalog.tags)} tags: "
               f"no problems", err=True)


@main.command()
@click.argument("out_dir", default="schema", type=click.Path(file_okay=False))
def schema(out_dir: str) -> None:
    """Write the JSON Schema of events, leaders and tags (default: into schema/)."""
    from .schema import SCHEMAS, json_schema

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        target = folder / f"{name}.schema.json"
        target.write_text(json_schema(name), encoding="utf-8")
        click.echo(f"wrote {target}", err=True)
