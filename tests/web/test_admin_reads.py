"""The back office reads as the pages do: figures with the indicator's decimals, 别名 as names
(never `[]`), 本级 changed on 设置 rather than ticked here."""

from django.urls import reverse

from tests.helpers import write_figures

PASSWORD = "Econdesk-test-2026"


def test_the_observation_list_writes_figures_as_pages_do(client, people, sample_city):
    city, members = sample_city
    write_figures(people["admin"], [(city, "gdp", "2022-03", "4042.51", "6.0", None)])
    assert client.login(username="alice", password=PASSWORD)
    html = client.get(reverse("admin:ledger_observation_changelist")).content.decode()
    assert "4042.51亿元" in html and "6.0" in html
    assert "4042.510000" not in html and "6.0000" not in html


def test_a_region_shows_its_aliases_as_names_and_not_a_home_box(client, people, sample_city):
    city, members = sample_city
    east = members["东城区"]
    assert client.login(username="alice", password=PASSWORD)
    url = reverse("admin:ledger_region_change", args=[east.pk])
    html = client.get(url).content.decode()
    assert 'name="aliases"' in html  # a JSON field would show its empty list: [] (issue 15)
    assert "[]</textarea>" not in html and 'value="[]"' not in html
    assert 'name="is_home"' not in html  # 本级 is set on the settings page
    data = {"name": "东城区", "code": "", "kind": "district", "parent": city.pk, "ranked": "on",
            "aliases": "东城、东城新区", "sort_order": 1}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    east.refresh_from_db()
    assert east.aliases == ["东城", "东城新区"] and east.is_home
    assert "东城、东城新区" in client.get(url).content.decode()
