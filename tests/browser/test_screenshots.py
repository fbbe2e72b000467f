"""Screenshots of home, a country page and an event page, at desktop and phone width, light and dark, for people
to look at (the tests cannot judge a design). They go to $TIMELINE_SCREENSHOTS, else to a temporary folder.

The README shows one of them, from .github/screenshots/; `TIMELINE_SCREENSHOTS=.github/screenshots` refreshes it.
"""

from __future__ import annotations

import struct

from .conftest import DESKTOP, PHONE, REPO, open_reader, screenshot_dir

PAGES = {"home": "/", "country": "/countries/kr/",
         "event": "/events/2025-11-01-china-south-korea-sign-seven-agreements/"}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
README_SHOT = REPO / ".github" / "screenshots" / "home-desktop-light.png"
MAX_README_SHOT = 200 * 1024


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG image, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_home_a_country_and_an_event(browser, shipped_site, tmp_path_factory):
    folder = screenshot_dir(tmp_path_factory)
    saved = []
    for width, viewport in WIDTHS.items():
        for scheme in ("light", "dark"):
            reader = open_reader(browser, shipped_site, dark=scheme == "dark", viewport=viewport)
            try:
                for name, path in PAGES.items():
                    page = reader.open(path)
                    page.evaluate("document.fonts.ready")
                    target = folder / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=target, animations="disabled")
                    saved.append((target, viewport))
                assert reader.problems() == []
            finally:
                reader.context.close()
    assert len(saved) == len(PAGES) * len(WIDTHS) * 2
    for target, viewport in saved:
        assert png_size(target.read_bytes()) == (viewport["width"], viewport["height"]), target


def test_the_readme_shows_a_current_screenshot():
    data = README_SHOT.read_bytes()
    assert png_size(data) == (DESKTOP["width"], DESKTOP["height"])
    assert len(data) < MAX_README_SHOT, f"{README_SHOT.name}: {len(data)} bytes; keep it under {MAX_README_SHOT}"
    assert f"]({README_SHOT.relative_to(REPO).as_posix()})" in (REPO / "README.md").read_text("utf-8")
