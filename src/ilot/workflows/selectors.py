"""Reads of the workflows app, always starting from the actor.

"My actions" and the portfolio are built from a fixed number of queries whatever the number of
dossiers: the actor's seats are read once, then one query per kind of row (checklist items,
tasks, deadlines) filters on the dossier ids of each seat. No per-dossier loop anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier, Participant
from ilot.tenancy.models import Membership, OrganisationKind, User
from ilot.workflows import calendar_fr, lifecycle
from ilot.workflows.access import ROLE_TO_PARTY
from ilot.workflows.ical import CalendarEvent
from ilot.workflows.models import (
    OPEN_ITEM_STATUSES,
    OPEN_TASK_STATUSES,
    SATISFIED_ITEM_STATUSES,
    ChecklistItem,
    Deadline,
    DossierFact,
    ItemStatus,
    Notification,
    NotificationPreference,
    Task,
)
from ilot.workflows.reminders import today_in_paris
from ilot.workflows.templates import Party

ACTION_KINDS = ("document", "condition", "validation", "task", "deadline")
MAX_ROWS_PER_KIND = 1000


def today() -> date:
    return today_in_paris(timezone.now())


# --- seats ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seats:
    """The dossiers where the actor sits, by party (two queries, whatever their number)."""

    by_party: dict[Party, frozenset[int]]

    @property
    def all(self) -> frozenset[int]:
        out: set[int] = set()
        for ids in self.by_party.values():
            out |= ids
        return frozenset(out)

    def of(self, party: Party) -> frozenset[int]:
        return self.by_party.get(party, frozenset())


def user_seats(user: User) -> Seats:
    by_party: dict[Party, set[int]] = defaultdict(set)
    if not user.is_authenticated or not user.is_active:
        return Seats({})
    for dossier_id, role in Participant.objects.filter(user=user, is_active=True).values_list(
        "dossier_id", "role"
    ):
        party = ROLE_TO_PARTY.get(role)
        if party is not None:
            by_party[party].add(dossier_id)
    # Members of the client organisation act as the developer on its dossiers.
    client_dossiers = Dossier.objects.filter(
        client__in=Membership.objects.filter(
            user=user, is_active=True, organisation__kind=OrganisationKind.DEVELOPER
        ).values("organisation_id")
    ).values_list("id", flat=True)
    by_party[Party.DEVELOPER].update(client_dossiers)
    return Seats({p: frozenset(ids) for p, ids in by_party.items()})


# --- my actions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    kind: str  # document | condition | validation | task | deadline
    id: int
    dossier_id: int
    dossier_reference: str
    dossier_name: str
    client_id: int
    client_name: str
    title: str
    title_en: str
    due_date: date | None
    status: str
    party: str
    url: str
    blocks: str = ""
    detail: str = ""

    @property
    def days_left(self) -> int | None:
        return None if self.due_date is None else (self.due_date - today()).days

    @property
    def overdue(self) -> bool:
        return self.due_date is not None and self.due_date < today()

    @property
    def non_business_day(self) -> str | None:
        return None if self.due_date is None else calendar_fr.describe_day(self.due_date)

    @property
    def urgency(self) -> str:
        days = self.days_left
        if days is None:
            return "none"
        if days < 0:
            return "overdue"
        if days <= 1:
            return "today"
        if days <= 7:
            return "week"
        return "later"

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.id}"


@dataclass(frozen=True)
class ActionFilters:
    dossier_id: int | None = None
    client_id: int | None = None
    kind: str = ""
    party: str = ""


_TERMINAL = [s.value for s in lifecycle.TERMINAL]

# (reference, name, client id, client name) of each live dossier, read once per call.
DossierInfo = dict[int, tuple[str, str, int, str]]


def _live_dossiers(seats: Seats, filters: ActionFilters) -> tuple[Seats, DossierInfo]:
    """One query for the dossiers of every seat: their labels, and which are still live.

    The kind queries then filter on plain id lists and join nothing, which keeps their plans
    simple (index on dossier and status) whatever the number of dossiers in the installation.
    """
    qs = Dossier.objects.filter(id__in=sorted(seats.all)).exclude(state__in=_TERMINAL)
    if filters.dossier_id:
        qs = qs.filter(id=filters.dossier_id)
    if filters.client_id:
        qs = qs.filter(client_id=filters.client_id)
    info: DossierInfo = {
        pk: (ref, name, cid, cname)
        for pk, ref, name, cid, cname in qs.values_list(
            "id", "reference", "name", "client_id", "client__name"
        )
    }
    live = frozenset(info)
    return Seats({p: ids & live for p, ids in seats.by_party.items()}), info


def _action(info: DossierInfo, dossier_id: int, **fields: Any) -> Action:
    ref, name, cid, cname = info[dossier_id]
    return Action(
        dossier_id=dossier_id,
        dossier_reference=ref,
        dossier_name=name,
        client_id=cid,
        client_name=cname,
        **fields,
    )


def _parties_by_dossier(seats: Seats) -> dict[int, frozenset[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for party, ids in seats.by_party.items():
        for dossier_id in ids:
            out[dossier_id].add(party.value)
    return {k: frozenset(v) for k, v in out.items()}


def _items(seats: Seats, user: User, filters: ActionFilters, info: DossierInfo) -> list[Action]:
    """Open items of the actor's dossiers that the actor's party must provide, plus, for the
    bank, those received and waiting for validation (never one the actor asked to lift: four
    eyes). One indexed read on (dossier, status); the party rules are applied here, which keeps
    the plan simple and the row-level-security check to the rows of those dossiers only."""
    parties = _parties_by_dossier(seats)
    want_validation = filters.kind in ("", "validation") and filters.party in ("", "bank")
    rows = (
        ChecklistItem.objects.filter(
            dossier_id__in=sorted(seats.all), status__in=OPEN_ITEM_STATUSES
        )
        .order_by("due_date", "pk")
        .values_list(
            "id",
            "dossier_id",
            "kind",
            "label_fr",
            "label_en",
            "due_date",
            "status",
            "responsible",
            "blocks",
            "rejection_reason",
            "requires_validation",
            "lift_requested_by_id",
        )
    )
    out: list[Action] = []
    for pk, did, kind, fr, en, due, status, resp, blocks, reason, needs_ok, lifter in rows:
        mine = parties.get(did, frozenset())
        if status == ItemStatus.RECEIVED:
            if not (want_validation and "bank" in mine and needs_ok and lifter != user.pk):
                continue
            kind, party = "validation", Party.BANK.value
        else:
            if resp not in mine or (filters.party and filters.party != resp):
                continue
            if filters.kind and filters.kind != kind:
                continue
            party = resp
        out.append(
            _action(
                info,
                did,
                kind=kind,
                id=pk,
                title=fr,
                title_en=en,
                due_date=due,
                status=status,
                party=party,
                url=f"/dossiers/{did}/checklist/#item-{pk}",
                blocks=blocks,
                detail=reason,
            )
        )
        if len(out) >= MAX_ROWS_PER_KIND:
            break
    return out


def _tasks(seats: Seats, user: User, filters: ActionFilters, info: DossierInfo) -> list[Action]:
    if filters.kind not in ("", "task"):
        return []
    parties = _parties_by_dossier(seats)
    rows = (
        Task.objects.filter(dossier_id__in=sorted(seats.all), status__in=OPEN_TASK_STATUSES)
        .order_by("due_date", "pk")
        .values_list(
            "id",
            "dossier_id",
            "title",
            "due_date",
            "status",
            "owner_party",
            "description",
            "owner_user_id",
        )
    )
    out: list[Action] = []
    for pk, did, title, due, status, party, description, owner in rows:
        if filters.party:
            if party != filters.party or party not in parties.get(did, frozenset()):
                continue
        elif owner != user.pk and not (party and party in parties.get(did, frozenset())):
            continue
        out.append(
            _action(
                info,
                did,
                kind="task",
                id=pk,
                title=title,
                title_en=title,
                due_date=due,
                status=status,
                party=party or "",
                url=f"/dossiers/{did}/tasks/#task-{pk}",
                detail=description,
            )
        )
        if len(out) >= MAX_ROWS_PER_KIND:
            break
    return out


def _deadlines(
    seats: Seats, filters: ActionFilters, info: DossierInfo, *, since: date
) -> list[Action]:
    if filters.kind not in ("", "deadline") or filters.party not in ("", Party.BANK.value):
        return []
    # Legal and contractual deadlines concern the bank's team and the developer.
    ids = seats.of(Party.BANK) | seats.of(Party.DEVELOPER)
    if not ids:
        return []
    rows = (
        Deadline.objects.filter(dossier_id__in=sorted(ids), due_date__gte=since)
        .order_by("due_date", "pk")
        .values_list("id", "dossier_id", "label_fr", "label_en", "due_date", "legal_ref")[
            :MAX_ROWS_PER_KIND
        ]
    )
    return [
        _action(
            info,
            did,
            kind="deadline",
            id=pk,
            title=fr,
            title_en=en,
            due_date=due,
            status="open",
            party="",
            url=f"/dossiers/{did}/checklist/#deadlines",
            detail=legal_ref,
        )
        for pk, did, fr, en, due, legal_ref in rows
    ]


def _sort_key(a: Action) -> tuple[int, date, str, int]:
    # Overdue first, then by due date (overdue ones are the earliest dates), undated last.
    return (1 if a.due_date is None else 0, a.due_date or date.max, a.kind, a.id)


def my_actions(*, actor: User, filters: ActionFilters | None = None) -> list[Action]:
    """Everything the actor must do across all their dossiers, most urgent first."""
    filters = filters or ActionFilters()
    seats = user_seats(actor)
    if not seats.all:
        return []
    seats, info = _live_dossiers(seats, filters)
    if not info:
        return []
    actions = [
        *_items(seats, actor, filters, info),
        *_tasks(seats, actor, filters, info),
        *_deadlines(seats, filters, info, since=today()),
    ]
    return sorted(actions, key=_sort_key)


def my_action_facets(actions: Iterable[Action]) -> dict[str, Any]:
    """Filter choices built from the actions themselves (no extra query)."""
    dossiers: dict[int, str] = {}
    clients: dict[int, str] = {}
    counts = {"overdue": 0, "week": 0, "today": 0}
    for a in actions:
        dossiers[a.dossier_id] = f"{a.dossier_reference} · {a.dossier_name}"
        clients[a.client_id] = a.client_name
        if a.urgency in counts:
            counts[a.urgency] += 1
    return {
        "dossiers": sorted(dossiers.items(), key=lambda kv: kv[1]),
        "clients": sorted(clients.items(), key=lambda kv: kv[1]),
        "counts": counts,
    }


# --- one dossier ----------------------------------------------------------------------------------


@dataclass
class StageGroup:
    stage: str
    label: str
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.status in SATISFIED_ITEM_STATUSES)


def dossier_checklist(*, actor: User, dossier_id: int) -> QuerySet[ChecklistItem]:
    dossier = dossier_for_actor(actor, dossier_id)
    return ChecklistItem.objects.filter(dossier=dossier).select_related(
        "received_by", "decided_by", "lift_requested_by"
    )


def checklist_by_stage(items: Iterable[ChecklistItem], lang: str = "fr") -> list[StageGroup]:
    groups: dict[str, StageGroup] = {}
    for stage in lifecycle.MAIN_PATH[1:]:
        fr, en = lifecycle.STATE_LABELS[stage]
        groups[stage.value] = StageGroup(stage.value, en if lang == "en" else fr)
    for item in items:
        groups[item.blocks].items.append(item)
    return [g for g in groups.values() if g.items]


def dossier_tasks(*, actor: User, dossier_id: int) -> QuerySet[Task]:
    dossier = dossier_for_actor(actor, dossier_id)
    return (
        Task.objects.filter(dossier=dossier)
        .select_related("owner_user", "created_by", "checklist_item")
        .prefetch_related("comments", "comments__author")
        .order_by("status", "due_date", "pk")
    )


def dossier_deadlines(*, actor: User, dossier_id: int) -> QuerySet[Deadline]:
    dossier = dossier_for_actor(actor, dossier_id)
    return Deadline.objects.filter(dossier=dossier).order_by("due_date", "code")


def dossier_facts(*, actor: User, dossier_id: int) -> QuerySet[DossierFact]:
    dossier = dossier_for_actor(actor, dossier_id)
    return DossierFact.objects.filter(dossier=dossier).order_by("code")


# --- timeline (server-rendered SVG) ---------------------------------------------------------------


@dataclass(frozen=True)
class TimelineMark:
    x: float
    y: float
    label: str
    date: date
    css: str  # done | open | overdue | deadline | milestone


@dataclass(frozen=True)
class TimelineBar:
    x: float
    y: float
    width: float
    label: str
    done: int
    total: int
    css: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    today_x: float | None
    ticks: list[tuple[float, str]]
    bars: list[TimelineBar]
    marks: list[TimelineMark]
    milestones: list[TimelineMark]


def dossier_timeline(
    *, dossier: Dossier, items: Iterable[ChecklistItem], deadline_rows: Iterable[Deadline]
) -> Timeline:
    """Geometry of the dossier timeline: one bar per stage (span of its items' due dates, with
    how many are satisfied), a diamond per computed deadline, the lifecycle milestones from the
    audit trail, and today's line. Pure arithmetic; the template draws it."""
    from ilot.audit.models import Event

    items = list(items)
    deadline_rows = list(deadline_rows)
    start = today_in_paris(dossier.created_at) if dossier.created_at else today()
    transitions = list(
        Event.objects.filter(dossier_id=dossier.pk, action="workflows.dossier_transition")
        .order_by("seq")
        .values_list("occurred_at", "data")
    )
    dates = [start, today()]
    dates += [i.due_date for i in items if i.due_date]
    dates += [d.due_date for d in deadline_rows]
    end = max(dates) + timedelta(days=7)
    begin = min(dates) - timedelta(days=3)
    span = max((end - begin).days, 1)
    width, left, right = 960, 190, 20
    plot = width - left - right

    def x_of(d: date) -> float:
        return round(left + plot * (d - begin).days / span, 1)

    bars: list[TimelineBar] = []
    y = 40
    groups = checklist_by_stage(items)
    for group in groups:
        due = [i.due_date for i in group.items if i.due_date]
        if due:
            x0, x1 = x_of(min(due)), x_of(max(due))
        else:
            x0 = x1 = float(left)  # undated: the template writes "dates à venir" instead
        overdue = any(
            i.due_date and i.due_date < today() and i.status in OPEN_ITEM_STATUSES
            for i in group.items
        )
        css = "done" if group.done == len(group.items) else ("overdue" if overdue else "open")
        if not due:
            css = "undated"
        bars.append(
            TimelineBar(x0, y, max(x1 - x0, 6.0), group.label, group.done, len(group.items), css)
        )
        y += 26
    marks = []
    for d in deadline_rows:
        css = "deadline-past" if d.due_date < today() else "deadline"
        marks.append(TimelineMark(x_of(d.due_date), y + 10, d.label_fr, d.due_date, css))
    if deadline_rows:
        y += 40
    milestones = [TimelineMark(x_of(start), 22, "Création", start, "milestone")]
    for occurred_at, data in transitions:
        when = today_in_paris(occurred_at)
        target = str((data or {}).get("to", ""))
        try:
            label = lifecycle.STATE_LABELS[lifecycle.State(target)][0]
        except ValueError:
            label = target
        milestones.append(TimelineMark(x_of(when), 22, label, when, "milestone"))
    ticks = []
    cursor = date(begin.year, begin.month, 1)
    step_months = 1 if span <= 200 else 2 if span <= 400 else 3
    months = [
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ]
    while cursor <= end:
        if cursor >= begin:
            ticks.append((x_of(cursor), f"{months[cursor.month - 1]} {cursor.year % 100:02d}"))
        month = cursor.month - 1 + step_months
        cursor = date(cursor.year + month // 12, month % 12 + 1, 1)
    return Timeline(
        width=width,
        height=max(y + 30, 120),
        today_x=x_of(today()),
        ticks=ticks,
        bars=bars,
        marks=marks,
        milestones=milestones,
    )


# --- portfolio ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Portfolio:
    dossier_count: int
    weeks: list[dict[str, Any]]  # {"start": date, "items": n, "tasks": n, "deadlines": n}
    overdue_total: int
    overdue_by_rm: list[dict[str, Any]]
    overdue_by_client: list[dict[str, Any]]
    blocked: list[dict[str, Any]]
    max_week: int
    chart: list[dict[str, Any]]


def portfolio(*, actor: User, weeks: int = 12) -> Portfolio:
    """The year-end view over the actor's deal-team dossiers: due dates per week, overdue per
    relationship manager and per client, dossiers blocked and why.

    Eight queries in all, whatever the number of dossiers: the seats, one read of the live
    dossiers (labels, state, lead, client), then grouped counts on id lists without joins.
    """
    seats = user_seats(actor)
    now = today()
    monday = now - timedelta(days=now.weekday())
    horizon = monday + timedelta(weeks=weeks)
    dossiers = {
        row[0]: row
        for row in Dossier.objects.filter(id__in=sorted(seats.of(Party.BANK)))
        .exclude(state__in=_TERMINAL)
        .values_list(
            "id",
            "state",
            "reference",
            "name",
            "client_id",
            "client__name",
            "relationship_manager_id",
            "relationship_manager__full_name",
            "relationship_manager__email",
        )
    }
    ids = sorted(dossiers)
    buckets: dict[date, dict[str, Any]] = {
        monday + timedelta(weeks=i): {
            "start": monday + timedelta(weeks=i),
            "items": 0,
            "tasks": 0,
            "deadlines": 0,
        }
        for i in range(weeks)
    }
    # One indexed read per kind (dossier, status), bucketed here: a few thousand small tuples
    # for a manager's portfolio, and the same plan on SQLite and PostgreSQL.
    item_rows = list(
        ChecklistItem.objects.filter(dossier_id__in=ids, status__in=OPEN_ITEM_STATUSES)
        .order_by("dossier_id", "due_date", "pk")
        .values_list("dossier_id", "due_date", "status", "blocks_rank", "label_fr")
    )
    task_rows = list(
        Task.objects.filter(dossier_id__in=ids, status__in=OPEN_TASK_STATUSES).values_list(
            "dossier_id", "due_date"
        )
    )
    deadline_rows = list(
        Deadline.objects.filter(dossier_id__in=ids).values_list("dossier_id", "due_date")
    )
    overdue_rm: dict[tuple[int, str], int] = defaultdict(int)
    overdue_client: dict[tuple[int, str], int] = defaultdict(int)
    kinds: list[tuple[str, Iterable[tuple[int, date | None]]]] = [
        ("items", ((r[0], r[1]) for r in item_rows)),
        ("tasks", task_rows),
        ("deadlines", deadline_rows),
    ]
    for key, pairs in kinds:
        for dossier_id, due in pairs:
            if due is None:
                continue
            if monday <= due < horizon:
                buckets[monday + timedelta(weeks=(due - monday).days // 7)][key] += 1
            if due < now and key != "deadlines":
                _pk, _s, _r, _n, cid, cname, rm_id, rm_name, rm_email = dossiers[dossier_id]
                overdue_rm[(rm_id, rm_name or rm_email)] += 1
                overdue_client[(cid, cname)] += 1
    blocked = _blocked_dossiers(dossiers, item_rows, now)
    week_list = list(buckets.values())
    for w in week_list:
        w["total"] = w["items"] + w["tasks"] + w["deadlines"]
        w["is_current"] = w["start"] == monday
    return Portfolio(
        dossier_count=len(ids),
        weeks=week_list,
        overdue_total=sum(overdue_rm.values()),
        overdue_by_rm=[
            {"id": k[0], "name": k[1], "count": n}
            for k, n in sorted(overdue_rm.items(), key=lambda kv: (-kv[1], kv[0][1]))
        ],
        overdue_by_client=[
            {"id": k[0], "name": k[1], "count": n}
            for k, n in sorted(overdue_client.items(), key=lambda kv: (-kv[1], kv[0][1]))
        ],
        blocked=blocked,
        max_week=max([w["total"] for w in week_list] + [1]),
        chart=_week_chart(week_list),
    )


def _week_chart(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bar geometry for the weekly chart (SVG units: 700 wide, bars up to 150 high)."""
    top = max([w["total"] for w in weeks] + [1])
    slot = 700 / max(len(weeks), 1)
    out = []
    for i, w in enumerate(weeks):
        height = round(150 * w["total"] / top, 1)
        x = round(10 + i * slot + slot * 0.15, 1)
        out.append(
            {
                **w,
                "x": x,
                "width": round(slot * 0.7, 1),
                "height": height,
                "y": round(185 - height, 1),
                "mid": round(x + slot * 0.35, 1),
                "label_y": round(180 - height, 1),
            }
        )
    return out


def _blocked_dossiers(
    dossiers: dict[int, tuple[Any, ...]],
    item_rows: Iterable[tuple[int, date | None, str, int, str]],
    now: date,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Dossiers whose next lifecycle stage is blocked by an item that is overdue or rejected."""
    ranks = {s.value: i for i, s in enumerate(lifecycle.MAIN_PATH)}
    rows = (
        (dossier_id, label, due, status, blocks_rank)
        for dossier_id, due, status, blocks_rank, label in item_rows
        if status == ItemStatus.REJECTED or (due is not None and due < now)
    )
    out: dict[int, dict[str, Any]] = {}
    for dossier_id, label, due, status, blocks_rank in rows:
        _pk, state, ref, name, _cid, cname, _rm, rm_name, rm_email = dossiers[dossier_id]
        if state not in ranks or blocks_rank > ranks[state] + 1:
            continue  # blocks a later stage: not what stops the dossier now
        if dossier_id not in out and len(out) >= limit:
            continue
        entry = out.setdefault(
            dossier_id,
            {
                "id": dossier_id,
                "reference": ref,
                "name": name,
                "state": state,
                "client": cname,
                "rm": rm_name or rm_email,
                "reasons": [],
                "count": 0,
            },
        )
        entry["count"] += 1
        if len(entry["reasons"]) < 3:
            entry["reasons"].append({"label": label, "due_date": due, "status": status})
    return sorted(out.values(), key=lambda e: (-e["count"], e["reference"]))


# --- notifications, preferences, calendar ---------------------------------------------------------


def my_notifications(*, actor: User, limit: int = 50) -> list[Notification]:
    return list(
        Notification.objects.filter(user=actor)
        .select_related("dossier")
        .order_by("-created_at")[:limit]
    )


def unread_count(*, actor: User) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).count()


def my_preferences(*, actor: User) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=actor).first() or NotificationPreference(
        user=actor
    )


def calendar_events(*, actor: User, base_url: str) -> list[CalendarEvent]:
    """The actor's dated actions as all-day events (the feed of the secret calendar URL)."""
    events = []
    host = base_url.split("//", 1)[-1].split("/", 1)[0] or "ilot"
    for a in my_actions(actor=actor):
        if a.due_date is None:
            continue
        events.append(
            CalendarEvent(
                uid=f"{a.uid}@{host}",
                start=a.due_date,
                summary=f"[{a.dossier_reference}] {a.title}",
                description=f"{a.dossier_name} · {a.client_name}",
                url=base_url.rstrip("/") + a.url,
                categories=(a.kind,),
            )
        )
    return events
