"""Deadline computation: French month arithmetic, délai franc, art. 642 CPC extension."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from ilot.workflows.deadlines import (
    ComputedDeadline,
    ConstructionStage,
    DeadlineRule,
    Extension,
    Offset,
    add_months,
    check_call_for_funds,
    check_gfa_before_vefa_deed,
    compute_deadlines,
    default_rules,
    missing_facts,
    names_referenced,
)
from ilot.workflows.exceptions import DeadlineError, LegalCheckFailed, WorkflowError


def by_code(deadlines: list[ComputedDeadline]) -> dict[str, ComputedDeadline]:
    return {d.code: d for d in deadlines}


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # no 31 February: last day of the month
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 4, 30), 1, date(2026, 5, 30)),  # date to date, not "end of month"
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),  # across the year
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),
        (date(2026, 5, 14), 0, date(2026, 5, 14)),
    ],
)
def test_add_months_date_to_date(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_offset_applies_months_then_days_then_business_days() -> None:
    # 31 Jan + 1 month = 28 Feb 2026 (Sat); + 1 day = 1 Mar (Sun); + 1 business day = 2 Mar.
    assert Offset(months=1, days=1, business_days=1).apply(date(2026, 1, 31)) == date(2026, 3, 2)
    assert Offset(months=2).describe() == "+2 months"
    assert Offset(days=-1).describe("fr") == "-1 jour"


@pytest.mark.parametrize("bad", [{"months": True}, {"weeks": 2}, {"days": "3"}, {"days": 1.5}])
def test_offset_refuses_bad_data(bad: dict[str, object]) -> None:
    with pytest.raises(DeadlineError) as exc:
        Offset.from_data(bad)
    assert exc.value.code == "bad_offset"


def test_appeal_period_is_franc_and_extended_past_a_holiday() -> None:
    # Posting from 13 March 2026: two months → 13 May, délai franc → 14 May, which is Ascension
    # Day: art. 642 CPC extends the last day to Friday 15 May.
    result = by_code(compute_deadlines({"permit_posting_date": date(2026, 3, 13)}))
    appeal = result["third_party_appeal_end"]
    assert appeal.nominal_date == date(2026, 5, 14)
    assert appeal.due_date == date(2026, 5, 15)
    assert appeal.extended
    assert appeal.extension_note is not None and "Ascension" in appeal.extension_note
    assert "642" in appeal.extension_note
    assert appeal.non_business_day is None
    assert "R600-2" in appeal.legal_ref
    assert [(d.name, d.kind, d.on) for d in appeal.depends_on] == [
        ("permit_posting_date", "fact", date(2026, 3, 13))
    ]


def test_appeal_period_extended_past_a_weekend() -> None:
    # 15 March + 2 months + 1 = Saturday 16 May 2026 → Monday 18 May.
    appeal = by_code(compute_deadlines({"permit_posting_date": date(2026, 3, 15)}))[
        "third_party_appeal_end"
    ]
    assert appeal.due_date == date(2026, 5, 18)
    assert appeal.extension_note is not None and "weekend" in appeal.extension_note


def test_appeal_period_on_a_business_day_is_not_moved() -> None:
    appeal = by_code(compute_deadlines({"permit_posting_date": date(2026, 3, 11)}))[
        "third_party_appeal_end"
    ]
    assert appeal.due_date == appeal.nominal_date == date(2026, 5, 12)
    assert not appeal.extended and appeal.extension_note is None


def test_withdrawal_period_not_extended_but_flagged() -> None:
    # Signed 16 Feb 2026: + 3 months = Saturday 16 May. L424-5 bounds the authority's power: the
    # date does not move, but the result says it is a weekend.
    w = by_code(compute_deadlines({"permit_signature_date": date(2026, 2, 16)}))[
        "administrative_withdrawal_end"
    ]
    assert w.due_date == date(2026, 5, 16)
    assert not w.extended
    assert w.non_business_day == "weekend"
    assert "L424-5" in w.legal_ref


def test_permit_purged_waits_for_both_periods() -> None:
    facts = {"permit_posting_date": date(2026, 3, 12), "permit_signature_date": date(2026, 3, 2)}
    result = by_code(compute_deadlines(facts))
    assert result["third_party_appeal_end"].due_date == date(2026, 5, 13)
    # + 15 clear days for notifying an appeal lodged on the last day (R600-1).
    assert result["third_party_appeal_notification_end"].due_date == date(2026, 5, 29)
    assert result["administrative_withdrawal_end"].due_date == date(2026, 6, 2)
    purged = result["permit_purged"]
    assert purged.due_date == date(2026, 6, 3)
    assert {d.name: d.kind for d in purged.depends_on} == {
        "third_party_appeal_notification_end": "deadline",
        "administrative_withdrawal_end": "deadline",
    }


def test_kbis_and_offer() -> None:
    facts = {"kbis_issue_date": date(2025, 11, 30), "offer_date": date(2026, 1, 31)}
    result = by_code(compute_deadlines(facts))
    assert result["kbis_expiry"].due_date == date(2026, 2, 28)  # month-end clamp
    assert not result["kbis_expiry"].extended  # bank policy: never moved
    assert result["offer_validity_end"].due_date == date(2026, 3, 2)  # 30 days by default
    custom = by_code(compute_deadlines(facts, default_rules(offer_validity_days=45)))
    assert custom["offer_validity_end"].due_date == date(2026, 3, 17)
    with pytest.raises(DeadlineError):
        default_rules(offer_validity_days=0)


def test_results_sorted_by_due_date() -> None:
    facts = {
        "permit_posting_date": date(2026, 3, 12),
        "permit_signature_date": date(2026, 3, 2),
        "kbis_issue_date": date(2026, 1, 5),
        "offer_date": date(2026, 2, 1),
    }
    result = compute_deadlines(facts)
    assert [d.due_date for d in result] == sorted(d.due_date for d in result)
    assert len(result) == 6


def test_missing_facts_are_reported_transitively() -> None:
    facts = {"permit_posting_date": date(2026, 3, 12)}
    computed = {d.code for d in compute_deadlines(facts)}
    assert computed == {"third_party_appeal_end", "third_party_appeal_notification_end"}
    missing = missing_facts(facts)
    assert missing["permit_purged"] == ("permit_signature_date",)
    assert missing["kbis_expiry"] == ("kbis_issue_date",)
    assert "third_party_appeal_end" not in missing
    assert names_referenced(default_rules()) == {
        "permit_posting_date", "permit_signature_date", "kbis_issue_date", "offer_date",
    }  # fmt: skip


def test_rule_cycle_is_reported_with_its_path() -> None:
    rules = [
        DeadlineRule("a", "b", Offset(days=1), "a", "a", "-"),
        DeadlineRule("b", "c", Offset(days=1), "b", "b", "-"),
        DeadlineRule("c", "a", Offset(days=1), "c", "c", "-"),
    ]
    with pytest.raises(DeadlineError) as exc:
        compute_deadlines({}, rules)
    assert exc.value.code == "rule_cycle"
    assert "a → b → c → a" in exc.value.message


def test_duplicate_and_self_referencing_rules_refused() -> None:
    rule = DeadlineRule("a", "x", Offset(days=1), "a", "a", "-")
    with pytest.raises(DeadlineError, match="duplicate"):
        compute_deadlines({"x": date(2026, 1, 1)}, [rule, rule])
    with pytest.raises(DeadlineError, match="itself"):
        DeadlineRule("a", "a", Offset(days=1), "a", "a", "-")
    with pytest.raises(DeadlineError, match="snake_case"):
        DeadlineRule("Bad Code", "x", Offset(days=1), "a", "a", "-")


def test_custom_rule_with_business_days_and_extension() -> None:
    rule = DeadlineRule(
        "reply", "notice", Offset(business_days=2), "r", "r", "-", extension=Extension.CPC_642
    )
    # Friday 8 May 2026 is a holiday: +2 business days from Thursday 7 May = Tuesday 12 May.
    (result,) = compute_deadlines({"notice": date(2026, 5, 7)}, [rule])
    assert result.due_date == date(2026, 5, 12)
    assert not result.extended


def test_facts_must_be_dates() -> None:
    with pytest.raises(DeadlineError) as exc:
        compute_deadlines({"offer_date": datetime(2026, 1, 1, 12, 0)})
    assert exc.value.code == "bad_fact"
    assert isinstance(exc.value, WorkflowError)
    assert exc.value.as_dict()["error"] == {"code": "bad_fact", "message": exc.value.message}


@pytest.mark.parametrize(
    ("stage", "percent"),
    [
        ("before_foundations", 5),
        (ConstructionStage.FOUNDATIONS, 35),
        ("weather_tight", "70"),
        ("weather_tight", Decimal("69.99")),
        ("completion", 95),
        ("delivery", 100),
    ],
)
def test_call_for_funds_within_caps(stage: str, percent: int | str | Decimal) -> None:
    check_call_for_funds(stage, percent)


@pytest.mark.parametrize(
    ("stage", "percent", "cap"),
    [
        ("before_foundations", 36, "35"),
        ("foundations", Decimal("35.01"), "35"),
        ("weather_tight", 71, "70"),
        ("completion", 96, "95"),
    ],
)
def test_call_for_funds_above_cap_refused(stage: str, percent: int | Decimal, cap: str) -> None:
    with pytest.raises(LegalCheckFailed) as exc:
        check_call_for_funds(stage, percent)
    assert exc.value.code == "call_for_funds_cap"
    assert f"{cap} % cap" in exc.value.message
    assert "R261-14" in exc.value.message


@pytest.mark.parametrize(
    ("stage", "percent", "code"),
    [
        ("hors_d_air", 10, "unknown_stage"),
        ("foundations", 35.0, "bad_percent"),
        ("foundations", -1, "bad_percent"),
        ("delivery", 101, "bad_percent"),
        ("foundations", "abc", "bad_percent"),
        ("foundations", "NaN", "bad_percent"),
    ],
)
def test_call_for_funds_bad_input(stage: str, percent: object, code: str) -> None:
    with pytest.raises(LegalCheckFailed) as exc:
        check_call_for_funds(stage, percent)  # type: ignore[arg-type]
    assert exc.value.code == code


def test_gfa_before_vefa_deed() -> None:
    check_gfa_before_vefa_deed(vefa_deed_date=date(2026, 6, 1), gfa_issued_on=date(2026, 6, 1))
    with pytest.raises(LegalCheckFailed) as exc:
        check_gfa_before_vefa_deed(vefa_deed_date=date(2026, 6, 1), gfa_issued_on=None)
    assert exc.value.code == "gfa_missing"
    with pytest.raises(LegalCheckFailed) as exc:
        check_gfa_before_vefa_deed(vefa_deed_date=date(2026, 6, 1), gfa_issued_on=date(2026, 6, 2))
    assert exc.value.code == "gfa_after_deed"
