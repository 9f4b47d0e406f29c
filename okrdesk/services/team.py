"""Team objectives travelling as a file: a manager exports the team's missions, objectives
and key results of a cycle; each contributor imports (and later re-imports) them.

The file format ("okrdesk-team", version 1) is documented in ``docs/team-format.md``.
Importing keeps the file's ids, so a newer file updates what an older one brought in (see
``team_sync``); a CSV with a header row is read too (see ``okr_csv``), its ids derived from
its content.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from okrdesk.domain.entities import (
    Cycle,
    Item,
    KeyResult,
    Mission,
    Objective,
    is_team_item,
    new_id,
    utc_now,
)
from okrdesk.domain.messages import message
from okrdesk.domain.okr_parsed import NotUnderstood
from okrdesk.domain.repair import repaired
from okrdesk.services import files
from okrdesk.services.errors import ImportRefused
from okrdesk.services.exchange import build_record, json_value
from okrdesk.services.okr_import import MAX_IMPORT_BYTES, import_csv
from okrdesk.services.plan import PlanService
from okrdesk.services.team_sync import SYNCED_FIELDS, SyncResult, TeamItems, sync_team

T = TypeVar("T", bound=Item)

FORMAT_TAG = "okrdesk-team"
FORMAT_VERSION = 1
# Limits against hostile files (the file size limit is okr_import's, 10 MB).
MAX_TEAM_ITEMS = 20_000
MAX_ID_LENGTH = 100
MAX_NAME_LENGTH = 300

PLAN_ID_INFO = "plan_id"

_LISTS: tuple[tuple[str, type[Item]], ...] = (
    ("cycles", Cycle),
    ("missions", Mission),
    ("objectives", Objective),
    ("key_results", KeyResult),
)
_CYCLE_FIELDS = ("name", "start", "end")
_REQUIRED: dict[type[Item], tuple[str, ...]] = {
    Cycle: _CYCLE_FIELDS,
    Mission: ("title",),
    Objective: ("title",),
    KeyResult: ("objective_id", "title"),
}
_ENVELOPE = {"format", "version", "exported", "origin", "team"}


@dataclass(frozen=True)
class TeamImportReport:
    """What an import of a team file did, for a status bar, a dialog or the terminal."""

    source: str
    sync: SyncResult
    objectives: int
    key_results: int
    not_understood: tuple[NotUnderstood, ...] = ()

    def summary(self) -> str:
        text = (
            f"Read {self.objectives} objective{'s' if self.objectives != 1 else ''} and "
            f"{self.key_results} key result{'s' if self.key_results != 1 else ''} from "
            f"{self.source}: {self.sync.counts_text()}."
        )
        if self.not_understood:
            count = len(self.not_understood)
            text += f" {count} passage{'s' if count != 1 else ''} not understood."
        return text

    def details(self) -> list[str]:
        return self.sync.details() + [entry.describe() for entry in self.not_understood]


# -- export -----------------------------------------------------------------------------


def plan_identity(plan: PlanService) -> str:
    """This plan's stable id (made on first use): a team file's origin, so that a newer
    export from the same plan updates what an older one brought in."""
    found = plan.info(PLAN_ID_INFO).strip()
    if not found:
        found = new_id()
        plan.set_info(PLAN_ID_INFO, found)
    return found


def team_document(
    plan: PlanService, cycle_id: str | None, exported: datetime | None = None
) -> dict[str, Any]:
    """The team-level items of ``cycle_id`` (every cycle when None) as the file's object.
    Every item in it is valid and refers only to items in it (a value the plan cannot use
    as it is goes out mended, see ``domain.repair``), so the file always imports."""
    objectives = [
        o
        for o in _mended(plan.all(Objective))
        if is_team_item(o) and not o.archived and (cycle_id is None or o.cycle_id == cycle_id)
    ]
    objective_ids = {o.id for o in objectives}
    missions = [m for m in _mended(plan.all(Mission)) if is_team_item(m) and not m.archived]
    mission_ids = {m.id for m in missions}
    key_results = [
        kr
        for kr in _mended(plan.all(KeyResult))
        if kr.objective_id in objective_ids and not kr.archived
    ]
    cycle_ids = {o.cycle_id for o in objectives if o.cycle_id is not None}
    if cycle_id is not None:
        cycle_ids.add(cycle_id)
    cycles = [c for c in _mended(plan.all(Cycle)) if c.id in cycle_ids]
    written_cycles = {c.id for c in cycles}

    def keep(value: str | None, known: set[str]) -> str | None:
        # A link to something the file does not carry (a personal mission) is left out.
        return value if value in known else None

    def entry(record: Item, names: tuple[str, ...], **override: Any) -> dict[str, Any]:
        values = {"id": record.id}
        values.update({n: json_value(getattr(record, n)) for n in names})
        values.update(override)
        return values

    return {
        "format": FORMAT_TAG,
        "version": FORMAT_VERSION,
        "exported": (exported or utc_now()).isoformat(timespec="seconds"),
        "origin": plan_identity(plan),
        "team": plan.owner() or plan.path.stem,
        "cycles": [entry(c, _CYCLE_FIELDS) for c in cycles],
        "missions": [
            entry(m, SYNCED_FIELDS[Mission], parent_id=keep(m.parent_id, mission_ids))
            for m in missions
        ],
        "objectives": [
            entry(
                o,
                SYNCED_FIELDS[Objective],
                mission_id=keep(o.mission_id, mission_ids),
                cycle_id=keep(o.cycle_id, written_cycles),
                aligned_to_id=keep(o.aligned_to_id, objective_ids),
            )
            for o in objectives
        ],
        "key_results": [entry(kr, SYNCED_FIELDS[KeyResult]) for kr in key_results],
    }


def _mended(records: list[T]) -> list[T]:
    """The records valid for the file: mended where a value cannot go out as it is,
    left out where it cannot be mended."""
    kept: list[T] = []
    for record in records:
        fixed, _notes = repaired(record)
        if fixed is not None:
            kept.append(fixed)
    return kept


def export_team(
    plan: PlanService, path: Path, cycle_id: str | None, *, overwrite: bool = False
) -> dict[str, int]:
    """Write the team file to ``path`` (whole or not at all, owner-only; an existing file
    only with ``overwrite``, never a plan); returns how many of each list it holds."""
    target = files.check_target(Path(path), overwrite=overwrite, plan=plan.path)
    document = team_document(plan, cycle_id)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    files.write_file(target, text.encode("utf-8"), overwrite=overwrite, plan=plan.path)
    return {name: len(document[name]) for name, _cls in _LISTS}


# -- import -----------------------------------------------------------------------------


def import_team(
    plan: PlanService, path: Path, column_map: Mapping[str, str] | None = None
) -> TeamImportReport:
    """Import a team file (``okrdesk-team`` JSON) or a CSV with a header row (with
    ``column_map`` for odd headers); which one is told by the content, then the name."""
    path = Path(path)
    text = files.read_text(path, MAX_IMPORT_BYTES)
    if looks_like_json(text, path):
        items = read_team_document(files.parse_json(text, path.name, "a team file"), path.name)
        result = sync_team(plan, items)
        return TeamImportReport(items.source, result, len(items.objectives), len(items.key_results))
    report = import_csv(plan, path, column_map)
    return TeamImportReport(
        path.name, report.sync, report.objectives, report.key_results, report.not_understood
    )


def looks_like_json(text: str, path: Path) -> bool:
    start = text.lstrip()[:1]
    return start in ("{", "[") or (not start and path.suffix.lower() == ".json")


def _text(document: dict[str, Any], key: str, name: str) -> str:
    value = document.get(key, "")
    if not isinstance(value, str) or len(value) > MAX_NAME_LENGTH:
        raise ImportRefused(
            message(
                "{name}'s “{key}” must be text of at most {limit} characters.",
                name=name,
                key=key,
                limit=MAX_NAME_LENGTH,
            )
        )
    return value.strip()


def read_team_document(document: Any, name: str) -> TeamItems:
    """The file's items, checked on their own (the plan is checked by ``sync_team``)."""
    _check_team_envelope(document, name)
    origin = _text(document, "origin", name)
    if not origin:
        raise ImportRefused(
            message("{name} has no “origin”: okrdesk cannot tell which plan wrote it.", name=name)
        )
    team = _text(document, "team", name)
    lists = _team_lists(document, name)
    records: dict[str, list[Any]] = {
        list_name: [_read_item(cls, list_name, i, raw) for i, raw in enumerate(lists[list_name])]
        for list_name, cls in _LISTS
    }
    return TeamItems(
        origin=f"team:{origin}",
        source=f"{team} ({name})" if team else name,
        cycles=records["cycles"],
        missions=records["missions"],
        objectives=records["objectives"],
        key_results=records["key_results"],
    )


def _check_team_envelope(document: Any, name: str) -> None:
    """Refuse what is not a team file of this version, or has keys no team file has."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_TAG:
        raise ImportRefused(
            message(
                "{name} is not an okrdesk team file (it must be a JSON object with “format”: "
                "“{tag}”; export one with `okrdesk export team`).",
                name=name,
                tag=FORMAT_TAG,
            )
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused(message("{name}'s “version” must be a whole number.", name=name))
    if version > FORMAT_VERSION:
        raise ImportRefused(
            message(
                "{name} is version {version} of the team format, newer than this okrdesk reads "
                "(version {supported}); update okrdesk to import it.",
                name=name,
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    if version != FORMAT_VERSION:
        raise ImportRefused(
            message(
                "{name} says it is version {version}, which never existed.",
                name=name,
                version=version,
            )
        )
    known = _ENVELOPE | {list_name for list_name, _cls in _LISTS}
    unknown = sorted(key for key in document if key not in known)
    if unknown:
        raise ImportRefused(
            message("{name} has an unknown key “{value}”.", name=name, value=str(unknown[0])[:60])
        )


def _team_lists(document: dict[str, Any], name: str) -> dict[str, list[Any]]:
    """The file's lists by name (missing ones empty), refused when one is not a list or
    they hold more items than a team import takes."""
    lists: dict[str, list[Any]] = {}
    for list_name, _cls in _LISTS:
        value = document.get(list_name, [])
        if not isinstance(value, list):
            raise ImportRefused(
                message("{name}: “{list_name}” must be a list.", name=name, list_name=list_name)
            )
        lists[list_name] = value
    total = sum(len(v) for v in lists.values())
    if total > MAX_TEAM_ITEMS:
        raise ImportRefused(
            message(
                "{name} holds {total:,} items; okrdesk imports at most {limit:,} from a team file.",
                name=name,
                total=total,
                limit=MAX_TEAM_ITEMS,
            )
        )
    return lists


def _read_item(cls: type[Item], list_name: str, index: int, raw: Any) -> Item:
    where = f"{list_name}[{index}]"
    if not isinstance(raw, dict):
        raise ImportRefused(message("{where} must be an object.", where=where))
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id.strip() or len(item_id) > MAX_ID_LENGTH:
        raise ImportRefused(
            message(
                "{where}, field “id”: every item needs an id, text of at most {limit} characters.",
                where=where,
                limit=MAX_ID_LENGTH,
            )
        )
    allowed = {"id", "position", *(_CYCLE_FIELDS if cls is Cycle else SYNCED_FIELDS[cls])}
    unknown = sorted(key for key in raw if key not in allowed)
    if unknown:
        raise ImportRefused(
            message(
                "{where} has an unknown field “{value}”.", where=where, value=str(unknown[0])[:60]
            )
        )
    for key, value in raw.items():
        if key.endswith("_id") and value is not None and not isinstance(value, str):
            raise ImportRefused(
                message("{where}, field “{key}”: an id must be text.", where=where, key=key)
            )
    missing = [key for key in _REQUIRED[cls] if key not in raw]
    if missing:
        raise ImportRefused(
            message(
                "{where}, field “{missing}”: this field is required.",
                where=where,
                missing=missing[0],
            )
        )
    return build_record(cls, where, raw)
