"""A document's analysis through the API, and running the pipeline again on a document."""

from __future__ import annotations

from typing import Any

import pytest

from ilot.audit.models import Event
from ilot.core import rls
from ilot.docai.models import AnalysisStatus, DocumentAnalysis
from ilot.docai.services import analysis_run
from tests.docai.test_analysis import BrokenPipeline, FixedPipeline, _invoice_pdf, _upload
from tests.documents.dataroom import storage  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage")]


def test_analysis_is_returned_inside_the_walls(world: dict[str, Any], client_for: Any) -> None:
    document = _upload(world, _invoice_pdf())
    url = f"/api/v1/documents/{document.pk}/analysis"
    pending = client_for(world["alpha"]).get(url)
    assert pending.status_code == 200 and pending.json()["status"] == "pending"
    analysis_run(document.current_version_id, pipeline=FixedPipeline("FACTURE", 0.97, False))
    body = client_for(world["alpha"]).get(url).json()
    assert body["status"] == "done" and body["category"] == "FACTURE"
    assert body["confidence"] == 0.97 and body["top"][0] == ["FACTURE", 0.97]
    assert body["model_version"] == "test-double" and body["error"] is None
    for outsider in ("beta", "analyst", "admin"):
        assert client_for(world[outsider]).get(url).status_code == 404
        assert client_for(world[outsider]).post(url).status_code == 404


def test_a_failed_document_can_be_analysed_again(world: dict[str, Any], client_for: Any) -> None:
    document = _upload(world, _invoice_pdf(), "broken.pdf")
    version_id = document.current_version_id
    for _attempt in range(3):  # the worker gives up after three attempts
        analysis_run(version_id, pipeline=BrokenPipeline())
    with rls.as_system():
        DocumentAnalysis.objects.filter(version_id=version_id).update(attempts=3)
    assert analysis_run(version_id, pipeline=FixedPipeline("FACTURE", 0.99, False)) is None
    url = f"/api/v1/documents/{document.pk}/analysis"
    # The developer sees the result but the bank's deal team decides to run it again.
    assert client_for(world["alpha"]).post(url).status_code == 403
    rerun = client_for(world["rm"]).post(url)
    assert rerun.status_code == 200 and rerun.json()["status"] == "pending"
    with rls.as_system():
        assert Event.objects.filter(action="docai.rerun_requested").count() == 1
    analysis = analysis_run(version_id, pipeline=FixedPipeline("FACTURE", 0.99, False))
    assert analysis is not None and analysis.status == AnalysisStatus.DONE
    # A run in progress is not restarted under the worker's feet.
    with rls.as_system():
        DocumentAnalysis.objects.filter(version_id=version_id).update(status="running")
    assert client_for(world["rm"]).post(url).status_code == 409


def test_rerun_from_the_data_room(world: dict[str, Any], client_for: Any) -> None:
    document = _upload(world, _invoice_pdf())
    analysis_run(document.current_version_id, pipeline=FixedPipeline("DEVIS", 0.5, True))
    dossier = world["alpha_dossiers"][0]
    url = f"/dossiers/{dossier.pk}/documents/{document.pk}/analyse/"
    assert client_for(world["beta"]).post(url).status_code == 404
    response = client_for(world["rm"]).post(url)
    assert response.status_code == 302 and response["Location"].endswith("/documents/")
    with rls.as_system():
        analysis = DocumentAnalysis.objects.get(version_id=document.current_version_id)
    assert analysis.status == AnalysisStatus.PENDING and analysis.attempts == 0
    assert client_for(world["rm"]).get(url).status_code == 405


def test_live_status_of_the_listed_documents(world: dict[str, Any], client_for: Any) -> None:
    pending = _upload(world, _invoice_pdf(), "pending.pdf")
    failed = _upload(world, _invoice_pdf() + b"%2", "failed.pdf")
    unsure = _upload(world, _invoice_pdf() + b"%3", "unsure.pdf")
    analysis_run(failed.current_version_id, pipeline=BrokenPipeline())
    analysis_run(unsure.current_version_id, pipeline=FixedPipeline("DEVIS", 0.5, True))
    dossier = world["alpha_dossiers"][0]
    ids = f"{pending.pk},{failed.pk},{unsure.pk},999999,x"
    url = f"/dossiers/{dossier.pk}/documents/analyses.json?ids={ids}"
    body = client_for(world["rm"]).get(url).json()
    assert body["summary"] == {"pending": 1, "running": 0, "done": 1, "failed": 1}
    docs = body["documents"]
    assert set(docs) == {str(pending.pk), str(failed.pk), str(unsure.pk)}
    assert (
        docs[str(failed.pk)]["status"] == "failed"
        and "engine crashed" in docs[str(failed.pk)]["error"]
    )
    assert docs[str(unsure.pk)]["needs_review"] and docs[str(unsure.pk)]["category"] == "DEVIS"
    assert body["can_rerun"] is True
    developer = client_for(world["alpha"]).get(url).json()
    assert developer["can_rerun"] is False and len(developer["documents"]) == 3
    assert client_for(world["beta"]).get(url).status_code == 404
