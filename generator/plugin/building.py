"""Commands around a build: the plugin's settings read from a mkdocs.yml, and a build swapped in whole."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError

from ..atomic import BuildFailed, failure_reason, staging_folder, swap_in
from ..pages import Settings


def settings_from_config(config_file: str) -> tuple[Path, Settings]:
    """The events folder and page settings of the timeline plugin in a mkdocs.yml, for `timeline pages`."""
    from . import TimelinePlugin  # the package imports this module

    config = load_config(config_file)
    plugin = config.plugins.get("timeline")
    if not isinstance(plugin, TimelinePlugin):
        raise PluginError(f"{config_file}: expected the timeline plugin in plugins, got none")
    plugin.on_config(config)
    return plugin.events_dir, plugin.settings(config)


def build_atomically(config_file: str, *, site_dir: str | None = None, strict: bool | None = None) -> Path:
    """Build the site into a fresh folder beside site_dir, then swap it in; a failed build changes nothing.

    Raises BuildFailed for a build that MkDocs stopped (bad data, bad config, strict warnings) or that an OS
    error stopped (a full disk); KeyboardInterrupt (atomic.Terminated for SIGTERM) after cleaning up.
    """
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file, site_dir=site_dir, strict=strict)  # MkDocs drops options given as None
    except MkDocsException as error:
        raise BuildFailed(str(error)) from error
    final = Path(config.site_dir)
    try:
        with staging_folder(final) as staging:
            config.site_dir = str(staging)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            except MkDocsException as error:  # MkDocs has already logged what went wrong
                raise BuildFailed(str(error)) from error
            finally:
                config.plugins.on_shutdown()
            swap_in(staging, final)
    except OSError as error:  # a full disk, a folder that cannot be written: one line, not a traceback
        raise BuildFailed(failure_reason(error)) from error
    return final
