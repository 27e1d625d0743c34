from __future__ import annotations

from datetime import UTC, datetime

from synthesize_articles import make_article

from storylens.synthesize.timeline import build_timeline, count_entities


def test_articles_run_in_publication_order_with_undated_last() -> None:
    articles = [make_article("u", "Undated text.", title="Undated"),
                make_article("late", "Late text.", outlet="B", title="Late",
                             published=datetime(2016, 12, 11, tzinfo=UTC)),
                make_article("early", "Early text.", outlet="A", title="Early",
                             published=datetime(2016, 12, 10, tzinfo=UTC))]
    assert [(entry.article_id, entry.outlet, entry.title) for entry in build_timeline(articles)] == [
        ("early", "A", "Early"), ("late", "B", "Late"), ("u", None, "Undated")]


def test_entities_take_their_typed_kind_and_leave_out_nationalities_and_headline_case() -> None:
    articles = [
        make_article("a", "Secretary of State Mara Linde met rebels in Brell on Saturday. Linde said the "
                          "Austrian envoys would return. Linde spoke after the Brell Peace Accord was signed in "
                          "the U.S. capital.", outlet="A", title="Linde Says Choices Are Key To Ending War"),
        make_article("b", "Mara Linde flew to the United States on Sunday’s early flight. Linde met Austrian "
                          "officials.", outlet="B"),
    ]
    entities = {entity.name: entity for entity in count_entities(articles)}

    assert entities["Mara Linde"].kind == "person"  # though plain "Linde" is untyped most of the time
    assert dict(entities["Mara Linde"].mentions_by_outlet) == {"A": 4, "B": 2}
    assert entities["United States"].kind == "place"  # "U.S." and "United States" are one place
    assert dict(entities["United States"].mentions_by_outlet) == {"A": 1, "B": 1}
    assert entities["Brell Peace Accord"].kind == "other"
    assert not {"Austrian", "Sunday", "Choices", "Key To Ending War"} & entities.keys()
