"""Pure Python: entities, enums, progress maths, validation. No Qt, no SQL."""
