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

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

MAX_CHARS = 12_000  # the first pages decide the category; bounded cost per document
HEAD_CHARS = 400

_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b")
_SIREN = re.compile(r"\b\d{3} ?\d{3} ?\d{3}(?: ?\d{5})?\b")
_AMOUNT = re.compile(r"\d[\d  .]*[,.]\d{2} ?(?:€|eur|EUR|\$|USD)|(?:€|\$) ?\d")
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
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS])
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
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
    digits = sum(ch.isdigit() for ch in text)
    upper = sum(ch.isupper() for ch in text)
    letters = max(sum(ch.isalpha() for ch in text), 1)
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


class FeatureBuilder:
    """Fit once on the training texts; ``transform`` is a few ms per document."""

    def __init__(
        self,
        *,
        word_features: int = 20_000,
        char_features: int = 30_000,
        head_features: int = 4_000,
        meta_weight: float = 1.0,
    ) -> None:
        self.params = {
            "word_features": word_features,
            "char_features": char_features,
            "head_features": head_features,
            "meta_weight": meta_weight,
        }
        self.meta_weight = meta_weight
        self.word = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 2),
            token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b|\b0+\b",  # noqa: S106 (not a password)
            min_df=2,
            max_df=0.9,
            sublinear_tf=True,
            max_features=word_features,
            dtype=np.float32,
        )
        self.char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            min_df=3,
            max_df=0.9,
            sublinear_tf=True,
            max_features=char_features,
            dtype=np.float32,
        )
        self.head = TfidfVectorizer(
            analyzer="word",
            ngram_range=(1, 3),
            min_df=2,
            sublinear_tf=True,
            max_features=head_features,
            dtype=np.float32,
        )
        self._names: list[str] | None = None

    def fit(self, docs: list[DocInput]) -> FeatureBuilder:
        texts = [normalize(d.text) for d in docs]
        self.word.fit(texts)
        self.char.fit(texts)
        self.head.fit([t[:HEAD_CHARS] for t in texts])
        self._names = None
        return self

    def transform(self, docs: list[DocInput]) -> sparse.csr_matrix:
        texts = [normalize(d.text) for d in docs]
        meta = np.asarray([meta_features(d) for d in docs], dtype=np.float32) * self.meta_weight
        blocks: list[Any] = [
            self.word.transform(texts),
            self.char.transform(texts),
            self.head.transform([t[:HEAD_CHARS] for t in texts]),
            sparse.csr_matrix(meta),
        ]
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

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
            )
        return self._names

    def compact(self) -> None:
        """Drop the fitted stop-word sets: large and not needed to transform (as paperless-ngx)."""
        for vec in (self.word, self.char, self.head):
            if hasattr(vec, "stop_words_"):
                vec.stop_words_ = None
        self._names = None
