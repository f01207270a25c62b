"""`weerbaar`: the project's command line, wrapping Django's management commands.

`weerbaar demo --port N`, `weerbaar load-demo`, `weerbaar import …`, and every
`manage.py` command (`weerbaar migrate`, `weerbaar check --deploy`, …).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerbaar.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["weerbaar", *argv])
    if len(args) > 1:
        args[1] = args[1].replace("-", "_") if args[1] in ALIASES else args[1]
    execute_from_command_line(args)


# Commands spelled with a dash on the command line, implemented with an underscore.
ALIASES = {"load-demo", "import-register", "export-register", "export-site", "print-editions",
           "import-survey", "apply-retention", "import-cbs-kwb"}


if __name__ == "__main__":
    main()
