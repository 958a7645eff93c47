"""Template registry: each template is a function (World, rng) → Doc bound to one category."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .fakes import World
from .model import Doc

TemplateFn = Callable[[World, random.Random], Doc]


@dataclass(frozen=True)
class Template:
    category: str
    name: str
    fn: TemplateFn
    formats: tuple[str, ...]
    scan: float


REGISTRY: dict[str, list[Template]] = {}


def template(
    category: str, name: str, *, formats: tuple[str, ...] = ("pdf", "docx"), scan: float = 0.15
) -> Callable[[TemplateFn], TemplateFn]:
    """Register a template. `scan` is the share of its documents rendered as scans."""

    def deco(fn: TemplateFn) -> TemplateFn:
        REGISTRY.setdefault(category, []).append(Template(category, name, fn, formats, scan))
        return fn

    return deco
