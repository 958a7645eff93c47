"""Errors raised by the workflow engines (lifecycle, templates, deadlines, calendar).

Every error carries a stable machine ``code`` (used by the API's JSON error shape and by tests)
and a human ``message`` that says what was refused and why. The engines are pure: they raise
before anything is written, so a caller that catches a ``WorkflowError`` has changed nothing.

The base class is an :class:`ilot.core.exceptions.IlotError` (whose module imports nothing that
needs settings, so the engines still import without Django configured): the API and the views
map it onto the project's single error shape (``{"error": {"code", "message", "fields"}}``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ilot.core.exceptions import IlotError


class WorkflowError(IlotError):
    """Base of every expected workflow error: a stable ``code`` and a readable ``message``."""

    status = 400

    def __init__(
        self, code: str, message: str, *, fields: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        super().__init__(message, code=code, fields={k: list(v) for k, v in (fields or {}).items()})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class TransitionRefused(WorkflowError):
    """A lifecycle transition that is impossible, not allowed to this role, or guarded.

    ``reason`` is the readable explanation (same as ``message``); ``blocking_items`` lists the
    checklist items or conditions that prevent it, when that is the cause.
    """

    status = 409

    def __init__(self, code: str, reason: str, *, blocking_items: Sequence[str] = ()) -> None:
        super().__init__(code, reason)
        self.reason = reason
        self.blocking_items = tuple(blocking_items)


@dataclass(frozen=True)
class TemplateProblem:
    """One defect of a template: where (``path``), what (``code``) and a sentence."""

    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class TemplateInvalid(WorkflowError):
    """A checklist template that cannot be used; ``problems`` lists every defect found."""

    def __init__(self, problems: Sequence[TemplateProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(str(p) for p in self.problems) or "invalid template"
        fields: dict[str, list[str]] = {}
        for problem in self.problems:
            fields.setdefault(problem.path, []).append(problem.message)
        super().__init__("template_invalid", f"Invalid template: {summary}", fields=fields)


class DeadlineError(WorkflowError):
    """A deadline rule set that cannot be computed (unknown base, cycle, bad offset)."""


class LegalCheckFailed(WorkflowError):
    """A statutory constraint is not met (call for funds above the R261-14 cap, VEFA deed
    without GFA, ...)."""

    status = 409
