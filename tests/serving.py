"""`mkdocs serve` as mkdocs/commands/serve.py runs it, without its HTTP server: the config loaded for the first
build and again for every full rebuild, plugin instances kept (on_startup), on_serve given the server, and each
rebuild made by calling the server's `builder` attribute, as the live-reload loop does.

Run as a module it is a reference session in a process of its own (MkDocs keeps plugin instances per process):
`python -m tests.serving CONFIG SITE` builds, then rebuilds for each line read, answering `built`;
`python -m tests.serving --once CONFIG SITE` is a clean serve build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

REPO = Path(__file__).parents[1]


class FakeServer:
    """What on_serve is given: `watch`, and a `builder` attribute that the live-reload loop calls."""

    def __init__(self, builder: Any) -> None:
        self.builder = builder
        self.watched: list[str] = []

    def watch(self, path: str, func: Any = None, *, recursive: bool = True) -> None:
        self.watched.append(path)


class Session:
    """A preview: the first build, then a rebuild whenever asked."""

    def __init__(self, config_file: Path, site: Path) -> None:
        self.config_file, self.site = config_file, site
        self.full_builds = 0
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.builder(self.config)
        self.server = FakeServer(self.builder)
        self.config.plugins.on_serve(self.server, config=self.config, builder=self.builder)

    def load(self) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(self.site))
        # As `mkdocs serve` does: the site is served at the path of its site_url.
        config.site_url = self.url = f"http://127.0.0.1:8000{urlsplit(config.site_url or '/').path}"
        return config

    def builder(self, config: MkDocsConfig | None = None) -> None:
        """MkDocs' own builder for `mkdocs serve`: a full build."""
        self.full_builds += 1
        build(config or self.load(), serve_url=self.url)

    def rebuild(self) -> None:
        self.server.builder()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.config.plugins.on_shutdown()


class Reference:
    """A session in a process of its own, with its own site folder."""

    def __init__(self, config_file: Path, site: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.serving", str(config_file), str(site)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env())
        self._answer()

    def rebuild(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("rebuild\n")
        self.process.stdin.flush()
        self._answer()

    def _answer(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line == "built\n", f"the reference session failed (exit {self.process.poll()})"

    def __enter__(self) -> Reference:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def clean_build(config_file: Path, site: Path) -> None:
    """A clean serve build, in a new process: what `mkdocs serve` would show if started now."""
    subprocess.run([sys.executable, "-m", "tests.serving", "--once", str(config_file), str(site)], check=True,
                   env=_env(), stdout=subprocess.DEVNULL)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def main(args: list[str]) -> None:
    once = args[0] == "--once"
    config_file, site = (Path(arg) for arg in args[once:])
    session = Session(config_file, site)
    if not once:
        print("built", flush=True)
        for _ in sys.stdin:
            session.rebuild()
            print("built", flush=True)
    session.close()


if __name__ == "__main__":
    main(sys.argv[1:])
