"""Hand-written articles for the cluster tests."""

from __future__ import annotations

from datetime import UTC, datetime

from storylens.model import Article, ArticleId, Origin, SourceFormat


def make_article(article_id: str, title: str, body: str, *, day: int = 10, hour: int = 9,
                 outlet: str | None = None, dateline: str | None = None) -> Article:
    return Article(id=ArticleId(article_id), title=title, body=body,
                   origin=Origin(location=f"{article_id}.txt", format=SourceFormat.TEXT),
                   content_hash=article_id, language="en", outlet=outlet,
                   published=datetime(2021, 3, day, hour, tzinfo=UTC), dateline=dateline)


LISBON_MEETING = make_article(
    "lisbon-1", "Ministers Varga and Okonkwo agree fisheries quota deal in Lisbon",
    "Fisheries Minister Elena Varga and Trade Minister Daniel Okonkwo agreed a fisheries quota deal "
    "in Lisbon "
    "on March 10, 2021. Varga said the quota for mackerel would rise by 12 percent. Okonkwo called the deal "
    "a fair compromise for coastal fleets.", day=10, dateline="Lisbon")
LISBON_FOLLOW = make_article(
    "lisbon-2", "Varga, Okonkwo strike mackerel quota compromise in Lisbon talks",
    "In Lisbon, Elena Varga and Daniel Okonkwo struck a compromise on March 10, 2021 that lifts the mackerel "
    "quota by 12 percent. Coastal fleets welcomed the fisheries deal, Okonkwo said.", day=10, hour=14)
OSLO_MEETING = make_article(
    "oslo-1", "Ministers Varga and Okonkwo meet on fisheries enforcement in Oslo",
    "Fisheries Minister Elena Varga and Trade Minister Daniel Okonkwo met in Oslo on March 24, 2021 to "
    "discuss enforcement of fishing rules. Varga said inspections of trawlers would double next year.",
    day=24, dateline="Oslo")
NORDWIND_Q2 = make_article(
    "nordwind-q2", "Nordwind Energy second-quarter profit rises on turbine orders",
    "Nordwind Energy reported second-quarter net profit of 310 million euros on July 28, 2020, helped by "
    "turbine orders in Denmark. Chief Executive Mara Lind said the order book reached 4.2 billion euros.",
    day=1)
NORDWIND_Q3 = make_article(
    "nordwind-q3", "Nordwind Energy third-quarter profit falls as turbine costs climb",
    "Nordwind Energy reported third-quarter net profit of 205 million euros on October 27, 2020, hurt by "
    "higher turbine costs. Chief Executive Mara Lind said the order book stood at 3.9 billion euros.",
    day=28)
VOLCANO = make_article(
    "volcano", "Volcano eruption forces evacuation of villages in Iceland",
    "Lava flows from an eruption on the Reykjanes peninsula forced hundreds of residents to leave their "
    "villages overnight, civil protection officials said. Seismologists expect the eruption to continue.",
    day=11)
