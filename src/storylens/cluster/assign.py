"""The incremental story index: each new article joins the best open story or opens a new one.

Candidate stories come from an inverted index over an article's rarest terms and entities (postings
capped to the most recent stories), so each article is scored against a few dozen stories, not all.
The index can be snapshotted to bytes (versioned JSON via msgspec) and restored, so watch mode resumes.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import msgspec

from storylens.cluster.features import ArticleFeatures, TermStatistics, extract_features
from storylens.cluster.params import ClusterParams
from storylens.cluster.score import Profile, hours_between, similarity
from storylens.errors import SnapshotError
from storylens.model import Article, ArticleId, Assignment, StoryId

METHOD = "cluster.incremental.v1"
SNAPSHOT_VERSION = 1


def story_id_for(first_article: str) -> StoryId:
    """A story's id, derived from the id of the article that opened it, so re-runs give the same ids."""
    return StoryId("s" + hashlib.sha1(first_article.encode("utf-8"), usedforsecurity=False).hexdigest()[:15])


@dataclass(slots=True)
class OpenStory:
    """A story in the index: its articles in arrival order, titles, outlets and profile."""

    id: StoryId
    article_ids: list[ArticleId]
    title: str
    outlets: list[str] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)


def _retrieval_keys(features: ArticleFeatures, statistics: TermStatistics, count: int) -> list[str]:
    keys = [f"@{key}" for key in features.entities]
    keys += [f"#{key}" for key in features.places]
    keys += list(features.terms)
    frequencies = statistics.frequencies
    seen = [key for key in keys if frequencies.get(key, 0) > 0]  # an unseen key finds no story
    seen.sort(key=lambda key: (frequencies[key], key))
    return seen[:count]


class StoryIndex:
    """Stories so far, and what is needed to place the next article.

    Args:
        params: engine settings; the defaults when None.
    """

    def __init__(self, params: ClusterParams | None = None) -> None:
        self.params = params or ClusterParams()
        self.statistics = TermStatistics()
        self.stories: dict[StoryId, OpenStory] = {}
        self.postings: dict[str, deque[StoryId]] = {}
        self.assignments: list[Assignment] = []

    def add(self, article: Article) -> Assignment:
        """Place `article` in the best matching story, or open a new story for it."""
        return self.add_features(article, extract_features(
            article, title_boost=self.params.title_boost, max_terms=self.params.max_terms))

    def add_features(self, article: Article, features: ArticleFeatures) -> Assignment:
        """`add` with features already extracted."""
        best, best_score = self.best_story(features)
        self.statistics.add(features)
        if best is None:
            story = OpenStory(id=story_id_for(article.id), article_ids=[], title=article.title)
            while story.id in self.stories:  # the same article id twice: keep both, apart
                story.id = story_id_for(story.id)
            self.stories[story.id] = story
            best_score = 1.0
        else:
            story = self.stories[best]
        self._join(story, article, features)
        assignment = Assignment(article_id=article.id, story_id=story.id, score=round(best_score, 4),
                                method=METHOD)
        self.assignments.append(assignment)
        return assignment

    def candidates(self, features: ArticleFeatures) -> list[StoryId]:
        """Stories sharing the most of the article's rarest keys, most shared first."""
        hits: Counter[StoryId] = Counter()
        keys = _retrieval_keys(features, self.statistics, self.params.retrieval_terms)
        for key in keys:
            for story_id in self.postings.get(key, ()):
                hits[story_id] += 1
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[: self.params.max_candidates]]

    def best_story(self, features: ArticleFeatures) -> tuple[StoryId | None, float]:
        """The best story the article may join and its similarity, or (None, best similarity seen)."""
        profile = Profile.of(features)
        best: StoryId | None = None
        best_score = 0.0
        for story_id in self.candidates(features):
            story = self.stories[story_id]
            score = similarity(profile, story.profile, self.statistics, self.params).similarity
            hours = hours_between(profile, story.profile)
            needed = self.params.join_threshold
            if hours is not None and hours > self.params.window_hours:
                needed = max(needed, self.params.strong_link)
            if score >= needed and (score > best_score or (score == best_score and best is not None
                                                           and story_id < best)):
                best, best_score = story_id, score
        return best, best_score

    def _join(self, story: OpenStory, article: Article, features: ArticleFeatures) -> None:
        story.article_ids.append(article.id)
        if article.outlet and article.outlet not in story.outlets:
            story.outlets.append(article.outlet)
        story.profile.add(features)
        keys = [f"@{key}" for key in features.entities] + [f"#{key}" for key in features.places]
        for key in [*keys, *features.terms]:
            posting = self.postings.get(key)
            if posting is None:
                posting = self.postings[key] = deque(maxlen=self.params.posting_cap)
            if not posting or posting[-1] != story.id:
                if story.id in posting:
                    posting.remove(story.id)
                posting.append(story.id)

    def snapshot(self) -> bytes:
        """The whole index as versioned JSON bytes; `StoryIndex.restore` reads it back."""
        return msgspec.json.encode({
            "version": SNAPSHOT_VERSION,
            "params": {name: getattr(self.params, name) for name in ClusterParams.__dataclass_fields__},
            "documents": self.statistics.documents,
            "frequencies": dict(self.statistics.frequencies),
            "stories": [_story_dict(story) for story in self.stories.values()],
            "postings": {key: list(posting) for key, posting in self.postings.items()},
            "assignments": [[a.article_id, a.story_id, a.score, a.method] for a in self.assignments],
        })

    @classmethod
    def restore(cls, data: bytes) -> StoryIndex:
        """An index equal to the one `snapshot` wrote.

        Raises:
            SnapshotError: the bytes are not a snapshot of a version this code reads.
        """
        try:
            state = msgspec.json.decode(data)
        except msgspec.DecodeError as error:
            raise SnapshotError("not a story-index snapshot", subject=repr(data[:40]),
                                fix="pass bytes written by StoryIndex.snapshot()") from error
        if not isinstance(state, dict) or state.get("version") != SNAPSHOT_VERSION:
            version = state.get("version") if isinstance(state, dict) else None
            raise SnapshotError(f"unsupported story-index snapshot version {version!r}",
                                subject=repr(data[:40]), fix="re-cluster the articles to rebuild the index")
        index = cls(ClusterParams(**state["params"]))
        index.statistics = TermStatistics(documents=state["documents"],
                                          frequencies=Counter(state["frequencies"]))
        for raw in state["stories"]:
            story = _story_from(raw)
            index.stories[story.id] = story
        cap = index.params.posting_cap
        index.postings = {key: deque((StoryId(story_id) for story_id in ids), maxlen=cap)
                          for key, ids in state["postings"].items()}
        index.assignments = [
            Assignment(article_id=ArticleId(article_id), story_id=StoryId(story_id), score=score,
                       method=method)
            for article_id, story_id, score, method in state["assignments"]
        ]
        return index


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _story_dict(story: OpenStory) -> dict[str, Any]:
    profile = story.profile
    return {
        "id": story.id, "article_ids": story.article_ids, "title": story.title, "outlets": story.outlets,
        "terms": profile.terms, "title_terms": dict(profile.title_terms), "entities": dict(profile.entities),
        "places": dict(profile.places), "numbers": dict(profile.numbers), "quotes": dict(profile.quotes),
        "dates": sorted(day.isoformat() for day in profile.dates),
        "first": _when(profile.first), "last": _when(profile.last), "size": profile.size,
    }


def _story_from(raw: dict[str, Any]) -> OpenStory:
    profile = Profile(
        terms=dict(raw["terms"]), title_terms=Counter(raw["title_terms"]), entities=Counter(raw["entities"]),
        places=Counter(raw["places"]), numbers=Counter(raw["numbers"]), quotes=Counter(raw["quotes"]),
        dates={date.fromisoformat(day) for day in raw["dates"]},
        first=None if raw["first"] is None else datetime.fromisoformat(raw["first"]),
        last=None if raw["last"] is None else datetime.fromisoformat(raw["last"]),
        size=raw["size"],
    )
    return OpenStory(id=StoryId(raw["id"]), article_ids=[ArticleId(a) for a in raw["article_ids"]],
                     title=raw["title"], outlets=list(raw["outlets"]), profile=profile)
