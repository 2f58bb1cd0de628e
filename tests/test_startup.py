"""Plain commands start without loading the web layer, yet still run the checks that matter to
them (econdesk/cli.py); `econdesk check` still runs every check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

# Plants a failing system check under one tag, then runs the econdesk command line; at exit,
# says which heavy modules the process had loaded.
PLANT = """
import atexit, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "econdesk.settings"
import django
django.setup()
from django.core import checks

tag = sys.argv[1]

@checks.register(tag)
def planted(app_configs=None, **kwargs):
    return [checks.Error(f"planted {tag} error", id="planted.E001")]

heavy = ["matplotlib", "openpyxl", "docx", "econdesk.urls", "econdesk.web.views"]
atexit.register(lambda: print("loaded:", [m for m in heavy if m in sys.modules]))
from econdesk.cli import main
main(["econdesk", *sys.argv[2:]])
"""


def run(tmp_path, tag, *command):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-c", PLANT, tag, *command],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


ANALYZE = ("analyze", "--region", "东城区", "--period", "2022-03")


@pytest.mark.parametrize("tag", ["models", "database", "security"])
def test_a_plain_command_still_stops_on_a_failing_check_about_it(tmp_path, tag):
    done = run(tmp_path, tag, *ANALYZE)
    assert done.returncode == 1
    assert "SystemCheckError" in done.stderr and f"planted {tag} error" in done.stderr


def test_a_plain_command_skips_the_servers_checks_and_loads_no_view(tmp_path):
    done = run(tmp_path, "urls", *ANALYZE)
    assert "planted" not in done.stderr
    # It went on to the (empty) database, having imported no view, chart or spreadsheet code.
    assert "loaded: []" in done.stdout


def test_econdesk_check_still_runs_the_servers_checks(tmp_path):
    done = run(tmp_path, "urls", "check")
    assert done.returncode == 1 and "planted urls error" in done.stderr
