"""The read API: authentication, filters, and the OpenAPI schema served locally."""

from econdesk.accounts import tokens
from tests.helpers import SAMPLE_INDUSTRY, write_figures


def _load(people, sample_city):
    city, members = sample_city
    rows = [
        (members[n], "industry_va", "2022-02", None, g, r) for n, (g, r) in SAMPLE_INDUSTRY.items()
    ]
    write_figures(people["admin"], rows)


def test_it_refuses_anonymous_requests(client, db):
    response = client.get("/api/v1/observations/")
    assert response.status_code in (401, 403)


def test_it_answers_a_token_holder_with_the_figures(client, people, sample_city):
    _load(people, sample_city)
    _row, token = tokens.issue(people["leader"], by=people["leader"])
    response = client.get(
        "/api/v1/observations/",
        {"indicator": "industry_va", "period": "2022-02", "region": "白水县"},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["region"] == "白水县" and row["growth"] == "-2.1000" and row["rank"] == 8


def test_it_serves_the_schema_and_docs_without_a_cdn(client, people):
    client.force_login(people["leader"])
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "unpkg" not in docs.lower()
    assert "drf_spectacular_sidecar" in docs or "swagger-ui" in docs
