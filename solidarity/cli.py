"""The `solidarity` command: Django's management commands, with `demo` and `serve` among them."""

import os
import sys

# Commands that touch neither the database nor any app's models: they run without Django's
# setup (importing every app's models and running their ready(), 0.26 s of `extract`'s
# start-up; bench/startup.py). Settings are still read, lazily, from the same module.
WITHOUT_APPS = {"extract": "solidarity.intake.management.commands.extract"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in WITHOUT_APPS:
        import importlib

        command = importlib.import_module(WITHOUT_APPS[args[0]]).Command()
        command.run_from_argv(["solidarity", *args])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["solidarity", *args])


if __name__ == "__main__":
    main()
