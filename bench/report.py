#!/usr/bin/env python3
"""Time `community report` on a large signup export.

    python bench/report.py [--rows 100000] [--rounds 3]

Writes a Formspree-style CSV of ``--rows`` signups (one in ten an address seen before,
sources, campaigns, referrers and segments spread over the example site's declared values,
a year of dates) and runs the real ``community report`` command on it against this
repository's mkdocs.yml and content, each round a fresh process, timed from start to exit
(so MkDocs' config loading and the content check are in the figure). Prints each round's
wall and CPU seconds and the fastest; the target is under 5 s for 100,000 rows. Measured
figures are in the README ("Community report").
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["careers-site", "career-fair", "event", "referral", "runner-up", "alumni",
           "linkedin", "", "poster-typo"]
SEGMENTS = ["engineering", "design", "data", "operations", "berlin", "shanghai", "remote"]
RELATIONSHIPS = ["former-employee", "past-applicant", "student", "professional", ""]


def write_export(path: Path, rows: int, seed: int = 17) -> None:
    """A Formspree-style export with the form's own field names and ``_date``."""
    pick = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "name", "interests", "consent", "source", "campaign",
                         "referrer", "relationship", "form", "page", "_date"])
        for number in range(rows):
            person = pick.randrange(number) if number and pick.random() < 0.1 else number
            moment = start + timedelta(minutes=pick.randrange(365 * 24 * 60))
            writer.writerow([
                f"person{person}@example.org", f"Person {person}",
                ",".join(pick.sample(SEGMENTS, pick.randrange(3))), "yes",
                pick.choice(SOURCES), pick.choice(["", "fair-2027-03", "q4-letters"]),
                pick.choice(["", "", "anna-k", "ben-m", f"ref-{pick.randrange(300)}"]),
                pick.choice(RELATIONSHIPS), "join", "/careers/join/",
                moment.isoformat().replace("+00:00", "Z"),
            ])


def run_once(export: Path, out: Path) -> float:
    """One fresh `community report` process; prints its wall and CPU seconds."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1798761600"}  # 2027-01-01: every row lies before it
    started, cpu_before = time.perf_counter(), _children_cpu()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "-f", str(REPO / "mkdocs.yml"), "report",
         "--submissions", str(export), "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, check=False)
    elapsed, cpu = time.perf_counter() - started, _children_cpu() - cpu_before
    if result.returncode != 0:
        raise SystemExit(f"community report failed:\n{result.stderr}")
    print(f"  {elapsed:.2f} s wall, {cpu:.2f} s CPU  "
          f"{result.stdout.strip().split('. Wrote')[0]}")
    return elapsed


def _children_cpu() -> float:
    """User + system seconds of finished child processes: less moved by other processes'
    load than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "formspree.csv"
        write_export(export, args.rows)
        size = export.stat().st_size / 1e6
        print(f"community report on {args.rows} rows ({size:.1f} MB CSV), "
              f"{args.rounds} rounds:")
        times = [run_once(export, Path(folder) / "out") for _ in range(args.rounds)]
    print(f"fastest: {min(times):.2f} s for {args.rows} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
