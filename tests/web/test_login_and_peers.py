"""Logging in, and the page that lists the city's districts with growth and rank."""

from django.urls import reverse

from tests.helpers import SAMPLE_INDUSTRY, write_figures


def test_it_shows_the_login_page_in_chinese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "登录" in text and 'lang="zh-hans"' in text


def test_it_sends_anonymous_visitors_to_login(client, db):
    response = client.get(reverse("peer-table"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_a_wrong_password_in_chinese(client, people):
    response = client.post(reverse("login"), {"username": "leo", "password": "wrong"})
    assert "用户名或密码不正确" in response.content.decode()


def test_it_lists_the_districts_with_growth_and_rank(client, people, sample_city):
    city, members = sample_city
    rows = [
        (members[n], "industry_va", "2022-02", None, g, r) for n, (g, r) in SAMPLE_INDUSTRY.items()
    ]
    rows.append((city, "industry_va", "2022-02", None, "7.1", None))
    write_figures(people["admin"], rows)
    assert client.login(username="leo", password="Econdesk-test-2026")
    response = client.get(reverse("peer-table"), {"indicator": "industry_va", "period": "2022-02"})
    assert response.status_code == 200
    table = response.context["table"]
    assert [(row.region.name, str(row.growth), row.rank, row.tied) for row in table] == [
        ("临江县", "12.3000", 1, False),
        ("南湖区", "10.1000", 2, False),
        ("东城区", "8.2000", 3, False),
        ("红岩市", "7.7000", 4, False),
        ("西城区", "6.5000", 5, True),
        ("北山区", "6.5000", 5, True),
        ("青山县", "3.4000", 7, False),
        ("白水县", "-2.1000", 8, False),
    ]
    html = response.content.decode()
    assert "并列第5位" in html and "全市" in html and "7.1" in html
