"""The lifecycle of a financed operation, as plain data, and the check every transition passes.

The states follow the operation described in the product brief: request and onboarding (KYC),
analysis (bilan d'opération, land, permit, pre-sales, equity), credit committee, offer,
documentation (facility agreement, security, GFA), conditions precedent, construction
(drawdowns, calls for funds capped by R261-14 CCH), completion (attestation d'achèvement, R261-24
CCH, which ends the GFA) and closed; plus two terminal exits, declined (by the bank) and abandoned
(by either side).

The django-fsm-2 model wiring calls :func:`check_transition` from its transition conditions and
permissions, so the rules live here once, testable without a database. Guards that only the
database can evaluate (checklist items still blocking the target stage, an unlifted condition
precedent) are passed in as ``blocking_items``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from ilot.workflows.exceptions import TransitionRefused


class State(StrEnum):
    REQUEST = "request"
    ANALYSIS = "analysis"
    COMMITTEE = "committee"
    OFFER = "offer"
    DOCUMENTATION = "documentation"
    CONDITIONS_PRECEDENT = "conditions_precedent"
    CONSTRUCTION = "construction"
    COMPLETION = "completion"
    CLOSED = "closed"
    DECLINED = "declined"
    ABANDONED = "abandoned"


# The main path, in order. A checklist item "blocking" a stage blocks entering it and every
# later stage, so templates compare positions on this path.
MAIN_PATH: tuple[State, ...] = (
    State.REQUEST,
    State.ANALYSIS,
    State.COMMITTEE,
    State.OFFER,
    State.DOCUMENTATION,
    State.CONDITIONS_PRECEDENT,
    State.CONSTRUCTION,
    State.COMPLETION,
    State.CLOSED,
)
TERMINAL: frozenset[State] = frozenset({State.CLOSED, State.DECLINED, State.ABANDONED})

STATE_LABELS: dict[State, tuple[str, str]] = {
    State.REQUEST: ("Demande", "Request"),
    State.ANALYSIS: ("Analyse", "Analysis"),
    State.COMMITTEE: ("Comité de crédit", "Credit committee"),
    State.OFFER: ("Offre", "Offer"),
    State.DOCUMENTATION: ("Documentation", "Documentation"),
    State.CONDITIONS_PRECEDENT: ("Conditions suspensives", "Conditions precedent"),
    State.CONSTRUCTION: ("Travaux et tirages", "Construction and drawdowns"),
    State.COMPLETION: ("Achèvement", "Completion"),
    State.CLOSED: ("Clôturé", "Closed"),
    State.DECLINED: ("Refusé", "Declined"),
    State.ABANDONED: ("Abandonné", "Abandoned"),
}


class Actor(StrEnum):
    """Who may trigger a transition: the bank's deal-team functions and the developer.

    Third parties (notary, lawyer, architect, insurer) never move the lifecycle: they act on
    documents and drafts, and their evidence lifts items that the bank then validates.
    """

    RELATIONSHIP_MANAGER = "relationship_manager"  # chargé d'affaires, dossier lead
    CREDIT_ANALYST = "credit_analyst"
    MIDDLE_OFFICE = "middle_office"
    BANK_LAWYER = "bank_lawyer"
    DEVELOPER = "developer"


BANK_ACTORS: frozenset[Actor] = frozenset(
    {Actor.RELATIONSHIP_MANAGER, Actor.CREDIT_ANALYST, Actor.MIDDLE_OFFICE, Actor.BANK_LAWYER}
)


@dataclass(frozen=True)
class Transition:
    """An allowed move: who may trigger it, what must hold (in words), whether the checklist
    items blocking the target stage must all be satisfied first."""

    name: str
    source: State
    target: State
    actors: frozenset[Actor]
    guard_fr: str
    guard_en: str
    checks_blocking_items: bool = True


def _t(
    name: str,
    source: State,
    target: State,
    actors: Iterable[Actor],
    guard_fr: str,
    guard_en: str,
    *,
    checks_blocking_items: bool = True,
) -> Transition:
    return Transition(
        name, source, target, frozenset(actors), guard_fr, guard_en, checks_blocking_items
    )


_RM, _CA, _MO, _BL, _DEV = (
    Actor.RELATIONSHIP_MANAGER,
    Actor.CREDIT_ANALYST,
    Actor.MIDDLE_OFFICE,
    Actor.BANK_LAWYER,
    Actor.DEVELOPER,
)

_MAIN: tuple[Transition, ...] = (
    _t(
        "start_analysis",
        State.REQUEST,
        State.ANALYSIS,
        {_RM},
        "KYC de la société de programme et du promoteur reçu et validé",
        "KYC of the project company and the developer received and validated",
    ),
    _t(
        "submit_to_committee",
        State.ANALYSIS,
        State.COMMITTEE,
        {_RM, _CA},
        "Bilan d'opération, foncier, permis, pré-commercialisation et fonds propres analysés",
        "Development appraisal, land, permit, pre-sales and equity analysed",
    ),
    _t(
        "return_to_analysis",
        State.COMMITTEE,
        State.ANALYSIS,
        {_RM, _CA},
        "Le comité demande des compléments d'analyse",
        "The committee asks for further analysis",
        checks_blocking_items=False,
    ),
    _t(
        "approve",
        State.COMMITTEE,
        State.OFFER,
        {_RM, _CA},
        "Décision favorable du comité de crédit enregistrée",
        "Favourable credit committee decision recorded",
    ),
    _t(
        "accept_offer",
        State.OFFER,
        State.DOCUMENTATION,
        {_RM},
        "Offre de crédit signée par l'emprunteur dans son délai de validité",
        "Credit offer signed by the borrower within its validity period",
    ),
    _t(
        "sign_documentation",
        State.DOCUMENTATION,
        State.CONDITIONS_PRECEDENT,
        {_RM, _BL},
        "Convention de crédit, sûretés et GFA signées",
        "Facility agreement, security documents and GFA signed",
    ),
    _t(
        "lift_conditions",
        State.CONDITIONS_PRECEDENT,
        State.CONSTRUCTION,
        {_RM, _MO},
        "Toutes les conditions suspensives levées (les critiques par deux utilisateurs banque)",
        "All conditions precedent lifted (critical ones by two bank users)",
    ),
    _t(
        "complete",
        State.CONSTRUCTION,
        State.COMPLETION,
        {_RM, _MO},
        "Attestation d'achèvement reçue (CCH art. R261-24), fin de la GFA",
        "Completion certificate received (CCH art. R261-24), ending the GFA",
    ),
    _t(
        "close",
        State.COMPLETION,
        State.CLOSED,
        {_RM, _MO},
        "Crédit remboursé et mainlevées délivrées",
        "Loan repaid and releases delivered",
    ),
)

# A bank may decline until it has made an offer; after that, it is the contract that governs.
_DECLINABLE = (State.REQUEST, State.ANALYSIS, State.COMMITTEE)
# Either side may walk away until the conditions precedent are lifted and funds flow; once
# construction starts the GFA is in force and the operation must be completed or worked out.
_ABANDONABLE = (
    State.REQUEST,
    State.ANALYSIS,
    State.COMMITTEE,
    State.OFFER,
    State.DOCUMENTATION,
    State.CONDITIONS_PRECEDENT,
)

TRANSITIONS: tuple[Transition, ...] = (
    *_MAIN,
    *(
        _t(
            "decline",
            s,
            State.DECLINED,
            {_RM, _CA},
            "Motif du refus consigné",
            "Reason for declining recorded",
            checks_blocking_items=False,
        )
        for s in _DECLINABLE
    ),
    *(
        _t(
            "abandon",
            s,
            State.ABANDONED,
            {_RM, _DEV},
            "Motif de l'abandon consigné",
            "Reason for abandoning recorded",
            checks_blocking_items=False,
        )
        for s in _ABANDONABLE
    ),
)

_BY_EDGE: dict[tuple[State, State], Transition] = {(t.source, t.target): t for t in TRANSITIONS}
assert len(_BY_EDGE) == len(TRANSITIONS), "two transitions share an edge"


def stage_index(state: State | str) -> int:
    """Position of ``state`` on the main path (terminal exits have none: ValueError)."""
    return MAIN_PATH.index(State(state))


def allowed_transitions(current: State | str, actor: Actor | str | None = None) -> list[Transition]:
    """The transitions out of ``current``, restricted to those ``actor`` may trigger if given."""
    state = _parse_state(current, "current")
    out = [t for t in TRANSITIONS if t.source is state]
    if actor is not None:
        role = _parse_actor(actor)
        out = [t for t in out if role in t.actors]
    return out


def get_transition(current: State | str, target: State | str) -> Transition | None:
    return _BY_EDGE.get((_parse_state(current, "current"), _parse_state(target, "target")))


def check_transition(
    current: State | str,
    target: State | str,
    role: Actor | str,
    blocking_items: Collection[str] = (),
) -> Transition:
    """Return the transition from ``current`` to ``target`` if ``role`` may trigger it now;
    otherwise raise :class:`TransitionRefused` with the reason.

    ``blocking_items`` are the codes (or labels) of what still blocks the target stage; they
    refuse main-path transitions but not declining or abandoning, which must stay possible.
    """
    source = _parse_state(current, "current")
    dest = _parse_state(target, "target")
    actor = _parse_actor(role)
    if source is dest:
        raise TransitionRefused("same_state", f"the dossier is already in state {source.value}")
    if source in TERMINAL:
        raise TransitionRefused(
            "terminal_state", f"state {source.value} is final: no transition leaves it"
        )
    transition = _BY_EDGE.get((source, dest))
    if transition is None:
        targets = ", ".join(t.target.value for t in allowed_transitions(source)) or "none"
        raise TransitionRefused(
            "not_allowed",
            f"no transition from {source.value} to {dest.value} (allowed: {targets})",
        )
    if actor not in transition.actors:
        who = ", ".join(sorted(a.value for a in transition.actors))
        raise TransitionRefused(
            "role_not_allowed",
            f"role {actor.value} may not {transition.name.replace('_', ' ')} "
            f"({source.value} → {dest.value}); allowed roles: {who}",
        )
    if transition.checks_blocking_items and blocking_items:
        items = sorted(blocking_items)
        raise TransitionRefused(
            "blocked",
            f"cannot move to {dest.value}: {len(items)} item(s) still blocking "
            f"({', '.join(items)}); guard: {transition.guard_en}",
            blocking_items=items,
        )
    return transition


def _parse_state(value: State | str, what: str) -> State:
    try:
        return State(value)
    except ValueError:
        known = ", ".join(s.value for s in State)
        raise TransitionRefused(
            "unknown_state", f"unknown {what} state {value!r} (known: {known})"
        ) from None


def _parse_actor(value: Actor | str) -> Actor:
    try:
        return Actor(value)
    except ValueError:
        known = ", ".join(a.value for a in Actor)
        raise TransitionRefused(
            "unknown_role", f"unknown role {value!r} (known: {known})"
        ) from None
