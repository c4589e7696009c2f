"""The ``community`` command for editors: check, new, translate, calendar, schema, link,
report, import, digest.

Reads mkdocs.yml through MkDocs' own loader (so !ENV tags and INHERIT work), then hands plain
data to the core: ``check`` runs the read -> validate stages only, ``new`` writes a file from
the contract and ``translate`` an entry's translation (scaffold.py), ``calendar`` lists what
the content does by itself in the next days (editorial.py), ``schema`` writes the JSON Schema
and the README's field reference (schema.py), ``link`` prints a sourcing link and writes its QR
code (sourcing.py), ``report`` reads signup exports into a report (report.py, report_page.py),
``import`` brings roles from an ATS's public job board (ats/), ``digest`` writes the e-mail of
what went live in a window (digest.py). Exit 0 when all is well, 1 on problems in the content
or files, 2 on a usage mistake (a missing ``-f`` file included), 3 when a digest has nothing to
send. Under GitHub Actions, ``check`` also prints its problems as workflow annotations
(annotations.py).
Also runs as ``python -m generator``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

from . import annotations, editorial, report, report_page, scaffold, schema, sourcing, verify
from .build import body_renderer, check, sanitizer_warnings
from .content import Entry
from .digest import DigestWriter, Window, size_problem
from .entry_types import TYPES, aliases
from .errors import ContentError, Problem
from .i18n import Translator
from .languages import site_languages
from .markup import render_all
from .model import PLACEHOLDER
from .render import make_environment
from .schedule import build_time, open_ended_roles, schedule
from .settings import Settings, Site
from .timings import TIMINGS, requested_path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_NOTHING = 0, 1, 2, 3
DISTRIBUTION = "talent-community"  # pyproject's [project] name


def usage_error(message: str) -> NoReturn:
    """A mistake in how the command was called: said like argparse says its own, exit 2."""
    print(f"community: error: {message}", file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def load_site(config_file: str, serve: bool = False) -> tuple[Site, Settings]:
    """Site and settings from mkdocs.yml, or ContentError naming the bad keys."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    # Imported here, not at the top: only these commands need MkDocs (and its start-up time).
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .plugin import settings_from_config, site_from_config

    if not Path(config_file).is_file():
        usage_error(f"{config_file}: no such file (-f/--config-file names the site's "
                    "mkdocs.yml; run in the site's folder or pass -f)")
    try:
        config = load_config(config_file)
    except ConfigurationError as error:
        raise SystemExit(f"{config_file}: {error}") from None
    plugin = config.plugins.get("community")
    if plugin is None:
        raise SystemExit(f"{config_file}: the 'community' plugin is not in 'plugins'")
    settings = settings_from_config(dict(plugin.config), config, serve)
    return site_from_config(config, serve), settings


def _checked(config_file: str, annotate: bool = False
             ) -> tuple[Site, Settings, list[Entry]] | None:
    """Site, settings and validated entries, or None after printing every problem (and, with
    ``annotate``, each as a GitHub Actions annotation too)."""
    try:
        site, settings = load_site(config_file)
        return site, settings, check(site, settings, build_time())
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        if annotate:
            _annotate(config_file, error.problems, "error")
        return None


def _annotate(config_file: str, problems: list[Problem], level: annotations.Level) -> None:
    site_dir = Path(config_file).resolve().parent
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    for line in annotations.annotations(problems, level, site_dir, workspace):
        print(line)


def cmd_check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    annotate = annotations.in_github_actions()
    checked = _checked(args.config_file, annotate)
    if checked is None:
        return EXIT_PROBLEMS
    _site, settings, entries = checked
    removed = sanitizer_warnings(entries)
    forever = open_ended_roles(entries, settings.local(build_time()))
    for warning in sorted([*removed, *forever]):
        print(warning)
    if annotate:
        _annotate(args.config_file, [*removed, *forever], "warning")
    elapsed = time.perf_counter() - started
    count = f"{len(removed)} warning" + ("s" if len(removed) > 1 else "")
    noted = f" ({count}: the parts named above are left out of the site)" if removed else ""
    if forever:
        noted += f" ({len(forever)} open-ended role{'s' if len(forever) > 1 else ''})"
    print(f"{len(entries)} entries checked in {elapsed:.2f} s: no problems{noted}.")
    table = requested_path()
    if table is not None:  # the check's cost table, for bench/check.py (timings.py)
        TIMINGS.write(table)
    if args.strict and (removed or forever):
        print("--strict: warnings count as problems.", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _load_or_report(args: argparse.Namespace) -> tuple[Site, Settings] | None:
    """The site and its settings, or None once their problems are printed (every command
    that needs them says the same, the same way)."""
    try:
        return load_site(args.config_file)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return None


def cmd_new(args: argparse.Namespace) -> int:
    loaded = _load_or_report(args)
    if loaded is None:
        return EXIT_PROBLEMS
    site, settings = loaded
    day = args.date or settings.local(build_time()).date()  # today where the site is
    segment_ids = [value for axis in settings.segments.values() for value in axis.values]
    try:
        path = scaffold.create_entry(site.docs_dir, args.type, args.title, day, args.slug,
                                     segment_ids, site.shown_docs_dir)
    except scaffold.SlugNeeded as error:
        print(f"community new: {error}", file=sys.stderr)
        return EXIT_USAGE
    except scaffold.NotCreated as error:
        print(f"community new: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = site.shown_docs_dir + path.relative_to(site.docs_dir).as_posix()
    kind = aliases().get(args.type)
    if kind:  # "job" for "jobs": it works, and the editor learns the folder's name
        print(f"('{args.type}' is read as '{kind}', the folder content/{kind}/)")
    print(f"Created {shown}\nReplace every value that starts with '{PLACEHOLDER}', write the "
          "text, then run: community check")
    return EXIT_OK


def cmd_translate(args: argparse.Namespace) -> int:
    loaded = _load_or_report(args)
    if loaded is None:
        return EXIT_PROBLEMS
    site, settings = loaded
    source = _entry_file(args.file, site, Path(args.config_file).resolve().parent)
    languages = {code: language.name for code, language in settings.languages.items()}
    try:
        path = scaffold.translate_entry(site.docs_dir, source, args.language, languages,
                                        site.shown_docs_dir)
    except scaffold.NotTranslatable as error:
        usage_error(f"translate: {error}")
    except scaffold.NotCreated as error:
        print(f"community translate: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = site.shown_docs_dir + path.relative_to(site.docs_dir).as_posix()
    print(f"Created {shown}\nTranslate the values under each '{scaffold.MARK}' line and the "
          "text, delete those lines, then run: community check")
    return EXIT_OK


def _entry_file(name: str, site: Site, project: Path) -> Path:
    """The entry an editor names: from the current folder, else from the site's folder
    (``content/jobs/x.md``); a usage error unless it is an entry file under content/."""
    candidates = [Path(name), project / name]
    found = next((path.resolve() for path in candidates if path.is_file()), None)
    if found is None:
        usage_error(f"translate: {name}: no such file")
    docs = site.docs_dir.resolve()
    inside = found.relative_to(docs).parts if found.is_relative_to(docs) else ()
    if len(inside) < 2 or inside[0] not in TYPES or found.suffix.lower() != ".md":
        usage_error(f"translate: {name} is no entry: name a Markdown file in one of the "
                    f"entry folders of {site.shown_docs_dir} ({', '.join(TYPES)})")
    return site.docs_dir / Path(*inside)


def cmd_calendar(args: argparse.Namespace) -> int:
    checked = _checked(args.config_file)
    if checked is None:
        return EXIT_PROBLEMS
    _, settings, entries = checked
    calendar = editorial.editorial_calendar(entries, settings, settings.local(build_time()),
                                            args.days)
    if args.json:
        print(json.dumps(editorial.as_json(calendar), indent=2, ensure_ascii=False))
    else:
        print(editorial.as_text(calendar))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    try:
        site, settings = load_site(args.config_file)
        folder = args.site_dir or site.site_dir or Path("site")
        if not folder.is_dir():
            print(f"community verify: {folder} is not a folder; build the site first",
                  file=sys.stderr)
            return EXIT_USAGE
        shown = folder.as_posix().rstrip("/") + "/"
        findings = verify.verify(folder, site, settings, build_time(), shown)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        noun = "problem" if len(findings) == 1 else "problems"
        print(f"{len(findings)} {noun} found in {shown}: do not publish it.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{shown} verified against the content and settings: no problems.")
    return EXIT_OK


def add_verify(commands: argparse._SubParsersAction) -> None:
    verify_cmd = commands.add_parser(
        "verify", help="check a built site before it is published; exit 1 on any problem",
        description="Check the built site against the content and settings at build time "
                    "(SOURCE_DATE_EPOCH or now): every generated page, feed and calendar "
                    "is there, no draft or scheduled entry is published, previews and closed "
                    "roles are noindex and out of sitemap.xml, closed roles and past events "
                    "are out of the feeds, local links resolve and no page loads anything "
                    "from another origin. One line per problem.")
    verify_cmd.add_argument("site_dir", nargs="?", type=Path, metavar="SITE_DIR",
                            help="the built site (default: site_dir of mkdocs.yml)")
    verify_cmd.set_defaults(run=cmd_verify)


def cmd_schema(args: argparse.Namespace) -> int:
    """Schemas always; the README's field reference only where its markers are.

    Any site can run it: without ``--readme``, a README.md that is missing or has no markers
    is left as it is (and the output says so); a README named with ``--readme`` must exist
    and have them.
    """
    chosen = args.readme is not None
    readme_path: Path = args.readme if chosen else Path("README.md")
    if chosen and not readme_path.is_file():
        print(f"community schema: --readme {readme_path}: no such file", file=sys.stderr)
        return EXIT_USAGE
    readme = readme_path.read_text(encoding="utf-8") if readme_path.is_file() else None
    fresh: str | None = None
    if readme is not None and schema.has_reference_markers(readme):
        fresh = schema.with_reference(readme)
    elif chosen:
        print(f"community schema: {readme_path} {schema.MISSING_MARKERS}", file=sys.stderr)
        return EXIT_PROBLEMS
    skipped = "" if fresh is not None else _readme_left_alone(readme_path, readme)
    if args.check:
        stale = [str(args.out / name) for name in schema.stale_schemas(args.out)]
        stale += [str(readme_path)] if fresh is not None and fresh != readme else []
        if stale:
            print("Out of date with generator/model.py (run `community schema`): "
                  + ", ".join(stale), file=sys.stderr)
            return EXIT_PROBLEMS
        what = "Schemas" if fresh is None else "Schemas and the README's field reference"
        print(f"{what} match the models.{skipped}")
        return EXIT_OK
    written = schema.write_schemas(args.out)
    if fresh is not None:
        readme_path.write_text(fresh, encoding="utf-8")
        print(f"Wrote {len(written)} schemas to {args.out}/ and the field reference in "
              f"{readme_path}.")
    else:
        print(f"Wrote {len(written)} schemas to {args.out}/.{skipped}")
    return EXIT_OK


def _readme_left_alone(path: Path, text: str | None) -> str:
    if text is None:
        return f" No {path}: no field reference written."
    return f" {path} is left as it is: it {schema.MISSING_MARKERS}."


def cmd_link(args: argparse.Namespace) -> int:
    loaded = _load_or_report(args)
    if loaded is None:
        return EXIT_PROBLEMS
    site, settings = loaded
    problems = sourcing.link_problems(
        sources=settings.attribution.sources, segment_ids=settings.segment_ids,
        landings=sourcing.landing_names(site.docs_dir), source=args.source,
        campaign=args.campaign, ref=args.ref, segments=args.segment, landing=args.landing)
    if args.qr is not None and args.qr.suffix.lower() not in sourcing.QR_KINDS:
        problems.append(f"--qr '{args.qr}' must end in .svg or .png")
    if settings.signup is None:
        problems.append("the site has no signup form (no `signup` in mkdocs.yml): the link "
                        "would lead nowhere")
    if problems:
        for problem in problems:
            print(f"community link: {problem}", file=sys.stderr)
        return EXIT_USAGE
    url = sourcing.sourcing_link(site.url, source=args.source, campaign=args.campaign,
                                 ref=args.ref, segments=args.segment, landing=args.landing)
    print(url)
    if args.qr is not None:
        try:
            modules = sourcing.write_qr(url, args.qr)
        except OSError as error:
            print(f"community link: cannot write {args.qr}: {error.strerror}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Wrote {args.qr}: a QR code of {modules}x{modules} modules for that link",
              file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    try:
        site, settings = load_site(args.config_file)
        entries = check(site, settings)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    out: Path = args.out.resolve()
    for folder, why in ((site.site_dir, "the built site"), (site.docs_dir, "the content")):
        if folder is not None and out.is_relative_to(folder.resolve()):
            print(f"community report: --out {args.out} is inside {folder} ({why}): the "
                  "report holds facts about people and must never be published; choose a "
                  "folder outside it", file=sys.stderr)
            return EXIT_USAGE
    problems: list[str] = []
    signups: list[report.Signup] = []
    rows, skipped = 0, []
    for path in args.submissions:
        try:
            found = report.read_export(path, settings)
        except report.ExportError as error:
            problems += error.problems
            continue
        signups += found.signups
        rows += found.rows
        skipped += found.skipped
    if problems:
        print("\n".join([*problems, "Nothing was written."]), file=sys.stderr)
        return EXIT_PROBLEMS
    t = Translator(site.language)
    now = build_time()
    labels = {key: t(f"report.{key}") for key in ("other", "direct", "not_given")}
    the_report = report.build_report(
        signups, rows, skipped, schedule(entries, now), settings, now, args.since, labels,
        {kind: t(f"type.{kind}") for kind in TYPES})
    out.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = out / report_page.REPORT_FILE, out / report_page.FIGURES_FILE
    html_path.write_text(report_page.report_html(the_report, t, site.name), encoding="utf-8")
    csv_path.write_text(report_page.figures_csv(the_report), encoding="utf-8")
    for line in skipped[:20]:
        print(f"left out: {line}", file=sys.stderr)
    if len(skipped) > 20:
        print(f"left out: ... and {len(skipped) - 20} more rows", file=sys.stderr)
    print(f"{rows} rows from {len(args.submissions)} files: {the_report.members} members "
          f"({the_report.duplicates} repeated addresses counted once, {len(skipped)} rows "
          f"left out). Wrote {html_path} and {csv_path}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    # Imported here: only this command needs nh3, markdownify and BeautifulSoup.
    from .ats import boards as ats_boards
    from .ats import fetch as ats_fetch
    from .ats import sync as ats_sync

    checked = _checked(args.config_file)
    if checked is None:  # the import works on a site that passes the check
        print("Fix these first (`community check` lists them); the import changed nothing.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    site, settings, entries = checked
    board = args.board or settings.ats.board
    if not board:
        print("community import: name the board (greenhouse:<board>, lever:<site> or "
              "ashby:<organization>) or set plugins.community.ats.board in "
              f"{args.config_file}", file=sys.stderr)
        return EXIT_USAGE
    try:
        spec = ats_boards.parse_spec(board)
    except ValueError as error:
        print(f"community import: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.from_file:
            where, raw = str(args.from_file), ats_fetch.read_saved(args.from_file)
        else:
            where = ats_fetch.board_url(spec, args.base_url)
            raw = ats_fetch.fetch(where, timeout=args.timeout, attempts=args.tries)
        roles = ats_boards.parse_board(spec.ats, raw, where)
        plan = ats_sync.run_import(roles, spec, site, settings, settings.local(build_time()).date(),
                                   entries, args.dry_run)
    except ats_fetch.FetchError as error:
        print(f"community import: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ats_boards.BoardError as error:
        print(f"{error.report()}\nThe board is not what {spec.ats} documents; nothing was "
              "changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    except ats_sync.ImportRefused as error:
        print(f"community import: {error}; nothing was changed.", file=sys.stderr)
        return EXIT_PROBLEMS
    print(ats_sync.report(plan, args.dry_run))
    return EXIT_PROBLEMS if plan.refused else EXIT_OK


def cmd_digest(args: argparse.Namespace) -> int:
    loaded = _load_or_report(args)
    if loaded is None:
        return EXIT_PROBLEMS
    site, settings = loaded
    until = args.until or settings.local(build_time()).date()
    window = Window(args.since, until, settings.zone)  # whole days where the site is
    problems = []
    if args.since > until:
        problems.append(f"--since {args.since} is after --until {until}")
    declared = sorted(settings.segment_ids)
    problems += [f"--segment '{segment}' is not a declared segment (declared in mkdocs.yml: "
                 f"{', '.join(declared)})" for segment in args.segment
                 if segment not in declared]
    languages = site_languages(site, settings)
    language = next((found for found in languages
                     if found.code == (args.language or languages[0].code)), None)
    if language is None:
        codes = ", ".join(found.code for found in languages)
        problems.append(f"--language '{args.language}' is not a language of the site "
                        f"(languages in mkdocs.yml: {codes})")
    if problems:
        for problem in problems:
            print(f"community digest: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        entries = check(site, settings)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_PROBLEMS
    # Their state at the end of the window, never later than now: nothing not yet live.
    moment = min(window.end - timedelta(seconds=1), build_time())
    assert language is not None
    # A site in several languages: the entries written in that language (its members'
    # digest; each form posts the member's language, so the provider can segment by it).
    candidates = [e for e in schedule(entries, settings.local(moment))
                  if window.holds(e.fields.date) and e.language in ("", language.code)]
    urls = {entry.src_path: entry.path for entry in entries}
    render_all(candidates, body_renderer(site, settings, urls))
    writer = DigestWriter(language.site, language.settings,
                          Translator(language.site.language,
                                     settings.language_strings(language.code), settings.zone),
                          make_environment())
    digests = [writer.digest(candidates, window, segment)
               for segment in (args.segment or [None])]
    span = f"between {window.since} and {window.until}"
    ready = [digest for digest in digests if digest.entries]
    if not ready:
        scope = f" for {', '.join(args.segment)}" if args.segment else ""
        print(f"Nothing to send: nothing went live {span}{scope}.", file=sys.stderr)
        return EXIT_NOTHING
    for digest in digests:
        if not digest.entries:
            print(f"Nothing new for the {digest.name} digest {span}: not written.",
                  file=sys.stderr)
    too_big = [problem for digest in ready if (problem := size_problem(digest))]
    if too_big:
        for problem in too_big:
            print(f"community digest: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    args.out.mkdir(parents=True, exist_ok=True)
    for digest in ready:
        (args.out / f"{digest.name}.html").write_text(digest.html, encoding="utf-8")
        (args.out / f"{digest.name}.txt").write_text(digest.text, encoding="utf-8")
        print(f"Wrote {args.out / digest.name}.html and .txt: {len(digest.entries)} entries; "
              f"subject: {digest.subject}")
    return EXIT_OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day written as YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days (1 or more)")
    return int(text)


def add_new(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new", help="write a new entry file with placeholders to fill in",
        description="Write content/<type>/<date>-<slug>.md with every required field as a "
                    f"'{PLACEHOLDER} ...' placeholder (the check fails until each is replaced) "
                    "and the optional fields as comments. Never overwrites a file.")
    new.add_argument("type", choices=[*TYPES, *aliases()], metavar="TYPE",
                     help="one of: " + ", ".join(TYPES))
    new.add_argument("title", help='the title, in quotes: "Winter hiring update"')
    new.add_argument("--slug", help="the web address part (a-z, 0-9, '-'); default: from "
                                    "the title (needed for a title in Chinese)")
    new.add_argument("--date", type=_day, help="the publication day, YYYY-MM-DD (default: "
                                               "today; a later day schedules the entry)")
    new.set_defaults(run=cmd_new)


def add_translate(commands: argparse._SubParsersAction) -> None:
    translate = commands.add_parser(
        "translate", help="write the translation of an entry, to fill in",
        description="Write the translation of an entry beside it, named like the entry plus "
                    "the language (content/jobs/x.md in zh: content/jobs/x.zh.md): the "
                    f"entry's text with each field in words marked '{scaffold.MARK}' and "
                    "the facts (dates, times, segments, links, salary) kept as they are. "
                    "Never overwrites a file.")
    translate.add_argument("file", help="the entry to translate, e.g. "
                                        "content/jobs/2026-11-02-data-engineer.md")
    translate.add_argument("language", help="a language of the site (languages in "
                                            "mkdocs.yml), e.g. zh")
    translate.set_defaults(run=cmd_translate)


def add_calendar(commands: argparse._SubParsersAction) -> None:
    calendar = commands.add_parser(
        "calendar", help="what publishes, goes public, closes or takes place in the next days",
        description="The editorial calendar at build time (SOURCE_DATE_EPOCH or now): "
                    "scheduled entries, job previews going public, roles closing, events; "
                    f"and the types and segments with nothing new for {editorial.GAP_DAYS} "
                    "days.")
    calendar.add_argument("--days", type=_positive, default=30,
                          help="how many days ahead (default: %(default)s)")
    calendar.add_argument("--json", action="store_true", help="print JSON instead of text")
    calendar.set_defaults(run=cmd_calendar)


def add_schema(commands: argparse._SubParsersAction) -> None:
    schema_cmd = commands.add_parser(
        "schema", help="write the JSON Schema of each type and the README's field reference",
        description="Generate schemas/<type>.schema.json and the README's field reference "
                    "from the content contract (generator/model.py).")
    schema_cmd.add_argument("--out", type=Path, default=Path("schemas"),
                            help="where the schema files go (default: %(default)s)")
    schema_cmd.add_argument("--readme", type=Path, default=None, metavar="PATH",
                            help="the file whose field reference to update, between the "
                                 f"markers {schema.README_START} and {schema.README_END} "
                                 "(default: README.md, if it has them)")
    schema_cmd.add_argument("--check", action="store_true",
                            help="change nothing; exit 1 if the files are out of date")
    schema_cmd.set_defaults(run=cmd_schema)


def add_link(commands: argparse._SubParsersAction) -> None:
    link = commands.add_parser(
        "link", help="print a sourcing link to the join page, and write its QR code",
        description="Print the absolute link to /join/ (or a landing page) that makes every "
                    "signup through it count under a source, a campaign and a referrer; "
                    "with --qr, write a QR code of exactly that link for posters and stands.")
    link.add_argument("--source", required=True, metavar="ID",
                      help="a source declared under attribution.sources in mkdocs.yml")
    link.add_argument("--campaign", metavar="C", help="a campaign: 1-40 of a-z, 0-9, '-'")
    link.add_argument("--ref", metavar="R", help="a referrer: 1-40 of a-z, 0-9, '-'")
    link.add_argument("--segment", action="append", default=[], metavar="S",
                      help="a segment to pre-tick (repeat for more)")
    link.add_argument("--landing", metavar="NAME",
                      help="the landing page content/join/NAME.md instead of /join/")
    link.add_argument("--qr", type=Path, metavar="FILE",
                      help="write the QR code to FILE.svg or FILE.png")
    link.set_defaults(run=cmd_link)


def add_report(commands: argparse._SubParsersAction) -> None:
    report_cmd = commands.add_parser(
        "report", help="a community report from the form provider's exports",
        description="Read the signup exports of the form or newsletter service (CSV or "
                    "JSON) and the content, and write a self-contained HTML report with "
                    "charts and figures.csv. Each address counts once; no address or name "
                    "is written.")
    report_cmd.add_argument("--submissions", nargs="+", type=Path, required=True,
                            metavar="FILE", help="one or more exports, .csv or .json")
    report_cmd.add_argument("--since", type=_day, metavar="DATE",
                            help="only people who joined from this day on, YYYY-MM-DD")
    report_cmd.add_argument("--out", type=Path, required=True, metavar="DIR",
                            help="the folder for report.html and figures.csv (never "
                                 "inside site/ or content/)")
    report_cmd.set_defaults(run=cmd_report)


def add_import(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "import", help="create and update job previews from an ATS's public job board",
        description="Read a Greenhouse, Lever or Ashby job board (its public JSON, or a "
                    "saved copy) and write content/jobs/<slug>.md for each role: new roles "
                    "are created, changed ones get only their imported fields updated, roles "
                    "gone from the board get 'closes' set to today. Files that would not "
                    "pass `community check` are not written.")
    cmd.add_argument("board", nargs="?", metavar="ATS:BOARD",
                     help="greenhouse:<board>, lever:<site> or ashby:<organization> "
                          "(default: plugins.community.ats.board in mkdocs.yml)")
    cmd.add_argument("--from", dest="from_file", type=Path, metavar="FILE.json",
                     help="read the board from this saved file instead of the ATS")
    cmd.add_argument("--dry-run", action="store_true",
                     help="print what would change, file by file; write nothing")
    cmd.add_argument("--base-url", metavar="URL",
                     help="another address for the ATS's API (https; http only for this "
                          "machine), e.g. https://api.eu.lever.co for Lever's EU accounts")
    cmd.add_argument("--timeout", type=float, default=20.0,
                     help="seconds to wait for the board (default: %(default)s)")
    cmd.add_argument("--tries", type=_positive, default=3,
                     help="attempts on no answer or a 5xx/429 answer (default: %(default)s)")
    cmd.set_defaults(run=cmd_import)


def add_digest(commands: argparse._SubParsersAction) -> None:
    digest = commands.add_parser(
        "digest", help="write the e-mail of what went live in a window, per segment",
        description="Write <out>/<all|segment>.html and .txt: an e-mail-ready digest of the "
                    "entries that went live between --since and --until (whole days in the "
                    "site's timezone), "
                    "for everyone or one per --segment. Exit 3 when there is nothing to send.")
    digest.add_argument("--since", type=_day, required=True, metavar="DATE",
                        help="the first day, YYYY-MM-DD")
    digest.add_argument("--until", type=_day, metavar="DATE",
                        help="the last day, YYYY-MM-DD (default: today, build time)")
    digest.add_argument("--segment", action="append", default=[], metavar="ID",
                        help="one digest for this segment (repeat for more); "
                             "default: one for everyone")
    digest.add_argument("--language", metavar="CODE",
                        help="a site in several languages: the digest of this language's "
                             "entries, in it (default: the first of `languages`)")
    digest.add_argument("--out", type=Path, default=Path("digest"), metavar="DIR",
                        help="where the files go (default: %(default)s)")
    digest.set_defaults(run=cmd_digest)


def version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # run from a tree that is not installed
        return "unknown (not installed)"


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="community", description="Tools for the talent-community site's editors.")
    main.add_argument("--version", action="version",
                      version=f"%(prog)s {version()} ({DISTRIBUTION})")
    main.add_argument("-f", "--config-file", default="mkdocs.yml",
                      help="the site's mkdocs.yml (default: %(default)s)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_cmd = commands.add_parser(
        "check", help="validate every entry and the settings; exit 1 on any problem",
        description="Read and validate every entry and the community settings of mkdocs.yml "
                    "the way the build does, print each problem as file:line: field: message "
                    "and exit 1 if there is any (0 when all is well). Under GitHub Actions "
                    "(GITHUB_ACTIONS=true) each problem is also printed as a workflow "
                    "annotation, so it shows on its line of the pull request.")
    check_cmd.add_argument("--strict", action="store_true",
                           help="exit 1 on warnings too (an open role without 'closes', text "
                                "the sanitizer removes)")
    check_cmd.set_defaults(run=cmd_check)
    add_new(commands)
    add_translate(commands)
    add_calendar(commands)
    add_schema(commands)
    add_link(commands)
    add_digest(commands)
    add_report(commands)
    add_import(commands)
    add_verify(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
