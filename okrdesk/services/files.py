"""Every file okrdesk writes, and every file an import reads, goes through this module.

Writing a file (``write_file``, ``writing``, ``write_via``):

1. the target is checked first (``check_target``): never the open plan, its -wal, -shm or
   -journal, nor any okrdesk plan (a plan is never an export); an existing file only when
   the caller says the person confirmed it (``overwrite=True``: the GUI's save dialog asks,
   the command line wants ``--force``);
2. the bytes go to a new temporary file beside the target, with a name nobody can guess,
   created with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (a planted file or symbolic link
   is never followed, never truncated, and a private note never readable by others);
3. it is flushed, fsynced and checked (its size is what was written; the caller's check,
   say that a PDF is complete, passes);
4. it is renamed over the target (or hard-linked, when nothing may be replaced, so a file
   that appeared meanwhile is not lost either) and the folder is fsynced, so the new name
   survives a power cut too;
5. on any failure the temporary file is removed and the target is as it was.

A process killed half-way leaves its temporary file behind: ``clean_stale_temp_files``
removes those (and the fixed names earlier versions used) when okrdesk next writes to that
folder, and when a plan is opened, in the plan's folder and its backup folder.

Reading a file for an import (``read_capped``, ``read_text``, ``parse_json``): a size cap
checked before reading, only regular files (never a FIFO that would block forever), UTF-8
without NUL bytes, and strict JSON: no NaN or Infinity, no duplicate keys, no number too
large to store.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from okrdesk.domain.messages import message
from okrdesk.services.errors import ImportRefused, IncompleteFile, TargetExists, WriteRefused

# Owner-only files and folders live in a module of their own, light enough for start-up.
from okrdesk.services.private_files import make_private as make_private
from okrdesk.services.private_files import private_config as private_config
from okrdesk.services.private_files import private_folder as private_folder
from okrdesk.store.database import is_plan_file

TEMP_SUFFIX = ".okrdesk-tmp"
_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]{12}" + re.escape(TEMP_SUFFIX) + r"$")
# A temporary file older than this is stale even if its process id is in use again.
STALE_AFTER_SECONDS = 24 * 3600
# The files SQLite keeps beside a database while it is open.
PLAN_COMPANIONS = ("-wal", "-shm", "-journal")
# Numbers in an imported file: SQLite stores integers of 64 bits (19 digits).
MAX_INTEGER_DIGITS = 18

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)

Verify = Callable[[Path], None]


# -- where a file may go ------------------------------------------------------------------


def _same_path(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        if os.path.samefile(a, b):
            return True
    return a.expanduser().resolve() == b.expanduser().resolve()


def _companion_of(path: Path) -> Path | None:
    """The database ``path`` would be the -wal, -shm or -journal of, if any."""
    for suffix in PLAN_COMPANIONS:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name[: -len(suffix)])
    return None


def check_target(
    path: Path, *, overwrite: bool, plan: Path | None = None, replaces_plans: bool = False
) -> Path:
    """``path`` if okrdesk may write a file there, else WriteRefused with one sentence.

    ``plan`` is the open plan (never a target); ``replaces_plans`` lets a copy of a plan
    replace another plan file (Save a copy as…, confirmed), never the open one.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise WriteRefused(message("{path} is a folder; give a file name.", path=path))
    if not path.parent.is_dir():
        raise WriteRefused(
            message("The folder {folder} does not exist; nothing was written.", folder=path.parent)
        )
    if plan is not None:
        for own in (plan, *(plan.with_name(plan.name + s) for s in PLAN_COMPANIONS)):
            if _same_path(path, own):
                raise WriteRefused(
                    message(
                        "{name} is the open plan's own file; an export never replaces it. "
                        "Choose another name: nothing was written.",
                        name=path.name,
                    )
                )
    base = _companion_of(path)
    if base is not None and is_plan_file(base):
        raise WriteRefused(
            message(
                "{name} belongs to the plan {plan}; okrdesk never writes over it. "
                "Choose another name: nothing was written.",
                name=path.name,
                plan=base.name,
            )
        )
    if os.path.lexists(path):
        if path.exists() and not path.is_file():  # a device, a pipe, /dev/stdout
            raise WriteRefused(
                message(
                    "{name} is not a regular file; okrdesk writes only files. Nothing was written.",
                    name=path.name,
                )
            )
        if not replaces_plans and is_plan_file(path):
            raise WriteRefused(
                message(
                    "{name} is an okrdesk plan; an export never replaces a plan. "
                    "Choose another name: nothing was written.",
                    name=path.name,
                )
            )
        if not overwrite:
            raise TargetExists(path)
    return path


# -- temporary files ------------------------------------------------------------------------


def _new_temp(target: Path) -> tuple[Path, int]:
    """A new, empty, owner-only file beside ``target`` that nobody else can have made."""
    while True:
        token = f"{os.getpid()}-{secrets.token_hex(6)}"
        temp = target.with_name(f".{target.name[:100]}.{token}{TEMP_SUFFIX}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        if hasattr(os, "fchmod"):  # the umask may have taken bits away
            os.fchmod(fd, 0o600)
        return temp, fd


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as error:  # a file system that cannot sync folders
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _publish(temp: Path, target: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(temp, target)
    else:
        try:
            # A hard link fails if the target appeared since it was checked: no rename
            # ever replaces a file nobody agreed to replace.
            os.link(temp, target, follow_symlinks=False)
        except FileExistsError:
            raise TargetExists(target) from None
        except OSError:  # a file system without hard links
            if os.path.lexists(target):
                raise TargetExists(target) from None
            os.replace(temp, target)
        else:
            os.unlink(temp)
    fsync_folder(target.parent)


def _check_size(temp: Path, target: Path, expected: int | None) -> None:
    size = os.stat(temp).st_size
    if size == 0 or (expected is not None and size != expected):
        raise IncompleteFile(
            message(
                "{name} came out incomplete ({size} bytes): nothing was written.",
                name=target.name,
                size=size,
            )
        )


# -- writing ----------------------------------------------------------------------------------


@contextmanager
def writing(
    path: Path,
    *,
    overwrite: bool,
    plan: Path | None = None,
    verify: Verify | None = None,
    replaces_plans: bool = False,
) -> Iterator[BinaryIO]:
    """Write a file through a handle: ``with writing(path, overwrite=...) as out:``. The
    target appears when the block ends without an error, whole, and not before."""
    target = check_target(path, overwrite=overwrite, plan=plan, replaces_plans=replaces_plans)
    clean_stale_temp_files(target.parent, target.name)
    temp, fd = _new_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            written = handle.tell()
        _check_size(temp, target, written)
        if verify is not None:
            verify(temp)
        _publish(temp, target, overwrite=overwrite)
    except BaseException:
        _remove(temp)
        raise


def write_file(
    path: Path,
    data: bytes,
    *,
    overwrite: bool,
    plan: Path | None = None,
    verify: Verify | None = None,
) -> None:
    """Replace (or create) ``path`` with ``data``, whole or not at all (see the module)."""
    with writing(path, overwrite=overwrite, plan=plan, verify=verify) as out:
        out.write(data)


def write_via(
    path: Path,
    produce: Callable[[Path], None],
    *,
    overwrite: bool,
    plan: Path | None = None,
    verify: Verify | None = None,
    replaces_plans: bool = False,
) -> None:
    """Like ``write_file`` for a writer that needs a file name (SQLite's backup API):
    ``produce`` writes the temporary file, ``verify`` checks it before it is renamed."""
    target = check_target(path, overwrite=overwrite, plan=plan, replaces_plans=replaces_plans)
    clean_stale_temp_files(target.parent, target.name)
    temp, fd = _new_temp(target)
    os.close(fd)
    try:
        produce(temp)
        fd = os.open(temp, os.O_RDONLY | _NOFOLLOW | _BINARY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _check_size(temp, target, None)
        if verify is not None:
            verify(temp)
        _publish(temp, target, overwrite=overwrite)
    except BaseException:
        for leftover in (temp, *(temp.with_name(temp.name + s) for s in PLAN_COMPANIONS)):
            _remove(leftover)
        raise


# -- what a killed process left behind ------------------------------------------------------


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # no cheap, harmless probe: the age decides
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _legacy_names(target: str) -> re.Pattern[str]:
    # Earlier okrdesk versions: the PDF's fixed ".NAME.part", mkstemp's ".NAME.XXXXXXXX.tmp".
    name = re.escape(target)
    return re.compile(rf"^\.{name}\.part$|^\.{name}\.[a-z0-9_]{{8}}\.tmp$")


# The same names for any of okrdesk's exports, when the target is not known (at start):
# removed only once an hour old, so an older okrdesk still writing one is left alone.
_LEGACY_EXPORTS = re.compile(r"^\..+\.(?:pdf|json)(?:\.part|\.[a-z0-9_]{8}\.tmp)$")
LEGACY_AFTER_SECONDS = 3600


def _is_stale(entry: os.DirEntry[str], legacy: re.Pattern[str] | None, now: float) -> bool:
    if entry.is_dir(follow_symlinks=False):
        return False
    if legacy is not None and legacy.match(entry.name):
        return True
    age = now - entry.stat(follow_symlinks=False).st_mtime
    if _LEGACY_EXPORTS.match(entry.name):
        return age > LEGACY_AFTER_SECONDS
    found = _TEMP.match(entry.name)
    if found is None:
        return False
    return age > STALE_AFTER_SECONDS or not _process_alive(int(found.group("pid")))


def clean_stale_temp_files(folder: Path, target: str | None = None) -> list[Path]:
    """Remove the temporary files killed okrdesk processes left in ``folder`` (and, when
    ``target`` names the file about to be written, the fixed names earlier versions used
    for it). A symbolic link among them is removed itself, never what it points at."""
    now = time.time()
    legacy = None if target is None else _legacy_names(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            stale = _is_stale(entry, legacy, now)
        except OSError:
            continue
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


# -- owner-only folders and files ------------------------------------------------------------


# -- reading a file for an import -----------------------------------------------------------


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def _too_big(name: str, size: str, limit: int) -> ImportRefused:
    return ImportRefused(
        message(
            "{name} is too large ({size} MB); okrdesk imports files of at most {limit} MB.",
            name=name,
            size=size,
            limit=_megabytes(limit).removesuffix(".0"),
        )
    )


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refusing (ImportRefused) one over ``limit``
    bytes before reading it, and anything that is not a regular file."""
    path = Path(path)
    name = path.name
    # Non-blocking: opening a FIFO for reading would otherwise wait for a writer. A file
    # that cannot be opened is an OSError, described like any other (describe_error).
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ImportRefused(message("{name} is not a regular file.", name=name))
        if info.st_size > limit:
            raise _too_big(name, _megabytes(info.st_size), limit)
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while we looked
        raise _too_big(name, f"more than {_megabytes(limit)}", limit)
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark allowed), or ImportRefused saying where it is not."""
    if b"\x00" in data:
        raise ImportRefused(
            message(
                "{name} holds binary data, not text (or text in an encoding other than UTF-8).",
                name=name,
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRefused(
            message(
                "{name} is not UTF-8 text (line {line} has bytes that are not UTF-8). "
                "Save it as UTF-8 and import it again.",
                name=name,
                line=line,
            )
        ) from None


def read_text(path: Path, limit: int) -> str:
    """``read_capped`` and ``decode_text`` in one."""
    return decode_text(read_capped(path, limit), Path(path).name)


def _strict_hooks(name: str) -> dict[str, Any]:
    def constant(word: str) -> Any:
        raise ImportRefused(
            message("{name} holds {word}, which is not a number JSON allows.", name=name, word=word)
        )

    def integer(text: str) -> int:
        digits = len(text.lstrip("-"))
        if digits > MAX_INTEGER_DIGITS:
            raise ImportRefused(
                message(
                    "{name} holds a whole number of {digits} digits; okrdesk reads numbers of "
                    "at most {limit} digits (write a larger one with an exponent, like 1.5e21).",
                    name=name,
                    digits=digits,
                    limit=MAX_INTEGER_DIGITS,
                )
            )
        return int(text)

    def real(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise ImportRefused(
                message(
                    "{name} holds the number {number}, too large for okrdesk to store.",
                    name=name,
                    number=text[:40],
                )
            )
        return value

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ImportRefused(
                    message(
                        "{name} holds the key “{key}” twice in one object; which one is meant?",
                        name=name,
                        key=key[:60],
                    )
                )
            seen.add(key)
        return found  # pragma: no cover - a shorter dict means a key came twice

    return {
        "parse_constant": constant,
        "parse_int": integer,
        "parse_float": real,
        "object_pairs_hook": unique_keys,
    }


def parse_json(data: bytes | str, name: str, what: str = "an okrdesk file") -> Any:
    """Strict JSON (see the module), or ImportRefused with one sentence naming ``name``."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(
                message("{name} is not UTF-8 text, so it is not {what}.", name=name, what=what)
            ) from None
    try:
        return json.loads(data, **_strict_hooks(name))
    except json.JSONDecodeError as error:
        raise ImportRefused(
            message(
                "{name} is not valid JSON: {reason} at line {line}, column {column}.",
                name=name,
                reason=error.msg,
                line=error.lineno,
                column=error.colno,
            )
        ) from None
    except RecursionError:
        raise ImportRefused(
            message("{name} is nested too deeply to be {what}.", name=name, what=what)
        ) from None
