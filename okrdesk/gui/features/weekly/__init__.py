"""The weekly rhythm in the window: the check-in pass, next steps ticked off, reminders."""
