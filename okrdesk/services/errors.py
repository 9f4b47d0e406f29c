"""Errors the services raise, each with a sentence fit to show a person."""

from __future__ import annotations

from okrdesk.domain.validation import ValidationError
from okrdesk.store.database import PlanFileError

__all__ = ["ExportRefused", "ImportRefused", "ItemNotFound", "PlanFileError", "ValidationError"]


class ItemNotFound(LookupError):
    def __init__(self, what: str, item_id: str) -> None:
        super().__init__(f"No {what} with id {item_id} in this plan.")
        self.item_id = item_id


class ImportRefused(ValueError):
    """A file that cannot be imported; nothing was written."""


class ExportRefused(ValueError):
    """An export that would destroy something (the open plan, a file not meant to go);
    nothing was written."""
