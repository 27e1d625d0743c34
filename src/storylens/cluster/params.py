"""Settings of the story engine, with the defaults measured on the labelled data (see `cluster/__init__`)."""

from __future__ import annotations

from dataclasses import dataclass

from storylens.model import Assignment, Story


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """How articles are compared and grouped into stories.

    Attributes:
        window_hours: dated articles further apart than this are not linked (a copy still joins its
            original's story); an update regroups the stories within this distance of the new articles.
        decay_hours: time scale of the time-distance penalty; the penalty grows as 1 - exp(-hours/decay).
        time_penalty: largest amount subtracted for time distance.
        time_bonus: largest amount added to the similarity of two articles published at the same time.
        title_boost: how many times a title term counts against a body term.
        max_terms: terms kept per article (the highest TF-IDF ones).
        is_refined: whether `cluster_articles` re-assigns articles to their closest story centroid after
            linking (headline input only; see `refine_threshold`).
        vector_terms: heaviest TF-IDF terms kept per article vector in the batch path.
        max_term_share: terms in more than this share of a batch's articles are left out of its vectors.
        neighbours: most similar articles (by time-adjusted cosine) kept per article in the batch similarity
            graph, chosen among its 2 × `neighbours` nearest by cosine alone.
        min_edge_similarity: lowest cosine kept in that graph (pairs below it count as unrelated).
        link_threshold: average-link similarity at which two stories of full-text articles merge.
        headline_link_threshold: centroid-cosine similarity at which two stories of headlines merge.
        headline_max_terms: input whose median article has at most this many terms is read as headlines:
            short texts share few words, so a story's pooled vocabulary (its centroid) is compared.
        refine_threshold: lowest centroid cosine (adjusted for time as in linking) at which the refinement
            moves a headline to another story.
        refine_passes: re-assignment passes of the refinement.
        recent_articles: an update groups undated new articles with this many of the latest stored ones
            (dated ones with those published within `window_hours`).
    """

    window_hours: float = 96.0
    decay_hours: float = 48.0
    time_penalty: float = 0.15
    time_bonus: float = 0.08
    title_boost: float = 2.0
    max_terms: int = 120
    is_refined: bool = True
    vector_terms: int = 60
    max_term_share: float = 0.1
    neighbours: int = 20
    min_edge_similarity: float = 0.05
    link_threshold: float = 0.18
    headline_link_threshold: float = 0.04
    headline_max_terms: int = 20
    refine_threshold: float = 0.10
    refine_passes: int = 1
    recent_articles: int = 5000


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterResult:
    """Stories, and the assignment of every article to exactly one of them."""

    stories: tuple[Story, ...]
    assignments: tuple[Assignment, ...]
