"""Checklist templates: the default template, validation errors, versioning, planning."""

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from ilot.workflows.deadlines import default_rules, names_referenced
from ilot.workflows.exceptions import TemplateInvalid
from ilot.workflows.lifecycle import MAIN_PATH, State
from ilot.workflows.planning import blocking_items, plan_items, unmet_dependencies, validity_problem
from ilot.workflows.taxonomy import load_taxonomy, parse_taxonomy
from ilot.workflows.templates import (
    ItemKind,
    Party,
    Template,
    find_cycle,
    load_default_template,
    load_template_text,
    parse_template,
    revise,
    template_to_data,
)

DESIGN_TAXONOMY = Path(__file__).resolve().parents[2].parent / "shared/design/taxonomy.yaml"


def item(code: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": code,
        "kind": "document",
        "category": "KBIS",
        "label_fr": f"{code} fr",
        "label_en": f"{code} en",
        "responsible": "developer",
        "blocks": "analysis",
    }
    data.update(extra)
    return data


def template(*items: Any) -> dict[str, Any]:
    return {"code": "t", "name_fr": "T", "name_en": "T", "items": list(items)}


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(TemplateInvalid) as exc:
        parse_template(data)
    return [(p.path, p.code) for p in exc.value.problems]


@pytest.fixture(scope="module")
def default() -> Template:
    return load_default_template()


# --- the default template ----------------------------------------------------------------------


def test_default_template_validates_with_about_35_items(default: Template) -> None:
    assert default.code == "credit_promoteur_gfa"
    assert 33 <= len(default.items) <= 40
    codes = [it.code for it in default.items]
    assert len(codes) == len(set(codes))


def test_default_template_uses_only_taxonomy_categories(default: Template) -> None:
    known = load_taxonomy().codes
    used = {c for it in default.items for c in it.categories}
    assert used <= known
    assert "AUTRE" not in used  # "none of these" is never an expectation
    assert all(it.categories for it in default.items if it.kind is ItemKind.DOCUMENT)


def test_default_template_covers_the_brief(default: Template) -> None:
    by = {it.code: it for it in default.items}
    assert by["kbis_sccv"].validity is not None and by["kbis_sccv"].validity.max_age_days == 90
    assert by["comptes_annuels"].quantity == 2
    assert by["constats_affichage"].quantity == 3
    assert set(by["maitrise_fonciere"].categories) == {"TITRE_PROPRIETE", "PROMESSE_VENTE"}
    purge = by["cs_permis_purge"]
    assert purge.kind is ItemKind.CONDITION and purge.critical
    assert purge.blocks is State.CONSTRUCTION
    assert by["cs_precommercialisation"].params["threshold_percent"] == 50
    conditions = {it.code for it in default.items if it.kind is ItemKind.CONDITION}
    assert {"cs_fonds_propres", "cs_acquisition_terrain", "cs_permis_purge"} <= conditions
    categories = {c for it in default.items for c in it.categories}
    expected = {
        "GFA", "ASSURANCE_DO", "ASSURANCE_PROMOTEUR", "ATTEST_ASSURANCE_ENTREPRISE",
        "MARCHE_TRAVAUX", "CONTRAT_MOE", "SURETES", "OFFRE_CREDIT", "NON_RECOURS",
        "BENEF_EFFECTIFS", "ETUDE_SOL", "DIAGNOSTICS", "PLANNING", "GRILLE_PRIX",
    }  # fmt: skip
    assert expected <= categories
    assert {it.responsible for it in default.items} == set(Party)
    assert all(it.label_fr and it.label_en for it in default.items)


def test_default_due_rules_refer_to_known_facts_or_deadlines(default: Template) -> None:
    # A typo in "after" would leave the item waiting forever for a fact nobody records.
    rules = default_rules()
    known = {"dossier_created"} | names_referenced(rules) | {r.code for r in rules}
    bases = {it.due.after for it in default.items if it.due is not None}
    assert bases <= known
    assert {"dossier_created", "offer_date", "permit_purged"} <= bases


def test_packaged_taxonomy_is_the_design_copy() -> None:
    # CI and every session have ../shared beside the repository (the brief's layout).
    assert DESIGN_TAXONOMY.exists(), f"{DESIGN_TAXONOMY} not found: ../shared must be beside"
    design = parse_taxonomy(DESIGN_TAXONOMY.read_text("utf-8"))
    assert design == load_taxonomy()


# --- validation --------------------------------------------------------------------------------


def test_unknown_category_stage_role_and_kind() -> None:
    found = problems(
        template(item("a", category="NOPE", blocks="heaven", responsible="plumber", kind="file"))
    )
    assert set(found) == {
        ("items[0].category", "unknown_category"),
        ("items[0].blocks", "unknown_stage"),
        ("items[0].responsible", "unknown_role"),
        ("items[0].kind", "unknown_kind"),
    }


def test_request_stage_cannot_be_blocked() -> None:
    assert problems(template(item("a", blocks="request"))) == [("items[0].blocks", "unknown_stage")]


def test_duplicate_code() -> None:
    with pytest.raises(TemplateInvalid) as exc:
        parse_template(template(item("a"), item("b"), item("a")))
    (problem,) = exc.value.problems
    assert (problem.path, problem.code) == ("items[2].code", "duplicate_code")
    assert "first at items[0]" in problem.message


def test_dependency_cycle_reports_its_path() -> None:
    data = template(
        item("a", depends_on=["b"]), item("b", depends_on=["c"]), item("c", depends_on=["a"])
    )
    with pytest.raises(TemplateInvalid) as exc:
        parse_template(data)
    (problem,) = exc.value.problems
    assert problem.code == "dependency_cycle"
    assert "a → b → c → a" in problem.message
    assert "a → b → c → a" in exc.value.message


def test_self_dependency_and_unknown_dependency() -> None:
    assert ("items[0].depends_on", "dependency_cycle") in problems(
        template(item("a", depends_on=["a"]))
    )
    assert problems(template(item("a", depends_on=["ghost"]))) == [
        ("items[0].depends_on", "unknown_dependency")
    ]


def test_dependency_must_not_block_a_later_stage() -> None:
    data = template(item("a", depends_on=["b"]), item("b", blocks="construction"))
    assert problems(data) == [("items[0].depends_on", "dependency_stage_order")]


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        ({"validity": {"max_age_days": -1}}, "items[0].validity.max_age_days"),
        ({"validity": {"max_age_days": True}}, "items[0].validity.max_age_days"),
        ({"validity": {"max_days": 3}}, "items[0].validity"),
        ({"validity": "3 months"}, "items[0].validity"),
        ({"due": {"after": "dossier_created", "weeks": 2}}, "items[0].due"),
        ({"due": {"days": 2}}, "items[0].due.after"),
        ({"due": {"after": "dossier_created", "days": "2"}}, "items[0].due"),
        ({"critical": True, "requires_bank_validation": False}, "items[0].critical"),
    ],
)
def test_bad_rules(extra: dict[str, Any], path: str) -> None:
    found = problems(template(item("a", **extra)))
    assert (path, "bad_rule") in found


def test_every_problem_is_reported_at_once() -> None:
    data = template(
        item("a", category="NOPE"),
        item("b", quantity=0),
        {"code": "c"},
        "not a mapping",
    )
    data["colour"] = "blue"
    found = problems(data)
    assert ("items[0].category", "unknown_category") in found
    assert ("items[1].quantity", "bad_field") in found
    assert ("items[2].kind", "unknown_kind") in found
    assert ("items[2].label_fr", "missing_field") in found
    assert ("items[3]", "bad_field") in found
    assert ("colour", "unknown_field") in found


def test_document_needs_a_category_but_condition_does_not() -> None:
    assert problems(template(item("a", category=None))) == [("items[0].category", "missing_field")]
    parsed = parse_template(template(item("a", kind="condition", category=None)))
    assert parsed.items[0].categories == ()


def test_empty_template_and_bad_yaml() -> None:
    assert ("template.items", "missing_field") in problems(template())
    with pytest.raises(TemplateInvalid) as exc:
        load_template_text("items: [unclosed")
    assert exc.value.problems[0].code == "bad_yaml"
    # The safe loader refuses object construction: data only.
    with pytest.raises(TemplateInvalid):
        load_template_text("!!python/object/apply:os.system ['true']")


def test_find_cycle() -> None:
    assert find_cycle({"a": ["b"], "b": []}) is None
    assert find_cycle({"a": ["a"]}) == ["a", "a"]
    assert find_cycle({"x": ["a"], "a": ["b"], "b": ["a"]}) == ["a", "b", "a"]
    long_chain = {f"n{i}": [f"n{i + 1}"] for i in range(5000)}
    assert find_cycle(long_chain) is None  # no recursion limit


# --- hashing and versions ----------------------------------------------------------------------


def test_round_trip_and_stable_hash(default: Template) -> None:
    data = template_to_data(default)
    again = parse_template(data)
    assert again == default
    assert again.content_hash == default.content_hash
    reordered = {k: data[k] for k in reversed(list(data))}
    assert parse_template(reordered).content_hash == default.content_hash


def test_revise_creates_a_new_version_only_on_change(default: Template) -> None:
    data = template_to_data(default)
    assert revise(default, data) is default
    assert hash(parse_template(data)) == hash(default)  # usable as a cache key
    edited = copy.deepcopy(data)
    edited["items"][0]["label_en"] = "Kbis of the SPV, under 3 months"
    edited["version"] = 99  # ignored: versions are assigned, not chosen
    v2 = revise(default, edited)
    assert v2.version == default.version + 1
    assert v2.content_hash != default.content_hash
    assert default.items[0].label_en != v2.items[0].label_en  # the old version is untouched
    assert revise(v2, edited) is v2


def test_revise_refuses_code_change_and_invalid_edit(default: Template) -> None:
    data = template_to_data(default)
    with pytest.raises(TemplateInvalid) as exc:
        revise(default, {**data, "code": "other"})
    assert exc.value.problems[0].code == "code_changed"
    broken = copy.deepcopy(data)
    broken["items"][0]["category"] = "NOPE"
    with pytest.raises(TemplateInvalid):
        revise(default, broken)


def test_default_template_file_is_plain_yaml() -> None:
    path = Path(__file__).resolve().parents[2] / "src/ilot/workflows/data/default_template.yaml"
    assert yaml.safe_load(path.read_text("utf-8"))["code"] == "credit_promoteur_gfa"


# --- planning ----------------------------------------------------------------------------------


def test_plan_items_due_dates(default: Template) -> None:
    facts = {
        "offer_date": date(2026, 1, 15),
        "permit_posting_date": date(2026, 3, 12),
        "permit_signature_date": date(2026, 3, 2),
    }
    planned = {
        p.item.code: p for p in plan_items(default, created_on=date(2025, 12, 2), facts=facts)
    }
    # dossier created 2 Dec + 30 days = 1 Jan 2026, a holiday: moved to Friday 2 Jan.
    assert planned["bilan_operation"].due_date == date(2026, 1, 2)
    assert planned["bilan_operation"].due_note is not None
    assert "New Year" in planned["bilan_operation"].due_note
    # Relative to a computed deadline: permit purged 3 June 2026 + 15 days.
    assert planned["cs_permis_purge"].due_date == date(2026, 6, 18)
    # Offer validity (30 days, contractual): 14 Feb 2026 is a Saturday and stays so.
    assert planned["offre_credit_signee"].due_date == date(2026, 2, 14)
    assert planned["attestation_achevement"].due_date is None


def test_plan_items_waiting_for_a_fact(default: Template) -> None:
    planned = {p.item.code: p for p in plan_items(default, created_on=date(2026, 6, 1))}
    assert planned["cs_permis_purge"].due_date is None
    assert planned["cs_permis_purge"].waiting_for == "permit_purged"
    assert planned["kbis_sccv"].due_date == date(2026, 6, 16)


def test_blocking_items(default: Template) -> None:
    codes = [it.code for it in default.items]
    at_analysis = blocking_items(default.items, "analysis", satisfied=())
    assert "kbis_sccv" in at_analysis and "bilan_operation" not in at_analysis
    at_committee = blocking_items(default.items, State.COMMITTEE, satisfied={"kbis_sccv"})
    assert "kbis_sccv" not in at_committee and "bilan_operation" in at_committee
    assert blocking_items(default.items, "closed", satisfied=set(codes)) == []
    assert set(blocking_items(default.items, "closed", satisfied=())) == set(codes)
    assert blocking_items(default.items, "declined", satisfied=()) == []
    for stage in MAIN_PATH:  # monotone: a later stage is blocked by at least as much
        assert set(blocking_items(default.items, stage, ())) <= set(
            blocking_items(default.items, MAIN_PATH[-1], ())
        )
    purge = default.item("cs_permis_purge")
    assert unmet_dependencies(purge, {"x"}) == ["attestation_non_recours"]
    assert unmet_dependencies(purge, {"attestation_non_recours"}) == []


def test_validity_problem(default: Template) -> None:
    kbis = default.item("kbis_sccv")
    today = date(2026, 6, 30)
    assert validity_problem(kbis, issued_on=date(2026, 4, 1), today=today) is None  # 90 days
    too_old = validity_problem(kbis, issued_on=date(2026, 3, 31), today=today)
    assert too_old is not None and "91 days" in too_old
    assert validity_problem(kbis, issued_on=None, today=today) is not None
    future = validity_problem(kbis, issued_on=date(2026, 7, 1), today=today)
    assert future is not None and "future" in future
    wrong = validity_problem(
        kbis, issued_on=today, today=today, document_siren="111111111", expected_siren="222222222"
    )
    assert wrong is not None and "SIREN" in wrong
    assert validity_problem(kbis, issued_on=today, today=today, document_siren=None,
                            expected_siren="222222222") is None  # fmt: skip
    assert validity_problem(default.item("bilan_operation"), issued_on=None, today=today) is None
