"""The document categories of a dossier, as the workflow engines see them.

``data/taxonomy.yaml`` is a verbatim copy of the product's ``design/taxonomy.yaml`` (a test
compares the two when the design folder is at hand), shipped inside the package so that
templates validate without anything outside the installation. Loaded once, with PyYAML's safe
loader: the file is data, never code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

import yaml

Lang = Literal["fr", "en"]


@dataclass(frozen=True)
class Folder:
    code: str
    fr: str
    en: str


@dataclass(frozen=True)
class Category:
    code: str
    folder: str
    fr: str
    en: str
    desc: str

    def label(self, lang: Lang = "fr") -> str:
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Taxonomy:
    version: int
    folders: Mapping[str, Folder]
    categories: Mapping[str, Category]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.categories)


def parse_taxonomy(text: str) -> Taxonomy:
    """Parse taxonomy YAML text; raises ValueError on a malformed file."""
    raw: Any = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise ValueError("taxonomy: top level must be a mapping")
    folders = {f["code"]: Folder(f["code"], f["fr"], f["en"]) for f in raw.get("folders", [])}
    categories: dict[str, Category] = {}
    for entry in raw.get("categories", []):
        code = entry["code"]
        if code in categories:
            raise ValueError(f"taxonomy: duplicate category {code}")
        if entry["folder"] not in folders:
            raise ValueError(f"taxonomy: category {code} has unknown folder {entry['folder']}")
        categories[code] = Category(code, entry["folder"], entry["fr"], entry["en"], entry["desc"])
    return Taxonomy(
        version=int(raw.get("version", 0)),
        folders=MappingProxyType(folders),
        categories=MappingProxyType(categories),
    )


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The taxonomy shipped with the package."""
    text = resources.files("ilot.workflows").joinpath("data/taxonomy.yaml").read_text("utf-8")
    return parse_taxonomy(text)


def category_codes() -> frozenset[str]:
    return load_taxonomy().codes
