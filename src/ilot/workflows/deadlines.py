"""Deadlines computed from dated facts, with the French rules for counting them.

Rules are data (:class:`DeadlineRule`): a deadline is an :class:`Offset` from a base (a dated
fact of the dossier, or another deadline), optionally counted as a *délai franc* and optionally
extended under art. 642 CPC. :func:`compute_deadlines` evaluates a rule set against the facts
known for a dossier and says, for every deadline, what it depends on.

Counting, as French law does it:

* Months are counted date to date (art. 641 al. 2 CPC: "le délai expire le jour du dernier mois
  qui porte le même quantième que le jour de l'acte ... À défaut d'un quantième identique, le
  délai expire le dernier jour du mois"): 31 January + 1 month = 28 (or 29) February.
* Days: the day of the triggering event does not count (art. 641 al. 1 CPC), so the deadline is
  simply ``start + n days``.
* Délai franc: deadlines for bringing proceedings before the administrative courts are "francs",
  "leur premier jour étant le lendemain du jour de leur déclenchement et leur dernier jour étant
  le lendemain du jour de leur échéance" (CE, 15 déc. 2023, n° 472836; CE, 5 oct. 2018,
  n° 409579): one more day at the end.
* Art. 642 CPC: "Tout délai expire le dernier jour à vingt-quatre heures. Le délai qui expirerait
  normalement un samedi, un dimanche ou un jour férié ou chômé est prorogé jusqu'au premier jour
  ouvrable suivant." The administrative courts apply the same rule (CE, 19 sept. 2014,
  n° 362568). It is applied only where a rule says it is legally relevant (``extension``), and
  every extension is flagged on the result; a bank's internal policy date (Kbis freshness) or a
  contractual one (offer validity) is not moved.

Every computed date is the *last day* of the period, inclusive, unless a rule's label says
otherwise (the "permit purged" milestone is the first day without risk).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Literal

from ilot.workflows import calendar_fr
from ilot.workflows.exceptions import DeadlineError, LegalCheckFailed

Lang = Literal["fr", "en"]

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months, date to date, clamped to the month's last day
    (art. 641 al. 2 CPC). Negative ``months`` go back in time the same way."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last_day))


@dataclass(frozen=True)
class Offset:
    """A signed duration: calendar months, then calendar days, then business days.

    Applied in that order, which is how a lawyer reads "two months and fifteen days".
    """

    months: int = 0
    days: int = 0
    business_days: int = 0

    def __post_init__(self) -> None:
        for name in ("months", "days", "business_days"):
            value = getattr(self, name)
            # bool is an int subclass: "months: true" in YAML must not silently mean 1.
            if isinstance(value, bool) or not isinstance(value, int):
                raise DeadlineError("bad_offset", f"offset {name} must be an integer: {value!r}")
            if abs(value) > 10_000:
                raise DeadlineError("bad_offset", f"offset {name} is out of range: {value}")

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Offset:
        """Build from a mapping such as ``{"months": 2}``; unknown keys are an error."""
        unknown = set(data) - {"months", "days", "business_days"}
        if unknown:
            raise DeadlineError(
                "bad_offset", f"unknown offset unit(s): {', '.join(sorted(unknown))}"
            )
        values: dict[str, int] = {}
        for key, value in data.items():
            if isinstance(value, bool) or not isinstance(value, int):
                raise DeadlineError("bad_offset", f"offset {key} must be an integer: {value!r}")
            values[key] = value
        return cls(**values)

    def as_data(self) -> dict[str, int]:
        """The non-zero units, for serialising back to YAML/JSON."""
        units = {"months": self.months, "days": self.days, "business_days": self.business_days}
        return {k: v for k, v in units.items() if v}

    @property
    def is_zero(self) -> bool:
        return not (self.months or self.days or self.business_days)

    def apply(self, start: date, *, alsace_moselle: bool = False) -> date:
        result = add_months(start, self.months) + timedelta(days=self.days)
        if self.business_days:
            result = calendar_fr.add_business_days(
                result, self.business_days, alsace_moselle=alsace_moselle
            )
        return result

    def describe(self, lang: Lang = "en") -> str:
        """Readable form, e.g. ``+2 months`` / ``+2 mois``."""
        words = {
            "en": ("month", "months", "day", "days", "business day", "business days"),
            "fr": ("mois", "mois", "jour", "jours", "jour ouvré", "jours ouvrés"),
        }[lang]
        parts = []
        for value, (one, many) in (
            (self.months, words[0:2]),
            (self.days, words[2:4]),
            (self.business_days, words[4:6]),
        ):
            if value:
                parts.append(f"{value:+d} {one if abs(value) == 1 else many}")
        return " ".join(parts) or "+0"


class Extension(StrEnum):
    """Whether a deadline falling on a non-business day moves."""

    NONE = "none"
    CPC_642 = "cpc_642"  # moved to the next business day (art. 642 CPC)


@dataclass(frozen=True)
class DeadlineRule:
    """A deadline as data.

    ``base_fact`` names a fact of the dossier (``permit_posting_date``) or the code of another
    rule; a tuple means "the latest of these", which is how a milestone waiting for several
    periods is expressed.
    """

    code: str
    base_fact: str | tuple[str, ...]
    offset: Offset
    label_fr: str
    label_en: str
    legal_ref: str
    extension: Extension = Extension.NONE
    franc: bool = False

    def __post_init__(self) -> None:
        if not _NAME_RE.match(self.code):
            raise DeadlineError("bad_rule", f"rule code {self.code!r} is not a snake_case name")
        if not self.bases:
            raise DeadlineError("bad_rule", f"rule {self.code!r} has no base fact")
        for base in self.bases:
            if not _NAME_RE.match(base):
                raise DeadlineError("bad_rule", f"rule {self.code!r}: bad base name {base!r}")
        if self.code in self.bases:
            raise DeadlineError("bad_rule", f"rule {self.code!r} depends on itself")

    @property
    def bases(self) -> tuple[str, ...]:
        return (self.base_fact,) if isinstance(self.base_fact, str) else tuple(self.base_fact)

    def label(self, lang: Lang = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


@dataclass(frozen=True)
class Dependency:
    """One input of a computed deadline: a fact, or another deadline, and its date."""

    name: str
    kind: Literal["fact", "deadline"]
    on: date


@dataclass(frozen=True)
class ComputedDeadline:
    """A rule evaluated for one dossier.

    ``nominal_date`` is the date before any extension; ``due_date`` the one that applies.
    ``extended`` says art. 642 CPC moved it, ``extension_note`` why ("holiday: Ascension").
    ``non_business_day`` describes ``due_date`` when it is still a weekend or holiday (rules
    without extension), so the UI can show it as such.
    """

    code: str
    due_date: date
    nominal_date: date
    depends_on: tuple[Dependency, ...]
    label_fr: str
    label_en: str
    legal_ref: str
    extended: bool
    extension_note: str | None
    non_business_day: str | None

    def label(self, lang: Lang = "fr") -> str:
        return self.label_fr if lang == "fr" else self.label_en


# Facts the built-in rules read. The model layer stores them per dossier under these names.
PERMIT_POSTING_DATE = "permit_posting_date"  # first day of continuous on-site posting
PERMIT_SIGNATURE_DATE = "permit_signature_date"  # date of the arrêté (or of the tacit permit)
KBIS_ISSUE_DATE = "kbis_issue_date"
OFFER_DATE = "offer_date"

DEFAULT_OFFER_VALIDITY_DAYS = 30


def default_rules(
    *, offer_validity_days: int = DEFAULT_OFFER_VALIDITY_DAYS
) -> tuple[DeadlineRule, ...]:
    """The built-in rule set. ``offer_validity_days`` is the bank's commercial choice."""
    if isinstance(offer_validity_days, bool) or not 1 <= offer_validity_days <= 365:
        raise DeadlineError("bad_rule", "offer validity must be between 1 and 365 days")
    return (
        DeadlineRule(
            code="third_party_appeal_end",
            base_fact=PERMIT_POSTING_DATE,
            offset=Offset(months=2),
            label_fr="Fin du délai de recours des tiers contre le permis",
            label_en="End of the third-party appeal period against the permit",
            # The period runs from the first day of a continuous two-month posting on site of
            # the items listed in R424-15; the contentious-appeal period itself is R421-1 CJA.
            legal_ref="C. urb. art. R600-2, R424-15; CJA art. R421-1 (délai franc); CPC art. 642",
            extension=Extension.CPC_642,
            franc=True,
        ),
        DeadlineRule(
            code="third_party_appeal_notification_end",
            base_fact="third_party_appeal_end",
            offset=Offset(days=15),
            label_fr="Fin du délai de notification d'un recours formé le dernier jour",
            label_en="Last day to notify an appeal lodged on the last day",
            # An appellant must notify the appeal to the author and the beneficiary of the permit
            # within fifteen clear days of lodging it, or it is inadmissible.
            legal_ref="C. urb. art. R600-1 (quinze jours francs); CPC art. 642",
            extension=Extension.CPC_642,
            franc=True,
        ),
        DeadlineRule(
            code="administrative_withdrawal_end",
            base_fact=PERMIT_SIGNATURE_DATE,
            offset=Offset(months=3),
            label_fr="Fin du délai de retrait administratif du permis",
            label_en="End of the administrative withdrawal period of the permit",
            # The authority may withdraw an illegal permit only within three months of its date;
            # this bounds the authority's own power, not a party's filing, so it does not move.
            legal_ref="C. urb. art. L424-5",
        ),
        DeadlineRule(
            code="permit_purged",
            base_fact=("third_party_appeal_notification_end", "administrative_withdrawal_end"),
            offset=Offset(days=1),
            label_fr="Permis purgé de recours et de retrait (premier jour sans risque)",
            label_en="Permit purged of appeals and withdrawal (first day without risk)",
            # Still to be confirmed by certificates of no appeal (town hall, administrative court).
            legal_ref="C. urb. art. R600-1, R600-2, L424-5",
        ),
        DeadlineRule(
            code="kbis_expiry",
            base_fact=KBIS_ISSUE_DATE,
            offset=Offset(months=3),
            label_fr="Fin de validité du Kbis pour la banque (moins de 3 mois)",
            label_en="Kbis no longer accepted by the bank (older than 3 months)",
            # Not a procedural deadline: the bank simply stops accepting the extract.
            legal_ref="C. mon. fin. art. R561-5 2° (registry extract less than three months "
            "old for identifying a legal person); bank KYC policy",
        ),
        DeadlineRule(
            code="offer_validity_end",
            base_fact=OFFER_DATE,
            offset=Offset(days=offer_validity_days),
            label_fr="Fin de validité de l'offre de crédit",
            label_en="End of the credit offer's validity",
            legal_ref="Contractual (terms of the offer letter)",
        ),
    )


def _evaluation_order(rules: Sequence[DeadlineRule]) -> list[DeadlineRule]:
    """Rules sorted so that every rule comes after the rules it is based on."""
    by_code: dict[str, DeadlineRule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise DeadlineError("duplicate_rule", f"duplicate deadline rule code {rule.code!r}")
        by_code[rule.code] = rule
    ordered: list[DeadlineRule] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(code: str, path: list[str]) -> None:
        if state.get(code) == 2:
            return
        if state.get(code) == 1:
            cycle = [*path[path.index(code) :], code]
            raise DeadlineError("rule_cycle", f"deadline rules form a cycle: {' → '.join(cycle)}")
        state[code] = 1
        for base in by_code[code].bases:
            if base in by_code:
                visit(base, [*path, code])
        state[code] = 2
        ordered.append(by_code[code])

    for rule in rules:
        visit(rule.code, [])
    return ordered


def compute_deadlines(
    facts: Mapping[str, date],
    rules: Sequence[DeadlineRule] | None = None,
    *,
    alsace_moselle: bool = False,
) -> list[ComputedDeadline]:
    """Evaluate ``rules`` (default: :func:`default_rules`) against the dated ``facts``.

    A rule whose bases are not all known yet is left out (see :func:`missing_facts`). The
    result is sorted by due date, then code. Raises :class:`DeadlineError` for a rule set with
    duplicate codes or a cycle, or a fact that is not a date.
    """
    if rules is None:
        rules = default_rules()
    for name, value in facts.items():
        # datetime is a date subclass; a timestamp here would silently drop its time zone.
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise DeadlineError("bad_fact", f"fact {name!r} must be a date, got {value!r}")
    computed: dict[str, ComputedDeadline] = {}
    for rule in _evaluation_order(rules):
        inputs: list[Dependency] = []
        for base in rule.bases:
            if base in computed:
                inputs.append(Dependency(base, "deadline", computed[base].due_date))
            elif base in facts:
                inputs.append(Dependency(base, "fact", facts[base]))
            else:
                break
        else:
            computed[rule.code] = _evaluate(rule, inputs, alsace_moselle=alsace_moselle)
    return sorted(computed.values(), key=lambda c: (c.due_date, c.code))


def _evaluate(
    rule: DeadlineRule, inputs: Sequence[Dependency], *, alsace_moselle: bool
) -> ComputedDeadline:
    start = max(dep.on for dep in inputs)
    nominal = rule.offset.apply(start, alsace_moselle=alsace_moselle)
    if rule.franc:
        nominal += timedelta(days=1)
    due = nominal
    note: str | None = None
    reason = calendar_fr.describe_day(nominal, lang="en", alsace_moselle=alsace_moselle)
    if rule.extension is Extension.CPC_642 and reason is not None:
        due = calendar_fr.next_business_day(nominal, alsace_moselle=alsace_moselle)
        note = f"{nominal.isoformat()} is a {reason}: extended to {due.isoformat()} (CPC art. 642)"
    return ComputedDeadline(
        code=rule.code,
        due_date=due,
        nominal_date=nominal,
        depends_on=tuple(inputs),
        label_fr=rule.label_fr,
        label_en=rule.label_en,
        legal_ref=rule.legal_ref,
        extended=due != nominal,
        extension_note=note,
        non_business_day=calendar_fr.describe_day(due, lang="en", alsace_moselle=alsace_moselle),
    )


def missing_facts(
    facts: Mapping[str, date], rules: Sequence[DeadlineRule] | None = None
) -> dict[str, tuple[str, ...]]:
    """For each rule that cannot be computed yet, the facts still missing (transitively)."""
    if rules is None:
        rules = default_rules()
    by_code = {r.code: r for r in _evaluation_order(rules)}
    memo: dict[str, tuple[str, ...]] = {}
    for code, rule in by_code.items():  # evaluation order: bases are memoised first
        missing: list[str] = []
        for base in rule.bases:
            if base in by_code:
                missing.extend(m for m in memo[base] if m not in missing)
            elif base not in facts and base not in missing:
                missing.append(base)
        memo[code] = tuple(missing)
    return {code: m for code, m in memo.items() if m}


# --- Statutory checks -----------------------------------------------------------------------------


class ConstructionStage(StrEnum):
    """Stages at which R261-14 CCH caps the cumulative price a VEFA buyer may be called for."""

    BEFORE_FOUNDATIONS = "before_foundations"
    FOUNDATIONS = "foundations"  # achèvement des fondations
    WEATHER_TIGHT = "weather_tight"  # mise hors d'eau
    COMPLETION = "completion"  # achèvement de l'immeuble
    DELIVERY = "delivery"  # mise à disposition (balance payable)


# R261-14 CCH: "Les paiements ou dépôts ne peuvent excéder au total : 35 % du prix à l'achèvement
# des fondations ; 70 % du prix à la mise hors d'eau ; 95 % à l'achèvement de l'immeuble. Le
# solde est payable lors de la mise du local à la disposition de l'acquéreur". Before the
# foundations are complete, the text sets no lower cap; 35 % binds a fortiori, since payments
# are cumulative (the contract's own schedule may be stricter).
CALL_FOR_FUNDS_CAPS: Mapping[ConstructionStage, Decimal] = {
    ConstructionStage.BEFORE_FOUNDATIONS: Decimal(35),
    ConstructionStage.FOUNDATIONS: Decimal(35),
    ConstructionStage.WEATHER_TIGHT: Decimal(70),
    ConstructionStage.COMPLETION: Decimal(95),
    ConstructionStage.DELIVERY: Decimal(100),
}


def check_call_for_funds(
    stage: ConstructionStage | str, cumulative_percent: Decimal | int | str
) -> None:
    """Refuse a buyer's call for funds whose cumulative percentage of the price exceeds the
    R261-14 CCH cap of the stage reached. Percentages are 0–100; floats are refused because
    ``70.00000001`` must not pass as ``70``."""
    try:
        stage = ConstructionStage(stage)
    except ValueError:
        known = ", ".join(s.value for s in ConstructionStage)
        raise LegalCheckFailed(
            "unknown_stage", f"unknown construction stage {stage!r} (known: {known})"
        ) from None
    if isinstance(cumulative_percent, bool | float):
        raise LegalCheckFailed("bad_percent", "give the percentage as a Decimal, int or string")
    try:
        percent = Decimal(cumulative_percent)
    except InvalidOperation:
        raise LegalCheckFailed("bad_percent", f"not a percentage: {cumulative_percent!r}") from None
    if not percent.is_finite() or not Decimal(0) <= percent <= Decimal(100):
        raise LegalCheckFailed("bad_percent", f"percentage must be between 0 and 100: {percent}")
    cap = CALL_FOR_FUNDS_CAPS[stage]
    if percent > cap:
        raise LegalCheckFailed(
            "call_for_funds_cap",
            f"calls for funds reach {percent} % of the price at stage {stage.value}, above the "
            f"{cap} % cap (CCH art. R261-14)",
        )


def check_gfa_before_vefa_deed(*, vefa_deed_date: date, gfa_issued_on: date | None) -> None:
    """Refuse a VEFA deed of sale without a completion guarantee issued on or before its date.

    The seller of a building to be constructed must justify a garantie financière d'achèvement
    before concluding the sale (CCH art. L261-10-1; its forms: R261-17 to R261-21); the notary
    annexes the attestation to the deed, and the guarantee ends with the completion certificate
    (R261-24).
    """
    if gfa_issued_on is None:
        raise LegalCheckFailed(
            "gfa_missing",
            "no completion guarantee (GFA) is recorded: a VEFA deed cannot be signed "
            "(CCH art. L261-10-1, R261-21)",
        )
    if gfa_issued_on > vefa_deed_date:
        raise LegalCheckFailed(
            "gfa_after_deed",
            f"the completion guarantee (GFA) is dated {gfa_issued_on.isoformat()}, after the "
            f"VEFA deed of {vefa_deed_date.isoformat()} (CCH art. L261-10-1)",
        )


def names_referenced(rules: Iterable[DeadlineRule]) -> set[str]:
    """Every fact name the rules read (bases that are not themselves rule codes)."""
    rules = list(rules)
    codes = {r.code for r in rules}
    return {b for r in rules for b in r.bases if b not in codes}
