"""The sample corpus that ships in storylens.samples: its files, its labels, and that they agree."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from storylens.analysis.dates import find_dates
from storylens.samples import SampleLabel, sample_dir, sample_key, sample_labels, sample_paths

FERRY_WIRE = "articles/meridian-wire-2025-05-18-skarra-ferry.txt"
FERRY_COPY = "articles/kellmouth-courier-2025-05-18-skarra-ferry.txt"
FERRY_LEDGER = "articles/harbor-ledger-2025-05-19-skarra-ferry.txt"
FERRY_PAGE = "pages/tideline-news-2025-05-19-skarra-ferry.html"
MIN_WORDS, MAX_WORDS = 180, 450


class _Page(HTMLParser):
    """Meta tags, the tags present, and the text of <p> elements inside <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.tags: set[str] = set()
        self.paragraphs: list[str] = []
        self._in_article = False
        self._in_paragraph = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "meta" and values.get("content") is not None:
            name = values.get("property") or values.get("name")
            if name:
                self.meta[name] = values["content"] or ""
        if tag == "article":
            self._in_article = True
        if tag == "p" and self._in_article:
            self._in_paragraph = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        if tag == "p":
            self._in_paragraph = False

    def handle_data(self, data: str) -> None:
        if self._in_paragraph:
            self.paragraphs[-1] += data


def text_of(key: str) -> str:
    return (sample_dir() / key).read_bytes().decode("utf-8")


def page(key: str) -> _Page:
    parser = _Page()
    parser.feed(text_of(key))
    return parser


def text_paragraphs(key: str) -> list[str]:
    return text_of(key).rstrip("\n").split("\n\n")


def keys_with_suffix(suffix: str) -> list[str]:
    return [sample_key(path) for path in sample_paths() if path.suffix == suffix]


def test_sample_paths_lists_16_text_articles_and_one_html_page_sorted_by_key() -> None:
    keys = [sample_key(path) for path in sample_paths()]
    assert len(keys_with_suffix(".txt")) == 16
    assert keys_with_suffix(".html") == [FERRY_PAGE]
    assert keys == sorted(keys)
    assert all(path.is_file() for path in sample_paths())


def test_sample_paths_leave_out_labels_readme_and_code() -> None:
    names = {path.name for path in sample_paths()}
    assert not names & {"labels.json", "README.md", "__init__.py"}
    assert (sample_dir() / "labels.json").is_file()


def test_every_article_has_a_label_and_every_label_an_article() -> None:
    assert set(sample_labels()) == {sample_key(path) for path in sample_paths()}


def test_labels_decode_into_sample_labels_with_dates_and_tuples() -> None:
    assert sample_labels()[FERRY_COPY] == SampleLabel(
        event="skarra-ferry-capsizing-2025-05-18", outlet="Kellmouth Courier", dateline="Kellmouth",
        published=date(2025, 5, 18), dup_of=FERRY_WIRE, cites=("Meridian Wire",))


def test_six_events_with_the_planned_number_of_articles() -> None:
    counts = Counter(label.event for label in sample_labels().values())
    assert counts == {
        "arden-ceasefire-talks-2025-03-03": 4,
        "trevane-water-talks-2025-03-25": 3,
        "lumera-q2-results-2025": 3,
        "lumera-q3-results-2025": 2,
        "skarra-ferry-capsizing-2025-05-18": 4,
        "lake-mora-crane-count-2025-04-12": 1,
    }


def test_every_event_but_the_singleton_has_at_least_two_outlets() -> None:
    outlets: dict[str, set[str]] = {}
    for label in sample_labels().values():
        outlets.setdefault(label.event, set()).add(label.outlet)
    assert {event: len(names) for event, names in outlets.items()} == {
        "arden-ceasefire-talks-2025-03-03": 4,
        "trevane-water-talks-2025-03-25": 3,
        "lumera-q2-results-2025": 3,
        "lumera-q3-results-2025": 2,
        "skarra-ferry-capsizing-2025-05-18": 4,
        "lake-mora-crane-count-2025-04-12": 1,
    }


def test_seven_outlets_overall() -> None:
    assert {label.outlet for label in sample_labels().values()} == {
        "Meridian Wire", "Harbor Ledger", "Northgate Post", "Civic Daily", "Capital Dispatch",
        "Kellmouth Courier", "Tideline News"}


def test_the_only_copy_points_at_an_original_of_the_same_event() -> None:
    labels = sample_labels()
    copies = {key: label.dup_of for key, label in labels.items() if label.dup_of is not None}
    assert copies == {FERRY_COPY: FERRY_WIRE}
    assert labels[FERRY_WIRE].dup_of is None
    assert labels[FERRY_WIRE].event == labels[FERRY_COPY].event


def test_copy_repeats_the_wire_story_with_a_new_headline_a_prefix_and_one_paragraph_trimmed() -> None:
    wire, copy = text_paragraphs(FERRY_WIRE), text_paragraphs(FERRY_COPY)
    assert wire[0] != copy[0]
    assert copy[1] == "Kellmouth Courier: " + wire[1]
    assert copy[1].startswith("Kellmouth Courier: KELLMOUTH, May 18, 2025 (Meridian Wire) - ")
    trimmed = [paragraph for paragraph in wire[2:] if paragraph not in copy[2:]]
    assert len(trimmed) == 1
    assert trimmed[0].startswith("Skarra Lines said in a statement")
    assert [paragraph for paragraph in wire[2:] if paragraph != trimmed[0]] == copy[2:]


def test_ferry_outlets_give_conflicting_death_tolls() -> None:
    assert "killing at least 14 people" in text_of(FERRY_WIRE)
    assert "bringing the confirmed death toll to 12" in text_of(FERRY_LEDGER)
    assert "12 bodies had been recovered" in text_of(FERRY_PAGE)
    assert "put the toll at 14" in text_of(FERRY_PAGE)


def test_re_reports_name_the_outlets_they_cite() -> None:
    labels = sample_labels()
    citing = {key: label.cites for key, label in labels.items() if label.cites}
    assert citing == {
        "articles/capital-dispatch-2025-03-04-drascu-monitors.txt": ("Meridian Wire", "Harbor Ledger"),
        FERRY_COPY: ("Meridian Wire",),
        FERRY_PAGE: ("Meridian Wire",),
    }
    for key, cites in citing.items():
        assert labels[key].outlet not in cites
        assert all(outlet in text_of(key) for outlet in cites)
    assert "according to Meridian Wire" in text_of("articles/capital-dispatch-2025-03-04-drascu-monitors.txt")
    assert "The Harbor Ledger reported" in text_of("articles/capital-dispatch-2025-03-04-drascu-monitors.txt")


def test_text_articles_start_with_a_headline_then_a_blank_line() -> None:
    for key in keys_with_suffix(".txt"):
        lines = text_of(key).split("\n")
        assert lines[0].strip() == lines[0], key
        assert 0 < len(lines[0]) < 150, key
        assert lines[1] == "", key
        assert lines[2] != "", key


def test_text_articles_separate_paragraphs_by_exactly_one_blank_line() -> None:
    for key in keys_with_suffix(".txt"):
        text = text_of(key)
        assert "\n\n\n" not in text, key
        assert all(paragraph.strip() == paragraph and "\n" not in paragraph
                   for paragraph in text_paragraphs(key)), key


def test_text_articles_have_180_to_450_words() -> None:
    counts = {key: len(text_of(key).split()) for key in keys_with_suffix(".txt")}
    assert {key: count for key, count in counts.items() if not MIN_WORDS <= count <= MAX_WORDS} == {}


def test_html_page_is_a_news_page_with_metadata_navigation_and_article_paragraphs() -> None:
    parsed = page(FERRY_PAGE)
    assert parsed.meta["og:site_name"] == "Tideline News"
    assert parsed.meta["article:published_time"] == "2025-05-19T09:15:00+02:00"
    assert parsed.meta["author"] == "Mira Castell"
    assert {"nav", "footer", "article", "h1"} <= parsed.tags
    article_paragraphs = parsed.paragraphs[1:]  # the first <p> is the byline
    assert parsed.paragraphs[0].startswith("By ")
    assert article_paragraphs[0].startswith("KELLMOUTH — ")
    assert MIN_WORDS <= len(" ".join(article_paragraphs).split()) <= MAX_WORDS


def test_labelled_publication_dates_are_written_in_the_text() -> None:
    for key, label in sample_labels().items():
        if label.published is None or key.endswith(".html"):
            continue
        assert label.published in [found.value for found in find_dates(text_of(key))], key
    assert [key for key, label in sample_labels().items() if label.published is None] == [
        "articles/capital-dispatch-2025-03-04-drascu-monitors.txt",
        "articles/civic-daily-2025-07-24-lumera-q2.txt",
    ]


def test_labelled_dateline_and_outlet_open_the_first_paragraph() -> None:
    for key, label in sample_labels().items():
        if key.endswith(".html"):
            continue
        opening = text_paragraphs(key)[1][:80]
        assert label.outlet in opening, key
        if label.dateline is not None:
            assert label.dateline.upper() in opening, key


def test_files_are_utf8_without_byte_order_mark() -> None:
    for path in sample_paths():
        content = path.read_bytes()
        assert not content.startswith(b"\xef\xbb\xbf"), path.name
        content.decode("utf-8")


def test_sample_key_is_the_path_inside_the_samples_folder() -> None:
    assert sample_key(sample_dir() / "pages" / "tideline-news-2025-05-19-skarra-ferry.html") == FERRY_PAGE
    with pytest.raises(ValueError, match="is not in the subpath"):
        sample_key(Path(__file__))
