"""Quote extraction and speaker attribution against the hand-annotated set, and the time per article.

Usage: python benchmarks/bench_quotes.py [SEEDS_DIR]   (default: $STORYLENS_DATA/seeds or ../shared/data/seeds)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from storylens.eval.quotes_eval import QuoteReport, evaluate_quotes, load_own_annotations, load_seed_annotations


def _line(name: str, report: QuoteReport) -> str:
    return (f"{name:<16} gold {report.n_gold:>3}  predicted {report.n_predicted:>3}  "
            f"extraction P {report.precision:.3f} R {report.recall:.3f}  "
            f"attribution P {report.speaker_precision:.3f} R {report.speaker_recall:.3f}")


def main() -> None:
    data = Path(os.environ.get("STORYLENS_DATA", "../shared/data"))
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else data / "seeds"
    own = load_own_annotations()
    held_out = [article for article in own if article.is_held_out]
    seen = [article for article in own if not article.is_held_out]
    seed_articles = load_seed_annotations(seeds) if seeds.is_dir() else []
    started = time.perf_counter()
    everything = evaluate_quotes(own + seed_articles)
    seconds = time.perf_counter() - started
    print(_line("own, developed", evaluate_quotes(seen)))
    print(_line("own, held out", evaluate_quotes(held_out)))
    if seed_articles:
        print(_line("seeds", evaluate_quotes(seed_articles)))
    print(_line("all", everything))
    print(f"{len(own) + len(seed_articles)} articles in {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
