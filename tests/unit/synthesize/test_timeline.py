from __future__ import annotations

from datetime import UTC, datetime

from synthesize_articles import make_article

from storylens.synthesize.timeline import build_timeline


def test_articles_run_in_publication_order_with_undated_last() -> None:
    articles = [make_article("u", "Undated text.", title="Undated"),
                make_article("late", "Late text.", outlet="B", title="Late",
                             published=datetime(2016, 12, 11, tzinfo=UTC)),
                make_article("early", "Early text.", outlet="A", title="Early",
                             published=datetime(2016, 12, 10, tzinfo=UTC))]
    assert [(entry.article_id, entry.outlet, entry.title) for entry in build_timeline(articles)] == [
        ("early", "A", "Early"), ("late", "B", "Late"), ("u", None, "Undated")]
