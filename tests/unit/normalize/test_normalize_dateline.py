"""Datelines in their common forms, and openings that are not datelines."""

from __future__ import annotations

from datetime import date

import pytest

from storylens.normalize import Dateline, split_dateline


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("PARIS (Reuters) - Talks resumed.", Dateline(place="Paris", outlet="Reuters", stated=None, authors=(),
                                                  rest="Talks resumed.")),
    ("WASHINGTON (AP) — The Senate voted.", Dateline(place="Washington", outlet="AP", stated=None, authors=(),
                                                     rest="The Senate voted.")),
    ("LONDON, March 3 (Reuters) - Shares fell.", Dateline(place="London", outlet="Reuters", stated=None,
                                                          authors=(), rest="Shares fell.")),
    ("BERLIN, 3 March 2025 (Meridian Wire) — Talks resumed.",
     Dateline(place="Berlin", outlet="Meridian Wire", stated=date(2025, 3, 3), authors=(),
              rest="Talks resumed.")),
    ("EghtesadOnline: The minister said.",
     Dateline(place=None, outlet="EghtesadOnline", stated=None, authors=(), rest="The minister said.")),
    ("NEW YORK -- Stocks rose.", Dateline(place="New York", outlet=None, stated=None, authors=(),
                                          rest="Stocks rose.")),
    ("NEW YORK—Stocks rose.", Dateline(place="New York", outlet=None, stated=None, authors=(),
                                       rest="Stocks rose.")),
    ("By Jane Doe, PARIS — The talks ended.", Dateline(place="Paris", outlet=None, stated=None,
                                                       authors=("Jane Doe",), rest="The talks ended.")),
    ("SAN FRANCISCO, Calif. (Reuters) - Apple rose.", Dateline(place="San Francisco", outlet="Reuters",
                                                              stated=None, authors=(), rest="Apple rose.")),
    ("(Reuters) - Apple said.", Dateline(place=None, outlet="Reuters", stated=None, authors=(),
                                         rest="Apple said.")),
    ("NEW DELHI: The court ruled.", Dateline(place="New Delhi", outlet=None, stated=None, authors=(),
                                             rest="The court ruled.")),
])
def test_dateline_forms(paragraph: str, expected: Dateline) -> None:
    assert split_dateline(paragraph) == expected


@pytest.mark.parametrize("paragraph", [
    "U.S. stocks rose - a lot - on Monday.",
    "The Senate voted - narrowly - on the bill.",
    "UPDATE: the vote was postponed.",
    "Kerry: we will keep talking.",
    "Apple Inc (AAPL.O) - the company said.",
    "BREAKING - the vote was postponed.",
])
def test_openings_that_are_not_datelines(paragraph: str) -> None:
    assert split_dateline(paragraph) is None


def test_a_republished_wire_dateline_gives_the_place_and_names_the_wire() -> None:
    dateline = split_dateline("Kellmouth Courier: KELLMOUTH, May 18, 2025 (Meridian Wire) - A ferry capsized.")

    assert dateline is not None
    assert (dateline.outlet, dateline.place, dateline.via, dateline.rest) == (
        "Kellmouth Courier", "Kellmouth", "Meridian Wire", "A ferry capsized.")
    assert dateline.stated == date(2025, 5, 18)
