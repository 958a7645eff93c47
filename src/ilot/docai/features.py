"""Features for the document classifier, chosen to survive OCR noise and the generator gap.

- text is normalised (lowercase, accents stripped, every digit mapped to 0, whitespace folded)
  so that "Facture N° 2024-117" and "FACTURE n° 2023-009" share their n-grams;
- word 1-2 grams and char_wb 3-5 grams (character n-grams tolerate OCR typos: "factnre" still
  shares "fac", "act" with "facture"), TF-IDF with sublinear tf;
- a "head" vocabulary over the first characters of the document, where titles sit;
- layout/meta features: page count, text layer or OCR, digit ratio, counts of IBAN, SIREN,
  amount, date and percentage patterns.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from .lexicon import NAMES as LEXICON_NAMES
from .lexicon import current_keys as current_lexicon
from .lexicon import lexicon_features

MAX_CHARS = 8_000  # the first 2-3 pages decide the category; bounded cost per document
# The title zone: letterheads and recipient blocks come first, so the title often starts after
# 500-900 characters; 1,200 covers it (out-of-fold coverage at 98.5 % precision rose from 0.72 to
# 0.78 against 400). Models pickled before it was a parameter used 400.
HEAD_CHARS = 1200
LEGACY_HEAD_CHARS = 400

_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b")
_SIREN = re.compile(r"\b\d{3} ?\d{3} ?\d{3}(?: ?\d{5})?\b")
_AMOUNT = re.compile(r"\d[,.]\d\d ?(?:€|eur|EUR|\$|USD)|(?:€|\$) ?\d")
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_PERCENT = re.compile(r"\d ?%")


@dataclass(frozen=True)
class DocInput:
    """What the classifier sees of a document."""

    text: str
    pages: int = 1
    ocr_pages: int = 0
    kind: str = "pdf"


def normalize(text: str) -> str:
    # NFKD then ASCII: accents are split off and dropped (é -> e), as are symbols (°, €) that
    # the meta features count on the raw text anyway. Pure C, ~20x faster than str.translate.
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS]).encode("ascii", "ignore").decode()
    text = text.lower()
    text = _DIGIT.sub("0", text)
    return _SPACES.sub(" ", text).strip()


META_NAMES = (
    "meta:log_pages",
    "meta:text_layer",
    "meta:ocr_ratio",
    "meta:log_chars",
    "meta:digit_ratio",
    "meta:upper_ratio",
    "meta:iban",
    "meta:siren",
    "meta:amounts",
    "meta:dates",
    "meta:percents",
    "meta:is_image",
    "meta:is_sheet",
)


def meta_features(doc: DocInput) -> list[float]:
    text = doc.text[:MAX_CHARS]
    n = max(len(text), 1)
    # Counted with numpy over code points: a per-character Python loop costs ~10 ms on a long
    # document. Letters: ASCII and Latin-1/Latin Extended-A (French), enough for a ratio.
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    digits = int(((cp >= 48) & (cp <= 57)).sum())
    upper = int((((cp >= 65) & (cp <= 90)) | ((cp >= 0xC0) & (cp <= 0xDE))).sum())
    lower = int((((cp >= 97) & (cp <= 122)) | ((cp >= 0xDF) & (cp <= 0x17F))).sum())
    letters = max(upper + lower, 1)
    return [
        math.log1p(doc.pages),
        1.0 if doc.ocr_pages < doc.pages else 0.0,
        doc.ocr_pages / max(doc.pages, 1),
        math.log1p(len(text)) / 10,
        digits / n,
        upper / letters,
        min(len(_IBAN.findall(text)), 5) / 5,
        min(len(_SIREN.findall(text)), 10) / 10,
        min(len(_AMOUNT.findall(text)), 50) / 50,
        min(len(_DATE.findall(text)), 30) / 30,
        min(len(_PERCENT.findall(text)), 30) / 30,
        1.0 if doc.kind == "image" else 0.0,
        1.0 if doc.kind == "xlsx" else 0.0,
    ]


_WORD_TOKEN = re.compile(r"(?u)\b[^\W\d_][\w'-]+\b|\b0+\b")


class FastTfidf:
    """TF-IDF over word n-grams or char_wb n-grams, equivalent to scikit-learn's
    ``TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm="l2")`` with the same analyzer
    (char_wb pads each word with one space, as in sklearn's ``_char_wb_ngrams``), but counting
    per distinct word: char n-grams of a word are computed once and cached, so a 10-page
    document costs ~1 ms instead of ~30 ms in sklearn's per-n-gram Python loop.

    Vocabulary selection follows sklearn: terms with min_df <= df <= max_df * n, then the
    ``max_features`` most frequent over the corpus (ties by term, for determinism).
    """

    def __init__(
        self,
        analyzer: str,
        ngram_range: tuple[int, int],
        *,
        min_df: int = 1,
        max_df: float = 1.0,
        max_features: int | None = None,
    ) -> None:
        self.analyzer, self.ngram_range = analyzer, ngram_range
        self.min_df, self.max_df, self.max_features = min_df, max_df, max_features
        self.vocabulary_: dict[str, int] = {}
        self.idf_ = np.zeros(0, dtype=np.float32)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._ids: dict[str, np.ndarray] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cache"], state["_ids"] = {}, {}
        return state

    # ---- analysis

    def _word_ngrams(self, word: str) -> tuple[str, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        lo, hi = self.ngram_range
        w = f" {word} "
        grams: list[str] = []
        for n in range(lo, hi + 1):
            count = max(len(w) - n + 1, 1)
            grams.extend(w[i : i + n] for i in range(count))
            if count == 1:  # as sklearn: a word no longer than n is counted once, then stop
                break
        out = tuple(grams)
        if len(self._cache) > 300_000:
            self._cache.clear()
        self._cache[word] = out
        return out

    def terms(self, text: str) -> Counter[str]:
        if self.analyzer == "char_wb":
            counts: Counter[str] = Counter()
            for word, c in Counter(text.split()).items():
                for gram in self._word_ngrams(word):
                    counts[gram] += c
            return counts
        tokens = _WORD_TOKEN.findall(text)
        lo, hi = self.ngram_range
        grams: list[str] = list(tokens) if lo == 1 else []
        # Bigrams/trigrams by zip over shifted lists (C-level), as sklearn's "w1 w2" form.
        if lo <= 2 <= hi:
            grams += [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
        if lo <= 3 <= hi:
            shifted = zip(tokens, tokens[1:], tokens[2:], strict=False)
            grams += [f"{a} {b} {c}" for a, b, c in shifted]
        return Counter(grams)

    # ---- fit / transform

    def fit(self, texts: list[str]) -> FastTfidf:
        tf: Counter[str] = Counter()
        df: Counter[str] = Counter()
        for text in texts:
            counts = self.terms(text)
            tf.update(counts)
            df.update(counts.keys())
        n = len(texts)
        max_df = self.max_df * n if isinstance(self.max_df, float) else self.max_df
        kept = [t for t, d in df.items() if self.min_df <= d <= max_df]
        kept.sort(key=lambda t: (-tf[t], t))
        if self.max_features is not None:
            kept = kept[: self.max_features]
        kept.sort()
        self.vocabulary_ = {t: i for i, t in enumerate(kept)}
        self._ids = {}
        dfs = np.asarray([df[t] for t in kept], dtype=np.float64)
        self.idf_ = (np.log((1 + n) / (1 + dfs)) + 1).astype(np.float32)
        return self

    def _word_ids(self, word: str) -> np.ndarray:
        """Vocabulary indices of a word's char n-grams (with repeats), cached per word."""
        ids = self._ids.get(word)
        if ids is None:
            vocab = self.vocabulary_
            grams = self._word_ngrams(word)
            ids = np.fromiter((vocab[g] for g in grams if g in vocab), dtype=np.int32)
            if len(self._ids) > 300_000:
                self._ids.clear()
            self._ids[word] = ids
        return ids

    def _row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        if self.analyzer == "char_wb":
            arrays, repeats = [], []
            for word, c in Counter(text.split()).items():
                ids = self._word_ids(word)
                if len(ids):
                    arrays.append(ids)
                    repeats.append(c)
            if not arrays:
                return np.zeros(0, np.int32), np.zeros(0, np.float32)
            flat = np.concatenate(arrays)
            weights = np.repeat(np.asarray(repeats, np.float32), [len(a) for a in arrays])
            idx, inverse = np.unique(flat, return_inverse=True)
            return idx.astype(np.int32), np.bincount(inverse, weights=weights).astype(np.float32)
        vocab = self.vocabulary_
        row = {vocab[t]: c for t, c in self.terms(text).items() if t in vocab}
        idx = np.fromiter(row.keys(), dtype=np.int32, count=len(row))
        val = np.fromiter(row.values(), dtype=np.float32, count=len(row))
        order = np.argsort(idx)
        return idx[order], val[order]

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        indptr, indices, data = [0], [], []
        for text in texts:
            idx, val = self._row(text)
            val = (1 + np.log(val)) * self.idf_[idx] if len(val) else val
            norm = float(np.sqrt((val * val).sum()))
            if norm > 0:
                val = val / norm
            indices.append(idx)
            data.append(val.astype(np.float32))
            indptr.append(indptr[-1] + len(idx))
        return sparse.csr_matrix(
            (np.concatenate(data), np.concatenate(indices), np.asarray(indptr)),
            shape=(len(texts), len(self.vocabulary_)),
            dtype=np.float32,
        )

    def get_feature_names_out(self) -> list[str]:
        return sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)


class FeatureBuilder:
    """Fit once on the training texts; ``transform`` is a few ms per document."""

    def __init__(
        self,
        *,
        word_features: int = 20_000,
        char_features: int = 30_000,
        head_features: int = 8_000,
        head_chars: int = HEAD_CHARS,
        meta_weight: float = 1.0,
        lexicon_weight: float = 0.6,
    ) -> None:
        self.params = {
            "word_features": word_features,
            "char_features": char_features,
            "head_features": head_features,
            "head_chars": head_chars,
            "meta_weight": meta_weight,
            "lexicon_weight": lexicon_weight,
        }
        self.meta_weight = meta_weight
        self.lexicon_weight = lexicon_weight
        self.head_chars = head_chars
        self.word = FastTfidf("word", (1, 2), min_df=2, max_df=0.9, max_features=word_features)
        self.char = FastTfidf("char_wb", (3, 5), min_df=3, max_df=0.9, max_features=char_features)
        self.head = FastTfidf("word", (1, 3), min_df=2, max_features=head_features)
        self._names: list[str] | None = None

    def fit(self, docs: list[DocInput]) -> FeatureBuilder:
        texts = [normalize(d.text) for d in docs]
        self.word.fit(texts)
        self.char.fit(texts)
        self.head.fit([t[: self._head_chars] for t in texts])
        self.lexicon_keys = current_lexicon()
        self._names = None
        return self

    def transform(self, docs: list[DocInput]) -> sparse.csr_matrix:
        texts = [normalize(d.text) for d in docs]
        meta = np.asarray([meta_features(d) for d in docs], dtype=np.float32) * self.meta_weight
        blocks: list[Any] = [
            self.word.transform(texts),
            self.char.transform(texts),
            self.head.transform([t[: self._head_chars] for t in texts]),
            sparse.csr_matrix(meta),
        ]
        if self.lexicon_weight:
            keys = getattr(self, "lexicon_keys", None)
            lex = [lexicon_features(d.text[:MAX_CHARS], keys) for d in docs]
            blocks.append(
                sparse.csr_matrix(np.asarray(lex, dtype=np.float32) * self.lexicon_weight)
            )
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    @property
    def _head_chars(self) -> int:
        return int(getattr(self, "head_chars", LEGACY_HEAD_CHARS))

    def fit_transform(self, docs: list[DocInput]) -> sparse.csr_matrix:
        return self.fit(docs).transform(docs)

    @property
    def names(self) -> list[str]:
        if self._names is None:
            self._names = (
                [f"word:{t}" for t in self.word.get_feature_names_out()]
                + [f"char:{t}" for t in self.char.get_feature_names_out()]
                + [f"head:{t}" for t in self.head.get_feature_names_out()]
                + list(META_NAMES)
                + (list(LEXICON_NAMES) if self.lexicon_weight else [])
            )
        return self._names

    def compact(self) -> None:
        """Drop caches before pickling."""
        for vec in (self.word, self.char, self.head):
            vec._cache, vec._ids = {}, {}
        self._names = None
