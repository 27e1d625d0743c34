"""Synthesize: a story's articles -> its Account (summary, quotes, claims, coverage, entities, timeline)."""

from storylens.synthesize.account import write_account
from storylens.synthesize.claims import extract_claims
from storylens.synthesize.coverage import describe_coverage
from storylens.synthesize.summary import summarize
from storylens.synthesize.timeline import build_timeline, count_entities

__all__ = ["build_timeline", "count_entities", "describe_coverage", "extract_claims", "summarize",
           "write_account"]
