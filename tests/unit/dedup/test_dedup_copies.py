"""Exact and near copies, originals and re-pointing, batch against stream, snapshots."""

from __future__ import annotations

import pytest
from dedup_articles import OTHER_REPORT, WIRE_PARAGRAPHS, make_article

from storylens.dedup import CopyIndex, DedupParams, SnapshotError, find_copies
from storylens.model import ArticleId, CopyLink, CopyMethod

TRIMMED = WIRE_PARAGRAPHS[:3] + WIRE_PARAGRAPHS[4:]


def test_exact_copy_links_with_similarity_one() -> None:
    wire = make_article("a-wire", outlet="Reuters", published_hour=9)
    copy = make_article("b-copy", outlet="Daily Harbour", published_hour=10)

    assert find_copies([wire, copy]) == (
        CopyLink(copy=ArticleId("b-copy"), original=ArticleId("a-wire"), similarity=1.0,
                 method=CopyMethod.EXACT),
    )


def test_trimmed_copy_with_new_headline_is_a_near_copy() -> None:
    wire = make_article("a-wire", outlet="Reuters", published_hour=9)
    copy = make_article("b-copy", title="Ship stuck on sandbank", paragraphs=TRIMMED,
                        outlet="Daily Harbour", published_hour=10)

    (link,) = find_copies([wire, copy])

    assert (link.copy, link.original, link.method) == ("b-copy", "a-wire", CopyMethod.NEAR)
    assert link.similarity == 0.9403  # 126 of the copy's 134 shingles are in the wire (Jaccard 0.72)
    assert link.similarity > DedupParams().min_overlap


def test_reports_sharing_a_quote_are_not_copies() -> None:
    wire = make_article("a-wire", outlet="Reuters", published_hour=9)
    other = make_article("b-other", title="Islanders queue for ferries", paragraphs=OTHER_REPORT,
                         outlet="Island Post", published_hour=11)

    assert find_copies([wire, other]) == ()


def test_earliest_published_is_the_original_when_no_wire_is_named() -> None:
    late = make_article("a-late", outlet="Evening Star", published_hour=15)
    early = make_article("z-early", outlet="Morning Post", published_hour=7)
    undated = make_article("m-undated", outlet="Weekly")

    links = find_copies([late, early, undated])

    assert [(link.copy, link.original) for link in links] == [("a-late", "z-early"), ("m-undated", "z-early")]


def test_first_arrival_breaks_a_tie_between_undated_copies() -> None:
    first = make_article("z-first", outlet="One")
    second = make_article("a-second", outlet="Two")

    assert [(link.copy, link.original) for link in find_copies([first, second])] == [("a-second", "z-first")]


def test_wire_arriving_after_its_copy_becomes_the_original() -> None:
    copy = make_article("a-copy", paragraphs=TRIMMED, outlet="Daily Harbour", published_hour=8,
                        cited_outlets=("Reuters",))
    wire = make_article("b-wire", outlet="reuters.com", published_hour=9)
    index = CopyIndex()

    first = index.add(copy)
    second = index.add(wire)

    assert (first.original, first.members, first.links) == ("a-copy", ("a-copy",), ())
    assert not first.is_copy
    assert second.original == "b-wire"
    assert second.members == ("a-copy", "b-wire")
    assert [(link.copy, link.original) for link in second.links] == [("a-copy", "b-wire")]
    assert index.links() == second.links


def test_named_wire_replaces_an_earlier_original_and_every_copy_repoints() -> None:
    blog = make_article("a-blog", outlet="Harbour Blog", published_hour=6)
    wire = make_article("b-wire", outlet="Reuters", published_hour=9)
    copy = make_article("c-copy", outlet="Daily Harbour", published_hour=10, cited_outlets=("Reuters",))
    index = CopyIndex()

    index.add(blog)
    assert [(link.copy, link.original) for link in index.add(wire).links] == [("b-wire", "a-blog")]
    change = index.add(copy)

    assert change.original == "b-wire"
    assert [(link.copy, link.original) for link in change.links] == [
        ("a-blog", "b-wire"), ("c-copy", "b-wire")]


def test_an_article_joining_two_groups_merges_them() -> None:
    head = make_article("a-head", paragraphs=WIRE_PARAGRAPHS[:4], published_hour=10)
    tail = make_article("b-tail", paragraphs=WIRE_PARAGRAPHS[1:], published_hour=11)
    full = make_article("c-full", published_hour=9)

    assert find_copies([head, tail]) == ()
    links = find_copies([head, tail, full])

    assert [(link.copy, link.original) for link in links] == [("a-head", "c-full"), ("b-tail", "c-full")]
    assert links == find_copies([full, tail, head])


def test_adding_the_same_article_twice_changes_nothing() -> None:
    wire = make_article("a-wire", published_hour=9)
    copy = make_article("b-copy", published_hour=10)
    index = CopyIndex()
    index.add(wire)
    change = index.add(copy)

    assert index.add(copy) == change
    assert len(index) == 2


def test_batch_equals_adding_one_by_one() -> None:
    articles = [
        make_article("a-copy", paragraphs=TRIMMED, outlet="Daily Harbour", published_hour=8,
                     cited_outlets=("Reuters",)),
        make_article("b-other", paragraphs=OTHER_REPORT, outlet="Island Post", published_hour=9),
        make_article("c-wire", outlet="Reuters", published_hour=9),
        make_article("d-exact", outlet="Coast News", published_hour=12),
    ]
    index = CopyIndex()
    streamed: dict[ArticleId, CopyLink] = {}
    for article in articles:
        change = index.add(article)
        for member in change.members:
            streamed.pop(member, None)
        streamed.update({link.copy: link for link in change.links})

    batch = find_copies(articles)

    assert batch == tuple(streamed[key] for key in sorted(streamed))
    assert [(link.copy, link.original, link.method) for link in batch] == [
        ("a-copy", "c-wire", CopyMethod.NEAR), ("d-exact", "c-wire", CopyMethod.EXACT)]


def test_restored_snapshot_answers_like_the_original_index() -> None:
    params = DedupParams(min_overlap=0.85)
    index = CopyIndex(params)
    index.add(make_article("a-copy", paragraphs=TRIMMED, outlet="Daily Harbour", published_hour=8,
                           cited_outlets=("Reuters",)))
    index.add(make_article("b-other", paragraphs=OTHER_REPORT, outlet="Island Post", published_hour=9))
    index.add(make_article("c-blog", outlet="Harbour Blog", published_hour=7))
    restored = CopyIndex.restore(index.snapshot())
    late_wire = make_article("d-wire", outlet="Reuters", published_hour=9)
    other_copy = make_article("e-other", paragraphs=OTHER_REPORT, outlet="Mainland Daily", published_hour=10)

    assert restored.params == params
    assert restored.links() == index.links()
    assert restored.add(late_wire) == index.add(late_wire)
    assert restored.add(other_copy) == index.add(other_copy)
    assert restored.links() == index.links()
    assert restored.snapshot() == index.snapshot()


def test_restore_rejects_bytes_that_are_not_a_snapshot() -> None:
    with pytest.raises(SnapshotError, match=r"\[snapshot\] not a copy-index snapshot"):
        CopyIndex.restore(b"\x93not a snapshot")


def test_untitled_empty_articles_copy_only_exactly() -> None:
    first = make_article("a-empty", title="", paragraphs=(), published_hour=1)
    second = make_article("b-empty", title="", paragraphs=(), published_hour=2)
    words = make_article("c-words", title="", paragraphs=("Brief.",), published_hour=3)

    assert [(link.copy, link.original, link.method) for link in find_copies([first, second, words])] == [
        ("b-empty", "a-empty", CopyMethod.EXACT)]
