"""While the database is down, pages and the API answer 503 with a Chinese reason, not a bare 500
(econdesk/web/dbdown.py; measured with a real PostgreSQL restart in loadtest/pg_restart.py)."""

import pytest
from django.core.handlers.exception import convert_exception_to_response
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from econdesk.accounts.models import Role, User
from econdesk.web.dbdown import MESSAGE, DatabaseUnavailableMiddleware


def _down(*args, **kwargs):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


@pytest.fixture
def leader(db):
    return User.objects.create(username="leo", role=Role.LEADER)


def test_it_answers_a_page_with_a_503_in_chinese_when_the_database_is_down(
    client, leader, monkeypatch
):
    client.force_login(leader)
    monkeypatch.setattr("econdesk.web.views.overview.place_for", _down)
    response = client.get("/")
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")


def test_it_answers_the_api_with_json(client, leader, monkeypatch):
    client.force_login(leader)
    monkeypatch.setattr("econdesk.api.analysis_views.find_region", _down)
    response = client.get("/api/v1/panel/", {"region": "东城区", "period": "2022-02"})
    assert response.status_code == 503
    assert response.json() == {"detail": f"{MESSAGE}。"}


def test_it_turns_a_database_error_in_another_middleware_into_the_503():
    def session_save_fails(request):
        raise InterfaceError("connection already closed")

    inner = convert_exception_to_response(session_save_fails)  # Django's 500, as in the chain
    response = DatabaseUnavailableMiddleware(inner)(RequestFactory().get("/"))
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()


def test_it_leaves_other_errors_alone():
    def broken(request):
        raise ValueError("a bug")

    inner = convert_exception_to_response(broken)
    response = DatabaseUnavailableMiddleware(inner)(RequestFactory().get("/"))
    assert response.status_code == 500
