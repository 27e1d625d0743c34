"""Outlets an article cites: cues, canonical names, precision."""

from __future__ import annotations

import pytest

from storylens.normalize import canonical_outlet, cited_outlets, find_cited_outlets, outlet_key


@pytest.mark.parametrize(("text", "expected"), [
    ("Vostal rejected calls for a pause in the talks, according to Bloomberg.", ["Bloomberg"]),
    ("The Financial Times reported on Monday that talks had stalled.", ["Financial Times"]),
    ("The deal is off, citing the Financial Times.", ["Financial Times"]),
    ("The deal is off, reports the CNN.", ["CNN"]),
    ("The Associated Press reported that the vote was delayed.", ["AP"]),
    ("Meanwhile Bloomberg News reported a delay.", ["Bloomberg"]),
    ("The state news agency IRNA reported the visit.", ["IRNA"]),
    ("The cost was 12 million euros, according to the Coastal Gazette.", ["Coastal Gazette"]),
    ("Kerry told Reuters on Saturday that talks would go on.", []),
    ("according to Russian Foreign Minister Sergei Lavrov", []),
    ("according to officials, the bridge is safe", []),
])
def test_find_cited_outlets(text: str, expected: list[str]) -> None:
    assert [name for _offset, name in find_cited_outlets(text)] == expected


def test_cited_outlets_adds_a_foreign_dateline_and_leaves_out_the_own_outlet() -> None:
    body = ["The vote was delayed, according to Bloomberg.", "Reuters reported the same.",
            "According to the Gazette Online, it was not."]
    assert cited_outlets(body, dateline_outlet="AP", own_outlet="www.reuters.com") == (
        "AP", "Bloomberg", "Gazette Online")
    assert cited_outlets(["(nothing)"], dateline_outlet="Reuters", own_outlet="Reuters") == ()


def test_outlet_names_and_keys() -> None:
    assert canonical_outlet("Associated Press") == "AP"
    assert canonical_outlet("Agence France-Presse") == "AFP"
    assert canonical_outlet("Coastal Gazette") is None
    assert outlet_key("www.reuters.com") == outlet_key("REUTERS") == "reuters"
    assert outlet_key("The Associated Press") == outlet_key("AP") == "ap"


def test_a_ledger_that_reported_is_a_cited_outlet() -> None:
    assert [name for _offset, name in find_cited_outlets("The Harbor Ledger reported that talks stalled.")] == [
        "Harbor Ledger"]
