"""Reading a package zip that may be hostile, with every resource it can make us spend bounded.

A zip says how many entries it has and how large each one is before anything is inflated, so
each bound is checked first from the archive's own directory (the end record is read by hand,
so a zip holding a million entries is refused before `zipfile` builds a list of them), and
again while streaming: no entry is ever read whole, and nothing inflates past its limit.
"""

from __future__ import annotations

import hashlib
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    package_bytes: int = 64 << 20  # the zip file on disk
    entries: int = 8  # a manifest, a signature and three sources, with room to spare
    directory_bytes: int = 64 << 10  # the central directory zipfile parses
    small_entry_bytes: int = 256 << 10  # manifest.json, signature.json
    entry_bytes: int = 32 << 20  # one source file, inflated
    total_bytes: int = 64 << 20  # every entry, inflated
    ratio: int = 200  # inflated / compressed; JSON Lines of records compress 5 to 20 times
    line_bytes: int = 256 << 10  # one record
    lines: int = 5000  # records in the whole package (sharing.exchange.MAX_RECORDS)


LIMITS = Limits()
_CHUNK = 64 << 10
_END = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"


class ArchiveError(ValueError):
    """The archive is refused before or while reading it: nothing from it is used."""


def _end_record(path: Path, limits: Limits) -> tuple[int, int]:
    """(entries, central directory bytes) as the end-of-central-directory record states them."""
    size = path.stat().st_size
    if size > limits.package_bytes:
        raise ArchiveError(f"the package is {size:,} bytes, more than a package may be ({limits.package_bytes:,})")
    with open(path, "rb") as handle:
        tail_len = min(size, 22 + 0xFFFF)  # the record and the longest comment it may carry
        handle.seek(size - tail_len)
        tail = handle.read(tail_len)
    at = tail.rfind(_END)  # as zipfile finds it: the last one
    if at < 0 or len(tail) - at < 22:
        raise ArchiveError("not a zip file")
    if at >= 20 and tail[at - 20 : at - 16] == _ZIP64_LOCATOR:
        raise ArchiveError("a ZIP64 archive: far larger than any package, refused")
    _, _, _, entries, directory, _, _ = struct.unpack("<HHHHIIH", tail[at + 4 : at + 22])
    return entries, directory


def open_archive(path: Path, allowed: set[str], limits: Limits = LIMITS) -> zipfile.ZipFile:
    """The zip, once its directory is within every bound and names only `allowed` files, once each."""
    entries, directory = _end_record(path, limits)
    if entries > limits.entries or directory > limits.directory_bytes:
        raise ArchiveError(
            f"the package has {entries:,} entries ({directory:,} bytes of directory); "
            f"a package has at most {limits.entries}"
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as err:
        raise ArchiveError(f"not a readable package: {err}") from None
    try:
        _check_directory(archive.infolist(), allowed, limits)
    except ArchiveError:
        archive.close()
        raise
    return archive


def _check_directory(infos: list[zipfile.ZipInfo], allowed: set[str], limits: Limits) -> None:
    if len(infos) > limits.entries:
        raise ArchiveError(f"the package has {len(infos):,} entries; a package has at most {limits.entries}")
    names = [i.filename for i in infos]
    unexpected = sorted({n for n in names if n not in allowed})
    if unexpected:
        shown = ", ".join(repr(n[:60]) for n in unexpected[:5])
        raise ArchiveError(f"unexpected files in the package (only {', '.join(sorted(allowed))} may be): {shown}")
    if len(set(names)) != len(names):
        raise ArchiveError("a file appears twice in the package")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ArchiveError(f"{info.filename} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ArchiveError(f"{info.filename} uses a compression method packages never use")
        if info.file_size > limits.ratio * max(info.compress_size, 1) and info.file_size > _CHUNK:
            raise ArchiveError(
                f"{info.filename} inflates {info.file_size // max(info.compress_size, 1):,} times: "
                "a compression bomb, not records"
            )
        if info.file_size > limits.entry_bytes:
            raise ArchiveError(
                f"{info.filename} inflates to {info.file_size:,} bytes, more than {limits.entry_bytes:,}"
            )
        total += info.file_size
    if total > limits.total_bytes:
        raise ArchiveError(f"the package inflates to {total:,} bytes, more than {limits.total_bytes:,}")


def _chunks(archive: zipfile.ZipFile, name: str, limit: int):
    """The entry's bytes in chunks, never more than `limit` of them whatever the directory said."""
    read = 0
    try:
        with archive.open(name) as entry:
            while chunk := entry.read(_CHUNK):
                read += len(chunk)
                if read > limit:
                    raise ArchiveError(f"{name} inflates past {limit:,} bytes")
                yield chunk
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as err:  # damaged, CRC or size mismatch
        raise ArchiveError(f"{name} cannot be read: {err}") from None


def read_small(archive: zipfile.ZipFile, name: str, limits: Limits = LIMITS) -> bytes:
    return b"".join(_chunks(archive, name, limits.small_entry_bytes))


@dataclass
class Budget:
    """What the entries copied so far have spent of the package's limits."""

    limits: Limits = LIMITS
    bytes: int = 0
    lines: int = 0


def _count_lines(chunk: bytes, line: int, name: str, budget: Budget) -> int:
    """Count the chunk's lines into the budget; returns the length of the line left open."""
    limits, start = budget.limits, 0
    while (end := chunk.find(b"\n", start)) >= 0:
        if line + end - start > limits.line_bytes:
            break
        line, start = 0, end + 1
        budget.lines += 1
        if budget.lines > limits.lines:
            raise ArchiveError(
                f"the package holds more than {limits.lines:,} lines; a package holds at most {limits.lines:,} records"
            )
    else:
        line += len(chunk) - start
    if line > limits.line_bytes or end >= 0:
        raise ArchiveError(f"{name} has a line longer than {limits.line_bytes:,} bytes: not a record")
    return line


def copy_checked(archive: zipfile.ZipFile, name: str, out: Path, sha256: str, budget: Budget) -> None:
    """Stream one entry to `out`, hashing, counting bytes and lines as it goes; the file is removed
    and ArchiveError raised the moment any bound is passed or if the hash is not `sha256`."""
    limits = budget.limits
    digest, line = hashlib.sha256(), 0
    try:
        with open(out, "wb") as handle:
            for chunk in _chunks(archive, name, limits.entry_bytes):
                budget.bytes += len(chunk)
                if budget.bytes > limits.total_bytes:
                    raise ArchiveError(f"the package inflates past {limits.total_bytes:,} bytes")
                digest.update(chunk)
                line = _count_lines(chunk, line, name, budget)
                handle.write(chunk)
        if digest.hexdigest() != sha256:
            raise ArchiveError(f"{name} does not match its checksum in the manifest: altered or damaged in transit")
    except BaseException:
        out.unlink(missing_ok=True)
        raise
