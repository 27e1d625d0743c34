"""The story engine: articles grouped into stories (one real-world event each), and pair comparison.

`cluster_articles` groups a set of articles (`storylens.pipeline.update_stories` runs it over the stories
that new arrivals can touch); `compare_articles` scores two articles on the SemEval-2022 scale.
"""

from storylens.cluster.batch import TermCounts, arrival_key, article_terms, cluster_articles, story_id_for
from storylens.cluster.compare import compare_articles, score_on_scale
from storylens.cluster.features import ArticleFeatures, TermStatistics, extract_features
from storylens.cluster.params import ClusterParams, ClusterResult

__all__ = [
    "ArticleFeatures",
    "ClusterParams",
    "ClusterResult",
    "TermCounts",
    "TermStatistics",
    "arrival_key",
    "article_terms",
    "cluster_articles",
    "compare_articles",
    "extract_features",
    "score_on_scale",
    "story_id_for",
]
