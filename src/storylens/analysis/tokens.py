"""Words and content terms.

`words` splits text into word tokens in their original case; `terms` turns text into lower-cased,
stemmed content terms with stopwords removed, for bag-of-words comparisons. Stemming uses the
Snowball stemmers (the `snowballstemmer` package, pure Python); a language without a stemmer keeps
its lower-cased words. The per-word caches are safe: a word's stem, term and hash are pure functions of it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import snowballstemmer  # type: ignore[import-untyped,unused-ignore]

_Value = TypeVar("_Value")

# Unicode letters and digits, with internal apostrophes and hyphens ("don't", "al-Assad", "COVID-19").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

_EN = """
a about above across after again against all almost also although always am among an and another any
are aren't around as at be became because been before being below between both but by can cannot could
couldn't did didn't do does doesn't doing don't down during each either else ever every few for from
further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's
like many may me might more most much must mustn't my myself neither no nor not now of off often on once
one only or other others otherwise ought our ours ourselves out over own per perhaps quite rather
really same shall shan't she she'd she'll she's should shouldn't since so some still such than that
that's the their theirs them themselves then there there's therefore these they they'd they'll they're
they've this those though through thus to too toward towards under until up upon us very via was
wasn't we we'd we'll we're we've were weren't what what's whatever when when's where where's whereas
whether which while who who's whom whose why why's will with within without won't would wouldn't yet
you you'd you'll you're you've your yours yourself yourselves said says say saying told tell also
according mr mrs ms dr s t
"""
_DE = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders
auch auf aus bei beim bin bis bist da dabei damit dann das dass dasselbe dazu dein deine dem den denn
der des desselben dessen dich die dies diese dieselbe diesem diesen dieser dieses dir doch dort du durch
ein eine einem einen einer eines einig einige er es etwas euch euer eure für gegen gewesen hab habe
haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem
ins ist jede jedem jeden jeder jedes jene jetzt kann kein keine keinem keinen keiner können könnte man
manche mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine
seinem seinen seiner sich sie sind so solche soll sollte sondern sonst über um und uns unser unter
viel vom von vor war waren warst was weg weil weiter welche wenn werde werden wie wieder will wir wird
wirst wo wollen wollte würde würden zu zum zur zwar zwischen sagte sagt laut
"""
_ES = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el él
ella ellas ellos en entre era erais eran eras es esa esas ese eso esos esta estaba estaban estado
estamos estar estas este esto estos está están fue fueron fui ha había habían han has hasta hay la las
le les lo los más me mi mis mucho muy nada ni no nos nosotros o os otra otras otro otros para pero poco
por porque que quien quienes qué se sea ser si sido sin sobre su sus también tanto te tiene tienen
todo todos tu tus un una uno unos y ya yo dijo según además
"""
_FR = """
à au aux avec ce ces cette dans de des du elle elles en est et eux il ils je la le les leur leurs lui
ma mais me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sont sur
ta te tes toi ton tu un une vos votre vous c d j l m n s y été était étaient être avait avaient ont a
aussi comme plus selon fait cet entre sans sous tout tous toute toutes après avant depuis dit
"""
_PL = """
a aby ale am ani aż bardzo bez bo być był była było byli będzie co czy dla do gdy gdzie go i ich im
innych jak jako je jego jej jest jeszcze jeśli już każdy kiedy kto która które którego której który
których ma mają może można mu na nad nam nas nie nich nim niż o od oraz po pod przed przez przy również
się są ta tak takie także tam te tego tej ten też to tu tylko tym u w we więc wszystko z za ze że
został została zostały powiedział według
"""
_TR = """
acaba ama ancak artık aslında az bana bazı belki ben beni benim bile bir biri birkaç birşey biz bize
bizi bu buna bunda bundan bunu bunun da daha dahi de defa diye diğer en gibi hem hep hepsi her hiç için
ile ise kadar ki kim mi mu mü nasıl ne neden nerde nerede nereye niye niçin o olan olarak oldu olduğu
olmak olması onlar onu onun şey şu şöyle tüm ve veya ya yani çok çünkü sonra önce göre dedi ise
"""
_AR = """
في من على إلى عن مع هذا هذه ذلك التي الذي الذين أن إن كان كانت لم لن ما لا و أو ثم قد كل بين بعد قبل
عند حتى هو هي هم نحن أنا أنت هل إذا لكن أي منذ خلال حول ضد غير بعض أيضا وقال قال فيها فيه به له لها
"""

STOPWORDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "en": frozenset(_EN.split()),
    "de": frozenset(_DE.split()),
    "es": frozenset(_ES.split()),
    "fr": frozenset(_FR.split()),
    "pl": frozenset(_PL.split()),
    "tr": frozenset(_TR.split()),
    "ar": frozenset(_AR.split()),
})
"""Small hand-written stopword lists by ISO 639-1 code: function words and reporting verbs."""

_STEMMER_NAMES = {
    "en": "english", "de": "german", "es": "spanish", "fr": "french", "tr": "turkish", "ar": "arabic",
    "it": "italian", "pt": "portuguese", "nl": "dutch", "ru": "russian", "pl": "polish",
    "sv": "swedish", "da": "danish", "no": "norwegian", "fi": "finnish", "ro": "romanian",
    "hu": "hungarian", "el": "greek",
}


def words(text: str) -> list[str]:
    """Word tokens of `text` in their original case.

    Args:
        text: any text.

    Returns:
        Runs of Unicode letters and digits, keeping internal apostrophes and hyphens:
        `words("Kerry's al-Assad talks")` is `["Kerry's", "al-Assad", "talks"]`.
    """
    return _WORD.findall(text)


class _Memo(dict[str, _Value]):
    """A dict that computes a missing key's value with `compute` and starts afresh past `limit` keys.

    Looking words up through `map(memo.__getitem__, words)` costs one C-level dict lookup per known word,
    far less than a Python call; `compute` must be a pure function of the key.
    """

    def __init__(self, compute: Callable[[str], _Value], limit: int = 200_000) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: str) -> _Value:
        if len(self) >= self._limit:
            self.clear()
        value = self[key] = self._compute(key)
        return value


def _crc32(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


_CRC32: _Memo[int] = _Memo(_crc32, limit=300_000)


def crc32_hashes(texts: Iterable[str]) -> npt.NDArray[np.uint32]:
    """The CRC-32 of each text's UTF-8 bytes, in order: a hash that is the same in every process and on
    every machine (unlike Python's `hash`)."""
    return np.array(list(map(_CRC32.__getitem__, texts)), dtype=np.uint32)


@lru_cache(maxsize=32)
def _stem_function(language: str) -> Callable[[str], str]:
    name = _STEMMER_NAMES.get(language)
    if name is None or name not in snowballstemmer.algorithms():
        return str
    stemmer = snowballstemmer.stemmer(name)

    @lru_cache(maxsize=200_000)
    def stem(word: str) -> str:
        return str(stemmer.stemWord(word))

    return stem


def stem(word: str, language: str = "en") -> str:
    """The Snowball stem of a lower-cased `word` (the word itself for a language without a stemmer)."""
    return _stem_function(language)(word)


@lru_cache(maxsize=32)
def _term_of_token(language: str) -> _Memo[str | None]:
    """Lower-cased token -> its content term in `language`, None for a stopword or a one-letter word."""
    stop = STOPWORDS.get(language, STOPWORDS["en"])
    stem_word = _stem_function(language)

    def term_of(token: str) -> str | None:
        if token in stop:
            return None
        word = token[:-2] if token.endswith(("'s", "’s")) else token
        if len(word) < 2 or word in stop:
            return None
        return stem_word(word)

    return _Memo(term_of)


def terms(text: str, language: str = "en") -> list[str]:
    """Lower-cased, stemmed content terms of `text`, in order, stopwords and one-letter words removed.

    Args:
        text: any text.
        language: ISO 639-1 code; chooses the stopword list and the stemmer.

    Returns:
        For example `terms("The ministers were meeting in Paris")` is `["minist", "meet", "pari"]`.
    """
    term_of = _term_of_token(language).__getitem__
    return [term for term in map(term_of, _WORD.findall(text.lower())) if term is not None]
