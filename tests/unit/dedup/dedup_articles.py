"""Hand-built articles for the dedup tests: a wire report, its copies, and a separate report of the event."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from storylens.model import Article, ArticleId, Origin, SourceFormat

WIRE_PARAGRAPHS = (
    "The harbour authority of Port Selwyn closed the northern shipping lane on Tuesday after a cargo "
    "vessel lost power and drifted onto a sandbank during a storm, officials said.",
    "No one was hurt, but the 190-metre ship, carrying timber and farm machinery, will stay grounded "
    "until tugs can reach it when the wind drops on Thursday, the authority said in a statement.",
    "\"We will not reopen the lane until the hull has been inspected by divers,\" harbour master Ilse "
    "Brandt told reporters at the quay, adding that ferries to the islands would run from the south pier.",
    "Local fishermen said the sandbank had grown since the winter floods and that they had warned the "
    "council twice about the shallower water near the lighthouse.",
    "The shipping company, which is based in the capital, said its crew of eighteen was safe on board and "
    "that fuel tanks were intact, with no sign of a leak in the water around the vessel.",
)
WIRE_TITLE = "Storm drives cargo ship aground, Port Selwyn shuts northern lane"

OTHER_REPORT = (
    "Ferries to the islands left from the south pier on Wednesday, a day after a grounded cargo ship "
    "forced Port Selwyn to shut its busiest lane. Passengers queued for hours in the rain.",
    "\"We will not reopen the lane until the hull has been inspected by divers,\" harbour master Ilse "
    "Brandt said again on Wednesday, as a second tug set out from the mainland.",
    "Café owners near the quay said the closure had cut their trade by half and asked the council for "
    "help; the mayor promised a meeting with business owners next week.",
)


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


def make_article(
    article_id: str,
    *,
    title: str = WIRE_TITLE,
    paragraphs: tuple[str, ...] = WIRE_PARAGRAPHS,
    outlet: str | None = None,
    published_hour: int | None = None,
    cited_outlets: tuple[str, ...] = (),
) -> Article:
    """An English article of `paragraphs`, published on 5 March 2024 at `published_hour` UTC (or undated)."""
    body = "\n\n".join(paragraphs)
    published = None if published_hour is None else datetime(2024, 3, 5, published_hour, tzinfo=UTC)
    return Article(id=ArticleId(article_id), title=title, body=body,
                   origin=Origin(location=f"test/{article_id}", format=SourceFormat.TEXT),
                   content_hash=content_hash(title, body), language="en", outlet=outlet,
                   published=published, cited_outlets=cited_outlets)
