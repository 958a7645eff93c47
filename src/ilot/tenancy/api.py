"""API: issue a bearer token."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from ilot.core.middleware import client_ip
from ilot.tenancy.services import api_token_issue

router = Router(tags=["auth"])


class TokenRequest(Schema):
    email: str
    password: str
    otp: str | None = None


class TokenResponse(Schema):
    token: str


@router.post("/token", auth=None, response=TokenResponse)
def token_create(request: HttpRequest, payload: TokenRequest) -> dict[str, str]:
    raw = api_token_issue(
        email=payload.email,
        password=payload.password,
        otp=payload.otp,
        ip_address=client_ip(request),
    )
    return {"token": raw}
