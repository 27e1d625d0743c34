"""The commands in subprocesses: feeds add/import/export, watch --once, ingest URL, and a watcher killed mid-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from live_site import Route, Site, article_page, rss

import storylens
from storylens.store import SqliteStore

SRC = Path(storylens.__file__).resolve().parent.parent
RSS = "application/rss+xml"


def storylens_command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "storylens", *args, "--db", str(db)]


def run(db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(storylens_command(db, *args), capture_output=True, text=True, timeout=timeout,
                          env=environment, check=False)


def test_watch_once_ingests_and_feeds_shows_the_state(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    for slug in ("c1", "c2"):
        site.routes[f"/news/{slug}"] = Route(body=article_page(slug, f"Inquiry {slug}"))
    site.routes["/rss"] = Route(body=rss([("c1", site.url("/news/c1")), ("c2", site.url("/news/c2"))]),
                                content_type=RSS, etag='"1"')
    site.routes["/bad"] = Route(body=b"<rss><chan", content_type=RSS)
    opml = tmp_path / "list.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="Bad" xmlUrl="{site.url("/bad")}"/></body></opml>',
                    encoding="utf-8")
    assert run(db, "feeds", "add", site.url("/rss")).returncode == 0
    imported = run(db, "feeds", "import", str(opml))
    assert "1 feeds in" in imported.stdout

    other_db = tmp_path / "refused.db"
    run(other_db, "feeds", "add", site.url("/rss"))
    refused = run(other_db, "watch", "--once", "--host-delay", "0", "--json")
    watched = run(db, "watch", "--once", "--allow-private", "--host-delay", "0", "--no-cluster", "--json")
    listed = run(db, "feeds", "--json")
    exported = run(db, "feeds", "export")

    assert refused.returncode == 1
    assert json.loads(refused.stdout)["feeds"][0]["error"].startswith("blocked: 127.0.0.1 resolves to 127.0.0.1")
    assert watched.returncode == 1  # the bad feed
    round_report = json.loads(watched.stdout)
    assert [(feed["status"], feed["stored"]) for feed in round_report["feeds"]] == [("ok", 2), ("error", 0)]
    feeds = json.loads(listed.stdout)
    assert [(feed["last_status"], feed["items_seen"], feed["consecutive_errors"]) for feed in feeds] == [
        ("ok", 2, 0), ("error", 0, 1)]
    assert f'xmlUrl="{site.url("/rss")}"' in exported.stdout
    assert 'title="Bad"' in exported.stdout


def test_ingest_takes_a_url_only_with_allow_private(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    site.routes["/news/one"] = Route(body=article_page("one", "Inquiry one"))
    refused = run(db, "ingest", site.url("/news/one"), "--json")
    taken = run(db, "ingest", site.url("/news/one"), "--allow-private", "--json")
    assert (refused.returncode, json.loads(refused.stdout)["rejected_by_code"]) == (1, {"unreadable": 1})
    assert (taken.returncode, json.loads(taken.stdout)["stored"]) == (0, 1)


def test_a_watcher_killed_mid_run_loses_and_duplicates_nothing(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    slugs = [f"k{n:02d}" for n in range(30)]
    for number, slug in enumerate(slugs):
        site.routes[f"/news/{slug}"] = Route(body=article_page(slug, f"Inquiry {slug}"),
                                             delay_seconds=0.3 if number % 5 == 4 else 0.02)
    site.routes["/one"] = Route(body=rss([(slug, site.url(f"/news/{slug}")) for slug in slugs[:20]]),
                                content_type=RSS, etag='"one"')
    site.routes["/two"] = Route(body=rss([(slug, site.url(f"/news/{slug}")) for slug in slugs[10:]]),
                                content_type=RSS, etag='"two"')
    for feed in ("/one", "/two"):
        assert run(db, "feeds", "add", site.url(feed)).returncode == 0
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    watcher = subprocess.Popen(
        storylens_command(db, "watch", "--interval", "0", "--allow-private", "--host-delay", "0", "--no-cluster",
                          "--max-seconds", "60"),
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline and len([h for h, _ in site.hits if h.startswith("/news/")]) < 8:
            time.sleep(0.05)
    finally:
        watcher.send_signal(signal.SIGKILL)
        watcher.wait(timeout=10)
    with SqliteStore(db) as store:
        stored_at_kill = store.count_articles()
    assert 0 < stored_at_kill < len(slugs)

    restarted = run(db, "watch", "--once", "--interval", "0", "--allow-private", "--host-delay", "0", "--json")

    assert restarted.returncode == 0, restarted.stderr
    with SqliteStore(db) as store:
        articles = list(store.iter_articles())
        feeds = store.list_feeds()
        seen = {feed.url: store.seen_items(feed.url, [site.url(f"/{slug}") for slug in slugs]) for feed in feeds}
        stories = store.stats().stories
    urls = [article.url for article in articles]
    assert sorted(urls) == sorted(site.url(f"/news/{slug}") for slug in slugs)
    assert len(set(urls)) == len(urls) == 30
    assert [(feed.last_status, feed.consecutive_errors, feed.items_seen) for feed in feeds] == [
        ("ok", 0, 20), ("ok", 0, 20)]
    assert {url.rsplit("/", 1)[1]: len(keys) for url, keys in seen.items()} == {"one": 20, "two": 20}
    assert stories > 0
