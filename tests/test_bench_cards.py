"""bench/cards.py runs end to end at a small N: cards off, on with an empty cache, on again.

The figures are not judged (at this N start-up dominates; bench/RESULTS.md holds the run at
N=1000); what the plugin says it did is: the cold build drew every card, the warm one none.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from fixtures import REPO_ROOT


def test_cards_bench_draws_once_then_reads_back(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    command = [sys.executable, str(REPO_ROOT / "bench" / "cards.py"), "6", "--results",
               str(results), "--work", str(tmp_path / "work")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    text = results.read_text(encoding="utf-8")
    assert "## Social cards" in text
    off = re.search(r"^\| 6 \| off \|.*\| - \|$", text, re.M)
    cold = re.search(r"^\| 6 \| on, empty cache \|.*\| (\d+) drawn, 0 cached \|$", text, re.M)
    warm = re.search(r"^\| 6 \| on, cached \|.*\| 0 drawn, (\d+) cached \|$", text, re.M)
    assert off and cold and warm, text
    assert int(cold.group(1)) == int(warm.group(1)) > 6  # entries, listings and home
