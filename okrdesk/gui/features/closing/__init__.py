"""Closing a cycle: the guided close dialog and the self-review export (issue 21)."""
