"""Checklist and conditions-precedent templates, as data.

A template lists what a dossier must gather (documents of a taxonomy category) and satisfy
(conditions precedent), each with the party responsible, the lifecycle stage it blocks, a due
date rule, a validity rule, whether the bank must validate it, whether lifting it needs four eyes
(critical), and which other items it waits for. Bank administrators edit templates in the UI;
this module parses, validates (every defect at once, with its path), hashes and versions them,
and plans a dossier's items from one. It writes nothing: the model layer stores the result.

YAML form of an item (see ``data/default_template.yaml``)::

    - code: kbis
      kind: document                  # document | condition
      category: KBIS                  # or a list: any of these categories satisfies the item
      label_fr: Extrait Kbis de la SCCV de moins de 3 mois
      label_en: Company registry extract of the SPV, less than 3 months old
      responsible: developer          # bank | developer | notary | lawyer | architect | insurer
      blocks: analysis                # lifecycle stage that cannot be entered before it is met
      due: {after: dossier_created, days: 15}     # or after a dated fact / a deadline code
      validity: {max_age_days: 90, match_siren: true}
      requires_bank_validation: true
      critical: false                 # lifting needs a second bank user (four eyes)
      depends_on: [statuts]
      quantity: 1                     # e.g. 3 posting reports, 2 years of accounts
      params: {threshold_percent: 50} # free numeric parameters shown to the reviewer
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeGuard

import yaml

from ilot.workflows.deadlines import Offset
from ilot.workflows.exceptions import DeadlineError, TemplateInvalid, TemplateProblem
from ilot.workflows.lifecycle import MAIN_PATH, State
from ilot.workflows.taxonomy import category_codes

Lang = Literal["fr", "en"]

DOSSIER_CREATED = "dossier_created"
_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# Anything older than ten years is not a "validity rule", it is a typo.
_MAX_AGE_DAYS = 3660


class ItemKind(StrEnum):
    DOCUMENT = "document"
    CONDITION = "condition"


class Party(StrEnum):
    """The party responsible for providing or satisfying an item."""

    BANK = "bank"
    DEVELOPER = "developer"
    NOTARY = "notary"
    LAWYER = "lawyer"
    ARCHITECT = "architect"
    INSURER = "insurer"


@dataclass(frozen=True)
class DueRule:
    """Due ``offset`` after ``after``: ``dossier_created``, a dated fact or a deadline code.

    With ``business_day`` (the default) a due date on a weekend or holiday moves to the next
    business day: a house convention so that nobody is asked to act on a Sunday.
    """

    after: str
    offset: Offset
    business_day: bool = True


@dataclass(frozen=True)
class ValidityRule:
    """Conditions a document must meet to satisfy the item."""

    max_age_days: int | None = None  # "issued less than 3 months ago" → 90
    match_siren: bool = False  # the document's SIREN must be the project company's


@dataclass(frozen=True)
class TemplateItem:
    code: str
    kind: ItemKind
    label_fr: str
    label_en: str
    categories: tuple[str, ...]  # accepted taxonomy categories, primary first; () for none
    responsible: Party
    blocks: State
    due: DueRule | None = None
    validity: ValidityRule | None = None
    requires_bank_validation: bool = True
    critical: bool = False
    depends_on: tuple[str, ...] = ()
    quantity: int = 1
    # Excluded from the hash (a dict is unhashable) but not from equality, which stays exact.
    params: Mapping[str, int | float | str] = field(default_factory=dict, hash=False)

    def label(self, lang: Lang = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


@dataclass(frozen=True)
class Template:
    code: str
    name_fr: str
    name_en: str
    items: tuple[TemplateItem, ...]
    version: int = 1

    @property
    def content_hash(self) -> str:
        return content_hash(self)

    def item(self, code: str) -> TemplateItem:
        for it in self.items:
            if it.code == code:
                return it
        raise KeyError(code)


# --- parsing and validation -----------------------------------------------------------------------

_ITEM_KEYS = {
    "code",
    "kind",
    "label_fr",
    "label_en",
    "category",
    "responsible",
    "blocks",
    "due",
    "validity",
    "requires_bank_validation",
    "critical",
    "depends_on",
    "quantity",
    "params",
}
_TEMPLATE_KEYS = {"code", "name_fr", "name_en", "version", "items"}


class _Problems:
    """Collects problems so that an administrator sees every defect of an edit at once."""

    def __init__(self) -> None:
        self.items: list[TemplateProblem] = []

    def add(self, path: str, code: str, message: str) -> None:
        self.items.append(TemplateProblem(path, code, message))


def _member(value: object, choices: Iterable[StrEnum]) -> TypeGuard[str]:
    # Checked by value so that a YAML list or mapping (unhashable) is just "unknown".
    return isinstance(value, str) and value in {c.value for c in choices}


def _text(raw: Mapping[str, Any], key: str, path: str, problems: _Problems) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.add(f"{path}.{key}", "missing_field", f"{key} is required (non-empty text)")
        return ""
    return value.strip()


def _flag(raw: Mapping[str, Any], key: str, default: bool, path: str, problems: _Problems) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        problems.add(f"{path}.{key}", "bad_field", f"{key} must be true or false, not {value!r}")
        return default
    return value


def _parse_due(raw: Any, path: str, problems: _Problems) -> DueRule | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.add(
            path, "bad_rule", "due must be a mapping such as {after: dossier_created, days: 15}"
        )
        return None
    data = dict(raw)
    after = data.pop("after", None)
    business_day = data.pop("business_day", True)
    if not isinstance(after, str) or not _CODE_RE.match(after):
        problems.add(
            f"{path}.after", "bad_rule", f"due.after must name a fact or deadline, not {after!r}"
        )
        return None
    if not isinstance(business_day, bool):
        problems.add(f"{path}.business_day", "bad_rule", "due.business_day must be true or false")
        return None
    try:
        offset = Offset.from_data(data)
    except DeadlineError as exc:
        problems.add(path, "bad_rule", exc.message)
        return None
    return DueRule(after, offset, business_day)


def _parse_validity(raw: Any, path: str, problems: _Problems) -> ValidityRule | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.add(path, "bad_rule", "validity must be a mapping such as {max_age_days: 90}")
        return None
    unknown = set(raw) - {"max_age_days", "match_siren"}
    if unknown:
        problems.add(path, "bad_rule", f"unknown validity key(s): {', '.join(sorted(unknown))}")
    max_age = raw.get("max_age_days")
    if max_age is not None and (
        isinstance(max_age, bool)
        or not isinstance(max_age, int)
        or not 1 <= max_age <= _MAX_AGE_DAYS
    ):
        problems.add(
            f"{path}.max_age_days",
            "bad_rule",
            f"max_age_days must be whole days, 1 to {_MAX_AGE_DAYS}, not {max_age!r}",
        )
        max_age = None
    match_siren = _flag(raw, "match_siren", False, path, problems)
    return ValidityRule(max_age, match_siren)


def _parse_item(
    raw: Any, path: str, problems: _Problems, categories: frozenset[str]
) -> TemplateItem | None:
    if not isinstance(raw, Mapping):
        problems.add(path, "bad_field", "an item must be a mapping")
        return None
    for key in sorted(set(raw) - _ITEM_KEYS):
        problems.add(f"{path}.{key}", "unknown_field", f"unknown item field {key!r}")
    before = len(problems.items)
    code = _text(raw, "code", path, problems)
    label_fr = _text(raw, "label_fr", path, problems)
    label_en = _text(raw, "label_en", path, problems)
    if code and not _CODE_RE.match(code):
        problems.add(
            f"{path}.code", "bad_field", f"item code {code!r} must be snake_case (a-z, 0-9, _)"
        )
    kind_raw = raw.get("kind")
    kind = ItemKind(kind_raw) if _member(kind_raw, ItemKind) else None
    if kind is None:
        problems.add(
            f"{path}.kind", "unknown_kind", f"kind must be document or condition, not {kind_raw!r}"
        )
    cat_raw = raw.get("category")
    cats: tuple[str, ...] = ()
    if isinstance(cat_raw, str):
        cats = (cat_raw,)
    elif isinstance(cat_raw, list) and all(isinstance(c, str) for c in cat_raw):
        cats = tuple(cat_raw)
    elif cat_raw is not None:
        problems.add(f"{path}.category", "bad_field", "category must be a code or a list of codes")
    for cat in cats:
        if cat not in categories:
            problems.add(
                f"{path}.category",
                "unknown_category",
                f"unknown category {cat!r} (not in taxonomy.yaml)",
            )
    if len(set(cats)) != len(cats):
        problems.add(f"{path}.category", "bad_field", "a category is listed twice")
    if kind is ItemKind.DOCUMENT and not cats:
        problems.add(
            f"{path}.category", "missing_field", "a document item needs its expected category"
        )
    resp_raw = raw.get("responsible")
    responsible = Party(resp_raw) if _member(resp_raw, Party) else None
    if responsible is None:
        roles = ", ".join(p.value for p in Party)
        problems.add(
            f"{path}.responsible",
            "unknown_role",
            f"unknown responsible party {resp_raw!r} (known: {roles})",
        )
    blocks_raw = raw.get("blocks")
    # Nothing can block "request": it is where every dossier starts.
    blocks = State(blocks_raw) if _member(blocks_raw, MAIN_PATH[1:]) else None
    if blocks is None:
        stages = ", ".join(s.value for s in MAIN_PATH[1:])
        problems.add(
            f"{path}.blocks",
            "unknown_stage",
            f"unknown stage {blocks_raw!r} to block (known: {stages})",
        )
    due = _parse_due(raw.get("due"), f"{path}.due", problems)
    validity = _parse_validity(raw.get("validity"), f"{path}.validity", problems)
    if validity is not None and kind is ItemKind.CONDITION and validity.max_age_days and not cats:
        problems.add(f"{path}.validity", "bad_rule", "a validity rule needs an evidence category")
    bank_validation = _flag(raw, "requires_bank_validation", True, path, problems)
    critical = _flag(raw, "critical", False, path, problems)
    if critical and not bank_validation:
        # Four-eyes lifting is two bank users validating: it cannot apply to an item the bank
        # does not validate at all.
        problems.add(f"{path}.critical", "bad_rule", "a critical item must require bank validation")
    deps_raw = raw.get("depends_on", [])
    if not isinstance(deps_raw, list) or not all(isinstance(d, str) for d in deps_raw):
        problems.add(f"{path}.depends_on", "bad_field", "depends_on must be a list of item codes")
        deps_raw = []
    quantity = raw.get("quantity", 1)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= 100:
        problems.add(
            f"{path}.quantity", "bad_field", f"quantity must be between 1 and 100, not {quantity!r}"
        )
        quantity = 1
    params_raw = raw.get("params", {})
    if not isinstance(params_raw, Mapping) or not all(
        isinstance(k, str) and isinstance(v, int | float | str) and not isinstance(v, bool)
        for k, v in params_raw.items()
    ):
        problems.add(f"{path}.params", "bad_field", "params must map names to numbers or text")
        params_raw = {}
    if len(problems.items) > before or kind is None or responsible is None or blocks is None:
        return None
    return TemplateItem(
        code=code,
        kind=kind,
        label_fr=label_fr,
        label_en=label_en,
        categories=cats,
        responsible=responsible,
        blocks=blocks,
        due=due,
        validity=validity,
        requires_bank_validation=bank_validation,
        critical=critical,
        depends_on=tuple(deps_raw),
        quantity=quantity,
        params=dict(params_raw),
    )


def parse_template(data: Mapping[str, Any]) -> Template:
    """Build a validated :class:`Template` from plain data; raise :class:`TemplateInvalid`
    listing every problem found (nothing is partially accepted)."""
    problems = _Problems()
    if not isinstance(data, Mapping):
        raise TemplateInvalid([TemplateProblem("$", "bad_field", "a template must be a mapping")])
    categories = category_codes()
    for key in sorted(set(data) - _TEMPLATE_KEYS):
        problems.add(key, "unknown_field", f"unknown template field {key!r}")
    code = _text(data, "code", "template", problems)
    if code and not _CODE_RE.match(code):
        problems.add("template.code", "bad_field", f"template code {code!r} must be snake_case")
    name_fr = _text(data, "name_fr", "template", problems)
    name_en = _text(data, "name_en", "template", problems)
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problems.add("template.version", "bad_field", "version must be a positive integer")
        version = 1
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        problems.add(
            "template.items", "missing_field", "a template needs a non-empty list of items"
        )
        raw_items = []
    items: list[TemplateItem] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_items):
        item = _parse_item(raw, f"items[{index}]", problems, categories)
        if item is None:
            continue
        if item.code in seen:
            problems.add(
                f"items[{index}].code",
                "duplicate_code",
                f"duplicate item code {item.code!r} (first at items[{seen[item.code]}])",
            )
            continue
        seen[item.code] = index
        items.append(item)
    _check_dependencies(items, seen, problems)
    if problems.items:
        raise TemplateInvalid(problems.items)
    return Template(code, name_fr, name_en, tuple(items), version)


def _check_dependencies(
    items: Sequence[TemplateItem], index: Mapping[str, int], problems: _Problems
) -> None:
    by_code = {it.code: it for it in items}
    for it in items:
        for dep in it.depends_on:
            path = f"items[{index[it.code]}].depends_on"
            if dep not in by_code:
                problems.add(
                    path, "unknown_dependency", f"{it.code!r} depends on unknown item {dep!r}"
                )
            elif MAIN_PATH.index(by_code[dep].blocks) > MAIN_PATH.index(it.blocks):
                # The dependency could still be missing when the item's own stage must be entered.
                problems.add(
                    path,
                    "dependency_stage_order",
                    f"{it.code!r} blocks {it.blocks.value} but depends on {dep!r}, "
                    f"which only blocks the later stage {by_code[dep].blocks.value}",
                )
    cycle = find_cycle({it.code: [d for d in it.depends_on if d in by_code] for it in items})
    if cycle:
        problems.add(
            f"items[{index[cycle[0]]}].depends_on",
            "dependency_cycle",
            f"dependency cycle: {' → '.join(cycle)}",
        )


def find_cycle(graph: Mapping[str, Sequence[str]]) -> list[str] | None:
    """The first cycle found in ``graph`` (node → successors) as a closed path
    ``[a, b, c, a]``, or None. Iterative DFS so that a long chain cannot hit the recursion limit."""
    colour: dict[str, int] = {}  # absent = unseen, 1 = on the stack, 2 = finished
    for root in graph:
        if root in colour:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = [root]
        colour[root] = 1
        while stack:
            node, next_child = stack[-1]
            children = graph.get(node, ())
            if next_child < len(children):
                stack[-1] = (node, next_child + 1)
                child = children[next_child]
                if colour.get(child) == 1:
                    return [*path[path.index(child) :], child]
                if child not in colour:
                    colour[child] = 1
                    stack.append((child, 0))
                    path.append(child)
            else:
                colour[node] = 2
                stack.pop()
                path.pop()
    return None


def load_template_text(text: str) -> Template:
    """Parse a template from YAML text (safe loader: data only)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TemplateInvalid(
            [TemplateProblem("$", "bad_yaml", f"not valid YAML: {exc}")]
        ) from None
    return parse_template(data)


def load_template_file(path: Path | str) -> Template:
    return load_template_text(Path(path).read_text("utf-8"))


def load_default_template() -> Template:
    """The shipped "crédit promoteur avec GFA" template."""
    text = (
        resources.files("ilot.workflows").joinpath("data/default_template.yaml").read_text("utf-8")
    )
    return load_template_text(text)


# --- serialising, hashing, versioning -------------------------------------------------------------


def item_to_data(item: TemplateItem) -> dict[str, Any]:
    """Canonical plain-data form of an item (the inverse of parsing, defaults included)."""
    data: dict[str, Any] = {
        "code": item.code,
        "kind": item.kind.value,
        "label_fr": item.label_fr,
        "label_en": item.label_en,
        "category": list(item.categories),
        "responsible": item.responsible.value,
        "blocks": item.blocks.value,
        "requires_bank_validation": item.requires_bank_validation,
        "critical": item.critical,
        "depends_on": list(item.depends_on),
        "quantity": item.quantity,
        "params": dict(item.params),
    }
    if item.due is not None:
        data["due"] = {"after": item.due.after, **item.due.offset.as_data()}
        if not item.due.business_day:
            data["due"]["business_day"] = False
    if item.validity is not None:
        data["validity"] = {
            k: v
            for k, v in (
                ("max_age_days", item.validity.max_age_days),
                ("match_siren", item.validity.match_siren),
            )
            if v
        }
    return data


def template_to_data(template: Template) -> dict[str, Any]:
    return {
        "code": template.code,
        "name_fr": template.name_fr,
        "name_en": template.name_en,
        "version": template.version,
        "items": [item_to_data(it) for it in template.items],
    }


def content_hash(template: Template) -> str:
    """SHA-256 of the template's content, version excluded: two templates with the same hash
    generate the same checklist. Keys sorted, UTF-8, no whitespace, so the hash is stable across
    Python versions and dict orders; item order is content (it is the display order)."""
    data = template_to_data(template)
    del data["version"]
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def revise(current: Template, edited: Mapping[str, Any]) -> Template:
    """The template after an edit: a new version if the content changed, ``current`` itself if
    not. Live dossiers keep the version they were created with, so an edit never changes them;
    the template's code cannot change (it identifies the lineage)."""
    data = dict(edited)
    if data.get("code", current.code) != current.code:
        problem = TemplateProblem(
            "template.code", "code_changed", "a template's code cannot change; copy it instead"
        )
        raise TemplateInvalid([problem])
    data["code"] = current.code
    data["version"] = current.version  # the caller does not choose version numbers
    candidate = parse_template(data)
    if candidate.content_hash == current.content_hash:
        return current
    return replace(candidate, version=current.version + 1)
