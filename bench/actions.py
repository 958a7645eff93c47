"""Workflows benchmark: "my actions", the portfolio and one reminder run at year-end volume.

    .venv/bin/python bench/actions.py [--scale 1.0] [--repeat 30] [--out var/bench/actions.json]
                                      [--backends sqlite,postgres]

Builds its own data: 10,000 dossiers, 300,000 checklist items and 100,000 tasks (times
``--scale``), with one relationship manager on 200 dossiers (the user measured). Each backend
runs in its own process on a fresh database: SQLite in ``var/bench/``, and PostgreSQL when one
is reachable (``ILOT_TEST_DATABASE_URL``, default ``postgresql://postgres@127.0.0.1:5432/
postgres``), queried as the application role *under row-level security*, exactly as in
production. Prints a table and writes JSON.

Targets (issue 5): p95 of "my actions" < 150 ms; one reminder run < 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"

DOSSIERS = 10_000
ITEMS_PER_DOSSIER = 30
TASKS_PER_DOSSIER = 10
RM_DOSSIERS = 200
RMS = 50
CLIENTS = 50


def _setup(backend: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ilot.config.settings")
    os.environ["ILOT_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("ILOT_SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    if backend == "sqlite":
        path = ROOT / "var" / "bench" / "actions.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["ILOT_DATABASE_URL"] = f"sqlite:///{path}"
    else:
        os.environ["ILOT_TESTING"] = "1"
        os.environ["ILOT_TEST_DB"] = "postgres"
        os.environ.setdefault("ILOT_TEST_DATABASE_URL", DEFAULT_PG)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if backend == "postgres":
        from ilot.testing.postgres import create_database

        create_database(str(settings.DATABASES["default"]["NAME"]))
    call_command("migrate", verbosity=0, interactive=False)


def _generate(scale: float) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from ilot.core import rls
    from ilot.dossiers.models import Dossier, Participant, ParticipantRole
    from ilot.tenancy.models import Membership, Organisation, OrganisationKind, User
    from ilot.workflows.lifecycle import MAIN_PATH
    from ilot.workflows.models import ChecklistItem, Deadline, ItemStatus, Task
    from ilot.workflows.services import today

    rng = random.Random(2026)
    n_dossiers = max(int(DOSSIERS * scale), RM_DOSSIERS)
    started = time.perf_counter()
    bank = Organisation.objects.create(name="Banque Bench", kind=OrganisationKind.BANK)
    clients = Organisation.objects.bulk_create(
        [Organisation(name=f"Client {i}", kind=OrganisationKind.DEVELOPER) for i in range(CLIENTS)]
    )
    rms = User.objects.bulk_create(
        [User(email=f"rm{i}@bench.example", full_name=f"Chargé {i}") for i in range(RMS)]
    )
    devs = User.objects.bulk_create(
        [User(email=f"dev{i}@bench.example", full_name=f"Promoteur {i}") for i in range(CLIENTS)]
    )
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=bank) for u in rms]
        + [Membership(user=d, organisation=c) for d, c in zip(devs, clients, strict=True)]
    )
    day = today()
    now = timezone.now()
    states = [s.value for s in MAIN_PATH[:7]]
    with transaction.atomic(), rls.as_system():
        dossiers = []
        for i in range(n_dossiers):
            rm = rms[0] if i < RM_DOSSIERS else rms[1 + i % (RMS - 1)]
            client = clients[i % CLIENTS]
            dossiers.append(
                Dossier(
                    reference=f"B-{i:06d}",
                    name=f"Opération {i}",
                    client=client,
                    sccv_name=f"SCCV {i}",
                    sccv_siren="834567893",
                    address="1 rue du Banc",
                    lots=20,
                    relationship_manager=rm,
                    created_by=rm,
                    state=rng.choice(states),
                )
            )
        Dossier.objects.bulk_create(dossiers, batch_size=2000)
        ids = list(Dossier.objects.order_by("pk").values_list("pk", "relationship_manager_id"))
        participants = []
        for k, (pk, rm_id) in enumerate(ids):
            participants.append(
                Participant(
                    dossier_id=pk,
                    user_id=rm_id,
                    organisation=bank,
                    role=ParticipantRole.RELATIONSHIP_MANAGER,
                )
            )
            participants.append(
                Participant(
                    dossier_id=pk,
                    user_id=devs[k % CLIENTS].pk,
                    organisation=clients[k % CLIENTS],
                    role=ParticipantRole.DEVELOPER,
                )
            )
        Participant.objects.bulk_create(participants, batch_size=5000)
        statuses = [ItemStatus.EXPECTED] * 5 + [
            ItemStatus.RECEIVED,
            ItemStatus.VALIDATED,
            ItemStatus.VALIDATED,
            ItemStatus.REJECTED,
            ItemStatus.WAIVED,
        ]
        parties = ["developer"] * 6 + ["bank", "bank", "notary", "architect"]
        batch: list[Any] = []
        for pk, _rm in ids:
            for j in range(ITEMS_PER_DOSSIER):
                stage = MAIN_PATH[1 + j % 8]
                batch.append(
                    ChecklistItem(
                        dossier_id=pk,
                        code=f"item_{j}",
                        position=j,
                        kind="condition" if j % 7 == 0 else "document",
                        label_fr=f"Pièce {j}",
                        label_en=f"Item {j}",
                        categories=["KBIS"],
                        responsible=rng.choice(parties),
                        blocks=stage.value,
                        blocks_rank=MAIN_PATH.index(stage),
                        due_after="dossier_created",
                        due_date=day + timedelta(days=rng.randint(-30, 120)),
                        status=rng.choice(statuses),
                        created_at=now,
                        updated_at=now,
                    )
                )
            if len(batch) >= 20_000:
                ChecklistItem.objects.bulk_create(batch, batch_size=5000)
                batch = []
        ChecklistItem.objects.bulk_create(batch, batch_size=5000)
        batch = []
        for k, (pk, rm_id) in enumerate(ids):
            for j in range(TASKS_PER_DOSSIER):
                to_user = j % 3 == 0
                batch.append(
                    Task(
                        dossier_id=pk,
                        title=f"Tâche {j}",
                        owner_user_id=rm_id if to_user else None,
                        owner_party="" if to_user else rng.choice(parties),
                        due_date=day + timedelta(days=rng.randint(-20, 90)),
                        status=rng.choice(["open", "open", "in_progress", "done"]),
                    )
                )
            batch.append(
                Deadline(
                    dossier_id=pk,
                    code="offer_validity_end",
                    due_date=day + timedelta(days=k % 90),
                    nominal_date=day + timedelta(days=k % 90),
                    label_fr="Fin de validité de l'offre",
                    label_en="Offer validity end",
                )
            )
            if len(batch) >= 20_000:
                Task.objects.bulk_create([b for b in batch if isinstance(b, Task)], 5000)
                Deadline.objects.bulk_create([b for b in batch if isinstance(b, Deadline)], 5000)
                batch = []
        Task.objects.bulk_create([b for b in batch if isinstance(b, Task)], 5000)
        Deadline.objects.bulk_create([b for b in batch if isinstance(b, Deadline)], 5000)
    if connection.vendor == "postgresql":
        from django.db import connections

        with connections["owner"].cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    with rls.as_system():
        counts = {
            "dossiers": Dossier.objects.count(),
            "checklist_items": ChecklistItem.objects.count(),
            "tasks": Task.objects.count(),
            "deadlines": Deadline.objects.count(),
        }
    return {"counts": counts, "generate_s": round(time.perf_counter() - started, 1), "rm": rms[0]}


def _measure(fn: Any, repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    fn()  # warm-up
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
        "runs": repeat,
    }


def worker(backend: str, scale: float, repeat: int) -> dict[str, Any]:
    _setup(backend)
    from django.db import connection

    from ilot.core import rls
    from ilot.workflows import selectors, services

    data = _generate(scale)
    rm = data.pop("rm")
    results: dict[str, Any] = {"backend": backend, "vendor": connection.vendor, **data}
    with rls.acting_as(rm.pk):
        actions = selectors.my_actions(actor=rm)
        results["my_actions_rows"] = len(actions)
        results["rm_dossiers"] = len(selectors.user_seats(rm).all)
        results["my_actions"] = _measure(lambda: selectors.my_actions(actor=rm), repeat)
        results["portfolio"] = _measure(lambda: selectors.portfolio(actor=rm), max(5, repeat // 3))
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        run = services.reminders_run()
        elapsed = time.perf_counter() - start
    results["reminder_run"] = {
        "seconds": round(elapsed, 2),
        "queries": len(ctx.captured_queries),
        "reminders_sent": run.sent,
        "digests": run.digests,
    }
    start = time.perf_counter()
    second = services.reminders_run()
    results["reminder_rerun"] = {
        "seconds": round(time.perf_counter() - start, 2),
        "reminders_sent": second.sent,
    }
    if backend == "postgres":
        from django.conf import settings
        from django.db import connections

        from ilot.testing.postgres import drop_database

        for conn in connections.all():
            conn.close()
        drop_database(str(settings.DATABASES["default"]["NAME"]))
    return results


def _postgres_available() -> bool:
    url = os.environ.get("ILOT_TEST_DATABASE_URL", DEFAULT_PG)
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return True
    except Exception:
        return False


def _table(results: list[dict[str, Any]]) -> str:
    lines = [
        f"{'backend':<10} {'dossiers':>9} {'items':>8} {'tasks':>8} | "
        f"{'my actions med/p95 ms':>22} {'q':>3} | {'portfolio med/p95 ms':>21} {'q':>3} | "
        f"{'reminder run s':>14} {'sent':>7} {'q':>5}"
    ]
    for r in results:
        c, m, p, rr = r["counts"], r["my_actions"], r["portfolio"], r["reminder_run"]
        lines.append(
            f"{r['backend']:<10} {c['dossiers']:>9} {c['checklist_items']:>8} {c['tasks']:>8} | "
            f"{m['median_ms']:>10} / {m['p95_ms']:>9} {m['queries']:>3} | "
            f"{p['median_ms']:>9} / {p['p95_ms']:>9} {p['queries']:>3} | "
            f"{rr['seconds']:>14} {rr['reminders_sent']:>7} {rr['queries']:>5}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "actions.json"))
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args.worker, args.scale, args.repeat), default=str))
        return
    results = []
    notes = []
    for backend in args.backends.split(","):
        if backend == "postgres" and not _postgres_available():
            notes.append("postgres: no server reachable, skipped")
            continue
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                backend,
                "--scale",
                str(args.scale),
                "--repeat",
                str(args.repeat),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
        if proc.returncode != 0 or line is None:
            print(proc.stdout[-2000:], proc.stderr[-4000:], file=sys.stderr)
            notes.append(f"{backend}: failed (exit {proc.returncode})")
            continue
        results.append(json.loads(line[len("RESULT ") :]))
    print(_table(results))
    for r in results:
        rerun = r["reminder_rerun"]
        print(
            f"{r['backend']}: rm on {r['rm_dossiers']} dossiers, {r['my_actions_rows']} actions; "
            f"data generated in {r['generate_s']} s; "
            f"rerun sent {rerun['reminders_sent']} in {rerun['seconds']} s"
        )
    for note in notes:
        print(note)
    targets = {"my_actions_p95_ms": 150, "reminder_run_s": 60}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"scale": args.scale, "targets": targets, "results": results, "notes": notes},
            indent=2,
            default=str,
        )
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
