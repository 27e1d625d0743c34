"""The web reader in headless Chromium: the seed story, both outlets, the shared quote, no injected script."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def _open(browser: Any, viewport: dict[str, int]) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport=viewport)
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return page, dialogs


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_seed_story_shows_both_outlets_and_the_shared_quote(browser: Any, seed_server: str,
                                                                artifacts: Path,
                                                                viewport: dict[str, int], name: str) -> None:
    page, dialogs = _open(browser, viewport)
    try:
        page.goto(f"{seed_server}/")
        card = page.locator(".card", has_text="Reuters").filter(has_text="EghtesadOnline").first
        card.wait_for(timeout=10_000)
        page.screenshot(path=str(artifacts / f"front-{name}.png"), full_page=True)
        card.locator("a.card-link").click()
        page.wait_for_url("**/stories/**")
        page.locator(".story-head").wait_for()
        head = page.locator(".story-head").inner_text()
        assert "Reuters" in head
        assert "EghtesadOnline" in head
        columns = page.locator(".column")
        assert columns.count() == 2
        shared = page.locator(".passage.shared", has_text="magnanimous choices from Russia")
        assert shared.count() >= 2  # the Kerry quote, highlighted in both articles
        assert "magnanimous choices from Russia" in page.locator("#quotes").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"]  # nothing overflows sideways, even at phone width
        page.screenshot(path=str(artifacts / f"story-{name}.png"), full_page=True)
        assert dialogs == []
    finally:
        page.close()


def test_highlight_toggles_work_without_inline_script(browser: Any, seed_server: str) -> None:
    page, _ = _open(browser, DESKTOP)
    try:
        page.goto(f"{seed_server}/")
        page.locator("a.card-link").first.click()
        page.locator("[data-highlight='none']").click()
        assert "highlight-none" in (page.locator("[data-columns]").get_attribute("class") or "")
        assert page.locator("[data-highlight='none']").get_attribute("aria-pressed") == "true"
    finally:
        page.close()


HOSTILE = {
    "title": "Quayside notice <script>alert('title')</script>",
    "text": ("Harbour workers in Porto Vento met on Monday. <img src=x onerror=\"alert('img')\"> "
             "<svg onload=alert('svg')></svg> The quayside meeting ended at noon, organisers said."),
    "outlet": "<b onmouseover=alert('outlet')>Quay News</b>", "date": "2016-12-11T10:00:00Z",
}


def test_hostile_article_text_never_runs_in_the_browser(browser: Any, seed_server: str,
                                                        artifacts: Path) -> None:
    request = urllib.request.Request(f"{seed_server}/api/articles", data=json.dumps(HOSTILE).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 201
    with urllib.request.urlopen(f"{seed_server}/api/stories?q=quayside", timeout=30) as response:
        story_id = json.loads(response.read())["items"][0]["id"]
    page, dialogs = _open(browser, DESKTOP)
    try:
        for url in (f"{seed_server}/", f"{seed_server}/stories/{story_id}", f"{seed_server}/?q=quayside"):
            page.goto(url)
            page.wait_for_load_state("load")
            assert page.locator("img").count() == 0
            assert page.locator("svg").count() == 0
            assert page.locator("main b").count() == 0
            scripts = page.evaluate("[...document.scripts].map(s => s.src)")
            assert scripts == [f"{seed_server}/static/reader.js"]
        page.goto(f"{seed_server}/stories/{story_id}")
        assert "<script>alert('title')</script>" in page.locator(".column h3").first.inner_text()
        page.screenshot(path=str(artifacts / "story-hostile.png"), full_page=True)
        assert dialogs == []
    finally:
        page.close()
