"""The web reader: server-rendered pages over the same catalog as the API.

Article text is untrusted: templates autoescape everything, pages carry a Content-Security-Policy that allows
only our own script and style files, and no template marks text safe.
"""

from __future__ import annotations

import zlib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from storylens.errors import NotFoundError
from storylens.model import Agreement, AlignedQuote, Article, Story
from storylens.serve import catalog
from storylens.serve.errors import InvalidParameterError
from storylens.serve.highlight import diff_words, group_paragraphs, mark_shared_passages
from storylens.serve.params import get_store, parse_time
from storylens.store import Store

WEB = Path(__file__).parent / "web"
PAGE_SIZE = 12
OUTLET_COLOURS = 8
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_AGREEMENT_GROUPS = (
    (Agreement.AGREE, "Sources agree", "agree"),
    (Agreement.CONFLICT, "Sources conflict", "conflict"),
    (Agreement.SINGLE, "One source only", "single"),
)


def outlet_colour(outlet: str | None) -> int:
    """A stable colour slot for an outlet's badge, the same on every page and run."""
    return zlib.crc32((outlet or "").casefold().encode()) % OUTLET_COLOURS


def format_when(value: datetime | None, with_time: bool = True) -> str:
    if value is None:
        return "undated"
    day = f"{value.day} {value:%b %Y}"
    return f"{day}, {value:%H:%M} UTC" if with_time else day


def format_span(story: Story) -> str:
    first, last = story.first_published, story.last_published
    if first is None:
        return "undated"
    if last is None or last == first:
        return format_when(first)
    if last.date() == first.date():
        return f"{format_when(first, with_time=False)}, {first:%H:%M}–{last:%H:%M} UTC"
    return f"{format_when(first, with_time=False)} – {format_when(last, with_time=False)}"


def safe_link(url: str | None) -> str | None:
    """Only http(s) links from article metadata become hrefs; `javascript:` and the like are dropped."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def template_environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(WEB / "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["when"] = format_when
    environment.filters["span"] = format_span
    environment.filters["colour"] = outlet_colour
    environment.filters["safe_link"] = safe_link
    return environment


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    environment: Environment = request.app.state.templates
    html = environment.get_template(name).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def _query_link(base: dict[str, str | None], **changes: Any) -> str:
    merged = {**base, **changes}
    return "/?" + urlencode({key: value for key, value in merged.items() if value not in (None, "", 0)})


def _outlet_names(articles: list[Article]) -> dict[str, str]:
    return {article.id: article.outlet or "Unknown outlet" for article in articles}


def _variants(quote: AlignedQuote, outlets: dict[str, str]) -> list[dict[str, Any]]:
    """Each outlet's differing wording of a quote, once, with its words marked against the quote."""
    seen: set[tuple[str, str]] = set()
    variants = []
    for variant in quote.variants:
        outlet = outlets.get(variant.mention.article_id, "Unknown outlet")
        key = (outlet, variant.mention.text)
        if variant.mention.text == quote.text or key in seen:
            continue
        seen.add(key)
        variants.append({"outlet": outlet, "runs": diff_words(quote.text, variant.mention.text)})
    return variants


def reader_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def front_page(request: Request, *,
                   q: Annotated[str | None, Query()] = None,
                   outlet: Annotated[str | None, Query()] = None,
                   entity: Annotated[str | None, Query()] = None,
                   since: Annotated[str | None, Query()] = None,
                   until: Annotated[str | None, Query()] = None,
                   offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        store: Store = get_store(request)
        try:
            query = catalog.StoryQuery(text=q, outlet=outlet, entity=entity, since=parse_time(since, "since"),
                                       until=parse_time(until, "until", is_end=True), limit=PAGE_SIZE,
                                       offset=offset)
        except InvalidParameterError as error:
            return _render(request, "error.html", 422, title="Bad date", message=error.message,
                           fix=error.fix)
        found = catalog.find_stories(store, query)
        cards = []
        for story in found.stories:
            articles = catalog.story_articles(store, story)
            cards.append({"story": story, "entities": catalog.top_entities(articles, 5)})
        filters = {"q": q, "outlet": outlet, "entity": entity, "since": since, "until": until}
        stats = store.stats()
        return _render(
            request, "index.html", title="Stories", cards=cards, found=found, filters=filters,
            outlets=[name for name, _ in stats.outlets], stats=stats,
            next_link=(_query_link(filters, offset=found.next_offset)
                       if found.next_offset is not None else None),
            previous_link=(_query_link(filters, offset=found.previous_offset)
                           if found.previous_offset is not None else None),
            is_filtered=any(filters.values()))

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(request: Request, story_id: str) -> Response:
        store: Store = get_store(request)
        try:
            story = catalog.resolve_story(store, story_id)
        except NotFoundError as error:
            return _render(request, "error.html", 404, title="No such story", message=error.message,
                           fix="Go back to the front page and pick a story.")
        articles = catalog.story_articles(store, story)
        account = catalog.story_account(store, story, articles)
        outlets = _outlet_names(articles)
        passages = mark_shared_passages({article.id: article.body for article in articles})
        columns = [{"article": article, "paragraphs": group_paragraphs(passages[article.id]),
                    "shared": sum(1 for p in passages[article.id] if p.is_shared),
                    "sentences": len(passages[article.id])} for article in articles]
        quotes = [{"quote": quote, "variants": _variants(quote, outlets)} for quote in account.quotes]
        claim_groups = [{"title": title, "css": css,
                         "claims": [claim for claim in account.claims if claim.agreement is agreement]}
                        for agreement, title, css in _AGREEMENT_GROUPS]
        return _render(request, "story.html", title=account.headline, story=story, account=account,
                       columns=columns, quotes=quotes, claim_groups=claim_groups, outlets=outlets)

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, article_id: str) -> Response:
        store: Store = get_store(request)
        try:
            article = catalog.resolve_article(store, article_id)
        except NotFoundError as error:
            return _render(request, "error.html", 404, title="No such article", message=error.message,
                           fix="Go back to the front page and pick a story.")
        paragraphs = group_paragraphs(mark_shared_passages({article.id: article.body})[article.id])
        return _render(request, "article.html", title=article.title, article=article, paragraphs=paragraphs)

    return router


def mount_reader(app: FastAPI) -> None:
    """Add the reader's pages and static files to `app`."""
    app.state.templates = template_environment()
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.include_router(reader_router())
