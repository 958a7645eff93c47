"""One typed reader for configuration from environment variables.

Every setting Ilot reads from the environment goes through this module, so that the whole
configuration surface is in one place (and in README's configuration table).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def persistent_secret(path: Path) -> str:
    """Read the secret at `path`, creating it (mode 0600) the first time."""
    import secrets

    try:
        value = path.read_text().strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(value + "\n")
        return value
    except FileExistsError:  # another process created it meanwhile
        return path.read_text().strip()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"ILOT_SECRET_KEY is not set and {path} cannot be created ({exc}): set ILOT_SECRET_KEY."
        ) from exc


@dataclass(frozen=True)
class DatabaseURL:
    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] | None = None

    def as_django(self) -> dict[str, object]:
        config: dict[str, object] = {"ENGINE": self.engine, "NAME": self.name}
        if self.engine.endswith("postgresql"):
            config.update(
                USER=self.user,
                PASSWORD=self.password,
                HOST=self.host,
                PORT=self.port,
                CONN_MAX_AGE=60,
                CONN_HEALTH_CHECKS=True,
                OPTIONS=dict(self.options or {}),
            )
        else:
            # WAL lets the worker and the web server use the SQLite file at the same time.
            config["OPTIONS"] = {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        return config


def parse_database_url(url: str, *, base_dir: Path) -> DatabaseURL:
    """Parse `sqlite:///path` or `postgresql://user:pass@host:port/name?sslmode=...`."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        # sqlite:///relative/to/project and sqlite:////absolute/path, as dj-database-url reads them.
        raw_path = unquote(parsed.path)
        path = (
            Path("/" + raw_path.lstrip("/"))
            if raw_path.startswith("//")
            else Path(raw_path.lstrip("/"))
        )
        if not path.is_absolute():
            path = base_dir / path
        return DatabaseURL(engine="django.db.backends.sqlite3", name=str(path))
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return DatabaseURL(
            engine="django.db.backends.postgresql",
            name=unquote(parsed.path.lstrip("/")),
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            host=unquote(parsed.hostname or ""),
            port=str(parsed.port or ""),
            options=options,
        )
    raise ImproperlyConfigured(
        f"Unsupported database URL scheme {parsed.scheme!r}: use sqlite:/// or postgresql://"
    )
