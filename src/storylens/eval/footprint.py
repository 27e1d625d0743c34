"""Wall time and memory of a block of work.

Memory is the growth of the process's resident set. On Linux the kernel's high-water mark (VmHWM) is
reset when the block starts, through /proc/self/clear_refs, so `peak_growth_mb` is the block's own peak
above the resident size at its start, not the process's lifetime peak. Elsewhere it falls back to the
`ru_maxrss` delta, which reads 0 when something earlier already peaked higher. Memory Python frees but
keeps for reuse makes a later block in the same process look lighter: compare systems run in the same
order, or in fresh processes.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


def _status_kb() -> tuple[int, int] | None:
    """(VmRSS, VmHWM) in kB on Linux, else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            values = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "VmHWM")))
        return int(values["VmRSS"].split()[0]), int(values["VmHWM"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def _max_rss_kb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform == "darwin" else float(peak)  # bytes on macOS, kB elsewhere


@dataclass(slots=True)
class Measurement:
    """Filled in when the `measured()` block ends."""

    seconds: float = 0.0
    peak_growth_mb: float = 0.0
    retained_growth_mb: float = 0.0


@contextmanager
def measured() -> Iterator[Measurement]:
    """Wall time, and resident memory growth (peak and retained) over the block."""
    measurement = Measurement()
    before = _status_kb() if _reset_peak() else None
    fallback_before = _max_rss_kb()
    started = time.perf_counter()
    yield measurement
    measurement.seconds = time.perf_counter() - started
    after = _status_kb() if before is not None else None
    if before is not None and after is not None:
        measurement.peak_growth_mb = max(0, after[1] - before[0]) / 1024
        measurement.retained_growth_mb = max(0, after[0] - before[0]) / 1024
    else:
        measurement.peak_growth_mb = max(0.0, _max_rss_kb() - fallback_before) / 1024
