"""Key-field extraction: validators, French/English formats, Factur-X truth, real-dev scoring."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ilot.docai import samples
from ilot.docai.evaluation import field_values, ground_truth, score_fields
from ilot.docai.extraction import extract
from ilot.docai.fields import (
    extract_fields,
    find_dates,
    fr_vat_ok,
    iban_ok,
    parse_amount,
    siren_ok,
    siret_ok,
    text_fields,
)

REAL_DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real-dev"
needs_real_dev = pytest.mark.skipif(not REAL_DEV.is_dir(), reason="real-dev corpus not present")


def test_validators_accept_real_numbers_and_reject_typos() -> None:
    # Identifiers printed on real invoices of real-dev (Free, Netpresse) and the ECBS IBAN example.
    assert siren_ok("421938861") and not siren_ok("421938862")
    assert siret_ok("53084813400017") and not siret_ok("53084813400018")
    assert fr_vat_ok("FR60421938861") and not fr_vat_ok("FR61421938861")
    assert iban_ok("FR76 3000 6000 0112 3456 7890 189") and not iban_ok(
        "FR7630006000011234567890188"
    )
    assert iban_ok("GB82WEST12345698765432")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1 234,56", "1234.56"),
        ("1\u202f234,56 €", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("4.11", "4.11"),
        ("12 500", "12500.00"),
        ("-8,79", "-8.79"),
        ("3.441.812", "3441812.00"),
    ],
)
def test_amounts_in_french_and_english_formats(raw: str, value: str) -> None:
    assert parse_amount(raw) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 28/11/2022", date(2022, 11, 28)),
        ("Invoice Date: 2018-09-25", date(2018, 9, 25)),
        ("Invoice Date: August 3 , 2014", date(2014, 8, 3)),
        ("du 02 Juillet 2015", date(2015, 7, 2)),
        ("fait le 1er mars 2024", date(2024, 3, 1)),
        ("7. Mai 2014", date(2014, 5, 7)),
        ("03/20/2023", date(2023, 3, 20)),  # month-first only because day-first is impossible
        ("03.04.15", date(2015, 4, 3)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert find_dates(text)[0][1] == expected


FRENCH_INVOICE = [
    [
        "SARL BATIMENTS DU RHONE",
        "SIRET : 530 848 134 00017 - TVA intracommunautaire FR60421938861",
        "FACTURE N° F2024-0117",
        "Date de facture : 12/03/2024",
        "Travaux de gros oeuvre - situation n° 3",
    ],
    [
        "Total HT : 12 500,00 €",
        "TVA 20 % : 2 500,00 €",
        "Total TTC : 15 000,00 €",
        "IBAN : FR76 3000 6000 0112 3456 7890 189   BIC : AGRIFRPP",
    ],
]


def _pages(pages: list[list[str]]) -> list[str]:
    return ["\n".join(lines) for lines in pages]


def test_french_invoice_fields_with_pages() -> None:
    f = text_fields(_pages(FRENCH_INVOICE))
    assert f["invoice_number"]["value"] == "F2024-0117" and f["invoice_number"]["page"] == 1
    assert f["date"]["value"] == "2024-03-12"
    assert (f["total_ht"]["value"], f["total_tva"]["value"], f["total_ttc"]["value"]) == (
        "12500.00",
        "2500.00",
        "15000.00",
    )
    assert f["total_ttc"]["page"] == 2
    assert f["siret"]["value"] == "53084813400017" and f["siren"]["value"] == "530848134"
    assert f["vat_number"]["value"] == "FR60421938861"
    assert f["iban"]["value"] == "FR7630006000011234567890189"
    assert f["bic"]["value"] == "AGRIFRPP"
    assert f["company_name"]["value"].startswith("SARL")
    assert all(0 < v["confidence"] <= 1 for v in f.values())


def test_invalid_identifiers_are_not_reported() -> None:
    f = text_fields(
        _pages([["SIRET : 530 848 134 00018", "IBAN FR76 3000 6000 0112 3456 7890 188"]])
    )
    assert "siret" not in f and "iban" not in f


def test_english_invoice_fields() -> None:
    f = text_fields(
        _pages(
            [
                [
                    "INVOICE",
                    "Invoice Number: 14",
                    "Invoice Date: 2018-09-25",
                    "Subtotal: $2,145.00",
                    "Tax 8%: $193.20",
                    "Total: $2,608.20",
                ]
            ]
        )
    )
    assert f["invoice_number"]["value"] == "14"
    assert f["date"]["value"] == "2018-09-25"
    assert f["total_ht"]["value"] == "2145.00"
    assert f["total_tva"]["value"] == "193.20"
    assert f["total_ttc"]["value"] == "2608.20"


def test_construction_fields() -> None:
    pages = [
        [
            "ATTESTATION D'ASSURANCE DOMMAGES-OUVRAGE",
            "Assureur : SMABTP - Police n° DO-2024-55871",
            "Arrêté de permis de construire PC 069 123 23 V0042",
            "Attestation valable jusqu'au 31/12/2025",
            "Garantie financière d'achèvement d'un montant de 4 250 000,00 €",
        ]
    ]
    f = text_fields(_pages(pages))
    assert f["policy_number"]["value"] == "DO-2024-55871"
    assert f["insurer"]["value"] == "SMABTP"
    assert f["permit_number"]["value"] == "PC 069 123 23 V0042"
    assert f["expiry_date"]["value"] == "2025-12-31"
    assert f["guarantee_amount"]["value"] == "4250000.00"


def test_fields_through_extraction(tmp_path: Path) -> None:
    doc = extract(samples.write(tmp_path / "f.pdf", samples.text_pdf(FRENCH_INVOICE)))
    assert field_values(extract_fields(doc))["total_ttc"] == "15000.00"


@needs_real_dev
def test_facturx_xml_is_the_truth_for_invoice_fields() -> None:
    path = REAL_DEV / "files" / "oca-edi__Facture_FR_EN16931.pdf"
    fields = extract_fields(extract(path))
    assert fields["facturx"]["value"] is True
    assert fields["total_ttc"]["source"] == "facturx"
    truth = ground_truth(path)  # read from the .expected.xml file beside the PDF
    assert truth and score_fields([(path.name, truth, field_values(fields))])["exact"] == 1.0


@needs_real_dev
@pytest.mark.parametrize(
    "name",
    [
        "invoice2data__NetpresseInvoice.pdf",
        "invoice2data__free_fiber.pdf",
        "invoice2data__coolblue1.pdf",
        "invoice2data__AzureInterior.pdf",
    ],
)
def test_real_dev_invoices_from_text(name: str) -> None:
    path = REAL_DEV / "files" / name
    truth = ground_truth(path)
    assert truth == {k: v for k, v in truth.items()}  # ground truth parsed
    expected = json.loads(path.with_name(name + ".expected.json").read_text())[0]
    assert "invoice_number" in truth and truth["invoice_number"] == expected["invoice_number"]
    score = score_fields([(name, truth, field_values(extract_fields(extract(path))))])
    assert score["exact"] == 1.0, score["misses"]
