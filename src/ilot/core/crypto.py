"""Encryption at rest of the few secrets the database must give back (TOTP seeds).

Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package): authenticated, so a
tampered value fails loudly instead of decrypting to garbage. Keys:

- ``ILOT_FIELD_KEYS``: comma-separated Fernet keys (``ilot generate_field_key`` prints one);
  the first encrypts, all decrypt, so a key is rotated by putting a new one first and
  re-saving the rows (``ilot rotate_field_keys``);
- without it (development, demo), one key derived from the Django secret key with HKDF-SHA256
  (RFC 5869). Set ``ILOT_FIELD_KEYS`` in production, so that rotating the secret key does not
  make the stored secrets unreadable, and keep it out of the database's backups.

Stored values carry a ``fernet:`` prefix, which tells them apart from any legacy clear value.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


def _derived_key(secret: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"ilot-field-encryption")
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode()))


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    try:
        fernets = [Fernet(k.strip().encode()) for k in keys if k.strip()]
    except ValueError as exc:
        raise ImproperlyConfigured(
            "ILOT_FIELD_KEYS holds an invalid key (32 url-safe base64 bytes expected)"
        ) from exc
    return MultiFernet(fernets or [Fernet(_derived_key(secret))])


def _current() -> MultiFernet:
    return _fernet(tuple(getattr(settings, "ILOT_FIELD_KEYS", ())), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return PREFIX + _current().encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption existed; re-saved encrypted by migration
    try:
        return _current().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted field cannot be decrypted: ILOT_FIELD_KEYS (or the secret key it "
            "was derived from) changed without keeping the old key"
        ) from exc


def rotate(stored: str) -> str:
    """The value re-encrypted under the first key (for key rotation)."""
    return encrypt(decrypt(stored))


def generate_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column stored encrypted; Python code only ever sees the clear value.

    Not searchable or indexable by design: look rows up by another column.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "" or str(value).startswith(PREFIX):
            return value
        return encrypt(str(value))
