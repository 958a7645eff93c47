"""Model lifecycle and governance: registration, explicit activation, per-client models, the
corrections that train the next model, and the governance page's figures."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ilot.audit.models import Event
from ilot.core import rls
from ilot.core.exceptions import PermissionDenied, ValidationFailed
from ilot.docai import lifecycle
from ilot.docai.dataset import read_labels, sha256_file
from ilot.docai.governance import governance_report, jensen_shannon, population_stability
from ilot.docai.models import DocumentAnalysis, ModelVersion
from ilot.docai.models_registry import DEFAULT_MODEL_DIR
from ilot.docai.services import analysis_review, analysis_run
from tests.docai.test_analysis import FixedPipeline, _invoice_pdf, _upload
from tests.documents.dataroom import storage  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage")]


@pytest.fixture(autouse=True)
def models_dir(settings: Any, tmp_path: Path) -> Path:
    settings.ILOT_DOCAI_MODELS_DIR = tmp_path / "models"
    return settings.ILOT_DOCAI_MODELS_DIR


def _variant(tmp_path: Path, version: str) -> Path:
    """Another artefact: the committed model under a different version string."""
    target = tmp_path / version
    shutil.copytree(DEFAULT_MODEL_DIR, target)
    meta = json.loads((target / "metadata.json").read_text(encoding="utf-8"))
    meta["version"] = version
    (target / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    return target


def _events(action: str) -> int:
    with rls.as_system():
        return Event.objects.filter(action=action).count()


def test_installation_registers_and_activates_the_committed_model(models_dir: Path) -> None:
    committed = json.loads((DEFAULT_MODEL_DIR / "metadata.json").read_text())["version"]
    with rls.as_system():
        active = lifecycle.model_registry_sync()
        assert active is not None and active.version == committed and active.client is None
        assert active.activated_by is None and active.metadata["version"] == committed
        # The artefact is kept beside the data: it stays loadable after an upgrade.
        assert Path(active.directory) == models_dir / committed
        assert sha256_file(Path(active.directory) / "model.joblib") == sha256_file(
            DEFAULT_MODEL_DIR / "model.joblib"
        )
        assert "Model card" in active.card_markdown
        again = lifecycle.model_registry_sync()
        assert again is not None and again.pk == active.pk
        assert ModelVersion.objects.count() == 1
    assert _events("docai.model_registered") == 1 and _events("docai.model_activated") == 1


def test_only_an_administrator_activates_and_the_previous_version_steps_down(
    world: dict[str, Any], tmp_path: Path
) -> None:
    with rls.as_system():
        first = lifecycle.model_registry_sync()
        second = lifecycle.model_register(_variant(tmp_path, "docai-test-v2"))
        assert first is not None and not second.is_active
        for who in ("rm", "compliance", "alpha"):
            with pytest.raises(PermissionDenied):
                lifecycle.model_activate(actor=world[who], model_id=second.pk)
        lifecycle.model_activate(actor=world["admin"], model_id=second.pk)
        active = list(ModelVersion.objects.filter(is_active=True).values_list("version", flat=True))
        assert active == ["docai-test-v2"]
        second.refresh_from_db()
        assert second.activated_by == world["admin"]
        # An artefact that vanished from disk cannot be activated.
        shutil.rmtree(first.directory)
        with pytest.raises(ValidationFailed):
            lifecycle.model_activate(actor=world["admin"], model_id=first.pk)
        assert ModelVersion.objects.get(is_active=True).pk == second.pk
        event = Event.objects.filter(action="docai.model_activated").order_by("-seq").first()
    assert event is not None and event.data["previous"] == first.version
    # Bad artefact directories are refused with a clear error.
    (tmp_path / "empty").mkdir()
    with rls.as_system(), pytest.raises(ValidationFailed, match=r"model\.joblib"):
        lifecycle.model_register(tmp_path / "empty")


def test_a_client_model_classifies_only_that_clients_dossiers(
    world: dict[str, Any], tmp_path: Path
) -> None:
    alpha_dossier, beta_dossier = world["alpha_dossiers"][0], world["beta_dossiers"][0]
    with rls.as_system():
        shared = lifecycle.model_registry_sync()
        own = lifecycle.model_register(
            _variant(tmp_path, "docai-alpha-v1"), client_id=alpha_dossier.client_id
        )
        lifecycle.model_activate(actor=world["admin"], model_id=own.pk)
        assert shared is not None and ModelVersion.objects.filter(is_active=True).count() == 2
        assert lifecycle.model_for_dossier(alpha_dossier.pk).pk == own.pk  # type: ignore[union-attr]
        assert lifecycle.model_for_dossier(beta_dossier.pk).pk == shared.pk  # type: ignore[union-attr]
    # The worker uses the client's model and records the version that made the prediction.
    document = _upload(world, _invoice_pdf())
    analysis = analysis_run(document.current_version_id)
    assert analysis is not None and analysis.model_version == "docai-alpha-v1", analysis.error


def _reviewed(world: dict[str, Any], dossier: Any, user: Any, name: str, category: str) -> None:
    from ilot.documents import services as documents
    from ilot.documents.models import Document

    with rls.acting_as(user.pk):
        [result] = documents.document_upload(
            actor=user,
            dossier_id=dossier.pk,
            fileobj=io.BytesIO(_invoice_pdf() + name.encode()),
            filename=name,
        )
    with rls.as_system():
        version_id = Document.objects.get(pk=result.document_id).current_version_id
        from ilot.docai.services import analysis_enqueue
        from ilot.documents.models import DocumentVersion

        analysis_enqueue(version=DocumentVersion.objects.get(pk=version_id))
    analysis = analysis_run(version_id, pipeline=FixedPipeline("DEVIS", 0.4, needs_review=True))
    assert analysis is not None
    with rls.acting_as(user.pk):
        analysis_review(
            actor=user, dossier_id=dossier.pk, analysis_id=analysis.pk, category=category
        )


def test_corrections_stay_with_their_client_unless_the_bank_pools_them(
    world: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    alpha_dossier, beta_dossier = world["alpha_dossiers"][0], world["beta_dossiers"][0]
    _reviewed(world, alpha_dossier, world["rm"], "a1.pdf", "FACTURE")
    _reviewed(world, alpha_dossier, world["rm"], "a2.pdf", "DEVIS")
    _reviewed(world, beta_dossier, world["analyst"], "b1.pdf", "FACTURE")
    out = tmp_path / "alpha"
    assert lifecycle.corrections_export(out=out, client_id=alpha_dossier.client_id) == 2
    rows = read_labels(out)
    assert sorted(r["category"] for r in rows) == ["DEVIS", "FACTURE"]
    assert {r["source_repo"] for r in rows} == {f"client-{alpha_dossier.client_id}"}
    assert {r["suggested"] for r in rows} == {"DEVIS"}
    with rls.as_system():
        shas = set(
            DocumentAnalysis.objects.filter(dossier__client_id=alpha_dossier.client_id).values_list(
                "version__sha256", flat=True
            )
        )
    assert {sha256_file(out / r["file"]) for r in rows} == shas
    with pytest.raises(PermissionDenied):
        lifecycle.corrections_export(out=tmp_path / "all", pooled=True)
    with pytest.raises(ValidationFailed):
        lifecycle.corrections_export(out=tmp_path / "none")
    settings.ILOT_DOCAI_POOL_CORRECTIONS = True
    assert lifecycle.corrections_export(out=tmp_path / "all", pooled=True) == 3
    assert _events("docai.corrections_exported") == 2


def test_governance_figures(world: dict[str, Any]) -> None:
    with rls.as_system():
        lifecycle.model_registry_sync()
    _reviewed(world, world["alpha_dossiers"][0], world["rm"], "a1.pdf", "FACTURE")  # corrected
    _reviewed(world, world["alpha_dossiers"][0], world["rm"], "a2.pdf", "DEVIS")  # confirmed
    document = _upload(world, _invoice_pdf(), "sure.pdf")
    analysis_run(document.current_version_id, pipeline=FixedPipeline("FACTURE", 0.995, False))
    with rls.as_system():
        DocumentAnalysis.objects.update(cpu_seconds=0.5)
    report = governance_report()
    assert report.predictions == 3 and report.needs_review == 2 and report.reviewed == 2
    assert report.corrected == 1 and report.correction_rate == 0.5
    assert report.review_rate == pytest.approx(2 / 3)
    assert report.cpu_per_document == pytest.approx(0.5) and report.pages == 3
    assert report.cpu_per_page == pytest.approx(0.5)
    assert report.recent_hist[4] == pytest.approx(2 / 3) and report.recent_hist[9] == pytest.approx(
        1 / 3
    )
    assert report.psi is not None and report.psi > 0.25
    assert report.drift_level == "too_few"  # three predictions are no evidence of drift
    report.predictions = 500
    assert report.drift_level == "shifted"
    assert report.category_js is not None and 0 < report.category_js <= 1
    assert [m.predictions for m in report.models] == [0]  # the test double is not a model
    client = world["alpha_dossiers"][0].client
    assert report.corrections == [
        {"client_id": client.pk, "client": client.name, "reviewed": 2, "corrected": 1}
    ]


def test_drift_measures() -> None:
    same = [0.1] * 10
    assert population_stability(same, same) == 0
    assert population_stability(same, [0.0] * 9 + [1.0]) > 1
    assert jensen_shannon({"A": 1.0}, {"A": 1.0}) == 0
    assert jensen_shannon({"A": 1.0}, {"B": 1.0}) == pytest.approx(1.0)


def test_governance_pages(world: dict[str, Any], client_for: Any, tmp_path: Path) -> None:
    with rls.as_system():
        lifecycle.model_registry_sync()
        other = lifecycle.model_register(_variant(tmp_path, "docai-page-v2"))
    admin = client_for(world["admin"])
    page = admin.get("/governance/models/")
    body = page.content.decode()
    assert (
        page.status_code == 200
        and "docai-page-v2" in body
        and 'data-testid="model-activate"' in body
    )
    for dossier in world["alpha_dossiers"] + world["beta_dossiers"]:
        assert dossier.name not in body and dossier.reference not in body
    compliance = client_for(world["compliance"])
    seen = compliance.get("/governance/models/").content.decode()
    assert "docai-page-v2" in seen and 'data-testid="model-activate"' not in seen
    compliance.post(f"/governance/models/{other.pk}/activate/")
    with rls.as_system():
        assert not ModelVersion.objects.get(pk=other.pk).is_active
    card = admin.get(f"/governance/models/{other.pk}/card/")
    assert card.status_code == 200 and "<h2>Validation" in card.content.decode()
    assert admin.post(f"/governance/models/{other.pk}/activate/").status_code == 302
    with rls.as_system():
        assert ModelVersion.objects.get(is_active=True).pk == other.pk
    for who in ("rm", "alpha", "notary"):
        client = client_for(world[who])
        assert client.get("/governance/models/").status_code == 404
        assert client.get(f"/governance/models/{other.pk}/card/").status_code == 404
        assert client.post(f"/governance/models/{other.pk}/activate/").status_code == 404
    assert admin.get("/governance/models/999999/card/").status_code == 404


def test_model_command(world: dict[str, Any], tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("model", "list", stdout=out)
    assert out.getvalue().startswith("*")
    call_command("model", "register", str(_variant(tmp_path, "docai-cli-v2")), stdout=out)
    with pytest.raises(CommandError, match="administrateur"):
        call_command("model", "activate", "docai-cli-v2", "--by", "rm@banque.example")
    call_command("model", "activate", "docai-cli-v2", "--by", "admin@banque.example", stdout=out)
    with rls.as_system():
        assert ModelVersion.objects.get(is_active=True).version == "docai-cli-v2"
    with pytest.raises(CommandError, match="ILOT_DOCAI_POOL_CORRECTIONS"):
        call_command("model", "export-corrections", "--pooled", "--out", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="no registered version"):
        call_command("model", "activate", "nope", "--by", "admin@banque.example")
