"""The plugin's options in mkdocs.yml, each validated where it is declared."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..catalog import EVENTS_DIR
from ..pages import Settings


class _Count(c.BaseConfigOption[int]):
    """A whole number of at least `minimum`."""

    def __init__(self, minimum: int, default: int) -> None:
        super().__init__()
        self.minimum, self.default = minimum, default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise c.ValidationError(f"Expected a whole number of at least {self.minimum}, but received: {value!r}")
        return value


class TimelineConfig(base.Config):
    """The plugin's options in mkdocs.yml; the defaults are the page settings' own."""

    events_dir = c.Type(str, default=EVENTS_DIR)
    """The folder of event, leader and tag files, relative to mkdocs.yml."""
    page_size = _Count(1, default=Settings.page_size)
    """Events per timeline page, and rows per index page; longer listings continue on page/2/ and on."""
    latest = _Count(0, default=Settings.latest)
    """How many of the latest events the home page lists."""
    feed_size = _Count(1, default=Settings.feed_size)
    """How many of the newest events each Atom feed holds (feeds need the site's site_url)."""
    data_licence = c.Type(str, default=Settings.data_licence)
    """The licence of the published data, stated in events.json and on the data page."""
    search = c.Choice(("sharded", "material"), default="sharded")
    """sharded: search fetches the few index files a query needs (searchindex.py); material: Material's own
    index, downloaded whole on every first search (it grows by about 500 bytes an event)."""
    frames = c.Type(bool, default=True)
    """Render the theme's page frame once per layout of generated pages, and fill each page in (same bytes)."""
    workers = _Count(0, default=0)
    """Processes that make the generated pages in a build: 0 for one per core, 1 to make them in MkDocs' own."""
    incremental = c.Type(bool, default=True)
    """Under `mkdocs serve`, rebuild only the pages an edit of the events changed."""
