"""/bulletins/: generate and download, issue, archive, templates and notifications."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from econdesk.bulletins.docx import default_template
from econdesk.bulletins.models import Bulletin, BulletinTemplate, Notification
from tests.bulletins.helpers import docx_paragraphs, workbook

PASSWORD = "Econdesk-test-2026"


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def test_it_offers_generation_archive_and_templates(client, sample_feb):
    login(client, "leo")
    page = client.get(reverse("bulletins:index")).content.decode()
    assert "通报与会议材料" in page and "下载 Word" in page and "下载模板" in page
    assert "/bulletins/issue/confirm/" not in page  # a leader cannot issue
    client.logout()
    login(client, "rita")
    assert "/bulletins/issue/confirm/" in client.get(reverse("bulletins:index")).content.decode()


def test_it_downloads_word_and_excel_with_chinese_file_names(client, sample_feb):
    login(client, "leo")
    params = {"region": sample_feb["东城区"].pk, "period": "2022-02", "kind": "monthly"}
    response = client.get(reverse("bulletins:generate"), {**params, "format": "docx"})
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "全区规模以上工业增加值增长8.2%" in "".join(docx_paragraphs(response.content))
    response = client.get(reverse("bulletins:generate"), {**params, "format": "xlsx"})
    assert workbook(response.content)["主要指标"].freeze_panes == "B3"
    response = client.get(reverse("bulletins:generate"), {**params, "format": "html"})
    assert "数据来源" in response.content.decode()


def test_a_reviewer_issues_and_readers_open_it_from_the_notification(client, sample_feb, people):
    login(client, "rita")
    chosen = {"region": sample_feb["东城区"].pk, "period": "2022-02", "kind": "monthly"}
    unconfirmed = client.post(reverse("bulletins:issue"), chosen)
    assert unconfirmed["Location"].startswith(reverse("bulletins:issue-confirm"))
    assert not Bulletin.objects.exists()  # nothing issued before the confirmation
    confirm = client.get(unconfirmed["Location"]).content.decode()
    assert "东城区经济运行情况通报（2022年1-2月，第1期）" in confirm
    response = client.post(reverse("bulletins:issue"), {**chosen, "confirmed": "1"})
    bulletin = Bulletin.objects.get()
    assert response["Location"] == reverse("bulletins:detail", args=[bulletin.pk])
    client.logout()
    login(client, "leo")
    page = client.get(reverse("bulletins:index")).content.decode()
    assert "通知（1条未读）" in page and f"新印发：{bulletin.title}" in page
    note = Notification.objects.get(user=people["leader"])
    response = client.post(reverse("bulletins:notification-read", args=[note.pk]))
    assert response["Location"] == reverse("bulletins:detail", args=[bulletin.pk])
    assert "已印发" in client.get(response["Location"]).content.decode()
    original = client.get(reverse("bulletins:download", args=[bulletin.pk, "docx"]))
    assert original.content == bytes(bulletin.content)


def test_a_leader_cannot_issue(client, sample_feb):
    login(client, "leo")
    response = client.post(
        reverse("bulletins:issue"), {"region": sample_feb["东城区"].pk, "period": "2022-02"}
    )
    assert response.status_code == 403
    assert not Bulletin.objects.exists()


def test_it_refuses_a_broken_upload_with_the_reason(client, people):
    login(client, "alice")
    bad = SimpleUploadedFile("坏模板.docx", b"not a docx")
    response = client.post(
        reverse("bulletins:template-upload", args=["monthly"]), {"template": bad}, follow=True
    )
    assert "模板未启用：上传的文件不是 Word 文档（.docx）" in response.content.decode()
    good = SimpleUploadedFile("好模板.docx", default_template("monthly"))
    response = client.post(
        reverse("bulletins:template-upload", args=["monthly"]), {"template": good}, follow=True
    )
    assert "模板“好模板.docx”已通过检查并启用。" in response.content.decode()
    assert BulletinTemplate.objects.get().file_name == "好模板.docx"
    download = client.get(reverse("bulletins:template-download", args=["monthly"]))
    assert download.content == default_template("monthly")
