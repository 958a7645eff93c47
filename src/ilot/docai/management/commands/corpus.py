"""``ilot corpus generate --out DIR --per-class N --seed S [--force] [--workers W]``.

Thin wrapper around `ilot.docai.corpus.generate_corpus`: validates the arguments, refuses
to overwrite a non-empty directory unless --force, and reports what was written.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # generation needs no database
    help = "Synthetic training corpus: `corpus generate --out DIR --per-class N --seed S`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="generate documents of every category and labels.tsv")
        gen.add_argument("--out", type=Path, required=True, help="output directory")
        gen.add_argument(
            "--per-class", type=int, required=True, help="documents per category (>= 1)"
        )
        gen.add_argument("--seed", type=int, default=0, help="random seed (same seed, same corpus)")
        gen.add_argument("--force", action="store_true", help="write into a non-empty directory")
        gen.add_argument(
            "--workers", type=int, default=None, help="worker processes (default: CPUs)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "generate":  # pragma: no cover - argparse enforces choices
            raise CommandError(f"unknown action {options['action']}")
        out: Path = options["out"]
        per_class: int = options["per_class"]
        if per_class < 1:
            raise CommandError("--per-class must be at least 1")
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        check_out_dir(out, force=options["force"])
        from ilot.docai.corpus import generate_corpus

        t0 = time.monotonic()
        try:
            labels = generate_corpus(
                out, per_class=per_class, seed=options["seed"], workers=options["workers"]
            )
        except OSError as exc:
            raise CommandError(f"cannot write the corpus to {out}: {exc}") from exc
        n = sum(1 for _ in labels.open(encoding="utf-8")) - 1
        self.stdout.write(
            f"{n} documents written to {out} in {time.monotonic() - t0:.1f}s; labels: {labels}"
        )


def check_out_dir(out: Path, *, force: bool) -> None:
    """Raise CommandError unless `out` can receive a corpus."""
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise CommandError(f"{out} is not empty (use --force to write into it)")
    # Probe by creating for real: os.access is wrong for root and for special filesystems.
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".ilot-write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise CommandError(f"cannot write to {out}: {exc.strerror or exc}") from exc
