"""Lifecycle transitions: allowed edges, roles, guards, clear refusals."""

import itertools

import pytest

from ilot.workflows.exceptions import TransitionRefused
from ilot.workflows.lifecycle import (
    MAIN_PATH,
    STATE_LABELS,
    TERMINAL,
    TRANSITIONS,
    Actor,
    State,
    allowed_transitions,
    check_transition,
    get_transition,
    stage_index,
)


def refused(
    current: str, target: str, role: str, blocking: tuple[str, ...] = ()
) -> TransitionRefused:
    with pytest.raises(TransitionRefused) as exc:
        check_transition(current, target, role, blocking)
    return exc.value


def test_happy_path_walks_the_main_path() -> None:
    roles = {
        State.ANALYSIS: Actor.RELATIONSHIP_MANAGER,
        State.COMMITTEE: Actor.CREDIT_ANALYST,
        State.OFFER: Actor.CREDIT_ANALYST,
        State.DOCUMENTATION: Actor.RELATIONSHIP_MANAGER,
        State.CONDITIONS_PRECEDENT: Actor.BANK_LAWYER,
        State.CONSTRUCTION: Actor.MIDDLE_OFFICE,
        State.COMPLETION: Actor.MIDDLE_OFFICE,
        State.CLOSED: Actor.MIDDLE_OFFICE,
    }
    for source, target in itertools.pairwise(MAIN_PATH):
        t = check_transition(source, target, roles[target])
        assert (t.source, t.target) == (source, target)
        assert t.guard_fr and t.guard_en


def test_skipping_a_stage_is_refused_with_allowed_targets() -> None:
    err = refused("analysis", "offer", "relationship_manager")
    assert err.code == "not_allowed"
    assert "committee" in err.reason and "declined" in err.reason


def test_wrong_role_is_refused_naming_the_allowed_roles() -> None:
    err = refused("conditions_precedent", "construction", "developer")
    assert err.code == "role_not_allowed"
    assert "middle_office" in err.reason and "relationship_manager" in err.reason
    assert refused("request", "analysis", "credit_analyst").code == "role_not_allowed"


def test_blocking_items_refuse_main_path_transitions() -> None:
    err = refused(
        "conditions_precedent", "construction", "middle_office", ("cs_permis_purge", "gfa")
    )
    assert err.code == "blocked"
    assert err.blocking_items == ("cs_permis_purge", "gfa")
    assert "cs_permis_purge" in err.reason and "2 item(s)" in err.reason


def test_declining_and_abandoning_are_never_blocked_by_items() -> None:
    check_transition("analysis", "declined", "credit_analyst", ["kbis_sccv"])
    check_transition("documentation", "abandoned", "developer", ["suretes"])
    check_transition("committee", "analysis", "credit_analyst", ["bilan_operation"])


def test_decline_only_before_offer_and_abandon_only_before_construction() -> None:
    assert refused("offer", "declined", "relationship_manager").code == "not_allowed"
    assert refused("construction", "abandoned", "relationship_manager").code == "not_allowed"
    assert refused("request", "declined", "developer").code == "role_not_allowed"


@pytest.mark.parametrize("terminal", sorted(TERMINAL))
def test_terminal_states_have_no_exit(terminal: State) -> None:
    assert refused(terminal, "request", "relationship_manager").code == "terminal_state"
    assert allowed_transitions(terminal) == []


def test_unknown_values_and_same_state() -> None:
    assert refused("nowhere", "analysis", "relationship_manager").code == "unknown_state"
    assert refused("request", "nowhere", "relationship_manager").code == "unknown_state"
    err = refused("request", "analysis", "notary")
    assert err.code == "unknown_role" and "relationship_manager" in err.reason
    assert refused("offer", "offer", "relationship_manager").code == "same_state"


def test_allowed_transitions_by_role() -> None:
    developer = {t.target for t in allowed_transitions("offer", Actor.DEVELOPER)}
    assert developer == {State.ABANDONED}
    rm = {t.target for t in allowed_transitions("offer", "relationship_manager")}
    assert rm == {State.DOCUMENTATION, State.ABANDONED}
    assert get_transition("request", "closed") is None


def test_transition_table_is_consistent() -> None:
    edges = [(t.source, t.target) for t in TRANSITIONS]
    assert len(edges) == len(set(edges))
    for t in TRANSITIONS:
        assert t.source not in TERMINAL
        assert t.actors
    reachable = {State.REQUEST}
    frontier = [State.REQUEST]
    while frontier:
        s = frontier.pop()
        for t in allowed_transitions(s):
            if t.target not in reachable:
                reachable.add(t.target)
                frontier.append(t.target)
    assert reachable == set(State)
    assert set(STATE_LABELS) == set(State)
    assert stage_index("committee") == 2
    with pytest.raises(ValueError):
        stage_index("declined")
