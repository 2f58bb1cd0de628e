"""DRF permission classes that ask econdesk.accounts.permissions, the one rule book."""

from rest_framework.permissions import BasePermission

from econdesk.accounts import permissions


class LedgerReadPermission(BasePermission):
    message = "您无权查看数据，请先登录。"

    def has_permission(self, request, view) -> bool:
        return permissions.can(request.user, "ledger.read")
