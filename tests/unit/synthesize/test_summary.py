from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from synthesize_articles import make_article

from storylens.model import ArticleId
from storylens.synthesize.summary import SummaryParams, summarize

FLOOD_A = ("Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of families from "
           "their homes.\n\nRescue crews used boats to reach residents stranded on rooftops near the old "
           "mill.\n\nThe mayor said the town hall would stay open overnight as a shelter.")
FLOOD_B = ("Hundreds of families were forced from their homes on Monday when heavy rain flooded the river "
           "town of Amberley.\n\nA local bakery handed out free bread to volunteers all afternoon.\n\n"
           "Photo: crews at work. Click here for more pictures of the flood.")
FLOOD_C = ("Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of families from "
           "their homes.\n\nForecasters expect the river to crest again on Wednesday evening.")
CRAWL_NOTICE = ("This crawl gathered pages on the flood in the river town of Amberley from news sites.\n\n"
                "The crawl ran on Monday, and its seed list held every host that covered the heavy rain.")


def test_the_shared_lead_comes_first_and_cites_every_outlet_that_carries_it() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("b", FLOOD_B, outlet="Herald"),
                make_article("c", FLOOD_C, outlet="Courier")]
    summary = summarize(articles, max_words=15)
    assert [sentence.text for sentence in summary] == [
        "Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of families from "
        "their homes."]
    # Quoted from the copy in the article that agrees most with the others (Courier's), then the rest.
    assert summary[0].sources == ("Courier", "Daily", "Herald")
    assert [mention.article_id for mention in summary[0].mentions] == ["c", "a", "b"]


def test_a_repeated_sentence_is_chosen_once_and_furniture_never() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("b", FLOOD_B, outlet="Herald"),
                make_article("c", FLOOD_C, outlet="Courier")]
    texts = [sentence.text for sentence in summarize(articles, max_words=500)]
    assert len(texts) == len(set(texts))
    assert not any("Amberley" in text and "Hundreds of families were" in text for text in texts[1:])
    assert not any("Click here" in text for text in texts)
    assert len(texts) == 5


def test_sentences_come_in_reading_order_leads_first() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("b", FLOOD_B, outlet="Herald"),
                make_article("c", FLOOD_C, outlet="Courier")]
    summary = summarize(articles, max_words=500)
    assert [(sentence.mentions[0].article_id, sentence.mentions[0].span) for sentence in summary] == [
        ("c", (0, 103)), ("c", (105, 170)), ("b", (113, 178)), ("a", (105, 187)), ("a", (189, 257))]


def test_a_last_pick_that_runs_past_the_budget_comes_last_so_a_cut_to_the_budget_takes_only_it() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("b", FLOOD_B, outlet="Herald"),
                make_article("c", FLOOD_C, outlet="Courier")]
    summary = summarize(articles, max_words=50)
    assert [(sentence.mentions[0].article_id, sentence.mentions[0].span) for sentence in summary] == [
        ("c", (0, 103)), ("c", (105, 170)), ("a", (189, 257)), ("b", (113, 178))]
    assert sum(len(sentence.text.split()) for sentence in summary[:-1]) <= 50


def test_a_page_of_crawl_notices_gives_way_to_the_reporting_even_when_on_topic() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("c", FLOOD_C, outlet="Courier"),
                make_article("z", CRAWL_NOTICE, outlet="Archive")]
    chosen = [sentence.text for sentence in summarize(articles, max_words=50)]
    assert chosen == [
        "Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of families from their "
        "homes.",
        "Forecasters expect the river to crest again on Wednesday evening.",
        "The mayor said the town hall would stay open overnight as a shelter.",
        "Rescue crews used boats to reach residents stranded on rooftops near the old mill."]
    assert not any("Archive" in sentence.sources for sentence in summarize(articles, max_words=500))


def test_a_page_mostly_of_site_furniture_is_neither_quoted_nor_cited() -> None:
    widget = ("Tweet with a location: you can add location information to your Tweets.\n\n"
              "Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of families from "
              "their homes.\n\nYou always have the option to delete your Tweet location history.")
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("c", FLOOD_C, outlet="Courier"),
                make_article("w", widget, outlet="Widget")]
    summary = summarize(articles, max_words=500)
    assert set(summary[0].sources) == {"Courier", "Daily"}
    assert not any("Widget" in sentence.sources or "Tweet" in sentence.text for sentence in summary)
    kept = summarize(articles, max_words=500, params=SummaryParams(max_page_boilerplate=1.0))
    assert set(kept[0].sources) == {"Courier", "Daily", "Widget"}


def test_one_sign_up_line_leaves_the_rest_of_an_article_in_the_summary() -> None:
    body = FLOOD_A + "\n\nWe have sent you a verification email to finish signing up for flood alerts."
    summary = summarize([make_article("a", body, outlet="Daily"), make_article("c", FLOOD_C, outlet="Courier")],
                        max_words=500)
    texts = [sentence.text for sentence in summary]
    assert "The mayor said the town hall would stay open overnight as a shelter." in texts
    assert not any("verification email" in text for text in texts)


def test_a_story_only_of_notices_still_gets_a_summary() -> None:
    assert summarize([make_article("z", CRAWL_NOTICE, outlet="Archive")], max_words=50)


def test_sources_map_copies_to_their_original_outlet() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("c", FLOOD_C, outlet="Courier")]
    summary = summarize(articles, max_words=10, sources={ArticleId("a"): "Daily", ArticleId("c"): "Daily"})
    assert summary[0].sources == ("Daily",)


def test_the_result_does_not_depend_on_article_order() -> None:
    articles = [make_article("a", FLOOD_A, outlet="Daily"), make_article("b", FLOOD_B, outlet="Herald"),
                make_article("c", FLOOD_C, outlet="Courier")]
    assert summarize(articles, max_words=60) == summarize(articles[::-1], max_words=60)


def test_no_articles_or_no_budget_give_no_summary() -> None:
    assert summarize([], max_words=100) == ()
    assert summarize([make_article("a", FLOOD_A)], max_words=0) == ()


_WORD = st.sampled_from(["rain", "flood", "river", "town", "mayor", "said", "the", "crews", "boats", "Monday",
                         "shelter", "homes", "families", "Dr.", "U.S.", "3.5", "“quoted”", "on", "of"])
_SENTENCE = st.lists(_WORD, min_size=1, max_size=14).map(lambda words: " ".join(words) + ".")
_BODY = st.lists(_SENTENCE, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(bodies=st.lists(_BODY, min_size=1, max_size=4), max_words=st.integers(min_value=1, max_value=80))
def test_every_summary_sentence_is_verbatim_in_a_cited_source(bodies: list[str], max_words: int) -> None:
    articles = [make_article(f"a{index}", body, outlet=f"Outlet {index % 3}")
                for index, body in enumerate(bodies)]
    by_id = {article.id: article for article in articles}
    for sentence in summarize(articles, max_words=max_words):
        first = sentence.mentions[0]
        article = by_id[first.article_id]
        assert article.body[first.span[0]:first.span[1]] == sentence.text == first.text
        assert article.outlet in sentence.sources


def test_datelines_and_page_labels_are_left_out_of_a_quoted_sentence() -> None:
    wire = ("DENVER (AP) — Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of "
            "families from their homes.\n\nStory highlights Rescue crews used boats to reach residents "
            "stranded on rooftops.")
    lead = "Amberley — The mayor said the town hall would stay open overnight as a shelter for families."
    articles = [make_article("a", wire, outlet="Wire"), make_article("b", lead, outlet="Daily")]
    texts = {sentence.text for sentence in summarize(articles, max_words=500)}
    assert texts == {
        "Heavy rain flooded the river town of Amberley on Monday, forcing hundreds of families from their homes.",
        "Rescue crews used boats to reach residents stranded on rooftops.",
        "The mayor said the town hall would stay open overnight as a shelter for families."}


def test_a_dash_after_an_opening_clause_is_not_taken_for_a_dateline() -> None:
    body = ("Heavy rain flooded the river town of Amberley on Monday.\n\nThe river — swollen by a week of "
            "storms — broke its banks near the old mill.")
    texts = [sentence.text for sentence in summarize([make_article("a", body, outlet="Daily")], max_words=500)]
    assert "The river — swollen by a week of storms — broke its banks near the old mill." in texts
