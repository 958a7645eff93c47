"""The Chinese-wall route sweep: every URL pattern is declared, and every dossier-scoped route is
indistinguishable from a missing dossier for anyone outside the wall."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ilot.config.route_scopes import AUTHENTICATED, DOSSIER, PUBLIC, ROUTE_SCOPES
from ilot.dossiers.views import TAB_CODES

pytestmark = pytest.mark.django_db

MISSING_ID = 987654


def all_routes() -> list[str]:
    """Every URL pattern of the project, as its full route string."""
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                found.append(route.replace("^", "").replace("$", ""))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_every_route_is_declared() -> None:
    routes = all_routes()
    undeclared = [route for route in routes if route not in ROUTE_SCOPES]
    assert not undeclared, f"Declare these routes in ilot/config/route_scopes.py: {undeclared}"
    stale = [route for route in ROUTE_SCOPES if route not in routes]
    assert not stale, f"Declared routes that no longer exist: {stale}"
    assert len(routes) >= 20


def _urls_for(
    route: str, dossier_id: int, user_id: int, ids: dict[str, Any] | None = None
) -> list[str]:
    path = "/" + route
    for key in ("<int:dossier_id>", "<dossier_id>"):
        path = path.replace(key, str(dossier_id))
    path = path.replace("<int:user_id>", str(user_id))
    for key, value in (ids or {}).items():  # other ids: a real object of the target dossier
        path = path.replace(key, str(value))
    if "<slug:tab>" in path:
        return [path.replace("<slug:tab>", tab) for tab in sorted(TAB_CODES - {"overview"})]
    assert "<" not in path, f"The sweep does not know how to fill {route}: teach it"
    return [path]


def _call(client: Client, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.post(
            url, '{"email": "x@y.example", "role": "notary"}', content_type="application/json"
        )
    return client.post(url, {"email": "x@y.example", "role": "notary"})


def _body(response: Any) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode(errors="replace")


def _secrets(world: dict[str, Any]) -> list[str]:
    """Strings that must never reach anyone outside Alpha's wall."""
    values = []
    for dossier in world["alpha_dossiers"]:
        values += [dossier.name, dossier.reference, dossier.sccv_name, dossier.sccv_siren]
    return values


def _outsiders(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "other client": world["beta"],
        "bank outside the deal team": world["analyst"],
        "platform admin": world["admin"],
        "compliance": world["compliance"],
    }


def _data_room_ids(
    world: dict[str, Any], target: Any, tmp_path: Any, settings: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A real document (a 1-page PDF) and a tus upload of the target dossier, made by its RM."""
    import io

    from ilot.core import rls
    from ilot.documents import services
    from tests.documents.dataroom import make_pdf

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "storage")},
        },
    }
    settings.ILOT_UPLOAD_DIR = str(tmp_path / "uploads")
    with rls.acting_as(world["rm"].pk):
        [result] = services.document_upload(
            actor=world["rm"],
            dossier_id=target.pk,
            fileobj=io.BytesIO(make_pdf(1, "sweep")),
            filename="sweep.pdf",
        )
        upload = services.upload_create(
            actor=world["rm"], length=10, metadata={"dossier": str(target.pk), "filename": "a.txt"}
        )
    document_keys = ("<int:document_id>", "<document_id>")
    ids: dict[str, Any] = dict.fromkeys(document_keys, result.document_id)
    missing: dict[str, Any] = dict.fromkeys(document_keys, MISSING_ID)
    ids["<str:upload_id>"], missing["<str:upload_id>"] = upload.pk, "0" * 32
    ids["<page>"] = missing["<page>"] = 1
    from ilot.docai.models import DocumentAnalysis
    from ilot.documents.models import Document

    with rls.acting_as(world["rm"].pk):
        version = Document.objects.get(pk=result.document_id).current_version
        analysis, _created = DocumentAnalysis.objects.get_or_create(
            version=version, defaults={"dossier": target, "document_id": result.document_id}
        )
    ids["<int:analysis_id>"], missing["<int:analysis_id>"] = analysis.pk, MISSING_ID
    return ids, missing


def test_dossier_routes_are_walled(
    world: dict[str, Any], client_for: Any, tmp_path: Any, settings: Any
) -> None:
    target = world["alpha_dossiers"][0]
    member_id = world["notary"].pk
    dossier_routes = [r for r, scope in ROUTE_SCOPES.items() if scope == DOSSIER]
    assert len(dossier_routes) >= 7
    secrets = _secrets(world)
    checked = 0
    insider = client_for(world["rm"])
    ids, missing_ids = _data_room_ids(world, target, tmp_path, settings)
    for route in dossier_routes:
        pairs = zip(
            _urls_for(route, target.pk, member_id, ids),
            _urls_for(route, MISSING_ID, member_id, missing_ids),
            strict=True,
        )
        for url, missing_url in pairs:
            # The sweep must be able to fail: the insider does reach the route.
            insider_status = insider.get(url).status_code
            assert insider_status in (200, 302, 405), (url, insider_status)
            for who, user in _outsiders(world).items():
                client = client_for(user)
                for method in ("GET", "POST"):
                    response = _call(client, method, url)
                    baseline = _call(client, method, missing_url)
                    assert response.status_code == baseline.status_code, (who, method, url)
                    assert response.status_code in (404, 405), (
                        who,
                        method,
                        url,
                        response.status_code,
                    )
                    body = _body(response)
                    leaked = [s for s in secrets if s in body]
                    assert not leaked, (who, method, url, leaked)
                    checked += 1
            anonymous = Client().get(url)
            assert anonymous.status_code in (302, 401, 404, 405), url
            assert not [s for s in secrets if s in _body(anonymous)]
    assert checked >= len(dossier_routes) * 8


def test_lists_and_counts_leak_nothing(world: dict[str, Any], client_for: Any) -> None:
    secrets = _secrets(world)
    routes = [r for r, scope in ROUTE_SCOPES.items() if scope in (AUTHENTICATED, PUBLIC)]
    for who, user in _outsiders(world).items():
        client = client_for(user)
        for route in routes:
            if "<" in route or route in ("accounts/logout/", "i18n/setlang/"):
                continue
            response = client.get("/" + route, follow=True)
            body = _body(response)
            if who == "compliance" and route.startswith("compliance/"):
                continue  # the compliance officer audits the trail by role (and that is audited)
            assert not [s for s in secrets if s in body], (who, route)
    # Counts: the other client's list shows exactly its own number of dossiers.
    page = client_for(world["beta"]).get("/dossiers/").content.decode()
    assert re.search(r"\b2 opérations visibles\b", page)
    api = client_for(world["beta"]).get("/api/v1/dossiers").json()
    assert sorted(d["id"] for d in api) == sorted(d.pk for d in world["beta_dossiers"])


def test_insiders_see_their_dossier(world: dict[str, Any], client_for: Any) -> None:
    target = world["alpha_dossiers"][0]
    for user in (world["rm"], world["alpha"], world["notary"]):
        response = client_for(user).get(f"/dossiers/{target.pk}/")
        assert response.status_code == 200 and target.name in response.content.decode()
    other = world["alpha_dossiers"][1]
    assert client_for(world["notary"]).get(f"/dossiers/{other.pk}/").status_code == 404
