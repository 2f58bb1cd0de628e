"""The house has one set of apps, all always installed: no code asks whether one of them is, and
no alias module stands in for the ledger's as-of read."""

import importlib.util
import re
from pathlib import Path

from django.conf import settings

ECONDESK = Path(__file__).resolve().parent.parent / "econdesk"


def test_no_module_asks_whether_an_always_installed_app_is_installed():
    asked = re.compile(r"is_installed\(\s*[\"'](econdesk\.[\w.]+)[\"']")
    hedges = [
        f"{path.relative_to(ECONDESK.parent)}: {app}"
        for path in ECONDESK.rglob("*.py")
        for app in asked.findall(path.read_text(encoding="utf-8"))
        if app in settings.INSTALLED_APPS
    ]
    assert hedges == []


def test_the_as_of_read_lives_in_the_ledger_only():
    assert importlib.util.find_spec("econdesk.bulletins.asof") is None
    assert importlib.util.find_spec("econdesk.ledger.asof") is not None
