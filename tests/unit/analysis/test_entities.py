from storylens.analysis.entities import EntityKind, EntitySpan, entity_key, find_entities, resolve_mentions


def _found(text: str) -> list[tuple[str, str]]:
    return [(span.text, span.kind.value) for span in find_entities(text)]


def test_role_words_make_a_person_and_stay_out_of_the_span() -> None:
    assert _found("Secretary of State John Kerry met them.") == [("John Kerry", "person")]


def test_possessive_place_before_a_role_is_its_own_place() -> None:
    assert _found("They met France's Foreign Minister Jean-Marc Ayrault on Friday.") == [
        ("France's", "place"), ("Jean-Marc Ayrault", "person"),
    ]


def test_organisation_words_and_of_phrases() -> None:
    assert _found("After Apple Inc reported, the Bank of England spoke.") == [
        ("Apple Inc", "organisation"), ("Bank of England", "organisation"),
    ]


def test_gazetteer_places_and_acronyms() -> None:
    assert _found("Officials met in Geneva with the U.S. and Russia.") == [
        ("Geneva", "place"), ("U.S.", "place"), ("Russia", "place"),
    ]


def test_sentence_initial_stopwords_are_not_names() -> None:
    found = _found("The talks ended. But Lavrov stayed in Vienna.")
    assert found == [("Lavrov", "other"), ("Vienna", "place")]


def test_name_particles_join_a_name() -> None:
    assert _found("Officials loyal to Bashar al-Assad spoke.") == [("Bashar al-Assad", "person")]


def test_lower_cased_text_yields_gazetteer_places_only() -> None:
    assert _found("president obama flew to new york and then to paris on monday") == [
        ("new york", "place"), ("paris", "place"),
    ]


def test_entity_key_strips_roles_possessives_and_accents() -> None:
    assert entity_key("Secretary of State John Kerry's") == "john kerry"
    assert entity_key("Jean-Marc Ayrault") == "jean marc ayrault"
    assert entity_key("Zürich") == "zurich"
    assert entity_key("Kerry’s") == "kerry"


def test_resolve_mentions_ties_a_surname_to_the_full_name() -> None:
    spans = find_entities("John Kerry arrived. Later Kerry said Russia must act.")
    assert resolve_mentions(spans) == {"john kerry": "john kerry", "kerry": "john kerry", "russia": "russia"}


def test_resolve_mentions_leaves_an_ambiguous_surname_alone() -> None:
    spans = [
        EntitySpan(text="John Smith", span=(0, 10), kind=EntityKind.PERSON),
        EntitySpan(text="Anna Smith", span=(11, 21), kind=EntityKind.PERSON),
        EntitySpan(text="Smith", span=(22, 27), kind=EntityKind.OTHER),
    ]
    assert resolve_mentions(spans)["smith"] == "smith"
