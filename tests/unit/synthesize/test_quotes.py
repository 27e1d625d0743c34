"""Quote extraction, speaker attribution, alignment and variants on small hand-written articles."""

from __future__ import annotations

from storylens.model import Article, ArticleId, Mention, Origin, Quote, SourceFormat
from storylens.synthesize.quote_alignment import align_quotes, quote_variants
from storylens.synthesize.quotes import extract_quotes, is_fragment


def _article(body: str, article_id: str = "a1") -> Article:
    return Article(
        id=ArticleId(article_id),
        title="t",
        body=body,
        content_hash=article_id,
        language="en",
        origin=Origin(location=f"{article_id}.txt", format=SourceFormat.TEXT),
    )


def _found(body: str) -> list[tuple[str, str | None, bool]]:
    quotes = extract_quotes(_article(body))
    for quote in quotes:
        assert quote.mention.text == body[quote.mention.span[0] : quote.mention.span[1]]
    return [(quote.mention.text, quote.speaker, quote.is_direct) for quote in quotes]


def _quote(text: str, speaker: str | None, is_direct: bool, article_id: str) -> Quote:
    return Quote(
        mention=Mention(article_id=ArticleId(article_id), span=(0, len(text)), text=text),
        speaker=speaker,
        is_direct=is_direct,
    )


def test_speaker_after_the_quote_is_expanded_to_the_full_name() -> None:
    body = "Foreign Minister Anna Berg arrived on Monday.\n\n“We are ready to talk,” Berg told reporters."
    assert _found(body) == [("We are ready to talk,", "Anna Berg", True)]


def test_pronoun_takes_the_last_person_named_in_the_paragraph() -> None:
    body = "“Prices will fall,” said Lena Holt.\n\nHer rival Omar Diaz disagreed. “They will rise,” he said."
    assert _found(body) == [("Prices will fall,", "Lena Holt", True), ("They will rise,", "Omar Diaz", True)]


def test_pronoun_without_a_name_nearby_takes_the_last_speaker() -> None:
    body = "“We will win this vote,” said Lena Holt.\n\n“And then we will govern,” she said."
    assert [speaker for _, speaker, _ in _found(body)] == ["Lena Holt", "Lena Holt"]


def test_quote_split_by_its_attribution_gives_two_quotes_of_one_speaker() -> None:
    body = "“The port is closed,” said Katrin Vogel, the harbour master. “It will reopen on Friday.”"
    assert _found(body) == [
        ("The port is closed,", "Katrin Vogel", True),
        ("It will reopen on Friday.", "Katrin Vogel", True),
    ]


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    body = "“The first part of it.\n\n“The second part,” said Paul Okafor."
    assert _found(body) == [("The first part of it.\n\n“The second part,", "Paul Okafor", True)]


def test_role_noun_resolves_to_the_person_introduced_with_that_role() -> None:
    body = (
        "The interior minister, Markus Brandt, visited the dike.\n\n"
        "“Nobody has died so far,” the minister said."
    )
    assert _found(body) == [("Nobody has died so far,", "Markus Brandt", True)]


def test_indefinite_role_is_a_new_unnamed_speaker() -> None:
    body = "“Investors wanted this for years,” said a second analyst, who asked not to be named."
    assert _found(body) == [("Investors wanted this for years,", "second analyst", True)]


def test_speaker_before_the_quote_with_a_colon_and_straight_quotes() -> None:
    body = 'Its president, Tomas Reyes, told a news conference: "Nobody at the top is taking a pay cut."'
    assert _found(body) == [("Nobody at the top is taking a pay cut.", "Tomas Reyes", True)]


def test_reported_speech_with_and_without_that() -> None:
    body = (
        "Federation president Joseph Mwangi said the coaches had been suspended.\n\n"
        "Grace Achieng said on Friday that the decision came too late."
    )
    assert _found(body) == [
        ("the coaches had been suspended", "Joseph Mwangi", False),
        ("the decision came too late", "Grace Achieng", False),
    ]


def test_reported_speech_before_its_speaker_and_after_according_to() -> None:
    body = (
        "The city will ban cars from its centre on weekends, Mayor Hélène Castel announced on Sunday.\n\n"
        "According to Castel, the buses will be free."
    )
    assert _found(body) == [
        ("The city will ban cars from its centre on weekends", "Hélène Castel", False),
        ("the buses will be free", "Hélène Castel", False),
    ]


def test_participle_inherits_the_sentence_speaker_and_cuts_a_news_credit() -> None:
    body = "Minister Irena Vostal rejected a pause, saying it would help the smugglers, according to Meridian Wire."
    assert _found(body) == [("it would help the smugglers", "Irena Vostal", False)]


def test_unattributed_quote_continues_the_paragraph_speaker() -> None:
    body = "Kerry said the teams were meeting. “Russia has a responsibility here.”"
    assert _found(body) == [
        ("the teams were meeting", "Kerry", False),
        ("Russia has a responsibility here.", "Kerry", True),
    ]


def test_scare_quotes_are_kept_and_marked_as_fragments() -> None:
    quotes = extract_quotes(_article("Kestria urged Valdoria to show “restraint” in Arden."))
    assert [(quote.mention.text, is_fragment(quote)) for quote in quotes] == [("restraint", True)]


def test_guillemets_are_quotes() -> None:
    body = "« Nous sommes prêts à négocier », said Jean-Marc Ayrault."
    assert _found(body) == [("Nous sommes prêts à négocier", "Jean-Marc Ayrault", True)]


def test_align_joins_the_same_utterance_and_keeps_the_longest_direct_wording() -> None:
    long_form = _quote(
        "I think there is still a road to a settlement but it rests on bold, generous decisions "
        "from Valdoria ... and on its army,",
        "Mateo Drascu",
        True,
        "a",
    )
    short_form = _quote(
        "There is still a road to a settlement but it rests on bold generous decisions from Valdoria.",
        "Drascu",
        True,
        "b",
    )
    other = _quote("We want more than statements of regret from this meeting,", "Mateo Drascu", True, "b")
    aligned = align_quotes(
        {ArticleId("a"): [long_form], ArticleId("b"): [short_form, other]},
        {ArticleId("a"): "Meridian Wire", ArticleId("b"): "Harbor Ledger"},
    )
    assert [(item.sources, item.speaker, item.text) for item in aligned] == [
        (("Meridian Wire", "Harbor Ledger"), "Mateo Drascu", long_form.mention.text),
        (("Harbor Ledger",), "Mateo Drascu", other.mention.text),
    ]


def test_align_matches_reported_speech_to_a_direct_quote() -> None:
    direct = _quote(
        "The river councils are ready to negotiate without preconditions.", "Irena Vostal", True, "a"
    )
    reported = _quote(
        "the Valdorian river councils are ready to resume negotiations without conditions",
        "Irena Vostal",
        False,
        "b",
    )
    aligned = align_quotes(
        {ArticleId("a"): [direct], ArticleId("b"): [reported]},
        {ArticleId("a"): "Meridian Wire", ArticleId("b"): "Harbor Ledger"},
    )
    assert [(item.sources, item.variants) for item in aligned] == [
        (("Meridian Wire", "Harbor Ledger"), (direct, reported))
    ]


def test_align_keeps_different_speakers_apart_and_skips_fragments() -> None:
    first = _quote("The talks will resume in Geneva next week.", "Anna Berg", True, "a")
    second = _quote("The talks will resume in Geneva next week.", "Omar Diaz", True, "b")
    fragment = _quote("restraint", None, True, "b")
    aligned = align_quotes({ArticleId("a"): [first], ArticleId("b"): [second, fragment]}, {})
    assert [item.sources for item in aligned] == [("a",), ("b",)]


def test_variants_show_dropped_words_and_ellipses() -> None:
    assert quote_variants(
        "I think there is a road ... ahead, bold decisions",
        "There is a road ahead, bold generous decisions",
    ) == [
        ("ellipsis", "reference"),
        ("dropped", "I think"),
        ("added", "generous"),
    ]
