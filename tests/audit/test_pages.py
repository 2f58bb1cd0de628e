"""The change record's pages: the list with its filters, one object's history (each field
before → after, labelled in Chinese), and the {% history_link %} tag."""

from datetime import timedelta

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from econdesk.accounts.models import Department
from econdesk.audit.models import ChangeRecord
from econdesk.ledger.models import Indicator
from econdesk.ledger.services.catalogue import save_indicator

PASSWORD = "Econdesk-test-2026"


def edit_retail(people, **changes):
    indicator = Indicator.objects.get(code="retail_sales")
    for name, value in changes.items():
        setattr(indicator, name, value)
    save_indicator(people["admin"], indicator, reason="通报口径调整")
    return indicator


def line(label, old, new):
    """One field's change as the history page writes it."""
    return (
        f'<span class="label">{label}：</span><span class="old">{old}</span>'
        f'<span class="arrow">→</span><span class="new">{new}</span>'
    )


def history_url(obj):
    return f"/audit/{obj._meta.label}/{obj.pk}/"


def test_the_history_shows_each_field_before_and_after_in_chinese(client, people):
    stats = Department.objects.get(short_name="统计局")
    indicator = edit_retail(people, decimals=1, frequency="quarterly", lead_department=stats)
    assert client.login(username="rita", password=PASSWORD)  # 审核 reads the change record
    response = client.get(history_url(indicator))
    assert response.status_code == 200
    html = response.content.decode()
    assert "社会消费品零售总额 · 变更历史" in html
    assert line("绝对值小数位", "2", "1") in html
    assert line("频率", "月度", "季度") in html
    assert f'<span class="new">{stats.name}</span>' in html  # 牵头部门 by name, not id
    assert "牵头部门：" in html
    assert "通报口径调整" in html and "管理员甲" in html
    # The creation is there too, oldest last.
    rows = response.context["rows"]
    assert [rec.action for rec, _changes in rows] == ["update", "create"]


def test_the_history_of_an_unknown_object_is_not_found(client, people):
    assert client.login(username="alice", password=PASSWORD)
    assert client.get("/audit/ledger.Indicator/999999/").status_code == 404


def test_the_history_of_a_deleted_object_stays_readable(client, people):
    from econdesk.accounts.models import Leader
    from econdesk.audit.services import record, snapshot

    leader = Leader.objects.create(name="李四", title="副区长")
    from django.db import transaction

    with transaction.atomic():
        record(user=people["admin"], action="delete", object_type="accounts.Leader",
               object_id=leader.pk, object_repr=str(leader), before=snapshot(leader),
               reason="调离")  # fmt: skip
        pk = leader.pk
        leader.delete()
    assert client.login(username="alice", password=PASSWORD)
    html = client.get(f"/audit/accounts.Leader/{pk}/").content.decode()
    assert "该对象已删除" in html and '<span class="old">李四</span>' in html


def test_the_list_filters_by_type_user_action_dates_and_text(client, people):
    edit_retail(people, decimals=1)
    assert client.login(username="leo", password=PASSWORD)  # 领导 reads it too

    def listed(**params):
        response = client.get("/audit/", params)
        assert response.status_code == 200
        return response.context["page"].paginator.count

    everything = ChangeRecord.objects.count()
    assert listed() == everything
    assert listed(type="ledger.Indicator") == Indicator.objects.count() + 1
    assert listed(user="管理员甲") == 1
    assert listed(action="update") == 1
    assert listed(q="社会消费品零售") == 2  # created, then edited
    assert listed(q="通报口径") == 1
    today = timezone.localdate()
    assert listed(since=str(today), until=str(today)) == everything
    assert listed(since=str(today + timedelta(days=1))) == 0
    assert listed(until=str(today - timedelta(days=1))) == 0
    response = client.get("/audit/", {"since": "昨天"})
    assert "起始日期“昨天”无法识别" in response.content.decode()


def test_the_list_links_each_record_to_its_objects_history(client, people):
    indicator = edit_retail(people, decimals=1)
    assert client.login(username="alice", password=PASSWORD)
    html = client.get("/audit/", {"type": "ledger.Indicator", "action": "update"}).content.decode()
    assert f'href="{history_url(indicator)}"' in html
    assert '<option value="ledger.Indicator" selected>指标</option>' in html


def test_the_list_pages(client, people):
    assert client.login(username="alice", password=PASSWORD)
    first = client.get("/audit/", {"type": "ledger.Indicator"})
    assert len(first.context["rows"]) == 30 and first.context["page"].paginator.num_pages == 1
    everything = client.get("/audit/")
    if everything.context["page"].paginator.num_pages > 1:
        second = client.get("/audit/", {"page": 2})
        assert second.status_code == 200 and second.context["page"].number == 2


def test_those_who_may_not_read_the_change_record_are_refused(client, people):
    indicator = Indicator.objects.get(code="retail_sales")
    assert client.login(username="colin", password=PASSWORD)
    response = client.get("/audit/")
    assert response.status_code == 403
    assert "您的角色（单位填报）无权查看变更记录。" in response.content.decode()
    assert client.get(history_url(indicator)).status_code == 403
    client.logout()
    assert client.get("/audit/").status_code == 302


def render_link(user, obj, label=None):
    request = RequestFactory().get("/")
    request.user = user
    source = "{% load audit_tags %}" + (
        '{% history_link obj "' + label + '" %}' if label else "{% history_link obj %}"
    )
    return Template(source).render(Context({"request": request, "obj": obj}))


def test_the_history_link_tag_shows_only_to_readers_of_the_record(people):
    indicator = Indicator.objects.get(code="retail_sales")
    link = render_link(people["reviewer"], indicator)
    assert link == f'<a class="history-link" href="{history_url(indicator)}">变更记录</a>'
    assert "修改历史</a>" in render_link(people["leader"], indicator, "修改历史")
    assert render_link(people["clerk"], indicator) == ""
    assert render_link(people["admin"], Indicator()) == ""  # unsaved: no history yet
