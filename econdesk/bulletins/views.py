"""Bulletin pages. Each view checks access first, asks a service, and renders or downloads."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from econdesk import params as query
from econdesk.accounts import permissions
from econdesk.bulletins import archive, services
from econdesk.bulletins.charts import ChartFontMissing
from econdesk.bulletins.docx import TemplateRejected
from econdesk.bulletins.models import Bulletin, BulletinKind, BulletinTemplate, Notification
from econdesk.ledger import queries
from econdesk.ledger.models import Region
from econdesk.notify import services as notify_services
from econdesk.web import reads

NOTIFICATIONS_PER_PAGE = 20


def _download(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    ascii_name = "bulletin." + file_name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}"
    )
    return response


def _choice(request):
    """Region, period and kind chosen on the page (home region and newest period by default)."""
    home = queries.home_region()
    region = home
    if (wanted := query.region_id(request.GET)) is not None:
        region = Region.objects.filter(pk=wanted).first() or home
    key = query.period(request.GET)
    if key is None and region is not None:
        key = archive.latest_actual_period(region)
    kind = request.GET.get("kind", BulletinKind.MONTHLY)
    if kind not in BulletinKind.values:
        kind = BulletinKind.MONTHLY
    return region, key, kind


@login_required
def index(request):
    """Notifications, the generate/issue form, the archive and the templates."""
    permissions.require(request.user, "bulletins.read")
    region, key, kind = _choice(request)
    notes = Notification.objects.filter(user=request.user)[:20]
    templates = {
        k: BulletinTemplate.objects.filter(kind=k, is_active=True).first()
        for k in BulletinKind.values
    }
    context = {
        "region": region,
        "key": key,
        "kind": kind,
        "kinds": BulletinKind.choices,
        "groups": reads.region_groups(),  # one <optgroup> per city, as on the other pickers
        "periods": queries.periods_with_data(None)[:36],
        "notifications": notes,
        "bulletins": Bulletin.objects.select_related("region", "period")[:50],
        "templates": [(k, label, templates[k]) for k, label in BulletinKind.choices],
        "can_issue": permissions.can(request.user, "bulletins.issue"),
        "can_edit_template": permissions.can(request.user, "bulletins.edit_template"),
    }
    return render(request, "bulletins/index.html", context)


@login_required
def generate(request):
    """Today's bulletin in the chosen format: .docx / .xlsx download, or the HTML page."""
    permissions.require(request.user, "bulletins.read")
    region, key, kind = _choice(request)
    fmt = request.GET.get("format", "html")
    if region is None or key is None:
        messages.error(request, "请先选择地区和期别。")
        return redirect("bulletins:index")
    try:
        content, name, content_type = services.generate(request.user, region, key, kind, fmt)
    except (services.BulletinError, ChartFontMissing) as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:index")
    if fmt == "html":
        return HttpResponse(content, content_type=content_type)
    return _download(content, name, content_type)


def _posted_choice(request):
    wanted = query.region_id(request.POST)
    region = get_object_or_404(Region, pk=wanted) if wanted is not None else None
    if region is None:
        raise Http404("请选择地区")
    key = query.period(request.POST)
    kind = request.POST.get("kind", BulletinKind.MONTHLY)
    if kind not in BulletinKind.values:
        kind = BulletinKind.MONTHLY
    return region, key, kind


@login_required
def issue_confirm(request):
    """The confirmation before 印发: names exactly the bulletin of the current selection (kind,
    region, period — read from the form as submitted, not from the page's first load), its 期号
    and issuing office, with the preview beside it."""
    permissions.require(request.user, "bulletins.issue")
    region, key, kind = _choice(request)
    if region is None or key is None:
        messages.error(request, "请先选择地区和期别。")
        return redirect("bulletins:index")
    try:
        plan = archive.planned(region, key, kind)
    except services.BulletinError as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:index")
    preview = reverse("bulletins:generate") + (
        f"?region={region.pk}&period={key.code}&kind={kind}&format=html"
    )
    context = {"region": region, "key": key, "kind": kind, "plan": plan, "preview": preview}
    return render(request, "bulletins/confirm.html", context)


@login_required
@require_POST
def issue(request):
    """印发 what the confirmation named; a post without the confirmation goes to it first."""
    permissions.require(request.user, "bulletins.issue")
    region, key, kind = _posted_choice(request)
    if key is None:
        messages.error(request, "请选择期别。")
        return redirect("bulletins:index")
    if request.POST.get("confirmed") != "1":
        return redirect(
            reverse("bulletins:issue-confirm")
            + f"?region={region.pk}&period={key.code}&kind={kind}"
        )
    try:
        bulletin = archive.issue(request.user, region, key, kind)
    except (services.BulletinError, ChartFontMissing) as exc:
        messages.error(request, str(exc))
        return redirect("bulletins:index")
    messages.success(request, f"已印发：{bulletin.title}")
    return redirect("bulletins:detail", pk=bulletin.pk)


@login_required
def detail(request, pk: int):
    """An issued bulletin as the printable page, from its snapshot."""
    permissions.require(request.user, "bulletins.read")
    bulletin = get_object_or_404(Bulletin.objects.select_related("region", "period"), pk=pk)
    # Reading a page writes nothing: a notification is marked read by its POST (notification_read).
    html = services.render_html(archive.material_of(bulletin), bulletin=bulletin)
    return HttpResponse(html)


@login_required
def download(request, pk: int, fmt: str):
    """The issued .docx as kept; .xlsx / .html regenerated from the snapshot; "regenerated"
    .docx on request (?regenerate=1)."""
    permissions.require(request.user, "bulletins.read")
    bulletin = get_object_or_404(Bulletin, pk=pk)
    if fmt not in services.FORMATS:
        raise Http404("不支持的格式")
    name = bulletin.file_name.rsplit(".", 1)[0] + f".{fmt}"
    if fmt == "docx" and not request.GET.get("regenerate"):
        return _download(bytes(bulletin.content), bulletin.file_name, services.FORMATS["docx"])
    return _download(archive.regenerate(bulletin, fmt), name, services.FORMATS[fmt])


@login_required
def template_download(request, kind: str):
    permissions.require(request.user, "bulletins.read")
    try:
        content, _sha, name = services.active_template(kind)
    except services.BulletinError as exc:
        raise Http404(str(exc)) from exc
    return _download(content, name, services.FORMATS["docx"])


@login_required
@require_POST
def template_upload(request, kind: str):
    permissions.require(request.user, "bulletins.edit_template")
    upload = request.FILES.get("template")
    if upload is None:
        messages.error(request, "请选择要上传的模板文件（.docx）。")
        return redirect("bulletins:index")
    try:
        services.upload_template(request.user, kind, upload.name, upload.read())
    except (TemplateRejected, services.BulletinError) as exc:
        messages.error(request, f"模板未启用：{exc}")
    except ChartFontMissing as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"模板“{upload.name}”已通过检查并启用。")
    return redirect("bulletins:index")


@login_required
@require_POST
def template_reset(request, kind: str):
    permissions.require(request.user, "bulletins.edit_template")
    try:
        services.reset_template(request.user, kind)
    except services.BulletinError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已恢复默认模板。")
    return redirect("bulletins:index")


@login_required
def notification_list(request):
    """我的通知: the user's own notifications, newest first, a page at a time, and the messages
    sent to their mobile or mailbox. Opening the page marks nothing read (the POSTs do)."""
    mine = Notification.objects.filter(user=request.user)
    page = Paginator(mine, NOTIFICATIONS_PER_PAGE).get_page(query.page(request.GET))
    context = {
        "page": page,
        "unread": services.unread_count(request.user),
        "sent": notify_services.sent_to(request.user),
    }
    return render(request, "bulletins/notifications.html", context)


@login_required
@require_POST
def notifications_read(request):
    """Mark all of the user's notifications read, back to 我的通知."""
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, f"已将{count}条通知标为已读。")
    return redirect("bulletins:notifications")


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one of the user's notifications read, then open its link (or go back to the page
    named in ``next``, e.g. 我的通知's 标为已读)."""
    permissions.require(request.user, "bulletins.read")
    try:
        note = services.mark_read(request.user, pk)
    except Notification.DoesNotExist as exc:
        raise Http404("通知不存在") from exc
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    link = note.link or reverse("bulletins:index")
    if not url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        link = reverse("bulletins:index")
    return redirect(link)
