"""Shingles, the vectorised MinHash, outlet keys, re-reports and independent sources."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH
from dedup_articles import make_article

from storylens.dedup import (
    DedupParams,
    find_copies,
    independent_sources,
    is_reprint_of,
    normalize_text,
    outlet_key,
    re_reports,
    shingle_hashes,
)
from storylens.dedup.bands import BandIndex
from storylens.dedup.minhash import make_permutations, signature
from storylens.dedup.shingles import containment, jaccard
from storylens.errors import ConfigError
from storylens.model import ArticleId


def test_normalize_text_folds_case_width_punctuation_and_spacing() -> None:
    assert normalize_text("  The  MAYOR said:\n“No,   never!”  Ｔｗｏ  ") == "the mayor said no never two"


def test_shingles_are_stable_across_processes() -> None:
    assert shingle_hashes("one two three four five six").tolist() == [243268242, 3503009393]


def test_shingles_depend_on_word_order() -> None:
    assert shingle_hashes("a b c d e").tolist() != shingle_hashes("e d c b a").tolist()


def test_a_text_shorter_than_a_shingle_is_one_shingle() -> None:
    assert shingle_hashes("two words").size == 1
    assert shingle_hashes(" ... ").size == 0


def test_jaccard_and_containment_of_a_trimmed_text() -> None:
    full = shingle_hashes("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10", size=1)
    trimmed = shingle_hashes("w1 w2 w3 w4 w5", size=1)

    assert jaccard(full, trimmed) == 0.5
    assert containment(full, trimmed) == 1.0


def test_signature_matches_datasketch_bit_for_bit() -> None:
    shingles = shingle_hashes(" ".join(f"word{i}" for i in range(300)))
    reference = MinHash(num_perm=128, seed=7, hashfunc=int)
    reference.update_batch(shingles.tolist())

    assert np.array_equal(signature(shingles, make_permutations(128, 7)), reference.hashvalues)


def test_signature_of_nothing_is_the_empty_sketch() -> None:
    empty = signature(np.empty(0, dtype=np.uint32), make_permutations(16, 1))

    assert empty.tolist() == [0xFFFFFFFF] * 16


@pytest.mark.parametrize(
    ("outlet", "key"),
    [("Reuters", "reuters"), ("www.reuters.com", "reuters"), ("https://edition.cnn.com/world", "cnn"),
     ("the CNN", "cnn"), ("bbc.co.uk", "bbc"), ("The Associated Press", "ap"), (None, "")],
)
def test_outlet_key_joins_spellings_of_one_outlet(outlet: str | None, key: str) -> None:
    assert outlet_key(outlet) == key


def test_re_reports_leave_out_the_articles_own_outlet() -> None:
    article = make_article("a", outlet="reuters.com",
                           cited_outlets=("Reuters", "Bloomberg", "the CNN", "CNN"))

    assert re_reports(article) == ("Bloomberg", "the CNN")


def test_independent_sources_follow_copies_and_re_reports() -> None:
    wire = make_article("a-wire", outlet="Reuters", published_hour=9, cited_outlets=("Reuters",))
    copy = make_article("b-copy", outlet="Daily Harbour", published_hour=10, cited_outlets=("Reuters",))
    re_report = make_article("c-rereport", title="Port closed", paragraphs=("According to Bloomberg, the "
                             "harbour at Port Selwyn is closed to ships until Thursday at the earliest.",),
                             outlet="Island Post", cited_outlets=("Bloomberg",))
    own = make_article("d-own", title="Fishermen warned council", paragraphs=("Fishermen say the sandbank "
                       "grew after the floods and that the council ignored two letters.",),
                       outlet="Coast News")
    anonymous = make_article("e-anon", title="Lane shut", paragraphs=("The northern lane is shut again.",))
    articles = [wire, copy, re_report, own, anonymous]

    sources = independent_sources(articles, find_copies(articles))

    assert sources == {ArticleId("a-wire"): "Reuters", ArticleId("b-copy"): "Reuters",
                       ArticleId("c-rereport"): "Bloomberg", ArticleId("d-own"): "Coast News",
                       ArticleId("e-anon"): "article:e-anon"}


def test_params_refuse_thresholds_outside_zero_to_one() -> None:
    with pytest.raises(ConfigError, match=r"\[config\] copy thresholds must be above 0 and at most 1"):
        DedupParams(min_overlap=1.5)


def test_band_index_finds_the_candidates_datasketch_lsh_finds() -> None:
    permutations = make_permutations(128, 1)
    texts = [" ".join(f"w{(i * step) % 97}" for i in range(80)) for step in (1, 1, 2, 3, 5, 1)]
    texts[1] = texts[1].replace("w40", "changed")
    signatures = [signature(shingle_hashes(text), permutations) for text in texts]
    ours, theirs = BandIndex(32, 4), MinHashLSH(num_perm=128, params=(32, 4))
    for number, values in enumerate(signatures):
        ours.insert(ArticleId(f"t{number}"), values)
        theirs.insert(f"t{number}", LeanMinHash(seed=1, hashvalues=values, scheme="affine32"))

    for values in signatures:
        sketch = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        assert ours.query(values) == set(theirs.query(sketch))
    assert ours.query(signatures[0]) == {"t0", "t1", "t5"}


def test_an_article_citing_an_outlet_lower_down_is_its_own_witness_and_a_reprint_is_not() -> None:
    cites_later = make_article("c", outlet="Civic Daily", cited_outlets=("Meridian Wire",), paragraphs=(
        "Ministers met in Arden on Monday to extend the truce.",
        "Observers were sceptical, according to Meridian Wire."))
    reprint = make_article("r", outlet="Kellmouth Courier", cited_outlets=("Meridian Wire",),
                           paragraphs=("Ministers met in Arden on Monday to extend the truce.",))
    lead_credit = make_article("l", outlet="Tideline News", cited_outlets=("Meridian Wire",), paragraphs=(
        "Ministers met in Arden on Monday, Meridian Wire reported.", "The truce holds."))

    assert (is_reprint_of(cites_later, "Meridian Wire"), is_reprint_of(reprint, "Meridian Wire"),
            is_reprint_of(lead_credit, "Meridian Wire")) == (False, True, True)
    assert independent_sources([cites_later, reprint, lead_credit], []) == {
        cites_later.id: "Civic Daily", reprint.id: "Meridian Wire", lead_credit.id: "Meridian Wire"}
