"""Request-level security: the real client address, session timeouts and the CSP header.

ClientAddressMiddleware       REMOTE_ADDR from X-Forwarded-For behind ECONDESK_PROXY_COUNT
                              trusted proxies (nginx), so lockouts and the change record see
                              the person's address, not 127.0.0.1.
SessionTimeoutMiddleware      logs out a session idle for ECONDESK_SESSION_IDLE_SECONDS, or
                              older than SESSION_COOKIE_AGE since its login.
ContentSecurityPolicyMiddleware  the Content-Security-Policy header (ECONDESK_CSP), with a
                              different policy for the few pages listed in ECONDESK_CSP_PAGES.
"""

from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

# Session keys (seconds since the epoch).
AUTH_AT = "_econdesk_auth_at"
LAST_SEEN = "_econdesk_last_seen"
# Write the last-seen time at most this often, so reading pages does not write the session
# on every request.
TOUCH_EVERY_SECONDS = 60


class ClientAddressMiddleware:
    """Trust the last ECONDESK_PROXY_COUNT entries of X-Forwarded-For (0: trust none)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = int(getattr(settings, "ECONDESK_PROXY_COUNT", 0))

    def __call__(self, request):
        if self.proxies > 0:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
            if len(hops) >= self.proxies:
                candidate = hops[-self.proxies]
                try:
                    ipaddress.ip_address(candidate)
                except ValueError:
                    pass
                else:
                    request.META["ECONDESK_PROXY_ADDR"] = request.META.get("REMOTE_ADDR", "")
                    request.META["REMOTE_ADDR"] = candidate
        return self.get_response(request)


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        return f"{seconds // 3600} 小时"
    if seconds % 60 == 0:
        return f"{seconds // 60} 分钟"
    return f"{seconds} 秒"


def start_session_clock(sender, request, user, **kwargs):
    """user_logged_in receiver: the absolute and idle clocks start at login."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[AUTH_AT] = now
        request.session[LAST_SEEN] = now


def session_expiry_reason(session, now: float) -> str | None:
    """Why this logged-in session has run out, in Chinese, or None while it is valid."""
    idle = int(getattr(settings, "ECONDESK_SESSION_IDLE_SECONDS", 7200))
    absolute = int(settings.SESSION_COOKIE_AGE)
    last_seen = session.get(LAST_SEEN)
    auth_at = session.get(AUTH_AT)
    if idle > 0 and last_seen is not None and now - last_seen > idle:
        return f"您已超过 {_duration(idle)}未操作，为保护数据安全已自动退出，请重新登录。"
    if absolute > 0 and auth_at is not None and now - auth_at > absolute:
        return f"本次登录已超过 {_duration(absolute)}，为保护数据安全已自动退出，请重新登录。"
    return None


class SessionTimeoutMiddleware:
    """Log out idle or too-old sessions; goes after the auth and messages middleware.

    Django's own expiry (SESSION_COOKIE_AGE) counts from the session's last save, and this
    middleware saves the last-seen time, so the absolute limit is checked here from the
    login time instead. API calls with a token carry no session and are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session = request.session
            now = time.time()
            reason = session_expiry_reason(session, now)
            if reason:
                logout(request)
                messages.warning(request, reason)
            else:
                if session.get(AUTH_AT) is None:  # a session from before this middleware
                    session[AUTH_AT] = now
                last_seen = session.get(LAST_SEEN)
                if last_seen is None or now - last_seen >= TOUCH_EVERY_SECONDS:
                    session[LAST_SEEN] = now
        return self.get_response(request)


def render_policy(policy: dict[str, list[str] | tuple[str, ...]]) -> str:
    return "; ".join(
        f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
    )


class ContentSecurityPolicyMiddleware:
    """Add Content-Security-Policy (or -Report-Only with ECONDESK_CSP_REPORT_ONLY) to every
    response that does not already carry one. Pages listed in ECONDESK_CSP_PAGES (by URL name,
    e.g. "bulletins:detail", or by path prefix, e.g. "/api/") get their own policy instead of
    ECONDESK_CSP."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.default = render_policy(settings.ECONDESK_CSP)
        pages = getattr(settings, "ECONDESK_CSP_PAGES", {})
        self.by_name = {k: render_policy(v) for k, v in pages.items() if not k.startswith("/")}
        # Longest prefix first.
        self.by_prefix = sorted(
            ((k, render_policy(v)) for k, v in pages.items() if k.startswith("/")),
            key=lambda item: -len(item[0]),
        )
        self.header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "ECONDESK_CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )

    def policy_for(self, request) -> str:
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in self.by_name:
            return self.by_name[match.view_name]
        for prefix, policy in self.by_prefix:
            if request.path.startswith(prefix):
                return policy
        return self.default

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            # Django's technical error pages (DEBUG only) are styled and scripted inline.
            return response
        if self.default and self.header not in response:
            response[self.header] = self.policy_for(request)
        return response
