"""The GUI's core: the controller, undo commands, background tasks, translation, theme and
settings. It knows no pane and no feature."""
