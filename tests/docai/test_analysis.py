"""Document AI in the data room: the worker's analysis of each upload, and the review queue."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ilot.audit.models import Event
from ilot.core import rls
from ilot.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from ilot.docai.models import AnalysisStatus, DocumentAnalysis
from ilot.docai.pipeline import DocumentResult
from ilot.docai.selectors import review_queue
from ilot.docai.services import analysis_enqueue, analysis_review, analysis_run
from ilot.documents import services as documents
from ilot.documents.models import Document
from tests.documents.dataroom import storage  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage")]

INVOICE_LINES = [
    "FACTURE N° FA-2026-0042",
    "Date de facture : 14/11/2026",
    "Fournisseur : Bâtir Ouest SARL - SIREN 812 345 676 - TVA FR 40 812345676",
    "Client : SCCV Les Jardins de la Loire",
    "Désignation : lot gros oeuvre, situation de travaux n° 3",
    "Total HT : 120 000,00 EUR",
    "TVA 20 % : 24 000,00 EUR",
    "Total TTC : 144 000,00 EUR",
    "Conditions de paiement : 30 jours. IBAN FR76 3000 6000 0112 3456 7890 189",
]


def _invoice_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setFont("Helvetica", 11)
    for index, line in enumerate(INVOICE_LINES):
        pdf.drawString(60, 780 - 22 * index, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class FixedPipeline:
    """Test double behind the pipeline interface: a chosen prediction, no model."""

    def __init__(self, category: str, confidence: float, needs_review: bool) -> None:
        self.result = DocumentResult(
            path="",
            category=category,
            confidence=confidence,
            needs_review=needs_review,
            top=[(category, confidence), ("DEVIS", 0.2), ("AUTRE", 0.1)],
            pages=1,
            model_version="test-double",
        )
        self.calls = 0

    def run(self, path: Path | str) -> DocumentResult:
        assert Path(path).read_bytes().startswith(b"%PDF")
        self.calls += 1
        return self.result


def _upload(world: dict[str, Any], content: bytes, name: str = "facture.pdf") -> Document:
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(world["rm"].pk):
        [result] = documents.document_upload(
            actor=world["rm"], dossier_id=dossier.pk, fileobj=io.BytesIO(content), filename=name
        )
    with rls.as_system():
        document = Document.objects.select_related("current_version", "folder").get(
            pk=result.document_id
        )
        analysis_enqueue(version=document.current_version)
    return document


def _events(action: str) -> int:
    with rls.as_system():
        return Event.objects.filter(action=action).count()


def test_real_pipeline_files_an_invoice(world: dict[str, Any]) -> None:
    document = _upload(world, _invoice_pdf())
    analysis = analysis_run(document.current_version_id)
    assert analysis is not None and analysis.status == AnalysisStatus.DONE, (
        analysis and analysis.error
    )
    assert analysis.category == "FACTURE"
    assert analysis.model_version and analysis.pages == 1 and analysis.ocr_pages == 0
    assert len(analysis.top) >= 3
    with rls.as_system():
        document = Document.objects.select_related("folder").get(pk=document.pk)
    assert document.category == "FACTURE" and document.category_confidence == analysis.confidence
    if not analysis.needs_review:
        assert document.folder.code == "10_TIRAGES"
    assert _events("docai.analysed") == 1
    # Idempotent: the worker running the same task again does nothing.
    assert analysis_run(document.current_version_id) is None


def test_unsure_prediction_waits_in_review_and_correction_is_audited(world: dict[str, Any]) -> None:
    document = _upload(world, _invoice_pdf(), "scan.pdf")
    fake = FixedPipeline("DEVIS", 0.41, needs_review=True)
    analysis = analysis_run(document.current_version_id, pipeline=fake)
    assert analysis is not None and fake.calls == 1
    with rls.as_system():
        document = Document.objects.select_related("folder").get(pk=document.pk)
    assert document.folder.code == "99_DIVERS"  # unsure: not filed automatically
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(world["rm"].pk):
        assert [a.pk for a in review_queue(actor=world["rm"], dossier_id=dossier.pk)] == [
            analysis.pk
        ]
        with pytest.raises(ValidationFailed):
            analysis_review(
                actor=world["rm"], dossier_id=dossier.pk, analysis_id=analysis.pk, category="NOPE"
            )
    with rls.acting_as(world["alpha"].pk), pytest.raises(PermissionDenied):
        analysis_review(
            actor=world["alpha"], dossier_id=dossier.pk, analysis_id=analysis.pk, category="FACTURE"
        )
    with rls.acting_as(world["beta"].pk), pytest.raises(NotFound):
        analysis_review(
            actor=world["beta"], dossier_id=dossier.pk, analysis_id=analysis.pk, category="FACTURE"
        )
    with rls.acting_as(world["rm"].pk):
        reviewed = analysis_review(
            actor=world["rm"], dossier_id=dossier.pk, analysis_id=analysis.pk, category="FACTURE"
        )
        assert (
            reviewed.was_corrected
            and not review_queue(actor=world["rm"], dossier_id=dossier.pk).exists()
        )
    with rls.as_system():
        document = Document.objects.select_related("folder").get(pk=document.pk)
    assert document.category == "FACTURE" and document.folder.code == "10_TIRAGES"
    assert _events("docai.review_corrected") == 1


class BrokenPipeline:
    def run(self, path: Path | str) -> DocumentResult:
        raise RuntimeError("engine crashed")


def test_engine_failure_is_recorded_and_the_worker_goes_on(world: dict[str, Any]) -> None:
    document = _upload(world, _invoice_pdf(), "broken.pdf")
    analysis = analysis_run(document.current_version_id, pipeline=BrokenPipeline())
    assert analysis is not None
    with rls.as_system():
        analysis = DocumentAnalysis.objects.get(pk=analysis.pk)
    assert analysis.status == AnalysisStatus.FAILED and "engine crashed" in analysis.error
    assert _events("docai.failed") == 1
    # A later attempt (after a fix, or the stuck-job sweep) can still succeed.
    assert analysis_run(document.current_version_id, pipeline=FixedPipeline("FACTURE", 0.99, False))


def test_review_page(world: dict[str, Any], client_for: Any) -> None:
    document = _upload(world, _invoice_pdf())
    analysis = analysis_run(document.current_version_id, pipeline=FixedPipeline("DEVIS", 0.3, True))
    assert analysis is not None
    dossier = world["alpha_dossiers"][0]
    page = client_for(world["rm"]).get(f"/dossiers/{dossier.pk}/review/")
    assert page.status_code == 200 and "facture.pdf" in page.content.decode()
    decided = client_for(world["rm"]).post(
        f"/dossiers/{dossier.pk}/review/{analysis.pk}/", {"category": "DEVIS"}
    )
    assert decided.status_code == 302
    assert _events("docai.review_confirmed") == 1
    assert client_for(world["beta"]).get(f"/dossiers/{dossier.pk}/review/").status_code == 404


def test_sure_classification_ticks_the_checklist(world: dict[str, Any]) -> None:
    from ilot.dossiers.services import DossierInput, dossier_create
    from ilot.tenancy.models import Organisation
    from ilot.workflows.models import ChecklistItem, ItemStatus

    rm = world["rm"]
    with rls.acting_as(rm.pk):
        dossier = dossier_create(
            actor=rm,
            data=DossierInput(
                name="Le Clos",
                client_id=Organisation.objects.get(name="Alpha Promotion").pk,
                sccv_name="SCCV Le Clos",
                sccv_siren="812345676",
                address="1 rue",
                lots=4,
                relationship_manager_id=rm.pk,
            ),
        )
        [result] = documents.document_upload(
            actor=rm,
            dossier_id=dossier.pk,
            fileobj=io.BytesIO(_invoice_pdf()),
            filename="statuts.pdf",
        )
    with rls.as_system():
        version = Document.objects.get(pk=result.document_id).current_version
        analysis_enqueue(version=version)
    analysis_run(version.pk, pipeline=FixedPipeline("STATUTS", 0.999, needs_review=False))
    with rls.as_system():
        item = ChecklistItem.objects.get(dossier=dossier, code="statuts_sccv")
    assert item.status == ItemStatus.RECEIVED and item.document_id == result.document_id
