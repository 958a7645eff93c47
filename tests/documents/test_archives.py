"""Zip expansion: structure kept, names sanitised, unsafe entries refused, bombs stopped."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from ilot.documents.archives import ZipLimits, expand_zip, sanitize_path
from ilot.documents.exceptions import ArchiveError, UnsafeEntry, ZipBomb


def make_zip(
    entries: list[tuple[str | zipfile.ZipInfo, bytes]], method: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def outcome(data: bytes, limits: ZipLimits | None = None) -> list[tuple[str, str, bytes | str]]:
    rows: list[tuple[str, str, bytes | str]] = []
    for entry in expand_zip(io.BytesIO(data), limits=limits):
        if entry.accepted:
            with entry.open() as fh:
                rows.append((entry.path, entry.status.value, fh.read()))
        else:
            assert entry.error is not None
            rows.append((entry.path, entry.status.value, entry.error.params.get("reason", "")))
    return rows


def test_structure_is_preserved_and_entries_stream() -> None:
    data = make_zip(
        [
            ("Permis/arrêté.pdf", b"%PDF-1.4 permis"),
            ("Permis/", b""),
            ("Banque/Kbis SCCV.pdf", b"%PDF-1.4 kbis"),
            ("notes.txt", b"hello"),
        ]
    )
    entries = list(expand_zip(io.BytesIO(data)))
    assert [e.path for e in entries] == ["Permis/arrêté.pdf", "Banque/Kbis SCCV.pdf", "notes.txt"]
    assert entries[0].folder == "Permis" and entries[0].filename == "arrêté.pdf"
    assert outcome(data)[1] == ("Banque/Kbis SCCV.pdf", "accepted", b"%PDF-1.4 kbis")


def test_traversal_absolute_drive_and_control_characters() -> None:
    data = make_zip(
        [
            ("../../etc/passwd", b"root"),
            ("ok/../../escape.txt", b"x"),
            ("/etc/absolute.txt", b"abs"),
            ("C:\\Windows\\system.ini", b"win"),
            ("we\x07ird\u202egpj.exe.txt", b"ctl"),
            ("e\u0301t\u00e9.txt", b"nfd"),
        ]
    )
    rows = outcome(data)
    assert rows[0] == ("../../etc/passwd", "rejected", "path traversal (..)")
    assert rows[1][1] == "rejected"
    assert rows[2] == ("etc/absolute.txt", "accepted", b"abs")
    assert rows[3] == ("Windows/system.ini", "accepted", b"win")
    assert rows[4] == ("weirdgpj.exe.txt", "accepted", b"ctl")
    assert rows[5] == ("\u00e9t\u00e9.txt", "accepted", b"nfd")
    renamed = [e.renamed for e in expand_zip(io.BytesIO(data)) if e.accepted]
    assert renamed == [True, True, True, True]


def test_sanitize_path_rules() -> None:
    assert sanitize_path("a/./b//c.pdf") == ("a/b/c.pdf", True)
    assert sanitize_path("plain.pdf") == ("plain.pdf", False)
    assert sanitize_path("dir. /file.pdf ") == ("dir/file.pdf", True)
    assert sanitize_path("x" * 300 + ".pdf")[0].encode().__len__() <= 255
    for bad in ("..", "a/../..", "nul\x00.pdf", "/", "\x01\x02"):
        with pytest.raises(UnsafeEntry):
            sanitize_path(bad)


def test_symlinks_encrypted_duplicates_and_junk() -> None:
    link = zipfile.ZipInfo("link-to-root")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(link, "/")
        zf.writestr("a.txt", b"one")
        zf.writestr("A.TXT", b"two")
        zf.writestr("__MACOSX/._a.txt", b"junk")
        zf.writestr(".DS_Store", b"junk")
    data = bytearray(buf.getvalue())
    rows = outcome(bytes(data))
    assert rows[0] == ("link-to-root", "rejected", "symbolic link")
    assert rows[1] == ("a.txt", "accepted", b"one")
    assert rows[2] == ("A.TXT", "rejected", "duplicate name in the archive")
    assert [r[1] for r in rows[3:]] == ["skipped", "skipped"]


def test_password_protected_entry_is_refused() -> None:
    data = bytearray(make_zip([("secret.txt", b"s"), ("open.txt", b"o")], zipfile.ZIP_STORED))
    # Set the "encrypted" flag bit on the first entry, in its local and central headers.
    local = data.find(b"PK\x03\x04")
    data[local + 6] |= 0x1
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1
    rows = outcome(bytes(data))
    assert rows[0] == ("secret.txt", "rejected", "password-protected entry")
    assert rows[1] == ("open.txt", "accepted", b"o")


def test_zip_bomb_by_ratio_yields_nothing() -> None:
    bomb = make_zip([("readme.txt", b"fine"), ("zeros.bin", b"\x00" * (20 * 1024 * 1024))])
    assert len(bomb) < 100_000
    produced = []
    with pytest.raises(ZipBomb) as err:
        for entry in expand_zip(io.BytesIO(bomb)):
            produced.append(entry)
    assert produced == []  # refused before the first entry
    assert err.value.code == "zip_bomb"
    assert "ratio" in err.value.message
    assert "rien n'a été enregistré" in err.value.message_in("fr")


def test_total_size_and_entry_count_limits() -> None:
    data = make_zip([(f"f{i}.txt", b"x" * 1000) for i in range(20)])
    with pytest.raises(ZipBomb, match="too many entries"):
        list(expand_zip(io.BytesIO(data), limits=ZipLimits(max_entries=10)))
    with pytest.raises(ZipBomb, match="total uncompressed size"):
        list(expand_zip(io.BytesIO(data), limits=ZipLimits(max_total_size=10_000)))
    assert len(list(expand_zip(io.BytesIO(data), limits=ZipLimits(max_entries=20)))) == 20
    per_entry = ZipLimits(max_entry_size=500)
    assert {r[2] for r in outcome(data, per_entry)} == {"file too large"}


def test_lying_declared_size_is_caught() -> None:
    data = bytearray(make_zip([("a.txt", b"A" * 5000)], zipfile.ZIP_STORED))
    central = data.find(b"PK\x01\x02")
    # Declare 100 bytes uncompressed in both headers while 5000 are stored.
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    data[22:26] = (100).to_bytes(4, "little")
    entry = next(expand_zip(io.BytesIO(bytes(data))))
    # Either the peek already hit the bad CRC (entry refused as damaged) or reading does;
    # never are more bytes than declared handed out.
    if entry.accepted:
        with pytest.raises((ZipBomb, zipfile.BadZipFile)), entry.open() as fh:
            fh.read()
    else:
        assert entry.error is not None and "damaged" in entry.error.message


def test_nested_zip_expanded_in_place_and_depth_limited() -> None:
    inner = make_zip([("deep.txt", b"deep"), ("sub/x.txt", b"x")])
    outer = make_zip([("Lot A/annexes.zip", inner), ("top.txt", b"top")])
    rows = outcome(outer)
    assert rows == [
        ("Lot A/annexes/deep.txt", "accepted", b"deep"),
        ("Lot A/annexes/sub/x.txt", "accepted", b"x"),
        ("top.txt", "accepted", b"top"),
    ]
    flat = outcome(outer, ZipLimits(max_depth=0))
    assert flat[0] == ("Lot A/annexes.zip", "rejected", "archives nested too deeply")
    triple = make_zip([("l1.zip", make_zip([("l2.zip", make_zip([("l3.zip", inner)]))]))])
    assert {r[2] for r in outcome(triple)} == {"archives nested too deeply"}


def test_bomb_inside_nested_zip_is_caught() -> None:
    inner = make_zip([("zeros.bin", b"\x00" * (8 * 1024 * 1024))])
    outer = make_zip([("inner.zip", inner)], zipfile.ZIP_STORED)
    with pytest.raises(ZipBomb):
        list(expand_zip(io.BytesIO(outer)))


def test_office_document_inside_zip_stays_a_file() -> None:
    docx = make_zip(
        [
            (
                "[Content_Types].xml",
                b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
                b'wordprocessingml.document.main+xml"/></Types>',
            ),
            ("word/document.xml", b"<w:document/>"),
        ]
    )
    rows = outcome(make_zip([("Actes/projet.docx", docx)]))
    assert rows == [("Actes/projet.docx", "accepted", docx)]


def test_windows_folder_entries_are_not_files() -> None:
    data = make_zip([("Dossier\\", b""), ("Dossier\\plan.pdf", b"%PDF-1.4 plan")])
    assert outcome(data) == [("Dossier/plan.pdf", "accepted", b"%PDF-1.4 plan")]


def test_not_a_zip() -> None:
    with pytest.raises(ArchiveError):
        list(expand_zip(io.BytesIO(b"PK\x03\x04 truncated")))
