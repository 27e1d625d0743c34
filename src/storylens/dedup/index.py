"""The copy index: exact and near-duplicate detection over a growing set of articles.

An article is a copy of another when they have the same content hash (EXACT), or when their word shingles
overlap enough (NEAR): Jaccard at least `min_jaccard` and the shorter text at least `min_overlap` contained
in the longer one, so a copy that trims paragraphs or rewrites the headline still counts. MinHash LSH finds
the candidates; the real shingle sets decide.

Copies form groups, the connected components of the copy relation, so a group does not depend on the order
articles arrive in. Each group has one original (see `choose_original`) and every other member links straight
to it. When a later article changes a group (joins it, joins two groups, or turns out to be the original),
`add` returns the group's new links, which replace every earlier link of its members.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import msgspec
import numpy as np

from storylens.dedup.bands import BandIndex
from storylens.dedup.minhash import Permutations, Signature, make_permutations, signature
from storylens.dedup.original import Candidate, choose_original
from storylens.dedup.shingles import ShingleSet, article_text, containment, overlap_counts, shingle_hashes
from storylens.errors import ConfigError, SnapshotError
from storylens.model import Article, ArticleId, CopyLink, CopyMethod

NAME = "dedup.minhash.v1"
SNAPSHOT_FORMAT = "storylens.dedup.snapshot"
SNAPSHOT_VERSION = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupParams:
    """Settings of the copy index; the defaults suit news articles of a few hundred words.

    Attributes:
        shingle_words: Words per shingle. Five keeps shared quotes between different reports from looking
            like copying, while one changed word disturbs only five shingles.
        num_perm: MinHash permutations; 128 estimates Jaccard to about ±0.04.
        seed: Seed of the permutations. Indexes with different seeds cannot be compared.
        min_jaccard: Least shingle Jaccard of a near copy. 0.5 keeps a copy that lost up to half of the text.
        min_overlap: Least share of the shorter text's shingles found in the longer one. 0.8 allows a
            rewritten headline and light edits but not two reports that share a few quotes.
        lsh_bands: LSH bands of `lsh_rows` signature values each (bands x rows <= num_perm). Two texts
            become candidates when one band is equal, with probability 1 - (1 - J**rows)**bands: with
            32 x 4 a pair at Jaccard 0.5 is missed 13% of the time, at 0.6 1.2%, at 0.7 0.03%, while
            unrelated reports of one event (J near 0.05) almost never need checking.
        lsh_rows: Signature values per band.
    """

    shingle_words: int = 5
    num_perm: int = 128
    seed: int = 1
    min_jaccard: float = 0.5
    min_overlap: float = 0.8
    lsh_bands: int = 32
    lsh_rows: int = 4

    def __post_init__(self) -> None:
        if not 0.0 < self.min_jaccard <= 1.0 or not 0.0 < self.min_overlap <= 1.0:
            raise ConfigError("copy thresholds must be above 0 and at most 1",
                              subject=f"min_jaccard={self.min_jaccard}, min_overlap={self.min_overlap}",
                              fix="use values such as min_jaccard=0.5, min_overlap=0.8")
        if (self.num_perm < 16 or not 1 <= self.shingle_words <= 8 or self.lsh_bands < 2
                or self.lsh_rows < 1 or self.lsh_bands * self.lsh_rows > self.num_perm):
            raise ConfigError("need num_perm >= 16, shingle_words 1 to 8, lsh_bands >= 2, lsh_rows >= 1 "
                              "and lsh_bands x lsh_rows <= num_perm",
                              subject=f"num_perm={self.num_perm}, shingle_words={self.shingle_words}, "
                                      f"lsh_bands={self.lsh_bands}, lsh_rows={self.lsh_rows}",
                              fix="keep the defaults num_perm=128, shingle_words=5, lsh_bands=32, lsh_rows=4")


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyChange:
    """What adding one article did to its copy group.

    Attributes:
        article_id: The article just added.
        original: The original of its group (the article itself when it copies nothing).
        members: Every article of the group, sorted; each one's earlier link is replaced by `links`.
        links: One link per member except the original, sorted by copy id.
    """

    article_id: ArticleId
    original: ArticleId
    members: tuple[ArticleId, ...]
    links: tuple[CopyLink, ...] = ()

    @property
    def is_copy(self) -> bool:
        return self.original != self.article_id


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class _Entry:
    candidate: Candidate
    content_hash: str
    shingles: ShingleSet
    signature: Signature


class _SnapshotEntry(msgspec.Struct, array_like=True, frozen=True):
    id: str
    arrival: int
    outlet: str | None
    cited_outlets: tuple[str, ...]
    published: datetime | None
    content_hash: str
    shingles: bytes
    signature: bytes


class _SnapshotParams(msgspec.Struct, frozen=True):
    shingle_words: int
    num_perm: int
    seed: int
    min_jaccard: float
    min_overlap: float
    lsh_bands: int
    lsh_rows: int


class _Snapshot(msgspec.Struct, frozen=True):
    format: str
    version: int
    name: str
    params: _SnapshotParams
    entries: list[_SnapshotEntry]
    groups: list[list[str]]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the copy index needs of an article's text: its shingle hashes and their MinHash signature."""

    shingles: ShingleSet
    signature: Signature


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> Permutations:
    return make_permutations(num_perm, seed)


def fingerprint(article: Article, params: DedupParams) -> Fingerprint:
    """The article's fingerprint under `params` (pure: worker processes may compute it)."""
    shingles = shingle_hashes(article_text(article), params.shingle_words)
    return Fingerprint(shingles=shingles, signature=signature(shingles, _permutations(params.num_perm, params.seed)))


@dataclass(slots=True)
class CopyIndex:
    """Articles seen so far, their fingerprints and copy groups. Add articles one at a time, or restore.

    Args:
        params: Thresholds and MinHash settings.
    """

    params: DedupParams = field(default_factory=DedupParams)
    _permutations: Permutations = field(init=False)
    _bands: BandIndex = field(init=False)
    _entries: dict[ArticleId, _Entry] = field(init=False, default_factory=dict)
    _first_with_hash: dict[str, ArticleId] = field(init=False, default_factory=dict)
    _group_of: dict[ArticleId, ArticleId] = field(init=False, default_factory=dict)
    _members: dict[ArticleId, list[ArticleId]] = field(init=False, default_factory=dict)
    _links: dict[ArticleId, tuple[CopyLink, ...]] = field(init=False, default_factory=dict)
    _originals: dict[ArticleId, ArticleId] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._permutations = make_permutations(self.params.num_perm, self.params.seed)
        self._bands = BandIndex(self.params.lsh_bands, self.params.lsh_rows)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def add(self, article: Article, known: Fingerprint | None = None) -> CopyChange:
        """Index `article` and return its copy group as it now stands.

        Adding an article already in the index changes nothing and returns its group.

        Args:
            article: A normalised article.
            known: its `fingerprint` under this index's params, when already computed.

        Returns:
            The group's original, members and links; the links replace the members' earlier ones.
        """
        if article.id in self._entries:
            return self._change(article.id)
        if known is None:
            shingles = shingle_hashes(article_text(article), self.params.shingle_words)
            known = Fingerprint(shingles=shingles, signature=signature(shingles, self._permutations))
        entry = _Entry(
            candidate=Candidate(id=article.id, outlet=article.outlet, cited_outlets=article.cited_outlets,
                                published=article.published, arrival=len(self._entries)),
            content_hash=article.content_hash,
            shingles=known.shingles,
            signature=known.signature,
        )
        joined = self._matching_groups(entry)
        self._insert(entry)
        self._join(article.id, joined)
        return self._change(article.id)

    def links(self) -> tuple[CopyLink, ...]:
        """Every current copy link, sorted by copy id."""
        return tuple(sorted((link for links in self._links.values() for link in links),
                            key=lambda link: link.copy))

    def original_of(self, article_id: ArticleId) -> ArticleId:
        """The original of the article's group (itself when it has no copies)."""
        return self._originals.get(self._group_of[article_id], article_id)

    def _matching_groups(self, entry: _Entry) -> set[ArticleId]:
        groups: set[ArticleId] = set()
        exact = self._first_with_hash.get(entry.content_hash)
        if exact is not None:
            groups.add(self._group_of[exact])
        if not entry.shingles.size:
            return groups
        for key in sorted(self._bands.query(entry.signature)):
            other = self._entries[key]
            group = self._group_of[other.candidate.id]
            if group not in groups and self._is_copy_pair(entry, other):
                groups.add(group)
        return groups

    def _is_copy_pair(self, first: _Entry, second: _Entry) -> bool:
        if first.content_hash == second.content_hash:
            return True
        shared, size_first, size_second = overlap_counts(first.shingles, second.shingles)
        union = size_first + size_second - shared
        smaller = min(size_first, size_second)
        return (union > 0 and smaller > 0 and shared / union >= self.params.min_jaccard
                and shared / smaller >= self.params.min_overlap)

    def _insert(self, entry: _Entry) -> None:
        article_id = entry.candidate.id
        self._entries[article_id] = entry
        self._first_with_hash.setdefault(entry.content_hash, article_id)
        if entry.shingles.size:
            self._bands.insert(article_id, entry.signature)

    def _join(self, article_id: ArticleId, groups: set[ArticleId]) -> None:
        members = [article_id]
        earlier: dict[ArticleId, CopyLink] = {}
        for group in groups:
            members.extend(self._members.pop(group))
            earlier.update((link.copy, link) for link in self._links.pop(group, ()))
            self._originals.pop(group, None)
        self._set_group(members, earlier)

    def _set_group(self, members: list[ArticleId], earlier: dict[ArticleId, CopyLink] | None = None) -> None:
        members.sort()
        root = members[0]
        for member in members:
            self._group_of[member] = root
        self._members[root] = members
        if len(members) == 1:
            return
        original = choose_original(self._entries[member].candidate for member in members)
        self._originals[root] = original
        # A copy whose original stays keeps its link: growing a group of k copies costs one comparison, not k.
        kept = {copy: link for copy, link in (earlier or {}).items() if link.original == original}
        self._links[root] = tuple(kept.get(member) or self._link(member, original)
                                  for member in members if member != original)

    def _link(self, copy: ArticleId, original: ArticleId) -> CopyLink:
        first, second = self._entries[copy], self._entries[original]
        if first.content_hash == second.content_hash:
            return CopyLink(copy=copy, original=original, similarity=1.0, method=CopyMethod.EXACT)
        similarity = round(containment(first.shingles, second.shingles), 4)
        return CopyLink(copy=copy, original=original, similarity=similarity, method=CopyMethod.NEAR)

    def _change(self, article_id: ArticleId) -> CopyChange:
        root = self._group_of[article_id]
        return CopyChange(article_id=article_id, original=self._originals.get(root, article_id),
                          members=tuple(self._members[root]), links=self._links.get(root, ()))

    def snapshot(self) -> bytes:
        """The whole index as bytes (msgpack, versioned), for `CopyIndex.restore` after a restart."""
        entries = [
            _SnapshotEntry(id=member.id, arrival=member.arrival, outlet=member.outlet,
                           cited_outlets=member.cited_outlets, published=member.published,
                           content_hash=entry.content_hash, shingles=entry.shingles.astype("<u4").tobytes(),
                           signature=entry.signature.astype("<u4").tobytes())
            for entry in sorted(self._entries.values(), key=lambda entry: entry.candidate.arrival)
            for member in (entry.candidate,)
        ]
        groups: list[list[str]] = [list(members) for members in self._members.values() if len(members) > 1]
        snapshot = _Snapshot(format=SNAPSHOT_FORMAT, version=SNAPSHOT_VERSION, name=NAME,
                             params=_SnapshotParams(
                                 shingle_words=self.params.shingle_words, num_perm=self.params.num_perm,
                                 seed=self.params.seed, min_jaccard=self.params.min_jaccard,
                                 min_overlap=self.params.min_overlap, lsh_bands=self.params.lsh_bands,
                                 lsh_rows=self.params.lsh_rows), entries=entries, groups=sorted(groups))
        return msgspec.msgpack.encode(snapshot)

    @classmethod
    def restore(cls, data: bytes) -> CopyIndex:
        """Rebuild an index from `snapshot()` bytes; it then answers exactly as the one snapshotted.

        Raises:
            SnapshotError: The bytes are not a copy-index snapshot of this version.
        """
        try:
            snapshot = msgspec.msgpack.decode(data, type=_Snapshot)
        except msgspec.DecodeError as error:
            raise SnapshotError(f"not a copy-index snapshot: {error}", subject=f"{len(data)} bytes",
                                fix="pass bytes made by CopyIndex.snapshot()") from error
        if snapshot.format != SNAPSHOT_FORMAT or snapshot.version != SNAPSHOT_VERSION:
            raise SnapshotError(f"snapshot format {snapshot.format} v{snapshot.version} is not supported",
                                subject=snapshot.name,
                                fix=f"rebuild the index; this version reads {SNAPSHOT_FORMAT} "
                                    f"v{SNAPSHOT_VERSION}")
        stored_params = snapshot.params
        index = cls(DedupParams(shingle_words=stored_params.shingle_words, num_perm=stored_params.num_perm,
                                seed=stored_params.seed, min_jaccard=stored_params.min_jaccard,
                                min_overlap=stored_params.min_overlap, lsh_bands=stored_params.lsh_bands,
                                lsh_rows=stored_params.lsh_rows))
        for stored in snapshot.entries:
            index._insert(_Entry(
                candidate=Candidate(id=ArticleId(stored.id), outlet=stored.outlet,
                                    cited_outlets=stored.cited_outlets, published=stored.published,
                                    arrival=stored.arrival),
                content_hash=stored.content_hash,
                shingles=np.frombuffer(stored.shingles, dtype="<u4").astype(np.uint32),
                signature=np.frombuffer(stored.signature, dtype="<u4").astype(np.uint32),
            ))
        grouped: set[ArticleId] = set()
        for members in snapshot.groups:
            ids = [ArticleId(member) for member in members]
            grouped.update(ids)
            index._set_group(ids)
        for article_id in index._entries:
            if article_id not in grouped:
                index._set_group([article_id])
        return index


def find_copies(articles: Sequence[Article], params: DedupParams | None = None,
                fingerprints: Mapping[ArticleId, Fingerprint] | None = None) -> tuple[CopyLink, ...]:
    """Exact and near copies among `articles`, each pointing at its group's original.

    Equal to adding the articles one by one to a fresh `CopyIndex` and keeping each group's latest links.

    Args:
        articles: Normalised articles, in the order they arrived (ties in publication time fall to the first).
        params: Index settings; the defaults when None.
        fingerprints: article id -> `fingerprint(article, params)`, for those already computed.

    Returns:
        One link per copy, sorted by copy id. Originals and unique articles have none.
    """
    index = CopyIndex(params or DedupParams())
    known = fingerprints or {}
    for article in articles:
        index.add(article, known.get(article.id))
    return index.links()
