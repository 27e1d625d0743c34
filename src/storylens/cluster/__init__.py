"""The story engine: articles grouped into stories (one real-world event each), and pair comparison.

`cluster_articles` is the batch entry point; `StoryIndex` is the same engine one article at a time;
`compare_articles` scores two articles with the similarity the clusterer uses.
"""

from storylens.cluster.assign import StoryIndex, story_id_for
from storylens.cluster.batch import cluster_articles
from storylens.cluster.compare import compare_articles, score_on_scale
from storylens.cluster.features import ArticleFeatures, TermStatistics, extract_features
from storylens.cluster.params import ClusterParams, ClusterResult
from storylens.cluster.score import Profile, Signals, similarity

__all__ = [
    "ArticleFeatures",
    "ClusterParams",
    "ClusterResult",
    "Profile",
    "Signals",
    "StoryIndex",
    "TermStatistics",
    "cluster_articles",
    "compare_articles",
    "extract_features",
    "score_on_scale",
    "similarity",
    "story_id_for",
]
