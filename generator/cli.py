"""The ``community`` command for editors: check content without building.

Reads mkdocs.yml through MkDocs' own loader (so !ENV tags and INHERIT work), then runs the
core's read -> validate stages only. Exit 0 when clean, 1 with every problem otherwise.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import check
from .errors import ContentError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def load_site(config_file: str, serve: bool = False):  # noqa: ANN201 - (Site, Settings)
    """Site and settings from mkdocs.yml, or ContentError naming the bad keys."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.config import load_config  # noqa: PLC0415 - only the CLI needs MkDocs
    from mkdocs.exceptions import ConfigurationError  # noqa: PLC0415

    from .plugin import settings_from_config, site_from_config  # noqa: PLC0415

    try:
        config = load_config(config_file)
    except ConfigurationError as error:
        raise SystemExit(f"{config_file}: {error}") from None
    plugin = config.plugins.get("community")
    if plugin is None:
        raise SystemExit(f"{config_file}: the 'community' plugin is not in 'plugins'")
    settings = settings_from_config(dict(plugin.config), config)
    return site_from_config(config, serve), settings


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        site, settings = load_site(args.config_file)
        entries = check(site, settings)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    elapsed = time.perf_counter() - started
    print(f"{len(entries)} entries checked in {elapsed:.2f} s: no problems.")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="community", description="Tools for the talent-community site's editors.")
    main.add_argument("-f", "--config-file", default="mkdocs.yml",
                      help="the site's mkdocs.yml (default: %(default)s)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_cmd = commands.add_parser(
        "check", help="validate every entry and the settings; exit 1 on any problem")
    check_cmd.set_defaults(run=cmd_check)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
