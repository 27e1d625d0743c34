"""Copy detection ignores noise and arrival order."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.dedup import find_copies, shingle_hashes
from storylens.model import Article, ArticleId, Origin, SourceFormat

WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéøß0123456789", min_size=1, max_size=8),
                 min_size=0, max_size=40)
SPACES = st.sampled_from([" ", "  ", "\n", "\t", " \n\n ", "\u00a0", "\u3000"])
PUNCTUATION = st.sampled_from(["", ",", ".", "!", "?", ";", "—", "“", "”", "(", ")", "'"])


@given(words=WORDS, data=st.data())
def test_whitespace_case_and_punctuation_noise_leave_shingles_unchanged(words: list[str],
                                                                        data: st.DataObject) -> None:
    noisy = []
    for word in words:
        upper = data.draw(st.booleans())
        noisy.append(data.draw(PUNCTUATION) + (word.upper() if upper else word) + data.draw(PUNCTUATION))
        noisy.append(data.draw(SPACES))
    text = data.draw(SPACES) + "".join(noisy)

    assert shingle_hashes(text).tolist() == shingle_hashes(" ".join(words)).tolist()


BASE = [f"word{i}" for i in range(60)]


def _article(index: int, words: list[str], hour: int) -> Article:
    title, body = f"Report {index % 3}", " ".join(words)
    return Article(id=ArticleId(f"id{index:02d}"), title=title, body=body,
                   origin=Origin(location=f"test/{index}", format=SourceFormat.TEXT),
                   content_hash=hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(), language="en",
                   outlet=f"outlet{index}",
                   published=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=hour))


@settings(max_examples=30, deadline=None)
@given(cuts=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 12)), min_size=1, max_size=8),
       order_seed=st.integers(0, 2**32))
def test_copies_do_not_depend_on_arrival_order_when_times_differ(cuts: list[tuple[int, int]],
                                                                 order_seed: int) -> None:
    families = [BASE, [f"other{i}" for i in range(60)], BASE[30:] + BASE[:30], list(reversed(BASE))]
    articles = [_article(index, families[family][trim:] if index % 2 else families[family][:60 - trim], index)
                for index, (family, trim) in enumerate(cuts)]
    shuffled = articles[:]
    random.Random(order_seed).shuffle(shuffled)

    assert find_copies(shuffled) == find_copies(articles)
