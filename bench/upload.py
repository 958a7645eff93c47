"""Upload benchmark: large files and a folder of PDFs through the tus endpoint of a real server.

    .venv/bin/python bench/upload.py                      # 1G and 4G files, 300 PDFs
    .venv/bin/python bench/upload.py --sizes 64M,256M --pdfs 50

What it does, in one run and on one disk:

1. prepares a fresh installation in a work directory (SQLite database, blob storage, tus
   staging), migrates it and loads the demo data;
2. starts the server itself (gunicorn, one worker process, threads) and signs in through the
   API to get a bearer token;
3. measures the raw sequential write speed of that disk (8 MB blocks, fsync at the end);
4. for each size, generates a valid PDF of that size, uploads it with tus in 8 MB PATCH
   chunks and times creation -> last chunk answered (the last answer includes hashing,
   inspection and recording the document);
5. uploads a folder of N small PDFs (creation + one PATCH each) and reports files/s;
6. reads the worker's resident memory before the uploads and its peak (VmHWM) after.

Prints a table and writes var/bench/upload.json. Targets (issue 3): throughput >= 50 % of the
raw disk write, RSS growth < 64 MB whatever the file size.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 8 * 1024 * 1024
PASSWORD = "ilot-demo-2026"


def parse_size(text: str) -> int:
    units = {"K": 1024, "M": 1024**2, "G": 1024**3}
    text = text.strip().upper().rstrip("B")
    if text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def human(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024:
            return f"{n:.0f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def env_for(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        ILOT_DATA_DIR=str(work),
        ILOT_DATABASE_URL=f"sqlite:////{work}/ilot.sqlite3",
        ILOT_SECRET_KEY=secrets.token_urlsafe(32),
        ILOT_DEMO_PASSWORD=PASSWORD,
        ILOT_MAX_UPLOAD_BYTES=str(64 * 1024**3),
        ILOT_MAX_DOSSIER_BYTES=str(1024**4),
        ILOT_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="ilot.config.settings",
    )
    env.pop("ILOT_TESTING", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args], env=env, check=True, cwd=ROOT, capture_output=True
    )


def make_pdf_file(path: Path, size: int) -> None:
    """A valid one-page PDF of about `size` bytes: the bulk is an unused binary stream."""
    head = (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        b"1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>> endobj\n"
        b"4 0 obj <</Length 44>> stream\nBT /F1 24 Tf 72 720 Td (Bench) Tj ET\n\nendstream endobj\n"
    )
    body_len = max(0, size - len(head) - 400)
    block = os.urandom(CHUNK).replace(b"endstream", b"endstreaX").replace(b"/J", b"_J")
    with path.open("wb") as out:
        out.write(head)
        offsets = [head.index(f"{number} 0 obj".encode()) for number in (1, 2, 3, 4)]
        offsets.append(len(head))
        out.write(f"5 0 obj <</Length {body_len}>> stream\n".encode())
        left = body_len
        while left > 0:
            piece = block[: min(CHUNK, left)]
            out.write(piece)
            left -= len(piece)
        out.write(b"\nendstream endobj\n")
        xref = out.tell()
        out.write(b"xref\n0 6\n0000000000 65535 f \n")
        for offset in offsets:
            out.write(f"{offset:010d} 00000 n \n".encode())
        out.write(f"trailer <</Size 6 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode())


def small_pdf(index: int) -> bytes:
    text = f"Document {index:04d}"
    content = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [3 0 R] /Count 1>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R>>",
        b"<</Length %d>> stream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj " % number + body + b" endobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer <</Size 5 /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def raw_write_speed(directory: Path, size: int) -> float:
    """MB/s of a sequential 8 MB-block write of `size` bytes with a final fsync."""
    path = directory / "raw-write.bin"
    block = os.urandom(CHUNK)
    start = time.perf_counter()
    with path.open("wb") as out:
        left = size
        while left > 0:
            out.write(block[: min(CHUNK, left)])
            left -= CHUNK
        out.flush()
        os.fsync(out.fileno())
    elapsed = time.perf_counter() - start
    path.unlink()
    return size / elapsed / 1e6


def metadata(values: dict[str, str]) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def tus_upload(
    session: requests.Session,
    base: str,
    path: Path | None,
    data: bytes | None,
    meta: dict[str, str],
) -> dict[str, Any]:
    length = path.stat().st_size if path is not None else len(data or b"")
    created = session.post(
        f"{base}/api/v1/uploads/",
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(length),
            "Upload-Metadata": metadata(meta),
        },
        timeout=60,
    )
    created.raise_for_status()
    url = created.headers["Location"]
    offset = 0
    headers = {"Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream"}
    if data is not None:
        response = session.patch(
            url, data=data, headers={**headers, "Upload-Offset": "0"}, timeout=600
        )
        response.raise_for_status()
    else:
        assert path is not None
        with path.open("rb") as fh:
            while offset < length:
                chunk = fh.read(CHUNK)
                response = session.patch(
                    url, data=chunk, headers={**headers, "Upload-Offset": str(offset)}, timeout=600
                )
                response.raise_for_status()
                offset = int(response.headers["Upload-Offset"])
    return dict(session.get(url, timeout=60).json())


def proc_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn worker did not start")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="1G,4G", help="file sizes, e.g. 64M,256M,1G")
    parser.add_argument("--pdfs", type=int, default=300, help="PDFs in the folder upload")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "bench" / "upload-work"))
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "upload.json"))
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]

    work = Path(args.workdir).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = env_for(work)
    print(f"work directory {work}; migrating and loading the demo data...", flush=True)
    manage(env, "migrate", "--verbosity", "0")
    load = "import django; django.setup(); from ilot.web.demo import load_demo; load_demo()"
    subprocess.run([sys.executable, "-c", load], env=env, check=True, cwd=ROOT)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    if args.server == "runserver":
        command = [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"]
    else:
        command = [
            sys.executable, "-m", "gunicorn", "ilot.config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
            "--worker-class", "gthread", "--timeout", "600", "--log-level", "warning",
        ]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    results: dict[str, Any] = {"sizes": [], "folder": None}
    try:
        for _ in range(100):
            try:
                requests.get(f"{base}/healthz", timeout=5)
                break
            except requests.RequestException:
                time.sleep(0.2)
        worker = worker_pid(server.pid) if args.server == "gunicorn" else server.pid
        session = requests.Session()
        token = session.post(
            f"{base}/api/v1/auth/token",
            json={"email": "rm@banque.example", "password": PASSWORD},
            timeout=30,
        ).json()["token"]
        session.headers["Authorization"] = f"Bearer {token}"
        dossiers = session.get(f"{base}/api/v1/dossiers", timeout=30).json()
        dossier = str(dossiers[0]["id"])
        # Warm-up: one small upload so imports and caches are in before the baseline.
        tus_upload(
            session, base, None, small_pdf(99999), {"dossier": dossier, "filename": "warm.pdf"}
        )
        results["startup_peak_mb"] = round(proc_kib(worker, "VmHWM") / 1024, 1)
        # Start-up (imports, migrations check) peaks above the steady state: reset the peak
        # counter (Linux: clear_refs 5) so that VmHWM measures the uploads only.
        Path(f"/proc/{worker}/clear_refs").write_text("5")
        baseline_rss = proc_kib(worker, "VmRSS")
        storage = work / "storage"
        storage.mkdir(exist_ok=True)
        for size in sizes:
            raw = raw_write_speed(storage, size)
            source = work / f"source-{size}.pdf"
            make_pdf_file(source, size)
            subprocess.run(["sync"], check=False)
            start = time.perf_counter()
            outcome = tus_upload(
                session, base, source, None, {"dossier": dossier, "filename": source.name}
            )
            elapsed = time.perf_counter() - start
            source.unlink()
            [entry] = outcome["results"]
            throughput = size / elapsed / 1e6
            peak = proc_kib(worker, "VmHWM")
            results["sizes"].append(
                {
                    "size": size,
                    "seconds": round(elapsed, 2),
                    "throughput_mb_s": round(throughput, 1),
                    "raw_write_mb_s": round(raw, 1),
                    "ratio": round(throughput / raw, 2),
                    "rss_growth_mb": round((peak - baseline_rss) / 1024, 1),
                    "status": entry["status"],
                }
            )
            print(
                f"  {human(size)}: {throughput:.0f} MB/s (raw {raw:.0f} MB/s), {entry['status']}",
                flush=True,
            )
        start = time.perf_counter()
        stored = 0
        for index in range(args.pdfs):
            outcome = tus_upload(
                session,
                base,
                None,
                small_pdf(index),
                {
                    "dossier": dossier,
                    "filename": f"doc-{index:04d}.pdf",
                    "relativePath": f"Livraison/doc-{index:04d}.pdf",
                },
            )
            stored += sum(1 for r in outcome["results"] if r["status"] == "stored")
        elapsed = time.perf_counter() - start
        results["folder"] = {
            "files": args.pdfs,
            "stored": stored,
            "seconds": round(elapsed, 2),
            "files_per_s": round(args.pdfs / elapsed, 1),
        }
        results["baseline_rss_mb"] = round(baseline_rss / 1024, 1)
        results["peak_rss_mb"] = round(proc_kib(worker, "VmHWM") / 1024, 1)
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(
        f"{'file':>10} {'seconds':>8} {'MB/s':>8} {'raw MB/s':>9} {'ratio':>6} "
        f"{'RSS +MB':>8}  result"
    )
    for row in results["sizes"]:
        print(
            f"{human(row['size']):>10} {row['seconds']:>8} {row['throughput_mb_s']:>8} "
            f"{row['raw_write_mb_s']:>9} {row['ratio']:>6} {row['rss_growth_mb']:>8}  "
            f"{row['status']}"
        )
    folder = results["folder"]
    print(
        f"\nfolder of {folder['files']} PDFs: {folder['stored']} stored in {folder['seconds']} s "
        f"= {folder['files_per_s']} files/s"
    )
    print("targets: ratio >= 0.5, RSS growth < 64 MB")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written {out}")


if __name__ == "__main__":
    main()
