"""Account pages in the workspace's look: 修改密码, 我的令牌 and (系统管理员) 全部令牌."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from knox.models import AuthToken

from econdesk.accounts import permissions, tokens
from econdesk.audit.services import record_model_change, snapshot


def _is_admin(user) -> bool:
    return permissions.can(user, "org.manage")


class PasswordChangeView(auth_views.PasswordChangeView):
    """修改密码: the change is recorded (a digest, never the hash) and the API tokens die."""

    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        with transaction.atomic():
            user = get_user_model().objects.get(pk=form.user.pk)
            before = snapshot(user)
            response = super().form_valid(form)
            user.refresh_from_db()
            record_model_change(user=user, obj=user, before=before, reason="本人修改密码")
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
def my_tokens(request):
    """我的令牌: the person's API tokens; POST makes a new one, shown once."""
    new_token = None
    if request.method == "POST":
        _row, new_token = tokens.issue(request.user, by=request.user)
        messages.success(request, "已生成新令牌：请立即复制保存，离开本页后将无法再次查看。")
    context = {
        "tokens": tokens.listed(request.user),
        "new_token": new_token,
        "days": tokens.lifetime().days,
        "is_admin": _is_admin(request.user),
    }
    return render(request, "accounts/tokens.html", context)


@login_required
def all_tokens(request):
    """全部令牌 (系统管理员): every live token, whose it is, when it expires."""
    permissions.require(request.user, "org.manage")
    context = {"tokens": tokens.listed(request.user, everyone=True), "days": tokens.lifetime().days}
    return render(request, "accounts/tokens_all.html", context)


@login_required
@require_POST
def revoke_token(request, key):
    """Revoke one token: its owner, or a 系统管理员."""
    token = get_object_or_404(AuthToken.objects.select_related("user"), token_key=key)
    if token.user_id != request.user.pk and not _is_admin(request.user):
        raise PermissionDenied("只有令牌的所有人或系统管理员可以作废令牌。")
    by_owner = token.user_id == request.user.pk
    tokens.revoke(token, by=request.user, reason="本人作废" if by_owner else "系统管理员作废")
    messages.success(request, f"令牌 {key}… 已作废。")
    return redirect("accounts:tokens" if by_owner else "accounts:tokens-all")
