"""设置: administrators reach the back office; others are refused. GDP sectors saved in the
back office go through the service (permission and change record)."""

from decimal import Decimal

from django.urls import reverse

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import GdpSector

PASSWORD = "Econdesk-test-2026"


def test_it_links_an_admin_to_the_back_office_screens(client, people):
    assert client.login(username="alice", password=PASSWORD)
    html = client.get(reverse("settings")).content.decode()
    for label, url in [
        ("单位", "/admin/accounts/department/"),
        ("分管区领导", "/admin/accounts/leader/"),
        ("用户", "/admin/accounts/user/"),
        ("指标目录", "/admin/ledger/indicator/"),
        ("GDP测算行业", "/admin/ledger/gdpsector/"),
    ]:
        assert f'href="{url}"><strong>{label}</strong>' in html
    assert 'href="/settings/"' in html  # in the navigation, for admins only
    assert 'href="/settings/status-rules/">指标亮灯规则</a>' in html


def test_it_refuses_the_settings_to_a_leader_in_chinese(client, people):
    assert client.login(username="leo", password=PASSWORD)
    response = client.get(reverse("settings"))
    assert response.status_code == 403
    assert "您的角色（领导）无权管理单位与用户。" in response.content.decode()
    assert 'href="/settings/"' not in client.get(reverse("targets")).content.decode()


def test_it_saves_a_gdp_sector_in_the_back_office_with_a_change_record(client, people, system_user):
    from econdesk.ledger.services.gdp import ensure_default_gdp_sectors

    ensure_default_gdp_sectors(system_user)
    admin = people["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sector = GdpSector.objects.get(code="construction")
    assert client.login(username="alice", password=PASSWORD)
    url = reverse("admin:ledger_gdpsector_change", args=[sector.pk])
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(weight="9", driver=sector.driver_id, region="")
    before = ChangeRecord.objects.count()
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    sector.refresh_from_db()
    assert sector.weight == Decimal("9")
    assert ChangeRecord.objects.count() == before + 1
    assert client.get(reverse("admin:ledger_gdpsector_delete", args=[sector.pk])).status_code == 403
