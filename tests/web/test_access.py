"""Who may open which page: everyone signed in reads; anonymous visitors are sent to log in."""

import pytest
from django.urls import reverse

from tests.web.known import build_known_city

PASSWORD = "Econdesk-test-2026"
READ_PAGES = [
    ("overview", []),
    ("indicator", ["industry_va"]),
    ("leaders", []),
    ("targets", []),
    ("gdp", []),
]


@pytest.mark.parametrize(("name", "args"), [*READ_PAGES, ("target-edit", []), ("settings", [])])
def test_it_sends_anonymous_visitors_to_log_in(client, db, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("username", ["alice", "rita", "colin", "leo", "sue"])
def test_it_lets_every_role_read_the_pages(client, people, sample_city, username):
    city, members = sample_city
    build_known_city(people["admin"], city, members)
    assert client.login(username=username, password=PASSWORD)
    for name, args in READ_PAGES:
        response = client.get(reverse(name, args=args), {"period": "2022-03"})
        assert response.status_code == 200, name
        assert 'lang="zh-hans"' in response.content.decode()


def test_it_shows_the_target_form_and_settings_only_to_those_allowed(client, people):
    allowed = {"alice": (200, 200), "rita": (200, 403), "colin": (403, 403), "leo": (403, 403)}
    for username, (form, settings) in allowed.items():
        assert client.login(username=username, password=PASSWORD)
        assert client.get(reverse("target-edit")).status_code == form, username
        assert client.get(reverse("settings")).status_code == settings, username
        client.logout()
