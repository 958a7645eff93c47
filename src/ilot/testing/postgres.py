"""A PostgreSQL server for the test suite: the one named by ILOT_TEST_DATABASE_URL, or a
throwaway cluster started from the local binaries and removed when the run ends.

Two roles are created on it, as in production: an owner that runs migrations (it owns the
tables and, being the migration role, bypasses RLS) and an application role that neither owns
the tables nor bypasses RLS. The suite's `default` connection is the application role, so every
test exercises the row-level-security policies.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

OWNER_ROLE = "ilot_test_owner"
APP_ROLE = "ilot_test_app"
ROLE_PASSWORD = "ilot-test-only"  # noqa: S105 - throwaway roles of the test suite


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    admin_user: str
    admin_password: str
    admin_db: str

    def admin_dsn(self) -> str:
        return (
            f"host={self.host} port={self.port} user={self.admin_user} "
            f"password={self.admin_password} dbname={self.admin_db}"
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bindir() -> Path:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(Path(out.stdout.strip()))
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    raise RuntimeError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install them with "
        "`apt-get install postgresql` or set ILOT_TEST_DATABASE_URL."
    )


def _start_throwaway() -> Server:
    bindir = _pg_bindir()
    root = Path(tempfile.mkdtemp(prefix="ilot-pg-"))
    data = root / "data"
    port = _free_port()
    as_root = os.geteuid() == 0
    # initdb refuses to run as root: run the cluster as the `postgres` system user then.
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, user="postgres")
    superuser = "postgres" if as_root else os.environ.get("USER", "postgres")
    subprocess.run(
        [
            *prefix,
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            superuser,
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
    )
    subprocess.run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    return Server("127.0.0.1", port, superuser, "", "postgres")


def _server_from_url(url: str) -> Server:
    parsed = urlparse(url)
    return Server(
        parsed.hostname or "127.0.0.1",
        parsed.port or 5432,
        parsed.username or "postgres",
        parsed.password or "",
        (parsed.path or "/postgres").lstrip("/") or "postgres",
    )


def _wait_ready(server: Server) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(server.admin_dsn(), connect_timeout=3):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _ensure_roles(server: Server) -> None:
    import psycopg

    with psycopg.connect(server.admin_dsn(), autocommit=True) as conn:
        for role, attributes in (
            (OWNER_ROLE, "LOGIN CREATEDB BYPASSRLS NOSUPERUSER"),
            (APP_ROLE, "LOGIN NOCREATEDB NOBYPASSRLS NOSUPERUSER"),
        ):
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
            verb = "ALTER" if exists else "CREATE"
            conn.execute(f"{verb} ROLE {role} WITH {attributes} PASSWORD '{ROLE_PASSWORD}'")


_SERVER: Server | None = None


def test_server() -> Server:
    """The server for this run (started once per process)."""
    global _SERVER
    if _SERVER is None:
        url = os.environ.get("ILOT_TEST_DATABASE_URL", "")
        server = _server_from_url(url) if url else _start_throwaway()
        _wait_ready(server)
        _ensure_roles(server)
        _SERVER = server
    return _SERVER


def database_settings() -> dict[str, dict[str, object]]:
    """DATABASES for a PostgreSQL test run: `default` is the app role, `owner` migrates."""
    server = test_server()
    name = f"test_ilot_{os.getpid()}"
    common = {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": server.host,
        "PORT": str(server.port),
        "PASSWORD": ROLE_PASSWORD,
        "NAME": name,
        "CONN_MAX_AGE": 0,
        "TEST": {"NAME": name},
    }
    return {
        "default": {**common, "USER": APP_ROLE},
        "owner": {**common, "USER": OWNER_ROLE},
    }


def create_database(name: str) -> None:
    import psycopg

    server = test_server()
    with psycopg.connect(server.admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" OWNER {OWNER_ROLE}')
        conn.execute(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
        conn.execute(f'GRANT CONNECT ON DATABASE "{name}" TO {APP_ROLE}')


def drop_database(name: str) -> None:
    import psycopg

    server = test_server()
    with psycopg.connect(server.admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
