"""``ilot eval --corpus DIR [--json OUT] [--model DIR]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # no database or app checks needed
    help = "Evaluate the active (or given) model on a labelled corpus."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", type=Path, required=True)
        parser.add_argument("--json", type=Path, dest="json_out", help="write the report here")
        parser.add_argument("--model", type=Path, help="model directory (default: active model)")
        parser.add_argument("--threshold", type=float)
        parser.add_argument(
            "--baseline-corpus",
            type=Path,
            action="append",
            default=None,
            help="train the paperless-ngx baseline on this corpus (default: the model's corpora "
            "that still exist, minus documents of the evaluated corpus)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from ilot.docai.evaluation import format_report
        from ilot.docai.models_registry import load_model
        from ilot.docai.training import evaluate

        corpus: Path = options["corpus"]
        if not (corpus / "labels.tsv").is_file():
            raise CommandError(f"{corpus}/labels.tsv not found")
        try:
            loaded = load_model(options.get("model"))
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        baseline = options.get("baseline_corpus")
        if baseline is None:
            baseline = [
                Path(c["path"])
                for c in loaded.metadata.get("corpora", [])
                if (Path(c["path"]) / "labels.tsv").is_file()
            ]
        report = evaluate(
            loaded.classifier,
            corpus,
            threshold=options.get("threshold"),
            baseline_corpora=baseline,
            log=lambda m: self.stderr.write(m),
        )
        report["model_version"] = loaded.version
        report["corpus"] = str(corpus)
        self.stdout.write(f"model {loaded.version}")
        self.stdout.write(format_report(str(corpus), report))
        base = report.get("paperless_baseline")
        if base:
            self.stdout.write(
                f"paperless-ngx baseline (trained on {base['documents']} documents): accuracy "
                f"{base['accuracy']:.4f} macro-F1 {base['macro_f1']:.4f}"
            )
        fields = report.get("fields")
        if fields:
            per = ", ".join(
                f"{k} {v['exact']}/{v['total']}" for k, v in fields["per_field"].items()
            )
            self.stdout.write(
                f"invoice fields exact: {fields['exact']:.4f} of {fields['values']} values ({per})"
            )
        if report["unreadable"]:
            self.stdout.write(f"unreadable: {len(report['unreadable'])}")
        if options.get("json_out"):
            out: Path = options["json_out"]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
            self.stdout.write(f"report written to {out}")
