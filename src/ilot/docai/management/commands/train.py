"""``ilot train --corpus DIR [--corpus DIR ...] [--seed S] [--out DIR]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # no database or app checks needed
    help = "Train the document classifier and write a versioned model artefact with its card."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", type=Path, action="append", required=True)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--out", type=Path, help="artefact directory (default var/models/<v>)")
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace a model already in --out (never one registered under the models root)",
        )
        parser.add_argument("--no-baseline", action="store_true", help="skip paperless baseline")

    def handle(self, *args: Any, **options: Any) -> None:
        from ilot.docai.lifecycle import models_root
        from ilot.docai.training import train

        for corpus in options["corpus"]:
            if not (corpus / "labels.tsv").is_file():
                raise CommandError(f"{corpus}/labels.tsv not found")
        try:
            out, meta = train(
                options["corpus"],
                seed=options["seed"],
                out=options.get("out"),
                folds=options["folds"],
                baseline=not options["no_baseline"],
                overwrite=options["overwrite"],
                protected=models_root(),
                log=lambda m: self.stderr.write(m),
            )
        except FileExistsError as exc:
            raise CommandError(str(exc)) from exc
        val = meta["validation"]
        self.stdout.write(f"model {meta['version']} written to {out}")
        self.stdout.write(
            f"threshold {meta['threshold']:.3f}, temperature {meta['temperature']:.3f}"
        )
        for name, block in val["subsets"].items():
            self.stdout.write(
                f"out-of-fold {name:<9} n={block['n']:<5} accuracy {block['accuracy']:.4f} "
                f"macro-F1 {block['macro_f1']:.4f} coverage {block['coverage']:.4f} "
                f"auto-precision {block['auto_precision']:.4f} ECE {block['ece']:.4f}"
            )
        for name, block in val.get("paperless_baseline", {}).items():
            self.stdout.write(
                f"paperless-ngx baseline {name:<9} accuracy {block['accuracy']:.4f} "
                f"macro-F1 {block['macro_f1']:.4f}"
            )
