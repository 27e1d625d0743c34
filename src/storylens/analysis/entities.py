"""Model-free named-entity spotting.

`find_entities` finds runs of capitalised words ("John Kerry", "Bank of England", "al-Assad") and
types them with cues: honorifics and roles before a name make a person ("Secretary of State John
Kerry"), organisation words make an organisation ("Foreign Ministry", "Apple Inc"), and a small
gazetteer of countries, capitals, large cities and regions makes a place. Sentence-initial
stopwords ("The", "But") are never part of a name. Lower-cased text (as in Multi-News) has no
capitals to go by: there only gazetteer places are found, which degrades gracefully instead of
guessing. `entity_key` gives the form used for matching, and `resolve_mentions` ties short mentions
to the full names they stand for within one text ("Kerry" -> "John Kerry").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from storylens.analysis.tokens import STOPWORDS


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class EntitySpan:
    """A name found in a text: its words as written, where, and what kind of thing it names."""

    text: str
    span: tuple[int, int]
    kind: EntityKind


_COUNTRIES = """
afghanistan|albania|algeria|andorra|angola|argentina|armenia|australia|austria|azerbaijan|bahamas|bahrain
bangladesh|barbados|belarus|belgium|belize|benin|bhutan|bolivia|bosnia|botswana|brazil|brunei|bulgaria
burkina faso|burundi|cambodia|cameroon|canada|chad|chile|china|colombia|congo|costa rica|croatia|cuba
cyprus|czech republic|czechia|denmark|djibouti|dominican republic|ecuador|egypt|el salvador|eritrea
estonia|ethiopia|fiji|finland|france|gabon|gambia|georgia|germany|ghana|greece|guatemala|guinea|guyana
haiti|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|ivory coast|jamaica|japan
jordan|kazakhstan|kenya|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|lesotho|liberia|libya|liechtenstein
lithuania|luxembourg|madagascar|malawi|malaysia|maldives|mali|malta|mauritania|mauritius|mexico|moldova
monaco|mongolia|montenegro|morocco|mozambique|myanmar|burma|namibia|nepal|netherlands|holland
new zealand|nicaragua|niger|nigeria|north korea|north macedonia|macedonia|norway|oman|pakistan|palestine
panama|papua new guinea|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda
saudi arabia|senegal|serbia|sierra leone|singapore|slovakia|slovenia|somalia|south africa|south korea
korea|south sudan|spain|sri lanka|sudan|suriname|sweden|switzerland|syria|taiwan|tajikistan|tanzania
thailand|togo|tunisia|turkey|türkiye|turkmenistan|uganda|ukraine|united arab emirates|uae
united kingdom|uk|britain|great britain|england|scotland|wales|northern ireland|united states|us|usa
america|uruguay|uzbekistan|venezuela|vietnam|yemen|zambia|zimbabwe|gaza|west bank|crimea|kurdistan
hong kong|tibet|catalonia|chechnya|europe|africa|asia|middle east|latin america|scandinavia|balkans
"""
_CITIES = """
kabul|tirana|algiers|luanda|buenos aires|yerevan|canberra|sydney|melbourne|vienna|baku|manama|dhaka
minsk|brussels|sarajevo|brasilia|rio de janeiro|sao paulo|são paulo|sofia|phnom penh|ottawa|toronto
montreal|vancouver|santiago|beijing|shanghai|shenzhen|guangzhou|wuhan|bogota|bogotá|zagreb|havana|nicosia
prague|copenhagen|cairo|alexandria|addis ababa|tallinn|helsinki|paris|marseille|lyon|nice|tbilisi|berlin
munich|frankfurt|hamburg|cologne|accra|athens|budapest|reykjavik|new delhi|delhi|mumbai|bangalore
kolkata|chennai|jakarta|tehran|baghdad|mosul|basra|erbil|dublin|jerusalem|tel aviv|rome|milan|naples
venice|florence|tokyo|osaka|kyoto|hiroshima|amman|astana|nairobi|mombasa|pristina|kuwait city|bishkek
beirut|tripoli|benghazi|vilnius|luxembourg city|kuala lumpur|valletta|mexico city|chisinau|ulaanbaatar
podgorica|rabat|casablanca|maputo|yangon|naypyidaw|kathmandu|amsterdam|rotterdam|the hague|hague
wellington|auckland|managua|abuja|lagos|pyongyang|skopje|oslo|muscat|islamabad|karachi|lahore
ramallah|panama city|asuncion|lima|manila|warsaw|krakow|kraków|gdansk|lisbon|porto|doha|bucharest|moscow
st petersburg|saint petersburg|kigali|riyadh|jeddah|mecca|medina|dakar|belgrade|freetown|bratislava
ljubljana|mogadishu|johannesburg|cape town|pretoria|durban|seoul|busan|juba|madrid|barcelona|valencia
seville|colombo|khartoum|stockholm|gothenburg|bern|zurich|geneva|basel|lausanne|damascus|aleppo|homs
idlib|raqqa|taipei|dushanbe|dar es salaam|bangkok|tunis|ankara|istanbul|izmir|antalya|ashgabat|kampala
kiev|kyiv|kharkiv|odessa|odesa|donetsk|luhansk|mariupol|abu dhabi|dubai|london|manchester|birmingham
liverpool|edinburgh|glasgow|cardiff|belfast|oxford|cambridge|washington|new york|new york city
los angeles|chicago|houston|phoenix|philadelphia|san antonio|san diego|dallas|san francisco|seattle
boston|miami|atlanta|detroit|denver|las vegas|new orleans|baltimore|pittsburgh|cleveland|minneapolis
silicon valley|wall street|montevideo|tashkent|caracas|hanoi|ho chi minh city|saigon|sanaa|aden
lusaka|harare|hebron|nablus|sochi|vladivostok|davos|strasbourg|the vatican|vatican|vatican city|kandahar
peshawar|quetta|karbala|najaf|fallujah|ramadi|kirkuk|sinjar|kobani|palmyra|deir ez-zor|sderot|haifa
singapore city|hong kong city|macau|marrakech|fez|kinshasa|brazzaville|khartoum|benghazi|misrata
goma|timbuktu|bamako|niamey|ouagadougou|ndjamena|n'djamena|yaounde|douala|libreville|harare|windhoek
"""
_REGIONS = """
california|texas|florida|new jersey|ohio|michigan|virginia|north carolina|south carolina|pennsylvania
illinois|massachusetts|arizona|nevada|oregon|colorado|utah|iowa|kansas|kentucky|tennessee|alabama
mississippi|louisiana|arkansas|missouri|oklahoma|nebraska|minnesota|wisconsin|indiana|maryland
connecticut|maine|vermont|new hampshire|rhode island|delaware|hawaii|alaska|idaho|montana|wyoming
north dakota|south dakota|new mexico|west virginia|bavaria|quebec|ontario|british columbia|alberta
punjab|kashmir|kurdistan|darfur|donbas|sinai|golan heights|xinjiang|sichuan|siberia|patagonia|anatolia
"""
_DEMONYMS = {
    "american": "united states", "british": "united kingdom", "french": "france", "german": "germany",
    "russian": "russia", "chinese": "china", "syrian": "syria", "iranian": "iran", "iraqi": "iraq",
    "israeli": "israel", "palestinian": "palestine", "turkish": "turkey", "ukrainian": "ukraine",
    "polish": "poland", "spanish": "spain", "italian": "italy", "japanese": "japan", "indian": "india",
    "pakistani": "pakistan", "afghan": "afghanistan", "saudi": "saudi arabia", "egyptian": "egypt",
    "lebanese": "lebanon", "jordanian": "jordan", "libyan": "libya", "yemeni": "yemen", "qatari": "qatar",
    "canadian": "canada", "mexican": "mexico", "brazilian": "brazil", "australian": "australia",
    "korean": "korea", "greek": "greece", "dutch": "netherlands", "belgian": "belgium",
    "swiss": "switzerland",
    "swedish": "sweden", "norwegian": "norway", "danish": "denmark", "finnish": "finland",
    "austrian": "austria", "hungarian": "hungary", "romanian": "romania", "serbian": "serbia",
    "nigerian": "nigeria", "kenyan": "kenya", "venezuelan": "venezuela", "cuban": "cuba",
    "argentine": "argentina", "colombian": "colombia", "chilean": "chile", "irish": "ireland",
    "scottish": "scotland", "vietnamese": "vietnam", "thai": "thailand", "filipino": "philippines",
    "indonesian": "indonesia", "malaysian": "malaysia", "kurdish": "kurdistan", "european": "europe",
}


def _word_set(block: str) -> frozenset[str]:
    return frozenset(block.split())


def _names(block: str) -> frozenset[str]:
    return frozenset(name.strip() for line in block.split("\n") for name in line.split("|") if name.strip())


COUNTRIES: frozenset[str] = _names(_COUNTRIES)
PLACES: frozenset[str] = COUNTRIES | _names(_CITIES) | _names(_REGIONS)
"""The gazetteer: countries, capitals, large cities and regions, as lower-case keys."""
DEMONYMS = MappingProxyType(_DEMONYMS)
"""Adjective of nationality (lower-case) -> the place it points at."""
PLACE_ALIASES = MappingProxyType({
    "us": "united states", "usa": "united states", "america": "united states",
    "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "holland": "netherlands", "burma": "myanmar", "türkiye": "turkey", "kiev": "kyiv", "czechia": "czech republic",
})
"""Gazetteer keys that name the same place as another key."""
_LONGEST_PLACE = max(len(name.split()) for name in PLACES)
# In lower-cased text "us" is a pronoun far more often than a country.
_LOWER_CASE_PLACES = PLACES - {"us", "georgia", "jordan", "chad", "nice", "reading", "mali", "guinea"}
_PLACE_FIRST_WORDS = frozenset(name.split()[0] for name in _LOWER_CASE_PLACES)

_HONORIFICS = _word_set(
    "mr mrs ms miss dr sir dame lord lady prof professor mister madam rev reverend sheikh"
)
_ROLE_WORDS = _word_set("""
president vice prime minister secretary chancellor premier ceo chairman chairwoman chair chief executive
senator sen rep representative congressman congresswoman gov governor mayor king queen prince princess
pope general gen lt col colonel admiral judge justice ambassador envoy spokesman spokeswoman spokesperson
director commissioner inspector officer coach captain sergeant sgt deputy foreign defence defense
interior finance state attorney leader speaker founder head emir sultan ayatollah cardinal bishop
""")
_ROLE_CONNECTORS = frozenset({"of", "for", "the"})
_ORG_WORDS = _word_set("""
inc inc. corp corp. corporation co co. ltd ltd. llc plc ag gmbh sa group company companies holdings bank
ministry ministries council university college school institute institution agency department
commission committee court party union association federation organisation organization foundation
fund board authority office service services army navy forces force police parliament congress senate
assembly administration government airlines airways motors technologies systems network networks media
news times post journal press reuters bloomberg club league fc cabinet coalition movement front
brigade brigades alliance nations bureau center centre hospital church exchange reserve airport state
""")
_NAME_PARTICLES = _word_set(
    "of de da del della der den van von al el bin bint ibn abu la le du dos das di ter"
)
# Capitalised words that are not names: days, months, pronouns, common headline/sentence words.
_NOT_NAMES = _word_set("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december i it he she we they you this that these those there here
yesterday today tomorrow mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
""")
_SENTENCE_STARTERS = _word_set("""
but and or so yet however meanwhile still also after before when while if as although though because
since despite during in on at for from with without by about under over into then now earlier later
asked speaking according last next many some most several both all no not one two three officials
analysts critics besides beyond instead
""")
_STOP = STOPWORDS["en"]

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*\.?")
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŹŻŽА-ЯΑ-Ω"
_CAPITALISED = (
    rf"(?:(?:[{_UPPER}]\.){{2,}}|(?:(?:al|el|bin|ibn|abu|mc|mac|d|l|o)['’\-]?)?[{_UPPER}][^\W_]*"
    r"(?:['’\-][^\W_]+)*\.?)"
)
_PARTICLE_WORDS = "of|de|da|del|della|der|den|van|von|al|el|bin|bint|ibn|abu|la|le|du|dos|das|di|ter"
_CAPITALISED_START = rf"(?:[{_UPPER}](?:\.[{_UPPER}])+\.|[{_UPPER}][^\W_]*(?:['’\-][^\W_]+)*\.?)"
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w'’\-]){_CAPITALISED_START}(?:[ \t]+(?:(?:{_PARTICLE_WORDS})[ \t]+)*{_CAPITALISED})*"
)
_SENTENCE_MARKS = frozenset(".!?:;\n\"“”«»([")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|bin|ibn|abu|ad|as|ash|at|ar|d|l|o|mc|mac)['’\-]?(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_S = re.compile(r"[a-z]['’]s$")
_SENTENCE_GAP = re.compile(r"[.!?:;\n\"“”«»(\[]")
_KEY_DROP = re.compile(r"[.\u0300-\u036f]")
_KEY_SPACE = re.compile(r"[\s\-‐–]+")
_ABBREVIATION = re.compile(
    r"^(?:(?:[A-Z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|Gen\.|Sen\.|Rep\.|Gov\.|Lt\.|Col\.|Prof\.|Jr\.|Sr\.)$"
)


def entity_key(name: str) -> str:
    """The form of a name used for matching.

    Case-folded, without accents, periods, possessive "'s", and leading honorifics or role words:
    `entity_key("Secretary of State John Kerry's")` is `"john kerry"`, `entity_key("Jean-Marc Ayrault")`
    is `"jean marc ayrault"`.
    """
    return _entity_key(name)


@lru_cache(maxsize=100_000)
def _entity_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = _KEY_DROP.sub("", folded)
    folded = _POSSESSIVE.sub("", folded.strip())
    tokens = [token for token in _KEY_SPACE.split(folded) if token]
    tokens = [_POSSESSIVE.sub("", token) for token in tokens]
    start = 0
    while start < len(tokens) - 1 and (
        tokens[start] in _HONORIFICS or tokens[start] in _ROLE_WORDS or
        (start > 0 and tokens[start] in _ROLE_CONNECTORS)
    ):
        start += 1
    return " ".join(token for token in tokens[start:] if token)


def _is_capitalised(token: str) -> bool:
    first = token[0]
    if first.isupper():
        return True
    return first.isalpha() and _PARTICLE_PREFIX.match(token) is not None


def find_entities(text: str) -> list[EntitySpan]:
    """Names in `text` in order of appearance, each typed as person, organisation, place or other.

    Args:
        text: prose (a body or a headline), in any case.

    Returns:
        One EntitySpan per name. Role words are left out of a person's span ("Secretary of State John
        Kerry" gives "John Kerry"); in lower-cased text only gazetteer places are returned.
    """
    chunks = list(_CAPITALISED_RUN.finditer(text))
    if len(chunks) <= 0.01 * text.count(" "):
        return _gazetteer_places(text)
    found: list[EntitySpan] = []
    for chunk in chunks:
        run: list[re.Match[str]] = []
        sentence_start = _starts_sentence(text, chunk.start())
        for match in _TOKEN.finditer(text, chunk.start(), chunk.end()):
            token = match.group(0)
            bare = token.rstrip(".")
            lowered = bare.lower().replace("’", "'")
            is_name_word = _is_capitalised(bare) and _POSSESSIVE.sub("", lowered) not in _NOT_NAMES and not (
                lowered in _STOP and lowered not in _HONORIFICS
            ) and not (sentence_start and _is_common_word(text, lowered))
            is_particle = bool(run) and lowered in _NAME_PARTICLES
            if is_name_word or is_particle:
                run.append(match)
            elif run:
                found.extend(_typed(text, run))
                run = []
            sentence_start = token.endswith(".") and _ABBREVIATION.match(token) is None
            if run and (sentence_start or (is_name_word and _POSSESSIVE_S.search(bare))):
                found.extend(_typed(text, run))  # a sentence end, or "France's Foreign Minister"
                run = []
        if run:
            found.extend(_typed(text, run))
    return found


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" \t")
    if not before or before[-1] in _SENTENCE_MARKS:
        return True
    previous_word = text[max(0, start - 6):start].rsplit(maxsplit=1)[-1]
    return before[-1] == "." and _ABBREVIATION.match(previous_word) is None


def _is_common_word(text: str, lowered: str) -> bool:
    """A sentence-initial word that also appears in lower case in the text is not a name."""
    return lowered in _SENTENCE_STARTERS or f" {lowered} " in text or f" {lowered}," in text


def _gazetteer_places(text: str) -> list[EntitySpan]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) == 0:
        return []
    hits: list[tuple[int, int]] = []  # (token index, size)
    index = 0
    while index < len(tokens):
        if _bare(tokens[index]) in _PLACE_FIRST_WORDS:
            for size in range(min(_LONGEST_PLACE, len(tokens) - index), 0, -1):
                name = " ".join([*tokens[index:index + size - 1], _bare(tokens[index + size - 1])])
                if name in _LOWER_CASE_PLACES:
                    hits.append((index, size))
                    index += size - 1
                    break
        index += 1
    if not hits:
        return []
    starts = [match.span() for match in _TOKEN.finditer(text)]
    found: list[EntitySpan] = []
    for index, size in hits:
        start, end = starts[index][0], starts[index + size - 1][1]
        written = text[start:end].rstrip(".")
        found.append(EntitySpan(text=written, span=(start, start + len(written)), kind=EntityKind.PLACE))
    return found


def _bare(token: str) -> str:
    token = token.rstrip(".")
    return token[:-2] if token.endswith(("'s", "’s")) else token


def _typed(text: str, run: list[re.Match[str]]) -> list[EntitySpan]:
    while run and run[-1].group(0).rstrip(".").lower() in _NAME_PARTICLES:
        run = run[:-1]
    if not run:
        return []
    words = [match.group(0).rstrip(".") for match in run]
    lowered = [_POSSESSIVE.sub("", word.lower()) for word in words]
    name = " ".join(lowered)
    if name in PLACES or name.replace(".", "") in PLACES:
        return [_span(text, run, 0, len(run), EntityKind.PLACE)]
    if len(run) > 1 and lowered[0] in PLACES and all(word in PLACES for word in lowered):
        return [_span(text, run, index, index + 1, EntityKind.PLACE) for index in range(len(run))]
    of_org = lowered[0] in _ORG_WORDS and len(lowered) > 1 and lowered[1] == "of"
    if lowered[-1] in _ORG_WORDS or of_org:
        return [_span(text, run, 0, len(run), EntityKind.ORGANISATION)]
    first_role = next((index for index, word in enumerate(lowered) if _is_role(word)), None)
    if first_role is not None:
        end_role = first_role
        while end_role < len(run) and (
            _is_role(lowered[end_role]) or lowered[end_role] in _ROLE_CONNECTORS | _NAME_PARTICLES
        ):
            end_role += 1
        if end_role < len(run):  # "Russian Foreign Minister Sergei Lavrov": place, role, person
            before = _typed(text, run[:first_role]) if first_role > 0 else []
            return [*before, _span(text, run, end_role, len(run), EntityKind.PERSON)]
        if first_role > 0:
            return _typed(text, run[:first_role])
        return []
    if len(run) == 1:
        kind = EntityKind.PLACE if lowered[0] in DEMONYMS else EntityKind.OTHER
        return [_span(text, run, 0, 1, kind)]
    if any(word in _PLACE_WORDS for word in lowered):
        return [_span(text, run, 0, len(run), EntityKind.PLACE)]
    if lowered[0] in DEMONYMS or lowered[-1] in _EVENT_WORDS:  # "Syrian Civil War", "Paris Peace Accord"
        return [_span(text, run, 0, len(run), EntityKind.OTHER)]
    if all(word.isalpha() or "-" in word or "'" in word for word in words) and len(run) <= 4:
        return [_span(text, run, 0, len(run), EntityKind.PERSON)]
    return [_span(text, run, 0, len(run), EntityKind.OTHER)]


def _is_role(word: str) -> bool:
    return word in _HONORIFICS or word in _ROLE_WORDS


_PLACE_WORDS = _word_set("street avenue square river lake mountain mountains island islands province county")
_EVENT_WORDS = _word_set("""
war wars crisis revolution uprising election elections summit olympics games cup championship conference talks
accord accords agreement treaty deal act bill protocol plan doctrine spring
""")


def _span(text: str, run: list[re.Match[str]], start: int, end: int, kind: EntityKind) -> EntitySpan:
    first, last = run[start].start(), run[end - 1].end()
    written = text[first:last]
    if written.endswith(".") and _ABBREVIATION.match(run[end - 1].group(0)) is None:
        written = written[:-1]
        last -= 1
    return EntitySpan(text=written, span=(first, last), kind=kind)


def place_key(name: str) -> str | None:
    """The gazetteer key of a place name or nationality adjective, or None when not in the gazetteer."""
    key = entity_key(name)
    if key in PLACES:
        return key
    return DEMONYMS.get(key)


def resolve_mentions(spans: Iterable[EntitySpan]) -> dict[str, str]:
    """Tie short mentions to the full names they stand for, within one text.

    Args:
        spans: the entities of one text, as `find_entities` returns them.

    Returns:
        A map from the `entity_key` of every mention to the key of the name it stands for:
        `{"john kerry": "john kerry", "kerry": "john kerry"}`. A short mention that fits two full names
        ("Smith" with "John Smith" and "Anna Smith") stays itself.
    """
    keys: dict[str, EntityKind] = {}
    for span in spans:
        key = entity_key(span.text)
        if key and keys.get(key) is not EntityKind.PERSON:
            keys[key] = span.kind
    by_part: dict[str, set[str]] = {}
    for key, kind in keys.items():
        parts = key.split()
        if len(parts) >= 2 and kind is EntityKind.PERSON:
            by_part.setdefault(parts[-1], set()).add(key)
            by_part.setdefault(parts[0], set()).add(key)
    resolved: dict[str, str] = {}
    for key, kind in keys.items():
        is_short_name = " " not in key and kind in (EntityKind.PERSON, EntityKind.OTHER)
        full = by_part.get(key, set()) if is_short_name else set()
        resolved[key] = next(iter(full)) if len(full) == 1 else key
    return resolved
