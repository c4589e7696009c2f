"""`community link`: the printed sourcing link, and QR codes that decode to exactly it.

QR codes are read back with zxing-cpp, the barcode reader phones' scanner apps are built on.
An SVG is first rasterized with resvg (the ``resvg-py`` wheel from PyPI: no system library,
no browser), the way a print shop's RIP turns the vector into dots.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import resvg_py
import zxingcpp
from fixtures import REPO_ROOT
from PIL import Image

from generator.cli import main

SITE_URL = "https://northwind.github.io/careers/"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example project with one landing page, content/join/runner-up.md."""
    shutil.copy(REPO_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "content", tmp_path / "content", dirs_exist_ok=True)
    landing = tmp_path / "content" / "join" / "runner-up.md"
    landing.parent.mkdir(exist_ok=True)
    landing.write_text("---\ntitle: Thank you for applying\nsource: runner-up\n---\n\nHi.\n",
                       encoding="utf-8")
    return tmp_path


def link(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["-f", str(project / "mkdocs.yml"), "link", *args])
    except SystemExit as stop:  # argparse's usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def decoded(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def rasterized(svg: Path) -> Image.Image:
    return Image.open(io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_path=str(svg)))))


def test_link_prints_the_absolute_url_with_every_value(project, capsys, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    code, out, err = link(project, capsys, "--source", "career-fair", "--campaign",
                          "fair-2027-03", "--ref", "anna-k", "--segment", "data",
                          "--segment", "berlin")
    assert (code, err) == (0, "")
    assert out == (f"{SITE_URL}join/?source=career-fair&campaign=fair-2027-03&ref=anna-k"
                   "&segments=data,berlin\n")


def test_link_to_a_landing_page(project, capsys, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    code, out, _ = link(project, capsys, "--source", "runner-up", "--landing", "runner-up")
    assert code == 0
    assert out == f"{SITE_URL}join/runner-up/?source=runner-up\n"


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_qr_code_decodes_to_the_printed_url(project, capsys, monkeypatch, tmp_path, suffix):
    monkeypatch.delenv("SITE_URL", raising=False)
    target = tmp_path / f"poster{suffix}"
    code, out, err = link(project, capsys, "--source", "career-fair", "--campaign",
                          "fair-2027-03", "--segment", "data", "--qr", str(target))
    assert code == 0
    printed = out.strip()
    assert urlsplit(printed).path == "/careers/join/"
    assert f"Wrote {target}" in err
    image = rasterized(target) if suffix == ".svg" else Image.open(target)
    assert decoded(image) == [printed]


def test_qr_code_of_a_long_link_with_every_option(project, capsys, monkeypatch, tmp_path):
    """The longest link the rules allow (40-character campaign and ref, every segment)."""
    monkeypatch.setenv("SITE_URL", "https://talent.northwind.example/community/careers/")
    target = tmp_path / "stand.svg"
    segments = ["engineering", "design", "data", "operations", "berlin", "shanghai", "remote"]
    args = ["--source", "university", "--campaign", "c" * 40, "--ref", "r-" * 19 + "rr",
            "--landing", "runner-up", "--qr", str(target)]
    for segment in segments:
        args += ["--segment", segment]
    code, out, _ = link(project, capsys, *args)
    assert code == 0
    printed = out.strip()
    assert printed.startswith("https://talent.northwind.example/community/careers/join/"
                              "runner-up/?")
    assert parse_qs(urlsplit(printed).query)["segments"] == [",".join(segments)]
    assert decoded(rasterized(target)) == [printed]


def test_every_mistake_is_reported_in_one_run_and_nothing_is_written(project, capsys,
                                                                     tmp_path):
    target = tmp_path / "poster.svg"
    code, out, err = link(project, capsys, "--source", "job-fair", "--campaign", "Fair 2027",
                          "--ref", "x" * 41, "--segment", "munich", "--landing", "reunion",
                          "--qr", str(target))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 5, err
    assert "--source 'job-fair' is not a declared source" in lines[0]
    assert "career-fair" in lines[0]  # the declared ones are listed
    assert "--campaign 'Fair 2027' must be 1-40 lowercase letters" in lines[1]
    assert "--ref 'xxxxx" in lines[2]
    assert "--segment 'munich' is not a declared segment" in lines[3]
    assert "--landing 'reunion' is not a landing page: no content/join/reunion.md" in lines[4]
    assert "runner-up" in lines[4]
    assert not target.exists()


def test_an_unknown_picture_format_is_refused(project, capsys, tmp_path):
    code, _, err = link(project, capsys, "--source", "career-fair", "--qr",
                        str(tmp_path / "poster.jpg"))
    assert code == 2
    assert "must end in .svg or .png" in err


def test_the_installed_command_prints_only_the_link_on_stdout(project, tmp_path):
    """Scripts can take the link from stdout; the note about the file goes to stderr."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    target = tmp_path / "poster.png"
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "link", "--source", "alumni", "--qr",
         str(target)], cwd=project, env=env, capture_output=True, text=True, timeout=120,
        check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{SITE_URL}join/?source=alumni\n"
    assert decoded(Image.open(target)) == [result.stdout.strip()]
