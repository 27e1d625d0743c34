import zlib

from storylens.analysis.tokens import STOPWORDS, crc32_hashes, stem, terms, words


def test_words_keep_case_and_internal_apostrophes_and_hyphens() -> None:
    assert words("Kerry's al-Assad talks, COVID-19; don't _x_") == [
        "Kerry's", "al-Assad", "talks", "COVID-19", "don't", "x",
    ]


def test_terms_drop_stopwords_and_stem() -> None:
    assert terms("The ministers were meeting in Paris") == ["minist", "meet", "pari"]


def test_terms_drop_possessive() -> None:
    assert terms("Kerry's plan") == ["kerri", "plan"]


def test_terms_use_the_language_stopwords_and_stemmer() -> None:
    assert terms("Die Minister trafen sich in Paris", "de") == ["minist", "traf", "paris"]


def test_unknown_language_falls_back_to_english_stopwords_without_stemming() -> None:
    assert terms("The meetings in Oslo", "xx") == ["meetings", "oslo"]


def test_stopword_lists_cover_the_task_languages() -> None:
    assert {"en", "de", "es", "fr", "pl", "tr", "ar"} <= set(STOPWORDS)
    assert "the" in STOPWORDS["en"]
    assert "und" in STOPWORDS["de"]


def test_stem_is_snowball() -> None:
    assert stem("running") == "run"


def test_crc32_hashes_are_the_crc32_of_each_text_in_order() -> None:
    texts = ["pari", "kerri", "pari", "Zürich"]
    assert crc32_hashes(texts).tolist() == [zlib.crc32(text.encode("utf-8")) for text in texts]
    assert crc32_hashes([]).dtype == crc32_hashes(texts).dtype
    assert crc32_hashes([]).size == 0


def test_terms_are_the_same_however_often_a_text_is_read() -> None:
    text = "The minister's talks: ministers talked of the talks in Paris"
    assert [terms(text) for _ in range(3)] == [["minist", "talk", "minist", "talk", "talk", "pari"]] * 3
