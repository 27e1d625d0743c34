"""Ingest: files and folders in, `Document` (or `Rejected`, with a reason) out.

Reads plain text, HTML, JSON Lines / JSON arrays and CSV/TSV, each optionally gzipped. Nothing here raises
for bad input: a file or record that cannot be read becomes a Rejected record naming what is wrong.
"""

from __future__ import annotations

from storylens.ingest.options import ReadOptions
from storylens.ingest.paths import iter_paths
from storylens.ingest.read import format_from_name, read_path, sniff_format

__all__ = ["ReadOptions", "format_from_name", "iter_paths", "read_path", "sniff_format"]
