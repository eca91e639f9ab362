import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help_with_an_example_and_is_in_the_readme(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "Example: geomap " + command in out
    assert f"geomap {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_geocode_prints_candidates(capsys):
    assert main(["geocode", "Kiev", "Qwertyuiopville"]) == 1
    out = capsys.readouterr().out
    assert "1. Kyiv [city" in out and "Qwertyuiopville: not found" in out


def test_missing_corpus_is_one_line_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "geomap", "build", str(tmp_path / "nope"), "-o", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 66  # EX_NOINPUT: see test_robustness for every status
    assert result.stderr.strip().count("\n") == 0 and "nope: no such file or folder" in result.stderr


def test_build_strict_exit_status(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Russia has sent 5,000 troops to Belarus.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    assert main(["build", str(corpus), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [f"geomap: warning: skipped {corpus / 'empty.txt'}: empty"]  # one line, the file, the reason
    assert main(["build", str(corpus), "-o", str(tmp_path / "out"), "--strict"]) == 2
    assert (tmp_path / "out" / "deployments.geojson").exists()


def test_explain_reads_text_longer_than_a_file_name(capsys):
    """A paragraph given as TEXT is no file name: explaining it must not fail with 'File name too long'."""
    from geomap.cli import main

    text = "Russia sent 5,000 troops to Belarus. " * 20
    assert main(["explain", text]) == 0
    assert capsys.readouterr().out.count("5000 troops") == 20
