"""The `timeline` command: check the data, and write or build the site."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import urls
from .catalog import EVENTS_DIR, load_catalog
from .pages import Settings
from .problems import Problem, ProblemsError, format_problem
from .progress import terminal_progress
from .registries import REGISTRIES
from .registry import KINDS, entries
from .report import build_report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="news-timeline")
def main() -> None:
    """Validate curated news events and build the timeline site."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--events-dir", default=EVENTS_DIR, show_default=True, type=click.Path(exists=True, file_okay=False),
              help="The events folder that single files are checked against.")
@click.option("--format", "style", type=click.Choice(["parsable", "github"]), default="parsable",
              show_default=True, help="parsable: path:line:col: field: message; github: Actions annotations.")
@click.option("--articles", type=click.Path(exists=True, file_okay=False),
              help="Also check that every quote is in its article, kept in this folder as .txt or .html "
                   "(matched by the source's url or title).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (possible duplicates, unused tags and leaders).")
def check(paths: tuple[str, ...], events_dir: str, style: str, articles: str | None, strict: bool) -> None:
    """Validate an events folder (default: events), or single event files against it.

    A whole folder with no problems is also checked as a whole: possible duplicate events, and tags and
    leaders that no event names, are printed as warnings.

    Exit status: 0 when valid (with warnings, unless --strict), 1 when there are problems (or warnings
    with --strict), 2 for a usage error.
    """
    folders = [path for path in paths if Path(path).is_dir()]
    files = [path for path in paths if not Path(path).is_dir()]
    if len(folders) > 1 or (folders and files):
        raise click.UsageError("give one events folder, or event files")
    root = folders[0] if folders else events_dir
    warnings: list[Problem] = []
    try:
        catalog = load_catalog(root, only=files or None, progress=terminal_progress("checked"), warnings=warnings)
        if articles:
            from .quotes import check_quotes

            found = check_quotes(catalog, root, articles)
            click.echo(f"{found} quote(s) found in the articles in {articles}", err=True)
    except ProblemsError as error:
        report = build_report(error.problems, style)
        for line in report.lines:
            click.echo(line)
        click.echo(report.closing, err=True)
        _add_to_step_summary(report.summary)
        sys.exit(1)
    counts = ", ".join([f"{len(catalog.events)} events",
                        *(f"{len(getattr(catalog, registry.field))} {registry.field}" for registry in REGISTRIES)])
    if warnings:
        report = build_report(warnings, style)
        for line in report.lines:
            click.echo(line)
        _add_to_step_summary(report.summary)
    elif style == "github":
        _add_to_step_summary(f"### timeline check: no problems\n\n{counts}.\n")
    counted = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    failed = " (--strict: warnings fail the check)" if warnings and strict else ""
    click.echo(f"{counts}: no problems{counted}{failed}", err=True)
    if warnings and strict:
        sys.exit(1)


def _echo_problems(problems: list[Problem], style: str = "parsable", *, err: bool = False) -> None:
    """Print problems as `check` does, bounded: a few of a kind per file, at most MAX_SHOWN lines, then a count."""
    report = build_report(problems, style)
    for line in report.lines:
        click.echo(line, err=err)
    if report.cut:
        click.echo(report.closing, err=True)


def _add_to_step_summary(markdown: str) -> None:
    """Append to the GitHub Actions step summary, when running in GitHub Actions."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path or not markdown:
        return
    try:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write(markdown)
    except OSError as error:
        click.echo(f"the step summary could not be written: {error.strerror or error}", err=True)


@main.command()
@click.option("--title", help="One line saying what happened.")
@click.option("--date", help="When: 2025-11-01, 2025-11 or 2025, + ~ if approximate; START/END; ../END for a "
                             "fact the article gives no date for (on or before END).")
@click.option("--countries", help="Every country involved, the host included, as ISO codes: KR,CN.")
@click.option("--leaders", help="Ids of the leaders involved, if any: lee-jae-myung,xi-jinping.")
@click.option("--tags", help="Tag ids, if any: diplomacy,summit.")
@click.option("--slug", help="The words after the date in the file name (default: from the title).")
@click.option("--events-dir", default=EVENTS_DIR, show_default=True, type=click.Path(exists=True, file_okay=False),
              help="The events folder to write into.")
def new(title: str | None, date: str | None, countries: str | None, leaders: str | None, tags: str | None,
        slug: str | None, events_dir: str) -> None:
    """Write a new event file, named and placed from its date and title, with every other field to fill in.

    Options left out are asked for on a terminal. The file opens with the line that gives YAML editors its
    schema, and is checked at once: what the options say must be valid (or nothing is written), and the
    blank fields are listed as still to fill in. An existing id is never overwritten.

    Exit status: 0 when written, 1 when not, 2 for a usage error.
    """
    from .registry import load_registry
    from .scaffold import NewEvent, ScaffoldError, ask, split_ids, write_event

    given = {"title": title, "date": date, "countries": countries, "leaders": leaders, "tags": tags}
    if _on_terminal() and None in given.values():
        try:
            registry = load_registry(events_dir)
            known = {"leaders": set(registry.leaders), "tags": set(registry.tags)}
        except ProblemsError:
            known = {}  # the check of the new file reports what is wrong with the registry
        given = ask(given, known)
    missing = [f"--{name}" for name in ("title", "date", "countries") if given[name] is None]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or run it on a terminal to be asked)")
    try:
        written = write_event(events_dir, NewEvent(
            title=given["title"] or "", date=(given["date"] or "").strip(), countries=split_ids(given["countries"]),
            leaders=split_ids(given["leaders"]), tags=split_ids(given["tags"]), slug=slug,
        ))
    except ScaffoldError as error:
        for line in error.problems:
            click.echo(line, err=True)
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"wrote {written.path}", err=True)
    if written.todo:
        click.echo("still to fill in (timeline check lists these until they are done):", err=True)
        for problem in written.todo:
            click.echo(format_problem(problem))


def _on_terminal() -> bool:
    """Whether someone is there to answer questions."""
    return sys.stdin.isatty()


@main.command("list")
@click.argument("kind", type=click.Choice([kind.name for kind in KINDS]))
@click.option("--events-dir", default=EVENTS_DIR, show_default=True, type=click.Path(file_okay=False),
              help="The events folder whose tags.yml and leaders/ are listed.")
def list_ids(kind: str, events_dir: str) -> None:
    """Show the ids an event may name in KIND (tags, leaders or countries), each with its label."""
    try:
        rows = entries(next(known for known in KINDS if known.name == kind), events_dir)
    except ProblemsError as error:
        _echo_problems(error.problems, err=True)
        click.echo(f"cannot list {kind}: fix these problems first", err=True)
        sys.exit(1)
    width = max((len(name) for name, _ in rows), default=0)
    for name, label in rows:
        click.echo(f"{name:<{width}}  {label}")


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True,
              type=click.Path(exists=True, dir_okay=False), help="The MkDocs configuration.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="Where the site goes (default: the config's).")
@click.option("--strict/--no-strict", default=None, help="Fail on warnings (default: the config's `strict`).")
def build(config_file: str, site_dir: str | None, strict: bool | None) -> None:
    """Build the site into a fresh folder and swap it in: a failed build leaves the old site whole."""
    from .atomic import BuildFailed, Terminated
    from .plugin import build_atomically

    try:
        final = build_atomically(config_file, site_dir=site_dir, strict=strict)
    except BuildFailed as error:
        reason = f" ({error})" if str(error) else ""
        click.echo(f"build failed: the site was left as it was{reason}", err=True)
        sys.exit(1)
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM, after the staging folder was removed
        click.echo(f"build failed: the site was left as it was ({stop or 'interrupted'})", err=True)
        sys.exit(143 if isinstance(stop, Terminated) else 130)
    click.echo(f"built {final}", err=True)


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False),
              help="Take the events folder and options from the timeline plugin in this mkdocs.yml.")
@click.option("--events-dir", default=EVENTS_DIR, show_default=True, type=click.Path(file_okay=False))
@click.option("--page-size", default=Settings.page_size, show_default=True, type=click.IntRange(min=1))
def pages(out_dir: str, config_file: str | None, events_dir: str, page_size: int) -> None:
    """Write the generated pages as plain Markdown files into OUT_DIR (a docs folder MkDocs can build)."""
    from .jobs import site_files, site_pages
    from .listing import Listings
    from .plugin import page_markdown, settings_from_config

    if config_file:
        root, settings = settings_from_config(config_file)
    else:
        root, settings = Path(events_dir), Settings(page_size=page_size)
    try:
        catalog = load_catalog(root, progress=terminal_progress("checked"))
    except ProblemsError as error:
        _echo_problems(error.problems)
        sys.exit(1)
    out = Path(out_dir)
    count = 0
    listings = Listings(catalog)
    for page in site_pages(catalog, settings, listings):
        target = out / urls.source_path(page.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(page), encoding="utf-8")
        count += 1
    assets = 0
    for asset in site_files(catalog, settings, listings):
        target = out / asset.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(asset.content)
        assets += 1
    click.echo(f"wrote {count} pages and {assets} other files to {out}", err=True)


@main.command()
@click.argument("out_dir", default="schema", type=click.Path(file_okay=False))
@click.option("--events-dir", default=EVENTS_DIR, show_default=True, type=click.Path(file_okay=False),
              help="The events folder whose tags and leaders editors offer as completions.")
def schema(out_dir: str, events_dir: str) -> None:
    """Write the JSON Schema of events, leaders and tags for editors (default: into schema/).

    Run it again after adding a tag or a leader: the schemas offer their ids, and country codes, as completions.
    """
    from .editor import write_schemas

    try:
        written = write_schemas(Path(out_dir), events_dir)
    except ProblemsError as error:
        _echo_problems(error.problems, err=True)
        click.echo("no schema written: fix these problems first", err=True)
        sys.exit(1)
    for target in written:
        click.echo(f"wrote {target}", err=True)


@main.command()
@click.argument("events_dir", default=EVENTS_DIR, type=click.Path(exists=True, file_okay=False))
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for a connection or a response, per request.")
@click.option("--rate", default=2.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="At most this many requests a second to any one host.")
@click.option("--concurrency", default=8, show_default=True, type=click.IntRange(min=1),
              help="At most this many requests at a time.")
@click.option("--format", "style", type=click.Choice(["parsable", "github"]), default="parsable",
              show_default=True, help="parsable: path:line:col: field: message; github: Actions annotations.")
def links(events_dir: str, timeout: float, rate: float, concurrency: int, style: str) -> None:
    """Check that every source url and archive_url in EVENTS_DIR (default: events) still answers.

    Each address is fetched once (HEAD, or GET when HEAD is refused), following up to 5 redirects. A link is
    dead on HTTP 4xx/5xx, a DNS failure, a refused connection, a timeout or too many redirects.

    A dead link is an error when its source has no working link left. When the other link of the same source
    (its url or its archive_url) still works, readers can still check the source: the dead one is printed as
    a warning and does not change the exit status. A permanent redirect (301, 308) is printed as a notice
    with the address to cite instead.

    Exit status: 0 when no source has lost its links, 1 when some have (or the data has problems), 2 for a
    usage error.
    """
    from .links import check_links, collect_links, find_link_problems
    from .problems import ERROR

    try:
        catalog = load_catalog(events_dir, progress=terminal_progress("checked"))
    except ProblemsError as error:
        _echo_problems(error.problems, style)
        click.echo("the data has problems: fix them first (timeline check)", err=True)
        sys.exit(1)
    cited = collect_links(catalog)
    statuses = check_links(cited, timeout=timeout, rate=rate, concurrency=concurrency,
                           progress=terminal_progress("fetched"))
    findings = find_link_problems(events_dir, cited, statuses)
    for finding in findings:
        click.echo(format_problem(finding, style))
    dead = sum(not status.alive for status in statuses.values())
    errors = sum(finding.level == ERROR for finding in findings)
    click.echo(f"{len(statuses)} links checked: {dead} dead, {errors} citation(s) left without a working link",
               err=True)
    sys.exit(1 if errors else 0)


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The publication date (YYYY-MM-DD), when the article's dateline does not give it.")
@click.option("--url", help="The article's address, cited by every draft (never a guess).")
@click.option("--out", default="drafts", show_default=True, type=click.Path(file_okay=False),
              help="Where the drafts go, in <year>/ folders as in events/; never the events folder.")
@click.option("--events-dir", default=EVENTS_DIR, show_default=True, type=click.Path(file_okay=False),
              help="The events folder whose leaders (events/leaders/) are recognised by name.")
def draft(article: str, published, url: str | None, out: str, events_dir: str) -> None:
    """Draft events from ARTICLE (plain text or HTML; - reads standard input) into OUT for a person to review.

    One draft per sentence that reports a dated happening: relative dates ("on Saturday", "in June", "earlier
    this week") are resolved against the publication date at the precision the words give; a happening the
    article does not date is "on or before" the publication date (../YYYY-MM-DD). Each draft cites the article
    with the sentence as its quote, and opens with a `review` key that `timeline check` refuses until a person
    has checked the draft and deleted the key. Existing files are never overwritten.
    """
    from .draft import write_drafts

    try:
        with click.open_file(article, "rb") as stream:
            data = stream.read()
        written = write_drafts(data, "standard input" if article == "-" else article, out=out, events_dir=events_dir,
                               published=published.date() if published else None, url=url)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    except FileExistsError as error:
        raise click.ClickException(str(error)) from None
    for path, found in written:
        click.echo(f'{path}: {found.date} ({f"from {found.words!r}" if found.words else "undated"})')
    click.echo(f"wrote {len(written)} draft(s) to {out}/: review each, delete its `review` key, and move it to "
               f"{events_dir}/<year>/", err=True)
