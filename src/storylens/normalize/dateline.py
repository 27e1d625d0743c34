"""Datelines: "PARIS (Reuters) - ", "LONDON, March 3 (Reuters) -", "EghtesadOnline: ", "By Jane Doe, PARIS —".

A dateline opens the first paragraph. It names the place the report was filed from, often the outlet
(a wire in parentheses, or an outlet name and a colon), sometimes a date and the byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storylens.analysis.dates import find_dates
from storylens.normalize.outlets import looks_like_outlet

_UPPER = "A-ZÀ-ÖØ-Þ"
_UPPER_PLACE = rf"[{_UPPER}][{_UPPER}.'’-]*(?:[ ][{_UPPER}][{_UPPER}.'’-]*){{0,4}}"
_ANY_PLACE = rf"[{_UPPER}][\w.'’-]*(?:[ ][{_UPPER}][\w.'’-]*){{0,3}}"
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|al|bin|le|la)){0,4}"
_BYLINE = rf"(?:By\s+(?P<byline>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)\s*,\s+)?"
_EXTRA = r"(?:,\s*(?P<extra>[^()\n—–]{1,40}?))?"
_OUTLET = r"\((?P<outlet>[^()\n]{2,60})\)"
_DASH = r"(?:\s+--?\s+|\s*[—–]\s*|\s+--?(?=\s|$))"
_WITH_OUTLET = re.compile(rf"^{_BYLINE}(?:(?P<place>{_ANY_PLACE}){_EXTRA}\s*)?{_OUTLET}\s*{_DASH}\s*")
_UPPER_ONLY = re.compile(rf"^{_BYLINE}(?P<place>{_UPPER_PLACE}){_EXTRA}{_DASH}\s*")
_COLON = re.compile(r"^(?P<label>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3}):\s+(?=\S)")
_PLAIN_OUTLET = re.compile(r"[A-Z][A-Za-z&' -]{1,59}")
# Upper-case openers that are labels, not places.
_NOT_PLACES = frozenset({
    "UPDATE", "BREAKING", "BREAKING NEWS", "EXCLUSIVE", "ANALYSIS", "OPINION", "FACTBOX", "EXPLAINER",
    "WRAPUP", "CORRECTION", "CORRECTED", "REFILE", "WATCH", "VIDEO", "LIVE", "NOTE", "EDITOR'S NOTE",
    "URGENT", "FLASH", "ALERT", "PHOTOS", "UPDATED", "COMMENT", "INTERVIEW", "BRIEF",
})


@dataclass(frozen=True, slots=True, kw_only=True)
class Dateline:
    """What the opening of a first paragraph said, and the paragraph without it."""

    place: str | None
    outlet: str | None
    stated: date | None
    authors: tuple[str, ...]
    rest: str
    via: str | None = None  # the wire in a republished dateline: "Courier: PLACE (Meridian Wire) -"


def _place(raw: str | None) -> str | None:
    if not raw:
        return None
    return raw.title() if raw.isupper() else raw


def _authors(byline: str | None) -> tuple[str, ...]:
    if not byline:
        return ()
    return tuple(name.strip() for name in re.split(r"\s+(?:and|&)\s+", byline) if name.strip())


def _stated(extra: str | None) -> date | None:
    dates = find_dates(extra or "")
    return dates[0].value if dates else None


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening `paragraph`, or None when it has none.

    Args:
        paragraph: the first paragraph of a body, white space already folded.

    Returns:
        Place (title-cased when written in capitals: "PARIS" -> "Paris"), outlet as written ("Reuters",
        "AP", "EghtesadOnline"), a full date if the dateline states one, byline names, and the paragraph
        with the dateline removed.
    """
    match = _WITH_OUTLET.match(paragraph)
    if match is not None and not _PLAIN_OUTLET.fullmatch(match.group("outlet").strip()):
        match = None  # "(AAPL.O) -" is a ticker, not an outlet
    match = match or _UPPER_ONLY.match(paragraph)
    if match is not None:
        place = match.group("place")
        outlet = match.groupdict().get("outlet")
        if place and place.strip(".'’-") and place.upper() not in _NOT_PLACES and (
                outlet or len(place.replace(" ", "")) >= 2):
            rest = paragraph[match.end():]
            if rest:
                return Dateline(place=_place(place), outlet=outlet.strip() if outlet else None,
                                stated=_stated(match.group("extra")), authors=_authors(match.group("byline")),
                                rest=rest)
        elif outlet and not place:
            rest = paragraph[match.end():]
            if rest:
                return Dateline(place=None, outlet=outlet.strip(), stated=None,
                                authors=_authors(match.group("byline")), rest=rest)
    colon = _COLON.match(paragraph)
    if colon is None:
        return None
    label = colon.group("label")
    rest = paragraph[colon.end():]
    if label.isupper() and label not in _NOT_PLACES and len(label) >= 3:
        return Dateline(place=_place(label), outlet=None, stated=None, authors=(), rest=rest)
    if looks_like_outlet(label):
        inner = split_dateline(rest)
        if inner is not None and inner.outlet is not None:
            return Dateline(place=inner.place, outlet=label, stated=inner.stated, authors=inner.authors,
                            rest=inner.rest, via=inner.outlet)
        return Dateline(place=None, outlet=label, stated=None, authors=(), rest=rest)
    return None
