"""Properties of normalize: hashes blind to noise, ids deterministic, no exception on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.model import Article, Document, Origin, Rejected, SourceFormat
from storylens.normalize import article_id, content_hash, normalize_document

ORIGIN = Origin(location="generated.txt", format=SourceFormat.TEXT)
# Characters whose case mapping loses nothing ("ı" upper-cases to "I", which folds back to "i").
_CASE_SAFE = st.characters(categories=("Lu", "Ll", "Nd", "Po"), max_codepoint=0x24F).filter(
    lambda char: char.upper().casefold() == char.casefold() == char.lower().casefold())
_WORDS = st.lists(st.text(_CASE_SAFE, min_size=1, max_size=8), min_size=1, max_size=12)
_SPACE = st.text(" \t\n\u00a0\u2009\r", min_size=1, max_size=3)


def _joined(words: list[str], gaps: list[str]) -> str:
    text = words[0]
    for index, word in enumerate(words[1:]):
        text += gaps[index % len(gaps)] + word
    return text


@given(title=_WORDS, body=_WORDS, gaps=st.lists(_SPACE, min_size=1, max_size=5), upper=st.booleans(),
       edges=_SPACE)
def test_content_hash_ignores_white_space_and_case_noise(title: list[str], body: list[str], gaps: list[str],
                                                         upper: bool, edges: str) -> None:
    noisy_title = edges + _joined(title, gaps) + edges
    noisy_body = _joined(body, gaps[::-1]) + edges
    if upper:
        noisy_title, noisy_body = noisy_title.upper(), noisy_body.upper()
    else:
        noisy_title, noisy_body = noisy_title.swapcase(), noisy_body.lower()
    assert content_hash(noisy_title, noisy_body) == content_hash(" ".join(title), " ".join(body))


@given(url=st.one_of(st.none(), st.text(max_size=60)), outlet=st.one_of(st.none(), st.text(max_size=20)),
       title=st.text(max_size=30), body=st.text(max_size=200))
def test_article_id_is_deterministic(url: str | None, outlet: str | None, title: str, body: str) -> None:
    digest = content_hash(title, body)
    first = article_id(url=url, outlet=outlet, content_hash=digest)
    assert first == article_id(url=url, outlet=outlet, content_hash=content_hash(title, body))
    assert len(first) == 16
    assert first.startswith("a")


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=600), title=st.one_of(st.none(), st.text(max_size=40)),
       url=st.one_of(st.none(), st.text(max_size=40)), outlet=st.one_of(st.none(), st.text(max_size=20)))
def test_normalize_never_raises(text: str, title: str | None, url: str | None, outlet: str | None) -> None:
    result = normalize_document(Document(origin=ORIGIN, text=text, title=title, url=url, outlet=outlet))
    assert isinstance(result, Article | Rejected)
    if isinstance(result, Article):
        assert len(result.body) >= 80
        again = normalize_document(Document(origin=ORIGIN, text=text, title=title, url=url, outlet=outlet))
        assert isinstance(again, Article)
        assert again.id == result.id


_NEWSY = st.lists(st.sampled_from([
    "PARIS (Reuters) -", "By Jane Doe,", "REUTERS/Ana Lima/Pool", "Reporting by A B;", "according to",
    "Bloomberg", "December 10, 2016", "EghtesadOnline:", "—", "--", "(", ")", "\n\n", "The", "talks", "said",
    "FILE PHOTO:", "Photo:", "/", "“", "”", "reported", "citing the", "Times", "AP Photo/", "\u200b", "\x00",
]), max_size=80)


@settings(max_examples=150, deadline=None)
@given(pieces=_NEWSY, separator=st.sampled_from([" ", "", "\n"]))
def test_normalize_never_raises_on_news_like_text(pieces: list[str], separator: str) -> None:
    result = normalize_document(Document(origin=ORIGIN, text=separator.join(pieces)))
    assert isinstance(result, Article | Rejected)
