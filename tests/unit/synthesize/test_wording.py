from __future__ import annotations

import pytest

from storylens.synthesize.wording import WordedSentence, WordingGain, expected_counts, sentence_words


def _story(*articles: tuple[str, ...]) -> list[WordedSentence]:
    return [WordedSentence(article_row=row, position=position, words=sentence_words(text))
            for row, sentences in enumerate(articles) for position, text in enumerate(sentences)]


FLOOD = _story(
    ("Heavy rain flooded the river town of Amberley on Monday.", "The mayor opened the town hall as a shelter.",
     "A bakery handed out bread to volunteers."),
    ("The river town of Amberley flooded after heavy rain.", "Forecasters expect the river to crest again."),
)


def test_sentence_words_are_lower_cased_stems_with_stopwords_kept() -> None:
    assert sentence_words("The Rivers were flooding") == ("the", "river", "were", "flood")


def test_words_every_article_leads_with_are_expected_more_than_one_articles_aside() -> None:
    expected = expected_counts(FLOOD, article_count=2)
    assert expected["amberley"] > expected["bakeri"]
    assert expected["river"] > expected["volunt"]


def test_a_word_gains_less_each_time_the_summary_already_holds_it() -> None:
    gain = WordingGain({"river": 1.5, "bread": 0.2})
    first = gain.per_word(("river",))
    assert first == pytest.approx(0.7769, abs=1e-4)  # 1 - e^-1.5
    gain.add(("river",))
    assert gain.per_word(("river",)) < first
    assert gain.per_word(("river", "river")) < gain.per_word(("river",))
    assert gain.per_word(("bread",)) == pytest.approx(0.1813, abs=1e-4)
    assert gain.per_word(("unknown",)) == 0.0
    assert gain.per_word(()) == 0.0
