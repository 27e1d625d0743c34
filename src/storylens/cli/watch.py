"""`storylens watch`: poll the followed feeds and ingest new articles as they come."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated

import typer

from storylens.cli.options import ConfigOption, DbOption, JsonOption, console, errors, settings_for, store_for
from storylens.ingest.fetch import MIB, Fetcher, FetchParams
from storylens.live import PollContext, PollReport, WatchParams, watch

AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private", help="Allow fetching from private, loopback and link-local addresses (tests, intranets).")]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds a request may take in all.")]
MaxPageOption = Annotated[float, typer.Option("--max-page-mb", min=0.01,
                                              help="Larger responses are refused (megabytes).")]


def fetcher_for(*, allow_private: bool, timeout: float, max_page_mb: float) -> Fetcher:
    return Fetcher(FetchParams(timeout_seconds=timeout, max_bytes=int(max_page_mb * MIB),
                               allow_private=allow_private))


def _render(report: PollReport, json_output: bool) -> None:
    if json_output:
        typer.echo(json.dumps(report.to_json_dict(), ensure_ascii=False, default=str))
        return
    polled = [feed for feed in report.feeds if feed.status != "not_due"]
    new = sum(feed.new_items for feed in polled)
    stories = f", {report.stories.stories} stories" if report.stories else ""
    console.print(f"{datetime.now(UTC):%H:%M:%S} polled {len(polled)} of {len(report.feeds)} feeds: {new} new "
                  f"items, [green]{report.stored} stored[/], [red]{report.errors} feed errors[/]{stories} "
                  f"in {report.seconds:.1f}s", highlight=False)
    for feed in polled:
        if feed.error:
            errors.print(f"  [red]error[/] {feed.url}: {feed.error}", highlight=False)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def watch_command(
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    once: Annotated[bool, typer.Option("--once", help="Run one polling round and exit (for cron and tests).")] = False,
    interval: Annotated[int | None, typer.Option(
        "--interval", min=0, help="Seconds between fetches of every feed, replacing each feed's own interval "
                                  "(0: every round).")] = None,
    rounds: Annotated[int | None, typer.Option(min=1, help="Stop after this many rounds.")] = None,
    max_seconds: Annotated[float | None, typer.Option(min=0, help="Stop after this many seconds.")] = None,
    host_delay: Annotated[float, typer.Option(min=0, help="Least seconds between requests to one host.")] = 1.0,
    no_cluster: Annotated[bool, typer.Option("--no-cluster", help="Do not update stories after a round.")] = False,
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 15.0,
    max_page_mb: MaxPageOption = 5.0,
) -> None:
    """Poll the followed feeds (`storylens feeds add URL`) and ingest the articles they link to.

    Each feed is fetched when its interval has passed (conditionally, with ETag / If-Modified-Since), backing
    off after errors; pages are fetched politely (a delay per host, robots.txt honoured), extracted, stored and
    clustered. Stop it at any moment: a restart loses and duplicates nothing. Exit code 1 when `--once` met a
    feed error.
    """
    settings = settings_for(db, config)
    fetcher = fetcher_for(allow_private=allow_private, timeout=timeout, max_page_mb=max_page_mb)
    params = WatchParams(interval_seconds=interval, host_delay_seconds=host_delay, is_clustering=not no_cluster)
    context = PollContext.create(fetcher, params, user_agent=fetcher.params.user_agent)
    reports: list[PollReport] = []

    def on_round(report: PollReport) -> None:
        reports.append(report)
        _render(report, json_output)

    store = store_for(settings)
    try:
        if not store.list_feeds():
            errors.print("no feeds followed yet: add one with `storylens feeds add URL`")
            raise typer.Exit(1)
        watch(store, settings, context, params=params, clock=_utc_now, max_rounds=1 if once else rounds,
              max_seconds=max_seconds, on_round=on_round)
    except KeyboardInterrupt:
        errors.print("stopped")
    finally:
        store.close()
    if once and reports and reports[-1].errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
