"""``ilot classify [--json] PATH...``: the whole document-AI pipeline on files, no database.

With ``--json`` each file gives one line with exactly the keys of ``pipeline.JSON_KEYS``
(plus ``error`` for an unreadable file, after which the command goes on).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def _expand(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file())
        else:
            out.append(path)
    return out


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # no database or app checks needed
    help = "Classify documents and extract their key fields (one JSON line per file with --json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument("--explain", action="store_true", help="add evidence and timings")
        parser.add_argument("--model", type=Path, help="model directory (default: active model)")
        parser.add_argument("--threshold", type=float, help="review threshold (default: model's)")

    def handle(self, *args: Any, **options: Any) -> None:
        from ilot.docai.models_registry import load_model
        from ilot.docai.pipeline import Pipeline

        try:
            loaded = load_model(options.get("model"))
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        pipeline = Pipeline.default(
            classifier=loaded.classifier,
            model_version=loaded.version,
            threshold=options.get("threshold"),
        )
        for path in _expand(options["paths"]):
            result = pipeline.run(path)
            if options["json"]:
                line = json.dumps(result.to_json(explain=options["explain"]), ensure_ascii=False)
                self.stdout.write(line)
            elif result.error:
                self.stdout.write(f"{path}\tERROR\t{result.error}")
            else:
                review = "needs review" if result.needs_review else "auto"
                alts = ", ".join(f"{c} {p:.2f}" for c, p in result.top[1:3])
                self.stdout.write(
                    f"{path}\t{result.category}\t{result.confidence:.3f}\t{review}\t"
                    f"pages={result.pages} ocr={result.ocr_pages} {result.seconds:.2f}s\t"
                    f"alternatives: {alts}"
                )
            self.stdout.flush()
