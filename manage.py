#!/usr/bin/env python
"""Django's manage.py; the `weerbaar` command does the same."""

from weerbaar.cli import main

if __name__ == "__main__":
    main()
