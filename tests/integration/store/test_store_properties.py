"""Property: whatever valid article goes into a store comes back equal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.model import Article, ArticleId, DateSource, Origin, SourceFormat
from storylens.store import Store

OpenStore = Callable[[], Store]

# Fixed offsets only: a zone's skipped or repeated hour makes Python's cross-zone `==` false (PEP 495).
offsets = st.builds(timezone, st.timedeltas(min_value=timedelta(hours=-14), max_value=timedelta(hours=14))
                    .map(lambda delta: timedelta(minutes=delta // timedelta(minutes=1))))
times = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 1, 1), timezones=offsets)
words = st.text(min_size=0, max_size=40)
names = st.tuples() | st.lists(words, max_size=4).map(tuple)

articles = st.builds(
    Article,
    id=st.text(min_size=1, max_size=30).map(ArticleId),
    title=words,
    body=st.text(max_size=300),
    origin=st.builds(Origin, location=words, format=st.sampled_from(SourceFormat),
                     record=st.none() | st.integers(min_value=-(2**62), max_value=2**62)),
    content_hash=words,
    language=words,
    url=st.none() | words,
    outlet=st.none() | words,
    published=st.none() | times,
    date_source=st.sampled_from(DateSource),
    authors=names,
    dateline=st.none() | words,
    captions=names,
    credits=names,
    cited_outlets=names,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles)
def test_an_article_round_trips_through_the_store(open_empty_store: OpenStore, article: Article) -> None:
    store = open_empty_store()
    store.add_articles([article])

    stored = store.get_article(article.id)

    assert stored == article
    assert stored.published is None or stored.published.tzinfo == UTC
    assert list(store.iter_articles()) == [article]
