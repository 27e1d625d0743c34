"""Quotes: who said what, in each article and across outlets.

`extract_quotes` finds direct quotes (text between “ ”, " ", « », „ “) and reported speech ("X said
(that) …", "…, X said.", "according to X, …", "…, saying …") and names the speaker in the fullest form
the article gives. Decisions:

- A direct quote's span is everything between its marks, trailing comma included (“…,” he said).
- A quote split by its attribution (“A,” he said, “B.”) gives two quotes with the same speaker; so does
  a quote that continues in a later sentence of the paragraph. A quote that runs over paragraphs (an
  opening mark at a paragraph start and no closing mark) is one quote, from its first word to its last.
- Speakers: "X said", "said X", "X told reporters", "according to X", "X added", "X, the …, said".
  "Kerry" becomes "John Kerry" when the article names him so; "the minister" becomes the last person
  introduced as a minister; "he"/"she" becomes the last person mentioned earlier in the paragraph,
  else the last speaker. A quote with no attribution continues the paragraph's last speaker, or the
  previous paragraph's quote; otherwise its speaker is None.
- Short quotes of at most `QuoteParams.max_fragment_words` words (scare quotes: “grace”) are kept;
  `is_fragment` marks them, and `align_quotes` leaves them out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storylens.analysis.sentences import split_sentences
from storylens.model import Article, Mention, Quote
from storylens.synthesize.speakers import (
    ROLE_WORDS,
    SpeakerBook,
    SubjectParse,
    clean_subject,
    find_person_mentions,
    last_name,
    parse_subject,
)

GENERATOR = "synthesize.quotes.v1"


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteParams:
    """Settings for quote extraction and alignment.

    Attributes:
        max_fragment_words: a direct quote this short or shorter is a fragment (scare quote).
        min_direct_similarity: rapidfuzz partial_ratio (0-100) from which two direct quotes are one
            utterance.
        min_content_overlap: share of the shorter wording's content words found in the other, for pairs
            that involve reported speech.
        min_shared_content_words: content words two wordings must share to be one utterance.
    """

    max_fragment_words: int = 3
    min_direct_similarity: float = 85.0
    min_content_overlap: float = 0.5
    min_shared_content_words: int = 3


_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|wrote|writes|stated|states|announced|announces|"
    "warned|warns|insisted|insists|claimed|claims|argued|argues|noted|notes|conceded|concedes|"
    "acknowledged|acknowledges|explained|explains|stressed|stresses|declared|declares|replied|replies|"
    "admitted|admits|predicted|predicts|recalled|recalls|denied|denies|continued|continues|"
    "confirmed|confirms|complained|complains|promised|promises|vowed|vows"
)
# Verbs that report speech with a bare clause ("said the port would close"); the others need "that".
_BARE_CLAUSE_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "added",
        "adds",
        "wrote",
        "writes",
        "stated",
        "states",
        "announced",
        "announces",
        "insisted",
        "insists",
        "claimed",
        "claims",
        "argued",
        "argues",
        "noted",
        "notes",
        "explained",
        "explains",
        "stressed",
        "stresses",
        "declared",
        "declares",
    ]
)
_PARTICIPLES = "saying|adding|arguing|warning|noting|insisting|explaining|stressing|claiming|acknowledging"
_VERB = re.compile(rf"\b(?:(?:has|have|had)\s+)?(?:{_VERBS})\b")
_POST_ATTRIBUTION = re.compile(
    rf"^(?P<subject>[^.!?“”\"«»]{{0,90}}?)\s*\b(?:(?:has|have|had)\s+)?(?P<verb>{_VERBS})\b"
    r"(?P<rest>[^.!?“”\"«»]*)"
)
_PRE_ATTRIBUTION = re.compile(
    rf"(?P<subject>[^.!?“”\"«»]{{0,100}}?)\s*\b(?:(?:has|have|had)\s+)?(?P<verb>{_VERBS})\b"
    r"(?P<object>[^,:.“”\"«»]{0,40})[,:]\s*$"
)
_ACCORDING_BEFORE = re.compile(r"(?:^|[\s,])[Aa]ccording to (?P<subject>[^,.“”\"]{1,60}),\s*$")
_ACCORDING_START = re.compile(r"^\s*According to (?P<subject>[^,.]{1,60}),\s*(?=[^\s“\"«])")
_ACCORDING_END = re.compile(r",\s*according to (?P<subject>[^,.]{1,60})[.!?]?\s*$")
_PARTICIPLE = re.compile(rf",\s*(?P<verb>{_PARTICIPLES})\s+(?:that\s+)?")
_ADVERB_GAP = re.compile(r"(?:\s+(?:all but|also|again|later|repeatedly|previously|once|\w+ly))$")
_TIME_WORDS = (
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight|"
    r"earlier|later|this week|last week|on Monday|on Tuesday|on Wednesday|on Thursday|on Friday|"
    r"on Saturday|on Sunday"
)
_ADVERBIAL = re.compile(
    rf"^\s+(?:(?:late |early )?(?:{_TIME_WORDS})|in an? (?:statement|memo|letter|interview|post|speech)"
    r"(?: [^,.]{0,40}?)?(?=,|\.|\s+that\b|$))"
)
_THAT = re.compile(r"^(?P<gap>(?:\s+[^\s,.;:“”\"«»]+){0,8}?)\s+that\s+")
_GAP_STARTERS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "after",
        "before",
        "late",
        "early",
        "earlier",
        "later",
        "last",
        "this",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "to",
        "reporters",
        "journalists",
        "a",
        "the",
        "him",
        "her",
        "them",
        "us",
        "parliament",
        "lawmakers",
    }
)
_CLAUSE_CUT = re.compile(
    rf",\s*(?:according to|though|although|{_PARTICIPLES})\b"
    r"|\s+and\s+(?:(?:has|have|had)\s+)?(?:repeatedly\s+|also\s+)?(?:urged|called|asked|demanded|vowed|promised)\b"
)
_DATELINE = re.compile(r"^[A-Z][A-Z.'’\- ]{1,40}(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s+")
_OPENERS: dict[str, str] = {"“": "”", "«": "»", "„": "“”", '"': '"'}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORDS = re.compile(r"[\w’'.\-]+")
_ROLE_BEFORE_NAME = re.compile(r"((?:[\w.’'-]+\s+){0,3}[\w.’'-]+)(?:,\s*|\s+)$")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z“\"«])")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    """A quote before its speaker is resolved."""

    span: tuple[int, int]
    is_direct: bool
    subject: SubjectParse | None
    subject_at: int  # where the attribution stands, for pronoun resolution
    paragraph: int
    is_embedded: bool = False  # a direct quote inside a running sentence: the ban “a gift to …”
    follows_speech: bool = False  # reported speech by a participle: inherits the sentence's speaker


def is_fragment(quote: Quote, params: QuoteParams | None = None) -> bool:
    """A direct quote of a few words (a scare quote such as “grace”), not an utterance on its own."""
    limit = (params or QuoteParams()).max_fragment_words
    return quote.is_direct and len(_WORDS.findall(quote.mention.text)) <= limit


def _paragraphs(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(body)))
    return [(a, b) for a, b in spans if body[a:b].strip()]


def _find_closer(body: str, opener: str, start: int, end: int) -> int:
    positions = [body.find(mark, start, end) for mark in _OPENERS[opener]]
    found = [position for position in positions if position != -1]
    return min(found) if found else -1


def _direct_spans(body: str) -> list[tuple[int, int, int, int]]:
    """(content start, content end, opening mark, closing mark) for each direct quote."""
    paragraphs = _paragraphs(body)
    found: list[tuple[int, int, int, int]] = []
    index = 0
    position = 0
    while index < len(paragraphs):
        para_start, para_end = paragraphs[index]
        position = max(position, para_start)
        if position >= para_end:
            index += 1
            continue
        opener = body[position]
        if opener not in _OPENERS:
            position += 1
            continue
        closer = _find_closer(body, opener, position + 1, para_end)
        if closer != -1:
            found.append((position + 1, closer, position, closer))
            position = closer + 1
            continue
        if index + 1 < len(paragraphs):
            # A quote running over paragraphs: each later paragraph opens again, only the last one closes.
            follow = index + 1
            while follow < len(paragraphs) and body[paragraphs[follow][0]] == opener:
                closer = _find_closer(body, opener, paragraphs[follow][0] + 1, paragraphs[follow][1])
                if closer != -1:
                    found.append((position + 1, closer, position, closer))
                    index = follow
                    position = closer + 1
                    break
                follow += 1
            else:
                position += 1
            continue
        position += 1
    return [(_strip_start(body, a, b), _strip_end(body, a, b), o, c) for a, b, o, c in found]


def _strip_start(body: str, start: int, end: int) -> int:
    while start < end and body[start].isspace():
        start += 1
    return start


def _strip_end(body: str, start: int, end: int) -> int:
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


def _sentence_start(body: str, floor: int, position: int) -> int:
    """Start of the sentence that `position` is in, not before `floor`."""
    start = floor
    for match in _SENTENCE_END.finditer(body, floor, position):
        start = match.end()
    return start


def _post_subject(body: str, close: int, limit: int, quote_text: str) -> tuple[SubjectParse, int] | None:
    after = body[close + 1 : limit]
    stripped = after.lstrip(" ,")
    if not stripped:
        return None
    ends_sentence = quote_text.rstrip().endswith((".", "!", "?", "…")) and not quote_text.rstrip().endswith(
        ("?,", "!,")
    )
    if ends_sentence and stripped[0].isupper():
        return None
    match = _POST_ATTRIBUTION.match(stripped)
    if match is None:
        return None
    offset = close + 1 + (len(after) - len(stripped))
    subject = match.group("subject").strip().rstrip(",").strip()
    if not subject:
        rest = clean_subject(match.group("rest"))
        if not rest:
            return None
        return parse_subject(rest), offset + match.start("rest")
    if len(subject.split()) > 8 or _VERB.search(subject):
        return None
    return parse_subject(subject), offset + match.start("subject")


def _pre_subject(body: str, floor: int, opening: int) -> tuple[SubjectParse, int] | None:
    start = _sentence_start(body, floor, opening)
    before = body[start:opening]
    according = _ACCORDING_BEFORE.search(before)
    if according:
        return parse_subject(according.group("subject")), start + according.start("subject")
    match = _PRE_ATTRIBUTION.search(before)
    if match is None:
        return None
    subject = _ADVERB_GAP.sub("", match.group("subject").strip())
    if not subject or len(subject.split()) > 12:
        return None
    return parse_subject(subject), start + match.start("subject")


def _leading_subject(text: str) -> str:
    """The capitalised head of a sentence: "Russian Foreign Minister Sergei Lavrov has …" -> the name part."""
    words = text.split()
    kept: list[str] = []
    for word in words:
        if (
            word[:1].isupper()
            or word.lower() in {"of", "al", "de", "van", "von", "bin"}
            or word.lower()
            in (
                "he",
                "she",
            )
        ):
            kept.append(word)
        elif kept:
            break
        else:
            kept.append(word)
    return " ".join(kept).rstrip(",")


def _trim_clause(body: str, start: int, end: int) -> tuple[int, int]:
    cut = _CLAUSE_CUT.search(body, start, end)
    if cut is not None:
        end = cut.start()
    end = _strip_end(body, start, end)
    if end > start and body[end - 1] in ".!?" and body[end - 2 : end] != "..":
        end -= 1
    return start, end


def _inside(position: int, spans: Sequence[tuple[int, int, int, int]]) -> bool:
    return any(opening <= position <= closing for _, _, opening, closing in spans)


def _reported_speech(
    body: str,
    directs: Sequence[tuple[int, int, int, int]],
    used_verbs: set[int],
    paragraph_of: Mapping[int, int],
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for raw_start, sent_end in split_sentences(body):
        dateline = _DATELINE.match(body[raw_start:sent_end])
        sent_start = raw_start + (dateline.end() if dateline else 0)
        sentence = body[sent_start:sent_end]
        paragraph = paragraph_of[sent_start]
        according = _ACCORDING_START.match(sentence)
        if according:
            clause = _trim_clause(body, sent_start + according.end(), sent_end)
            subject = parse_subject(according.group("subject"))
            if _is_person_like(subject):
                found.append(
                    _Candidate(
                        span=clause,
                        is_direct=False,
                        subject=subject,
                        subject_at=sent_start + according.start("subject"),
                        paragraph=paragraph,
                    )
                )
            continue
        for verb in _VERB.finditer(body, sent_start, sent_end):
            if verb.start() in used_verbs or _inside(verb.start(), directs):
                continue
            candidate = _speech_after_verb(
                body,
                sent_start=sent_start,
                sent_end=sent_end,
                verb=verb,
                directs=directs,
                paragraph=paragraph,
            )
            if candidate is not None:
                found.append(candidate)
                break
        for participle in _PARTICIPLE.finditer(body, sent_start, sent_end):
            if _inside(participle.start(), directs):
                continue
            clause = _trim_clause(body, participle.end(), sent_end)
            if clause[1] - clause[0] < 8:
                continue
            head = _leading_subject(body[sent_start : participle.start()])
            head_subject = parse_subject(head) if head else None
            found.append(
                _Candidate(
                    span=clause,
                    is_direct=False,
                    subject=head_subject,
                    subject_at=sent_start,
                    paragraph=paragraph,
                    follows_speech=True,
                )
            )
    return found


def _is_person_like(subject: SubjectParse) -> bool:
    return subject.is_pronoun or (subject.name is not None and len(subject.name.split()) >= 1)


def _speech_after_verb(
    body: str,
    *,
    sent_start: int,
    sent_end: int,
    verb: re.Match[str],
    directs: Sequence[tuple[int, int, int, int]],
    paragraph: int,
) -> _Candidate | None:
    before = body[sent_start : verb.start()]
    if any(sent_start <= closing < verb.start() for _, _, _, closing in directs):
        return None
    subject_text = _ADVERB_GAP.sub("", before.rstrip())
    segments = [segment for segment in re.split(r",\s+", subject_text) if segment.strip()]
    if not segments:
        return None
    after_verb = body[verb.end() : sent_end]
    adverbial = _ADVERBIAL.match(after_verb)
    rest = after_verb[adverbial.end() :] if adverbial else after_verb
    if len(segments) >= 2 and re.match(r"^\s*(?:[,.!?]|$)", rest) and len(segments[-1].split()) <= 6:
        clause_end = sent_start + len(before.rstrip()) - len(segments[-1]) - 2
        clause_end = body.rfind(",", sent_start, sent_start + len(subject_text) - len(segments[-1]) + 1)
        if clause_end - sent_start < 15 or body[sent_start] in _OPENERS:
            return None
        span = _trim_clause(body, sent_start, clause_end)
        subject = parse_subject(segments[-1])
        return _Candidate(
            span=span,
            is_direct=False,
            subject=subject,
            subject_at=sent_start + len(subject_text) - len(segments[-1]),
            paragraph=paragraph,
        )
    subject_phrase = ", ".join(segments[-3:])
    subject = parse_subject(subject_phrase)
    if len(subject.phrase.split()) > 8 or not subject.phrase:
        return None
    that = _THAT.match(after_verb)
    needs_that = verb.group(0).split()[-1] not in _BARE_CLAUSE_VERBS
    if that and (not that.group("gap").split() or that.group("gap").split()[0].lower() in _GAP_STARTERS):
        clause_start = verb.end() + that.end()
    elif needs_that:
        return None
    else:
        clause_start = verb.end() + (adverbial.end() if adverbial else 0)
        following = body[clause_start:sent_end]
        if not re.match(r"^\s+[\w$]", following):
            return None
        clause_start += len(following) - len(following.lstrip())
    span = _trim_clause(body, clause_start, sent_end)
    if span[1] - span[0] < 8:
        return None
    return _Candidate(span=span, is_direct=False, subject=subject, subject_at=sent_start, paragraph=paragraph)


def extract_quotes(article: Article, params: QuoteParams | None = None) -> tuple[Quote, ...]:
    """Direct quotes and reported speech in an article, each with its speaker.

    Args:
        article: the article; spans point into `article.body`.
        params: settings; the defaults when omitted.

    Returns:
        Quotes in text order. Direct quotes include fragments (see `is_fragment`).
    """
    del params  # extraction has no tunable settings yet; kept for a stable signature
    body = article.body
    paragraphs = _paragraphs(body)
    paragraph_of: dict[int, int] = {}
    for number, (start, end) in enumerate(paragraphs):
        for position in range(start, end + 1):
            paragraph_of[position] = number
    directs = _direct_spans(body)
    candidates: list[_Candidate] = []
    used_verbs: set[int] = set()
    for index, (start, end, opening, closing) in enumerate(directs):
        paragraph = paragraph_of.get(opening, 0)
        para_start, para_end = paragraphs[paragraph_of.get(closing, paragraph)]
        next_opening = directs[index + 1][2] if index + 1 < len(directs) else para_end
        limit = min(para_end, next_opening, closing + 200)
        attribution = _post_subject(body, closing, limit, body[start:end])
        if attribution is not None:
            verb = _VERB.search(body, closing, limit)
            if verb is not None:
                used_verbs.add(verb.start())
        else:
            floor = max(para_start, directs[index - 1][3] + 1 if index else para_start)
            attribution = _pre_subject(body, floor, opening)
            if attribution is not None:
                verb = _VERB.search(body, _sentence_start(body, floor, opening), opening)
                if verb is not None:
                    used_verbs.add(verb.start())
        sentence_start = _sentence_start(body, para_start, opening)
        is_embedded = attribution is None and bool(re.search(r"\w[\s,]*$", body[sentence_start:opening]))
        subject, subject_at = attribution if attribution else (None, opening)
        candidates.append(
            _Candidate(
                span=(start, end),
                is_direct=True,
                subject=subject,
                subject_at=subject_at,
                paragraph=paragraph,
                is_embedded=is_embedded,
            )
        )
    candidates.extend(_reported_speech(body, directs, used_verbs, paragraph_of))
    candidates.sort(key=lambda item: (item.span[0], not item.is_direct))
    return _resolve_speakers(article, candidates, paragraphs, directs)


def _resolve_speakers(
    article: Article,
    candidates: Sequence[_Candidate],
    paragraphs: Sequence[tuple[int, int]],
    directs: Sequence[tuple[int, int, int, int]],
) -> tuple[Quote, ...]:
    body = article.body
    book = SpeakerBook()
    people = [(at, name) for at, name in find_person_mentions(body) if not _inside(at, directs)]
    for at, name in people:
        book.add_name(at, name)
        introduced = _ROLE_BEFORE_NAME.search(body, max(0, at - 60), at)
        if introduced is not None and any(word in ROLE_WORDS for word in introduced.group(1).lower().split()):
            book.add_role(introduced.group(1), name)
    for item in candidates:
        if item.subject is not None and item.subject.name is not None:
            book.add_name(item.subject_at, item.subject.name)
    surnames = {
        last_name(item.subject.name) for item in candidates if item.subject is not None and item.subject.name
    }
    speaker_mentions = sorted(
        (match.start(), match.group(0))
        for surname in surnames
        if surname
        for match in re.finditer(rf"\b{re.escape(surname)}\b", body, flags=re.IGNORECASE)
        if not _inside(match.start(), directs)
    )
    quotes: list[Quote] = []
    last_by_paragraph: dict[int, tuple[str | None, bool]] = {}
    last_speaker: str | None = None
    for item in candidates:
        para_start = paragraphs[item.paragraph][0]
        speaker: str | None
        by_sentence = _sentence_speaker(quotes, body, item.span[0]) if item.follows_speech else None
        if by_sentence is not None:
            speaker = by_sentence
        elif item.subject is not None:
            speaker = _name_speaker(
                item.subject,
                item.subject_at,
                book=book,
                speaker_mentions=speaker_mentions,
                people=people,
                paragraph_start=para_start,
                last_speaker=last_speaker,
            )
        elif item.follows_speech:
            speaker = None
        elif item.is_embedded:
            speaker = book.nearest_person(speaker_mentions + people, para_start, item.span[0])
        elif item.paragraph in last_by_paragraph:
            speaker = last_by_paragraph[item.paragraph][0]
        else:
            previous = last_by_paragraph.get(item.paragraph - 1)
            speaker = previous[0] if previous is not None and previous[1] else None
        if (
            item.subject is not None
            and item.subject.name is not None
            and speaker is not None
            and item.subject.role
        ):
            book.add_role(item.subject.role, speaker)
        start, end = item.span
        quotes.append(
            Quote(
                mention=Mention(article_id=article.id, span=(start, end), text=body[start:end]),
                speaker=speaker,
                is_direct=item.is_direct,
            )
        )
        last_by_paragraph[item.paragraph] = (speaker, item.is_direct)
        if speaker is not None:
            last_speaker = speaker
    return tuple(quotes)


def _sentence_speaker(quotes: Sequence[Quote], body: str, position: int) -> str | None:
    sentence_start = _sentence_start(body, 0, position)
    for quote in reversed(quotes):
        if quote.mention.span[0] >= sentence_start - 1 and quote.speaker is not None:
            return quote.speaker
    return None


def _name_speaker(
    subject: SubjectParse,
    position: int,
    *,
    book: SpeakerBook,
    speaker_mentions: list[tuple[int, str]],
    people: list[tuple[int, str]],
    paragraph_start: int,
    last_speaker: str | None,
) -> str | None:
    if subject.is_pronoun:
        if subject.phrase in ("i", "we", "they"):
            return last_speaker
        return (
            book.nearest_person(speaker_mentions, paragraph_start, position)
            or book.nearest_person(people, paragraph_start, position)
            or last_speaker
        )
    if subject.name is not None:
        return book.expand(subject.name, position)
    if subject.is_definite and len(subject.phrase.split()) <= 3:
        by_role = book.by_role(subject.role)
        if by_role is not None:
            return by_role
    return subject.phrase or None
