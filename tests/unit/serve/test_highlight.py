"""Shared and unique passages for the side-by-side reader, and inline quote differences."""

from __future__ import annotations

from storylens.model import ArticleId
from storylens.serve.highlight import diff_words, group_paragraphs, mark_shared_passages

A, B, C = ArticleId("a"), ArticleId("b"), ArticleId("c")


def test_a_sentence_sharing_five_words_is_shared_and_others_are_unique() -> None:
    marked = mark_shared_passages({
        A: "The mayor said the bridge would reopen on Monday. Rain fell all day.",
        B: "Officials said the bridge would reopen on Monday morning. Nobody was hurt.",
    })
    assert [(p.text, p.shared_with) for p in marked[A]] == [
        ("The mayor said the bridge would reopen on Monday.", (B,)), ("Rain fell all day.", ())]
    assert [(p.text, p.shared_with) for p in marked[B]] == [
        ("Officials said the bridge would reopen on Monday morning.", (A,)), ("Nobody was hurt.", ())]


def test_a_short_sentence_is_shared_only_when_repeated_whole() -> None:
    marked = mark_shared_passages({A: "Markets rose. Bonds fell.", B: "MARKETS ROSE! Oil was flat.",
                                   C: "Bonds rallied."})
    assert [p.shared_with for p in marked[A]] == [(B,), ()]
    assert [p.shared_with for p in marked[C]] == [()]


def test_four_shared_words_are_not_enough() -> None:
    marked = mark_shared_passages({A: "The bridge would reopen soon, he said.",
                                   B: "A bridge would reopen soon enough."})
    assert [p.is_shared for p in marked[A]] == [False]


def test_passages_keep_their_spans_and_paragraphs() -> None:
    body = "First one here.\n\nSecond paragraph. Still second."
    passages = mark_shared_passages({A: body})[A]
    assert [(p.start, p.end, p.paragraph) for p in passages] == [(0, 15, 0), (17, 34, 1), (35, 48, 1)]
    assert all(body[p.start:p.end] == p.text for p in passages)
    assert [[p.text for p in group] for group in group_paragraphs(passages)] == [
        ["First one here."], ["Second paragraph.", "Still second."]]


def test_a_variant_is_marked_with_added_and_dropped_words() -> None:
    runs = diff_words("we hope for patient answers from Valdoria",
                      "We hope for answers from Valdoria and Kestria")
    assert runs == [
        ("same", "We hope for"), ("dropped", "patient"), ("same", "answers from Valdoria"),
        ("added", "and Kestria")]


def test_identical_wordings_differ_in_nothing_but_case_and_punctuation() -> None:
    assert diff_words("Grace, please.", "grace please") == [("same", "grace please")]
