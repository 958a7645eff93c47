"""Factur-X / ZUGFeRD: the CII XML embedded in a PDF, read as the truth for invoice fields.

Business terms of EN 16931: BT-1 invoice number, BT-2 issue date, BT-31 seller VAT
identifier, BT-30 seller legal registration (SIREN, scheme 0002), BT-109 total without VAT,
BT-110 total VAT, BT-112 total with VAT. Paths use local-name() so that Factur-X 1.0 (D16B)
and ZUGFeRD 1.0 (CrossIndustryDocument) namespaces both match.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any


def _first(root: Any, path: str) -> str | None:
    found = root.xpath(path)
    for item in found:
        text = item if isinstance(item, str) else item.text
        if text and text.strip():
            return text.strip()
    return None


def _ln(*names: str) -> str:
    return "/".join(f"*[local-name()='{n}']" for n in names)


def parse_cii_xml(xml: bytes) -> dict[str, Any]:
    """Invoice fields from a Factur-X / ZUGFeRD (CII, D16B or ZUGFeRD 1.0) XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(xml, parser)
    doc = "//*[local-name()='ExchangedDocument' or local-name()='HeaderExchangedDocument']"
    seller = "//*[local-name()='SellerTradeParty']"
    out: dict[str, Any] = {
        "invoice_number": _first(root, f"{doc}/{_ln('ID')}"),
        "type_code": _first(root, f"{doc}/{_ln('TypeCode')}"),
        "supplier_name": _first(root, f"{seller}/{_ln('Name')}"),
        "supplier_vat": _first(
            root, f"{seller}/{_ln('SpecifiedTaxRegistration', 'ID')}[@schemeID='VA']"
        ),
        "total_ttc": _first(root, "//*[local-name()='GrandTotalAmount']"),
        "total_ht": _first(root, "//*[local-name()='TaxBasisTotalAmount']"),
        "total_tva": _first(root, "//*[local-name()='TaxTotalAmount']"),
        "due_payable": _first(root, "//*[local-name()='DuePayableAmount']"),
        "currency": _first(root, "//*[local-name()='InvoiceCurrencyCode']"),
        "iban": _first(root, "//*[local-name()='IBANID']"),
        "bic": _first(root, "//*[local-name()='BICID']"),
    }
    legal = root.xpath(f"{seller}/{_ln('SpecifiedLegalOrganization', 'ID')}")
    for node in legal:
        value = (node.text or "").strip().replace(" ", "")
        if node.get("schemeID") in (None, "0002") and len(value) == 9 and value.isdigit():
            out["supplier_siren"] = value
        elif node.get("schemeID") == "0009" and len(value) == 14:
            out["supplier_siret"] = value
            out.setdefault("supplier_siren", value[:9])
    for key, tag in (("date", "IssueDateTime"), ("due_date", "DueDateDateTime")):
        raw = _first(root, f"//*[local-name()='{tag}']/*[local-name()='DateTimeString']")
        if raw and re.fullmatch(r"\d{8}", raw):
            out[key] = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    return {k: v for k, v in out.items() if v not in (None, "")}


def facturx_xml(path: Path, max_bytes: int = 60_000_000) -> bytes | None:
    """The embedded Factur-X/ZUGFeRD XML, if any (the caller checked the PDF has attachments)."""
    import logging

    from facturx import get_xml_from_pdf

    if path.stat().st_size > max_bytes:
        return None
    logging.getLogger("factur-x").setLevel(logging.ERROR)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        _name, xml = get_xml_from_pdf(path.read_bytes(), check_xsd=False)
    except Exception:
        return None
    return xml or None
