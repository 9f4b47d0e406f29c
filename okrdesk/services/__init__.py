"""Use cases over the store: one transaction each. The only API the GUI and CLI use."""
