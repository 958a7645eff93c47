from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ilot.config.env import env_bool, env_int, parse_database_url


def test_sqlite_urls_relative_and_absolute(tmp_path: Path) -> None:
    relative = parse_database_url("sqlite:///var/db.sqlite3", base_dir=tmp_path)
    assert relative.name == str(tmp_path / "var/db.sqlite3")
    absolute = parse_database_url("sqlite:////srv/ilot/db.sqlite3", base_dir=tmp_path)
    assert absolute.name == "/srv/ilot/db.sqlite3"


def test_postgres_url_with_options(tmp_path: Path) -> None:
    url = parse_database_url(
        "postgresql://app:s%40cret@db.internal:6432/ilot?sslmode=verify-full", base_dir=tmp_path
    )
    config = url.as_django()
    assert config["USER"] == "app" and config["PASSWORD"] == "s@cret"
    assert config["HOST"] == "db.internal" and config["PORT"] == "6432" and config["NAME"] == "ilot"
    assert config["OPTIONS"] == {"sslmode": "verify-full"}


def test_bad_values_are_clear_errors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="Unsupported database URL"):
        parse_database_url("mysql://x/y", base_dir=tmp_path)
    monkeypatch.setenv("ILOT_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="ILOT_X must be a boolean"):
        env_bool("ILOT_X")
    monkeypatch.setenv("ILOT_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="ILOT_N must be an integer"):
        env_int("ILOT_N", 1)
