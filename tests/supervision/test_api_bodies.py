"""A JSON body that is not an object gets a 400 from the supervision API, not a 500
(found by schemathesis, docs/reliability.md)."""

import pytest


@pytest.fixture
def sue(client, people):
    client.force_login(people["supervisor"])
    return client


@pytest.mark.parametrize("suffix,method", [("", "patch"), ("remind/", "post"), ("report/", "post")])
@pytest.mark.parametrize("body", ["[]", "-1.4e+57"])
def test_it_refuses_a_json_body_that_is_not_an_object(sue, make_task, suffix, method, body):
    task = make_task()
    url = f"/api/v1/supervised-tasks/{task.pk}/{suffix}"
    response = getattr(sue, method)(url, body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("year", ["0", "10522", "9" * 30])
def test_it_refuses_an_assessment_year_out_of_range(sue, year):
    assert sue.get("/api/v1/scores/", {"year": year}).status_code == 400
    assert sue.get("/api/v1/scores/1/", {"year": year}).status_code == 400
