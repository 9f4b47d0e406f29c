"""The bundle's entry point: the same `okrdesk` command that pip installs."""

import sys

from okrdesk.launch import main

if __name__ == "__main__":
    sys.exit(main())
