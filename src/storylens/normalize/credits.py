"""Photo captions, credit lines and bylines: paragraphs that are not the story's prose.

A caption carries a photo credit ("REUTERS/Thibault Camus/Pool", "AP Photo/Name", "(Photo by X/Getty
Images)") or opens with "FILE PHOTO:". A credit line names the newsroom's work ("Reporting by …, editing
by …"). A paragraph that merely mentions Reuters is neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MAX_CAPTION_CHARS = 700
_MAX_CREDIT_CHARS = 400
_MAX_BYLINE_CHARS = 120
_PHOTO_CREDIT = re.compile(
    r"\b[A-Z]{2,}(?: [A-Z]{2,}){0,2}/\s?[A-Z][a-z]"  # REUTERS/Thibault Camus, MERIDIAN WIRE/Ana Ruiz
    r"|\bReuters/[A-Z]|\bAP Photo\b|\bAFP PHOTO\b|\bAFP via Getty Images\b|/AFP\b"
    r"|\((?:Photo|Picture|Image|Photograph)s?\s*(?:by|courtesy(?: of)?|credit:?|:)\s[^)]*\)"
    r"|\b(?:Photo|Picture|Image)\s*:\s*[^/\n]{1,60}/\s?[A-Z]|/Getty Images\b|\(Getty Images\)"
    r"|\bvia Getty Images\b|\bEPA(?:-EFE)?/[A-Z]|\bXinhua/[A-Z]|\bANP/[A-Z]"
)
_CREDIT_MARKERS = ("/", "hoto", "HOTO", "icture", "mage", "Getty")
_CAPTION_START = re.compile(
    r"^(?:FILE PHOTO\b|File photo\b|(?:Photo|Picture|Image|Photograph|Caption)s?\s*:)", re.IGNORECASE)
_CREDIT_START = re.compile(
    r"^\(?\s*(?:(?:additional|further)\s+)?(?:reporting|writing|editing|edited|compiled|research|graphics"
    r"|translated|translation|produced|reporting and writing|writing and reporting)\s+by\b"
    r"|^Our Standards:", re.IGNORECASE)
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|al|bin|le|la)){1,4}"
_BYLINE = re.compile(rf"^By\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*,\s*[A-Z][\w .'-]*)?$")
# The part of a credit line naming reporters and writers, not editors.
_AUTHOR_CREDIT = re.compile(
    r"(?:^|[(;.]\s*|,\s*)(?:additional\s+|further\s+)?(?:reporting|writing|reporting and writing)\s+by\s+"
    r"(?P<names>[^;()]+)", re.IGNORECASE)
_OTHER_ROLE = re.compile(r",?\s+(?:and\s+)?(?:editing|edited|writing|compiled|research|graphics|"
                         r"additional|further|translat\w*)\b.*$", re.IGNORECASE | re.DOTALL)
_NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_PLACE_SUFFIX = re.compile(r"\s+in\s+[A-Z].*$")
_PERSON = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|al|bin|le|la)){1,4}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sorted:
    """A body's paragraphs sorted into prose, captions and credit lines, with the names credited."""

    body: tuple[str, ...]
    captions: tuple[str, ...]
    credits: tuple[str, ...]
    authors: tuple[str, ...]


def is_caption(paragraph: str) -> bool:
    """A photo caption: short, and carrying a photo credit or opening like one."""
    if len(paragraph) > _MAX_CAPTION_CHARS:
        return False
    if _CAPTION_START.match(paragraph):
        return True
    # Every photo credit form holds one of these; checking them first is ten times faster than the regex.
    return any(marker in paragraph for marker in _CREDIT_MARKERS) and bool(_PHOTO_CREDIT.search(paragraph))


def is_credit(paragraph: str) -> bool:
    """A credit line: "Reporting by …", "(Editing by …)", "Additional reporting by …", "By Jane Doe"."""
    if len(paragraph) <= _MAX_CREDIT_CHARS and _CREDIT_START.match(paragraph):
        return True
    return len(paragraph) <= _MAX_BYLINE_CHARS and _BYLINE.match(paragraph) is not None


def _names(text: str) -> list[str]:
    names = []
    for part in _NAME_SEPARATOR.split(_OTHER_ROLE.sub("", text)):
        name = _PLACE_SUFFIX.sub("", part.strip().rstrip(".)"))
        if _PERSON.fullmatch(name):
            names.append(name)
    return names


def credited_authors(credit: str) -> tuple[str, ...]:
    """Reporters and writers named in a credit line or byline, editors left out.

    "Reporting by John Irish, editing by Ros Russell" -> ("John Irish",);
    "Reporting by A B in Paris and C D in Rome; Editing by E F" -> ("A B", "C D").
    """
    names: list[str] = []
    byline = _BYLINE.match(credit)
    if byline is not None:
        names += _names(byline.group("names"))
    for match in _AUTHOR_CREDIT.finditer(credit):
        names += _names(match.group("names"))
    return tuple(dict.fromkeys(names))


def sort_paragraphs(paragraphs: list[str]) -> Sorted:
    """Split paragraphs into body, captions and credit lines; collect the authors the credits name."""
    body: list[str] = []
    captions: list[str] = []
    credits: list[str] = []
    authors: list[str] = []
    for paragraph in paragraphs:
        if is_credit(paragraph):
            credits.append(paragraph)
            authors += credited_authors(paragraph)
        elif is_caption(paragraph):
            captions.append(paragraph)
        else:
            body.append(paragraph)
    return Sorted(body=tuple(body), captions=tuple(captions), credits=tuple(credits),
                  authors=tuple(dict.fromkeys(authors)))
