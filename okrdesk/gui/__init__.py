"""Qt: the app, main window, item models, panes, undo commands and dialogs."""
