"""Outlet names: one canonical spelling per known outlet, and whether an unknown name looks like one."""

from __future__ import annotations

import re
import unicodedata

# Folded spelling -> canonical name. Wires keep the short form their datelines use ("(AP) —").
_CANONICAL = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "ap news": "AP",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "france presse": "AFP",
    "reuters": "Reuters", "thomson reuters": "Reuters", "reuters news agency": "Reuters",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "bloomberg tv": "Bloomberg",
    "dpa": "dpa", "deutsche presse-agentur": "dpa",
    "cnn": "CNN", "the cnn": "CNN", "bbc": "BBC", "bbc news": "BBC", "the bbc": "BBC",
    "new york times": "The New York Times", "the new york times": "The New York Times",
    "nyt": "The New York Times",
    "washington post": "The Washington Post", "the washington post": "The Washington Post",
    "wall street journal": "The Wall Street Journal", "the wall street journal": "The Wall Street Journal",
    "wsj": "The Wall Street Journal",
    "financial times": "Financial Times", "the financial times": "Financial Times", "ft": "Financial Times",
    "guardian": "The Guardian", "the guardian": "The Guardian",
    "al jazeera": "Al Jazeera", "xinhua": "Xinhua", "xinhua news agency": "Xinhua",
    "tass": "TASS", "interfax": "Interfax", "ria novosti": "RIA Novosti", "ria": "RIA Novosti",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "yonhap news agency": "Yonhap",
    "ansa": "ANSA", "efe": "EFE", "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency",
    "irna": "IRNA", "tasnim": "Tasnim", "fars": "Fars", "isna": "ISNA", "press tv": "Press TV",
    "al arabiya": "Al Arabiya", "nhk": "NHK", "npr": "NPR", "pti": "PTI", "ani": "ANI",
    "axios": "Axios", "politico": "Politico", "cnbc": "CNBC", "nikkei": "Nikkei",
    "nbc news": "NBC News", "cbs news": "CBS News", "abc news": "ABC News", "fox news": "Fox News",
    "sky news": "Sky News", "der spiegel": "Der Spiegel", "spiegel": "Der Spiegel", "le monde": "Le Monde",
    "the times": "The Times", "the telegraph": "The Telegraph", "daily telegraph": "The Telegraph",
    "haaretz": "Haaretz", "south china morning post": "South China Morning Post",
    "scmp": "South China Morning Post", "times of india": "The Times of India",
}
# An unknown capitalised name ending in one of these is taken for an outlet ("Coastal Gazette").
_OUTLET_WORDS = frozenset({
    "news", "times", "post", "journal", "herald", "tribune", "telegraph", "gazette", "press", "agency",
    "wire", "television", "tv", "radio", "daily", "online", "network", "broadcasting", "chronicle",
    "observer", "mail", "express", "magazine", "newspaper", "media", "monitor", "today", "standard",
    "insider", "reporter", "ledger", "dispatch", "bulletin", "courier", "register", "inquirer", "review",
})
_CAMEL_CASE = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")  # "EghtesadOnline"
_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|co|info|news|ir|uk|de|fr|in)$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_URL_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?(?:/.*)?$")
_HOST_PREFIXES = frozenset({"www", "m", "mobile", "amp", "edition", "news", "uk", "us", "en", "english"})
_DOMAIN_SUFFIXES = frozenset({"com", "net", "org", "co", "gov", "edu", "info", "news", "int", "ac"})


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().replace("’", "'").split())


def canonical_outlet(name: str) -> str | None:
    """The canonical spelling of a known outlet ("Associated Press" -> "AP"), or None when unknown."""
    return _CANONICAL.get(_folded(name))


def looks_like_outlet(name: str) -> bool:
    """Whether a capitalised name is an outlet: known, CamelCase ("EghtesadOnline"), a domain, or ending
    in an outlet word ("Coastal Gazette", "Meridian Wire")."""
    name = name.strip()
    if not name or not name[0].isupper():
        return False
    if canonical_outlet(name) is not None or _CAMEL_CASE.match(name) or _DOMAIN.match(name):
        return True
    words = name.split()
    return len(words) >= 2 and words[-1].casefold() in _OUTLET_WORDS


def outlet_name(name: str) -> str:
    """The canonical spelling when the outlet is known, else the name as written without a leading "the"."""
    name = " ".join(name.split())
    canonical = canonical_outlet(name)
    if canonical is not None:
        return canonical
    return name[4:] if name.lower().startswith("the ") else name


def outlet_key(name: str | None) -> str:
    """A comparison key that survives the usual spellings of one outlet, "" when there is none.

    "Reuters", "REUTERS", "reuters.com" and "www.reuters.com" share "reuters"; "the CNN" and
    "https://edition.cnn.com/world" share "cnn"; known aliases share one key ("Associated Press", "AP").
    """
    if not name:
        return ""
    folded = _folded(name)
    host = _URL_HOST.match(folded)
    if host and " " not in folded:
        labels = [label for label in host.group(1).split(".") if label]
        while len(labels) > 1 and (labels[-1] in _DOMAIN_SUFFIXES or len(labels[-1]) <= 2):
            labels.pop()
        while len(labels) > 1 and labels[0] in _HOST_PREFIXES:
            labels.pop(0)
        folded = labels[-1]
    canonical = _CANONICAL.get(folded)
    if canonical is not None:
        folded = _folded(canonical)
    folded = re.sub(r"^the\s+", "", folded)
    return _NON_ALNUM.sub("", folded)
