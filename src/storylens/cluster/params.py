"""Settings of the story engine, with the defaults measured on the labelled data (see `cluster/__init__`)."""

from __future__ import annotations

from dataclasses import dataclass

from storylens.model import Assignment, Story


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """How articles are scored against each other and grouped into stories.

    Attributes:
        join_threshold: lowest similarity (0..1) at which an article joins an existing story.
        strong_link: similarity at which an article joins a story even outside the time window.
        merge_threshold: similarity of two story profiles at which the batch refinement merges them.
        window_hours: stories whose latest article is further away than this are closed to new articles
            (unless strongly linked).
        decay_hours: time scale of the time-distance penalty; the penalty grows as 1 - exp(-hours/decay).
        time_penalty: largest amount subtracted for time distance.
        time_bonus: largest amount added to the similarity of two articles published at the same time.
        date_conflict_penalty: subtracted when both sides state dates and none agree.
        date_agreement_bonus: added when both sides state a common date.
        weight_text: weight of the TF-IDF cosine of body and title terms.
        weight_title: weight of the headline cosine.
        weight_entities: weight of the rarity-weighted overlap of named entities.
        weight_places: weight of the overlap of places (gazetteer places, datelines).
        weight_numbers: weight of the overlap of figures written in the text.
        weight_quotes: weight of shared quoted strings.
        title_boost: how many times a title term counts against a body term.
        max_terms: terms kept per article (the highest TF-IDF ones).
        retrieval_terms: rarest terms and entities of an article used to look up candidate stories.
        max_candidates: stories scored per article, the ones sharing most looked-up keys.
        posting_cap: stories remembered per key in the inverted index (the most recent ones).
        is_refined: whether `cluster_articles` re-assigns articles to their closest story centroid after
            linking (headline input only; see `refine_threshold`).
        vector_terms: heaviest TF-IDF terms kept per article vector in the batch path.
        max_term_share: terms in more than this share of a batch's articles are left out of its vectors.
        neighbours: most similar articles kept per article in the batch similarity graph.
        min_edge_similarity: lowest cosine kept in that graph (pairs below it count as unrelated).
        link_threshold: average-link similarity at which two stories of full-text articles merge.
        headline_link_threshold: centroid-cosine similarity at which two stories of headlines merge.
        headline_max_terms: input whose median article has at most this many terms is read as headlines:
            short texts share few words, so a story's pooled vocabulary (its centroid) is compared.
        refine_threshold: lowest centroid cosine at which the refinement moves a headline to another story.
        refine_passes: re-assignment passes of the refinement.
    """

    join_threshold: float = 0.30
    strong_link: float = 0.60
    merge_threshold: float = 0.45
    window_hours: float = 96.0
    decay_hours: float = 48.0
    time_penalty: float = 0.15
    time_bonus: float = 0.08
    date_conflict_penalty: float = 0.10
    date_agreement_bonus: float = 0.05
    weight_text: float = 0.60
    weight_title: float = 0.10
    weight_entities: float = 0.20
    weight_places: float = 0.05
    weight_numbers: float = 0.05
    weight_quotes: float = 0.05
    title_boost: float = 2.0
    max_terms: int = 120
    retrieval_terms: int = 20
    max_candidates: int = 40
    posting_cap: int = 200
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


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterResult:
    """Stories, and the assignment of every article to exactly one of them."""

    stories: tuple[Story, ...]
    assignments: tuple[Assignment, ...]
