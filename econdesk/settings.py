"""econdesk settings, read from the environment.

Nothing here needs editing for a trial run: SQLite under var/ is the default, DEBUG is off
unless ECONDESK_DEBUG=1 (`make run` sets it). Production sets ECONDESK_SECRET_KEY, ECONDESK_DEBUG=0, ECONDESK_ALLOWED_HOSTS and DATABASE_URL (see docs/deploy.md).
"""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import timedelta
from pathlib import Path

from econdesk import dburl

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ECONDESK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret(var_dir: Path) -> str:
    """var/secret.key (mode 0600, made once): the key of an install that sets none."""
    path = var_dir / "secret.key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(os.urandom(40).hex() + "\n")
        return path.read_text(encoding="utf-8").strip()


# DEBUG is off unless asked for (ECONDESK_DEBUG=1; `make run` asks): a forgotten variable
# never shows Django's technical error pages (settings, the database URL) to anyone.
DEBUG = env_bool("ECONDESK_DEBUG", False)
# Production (HTTPS-only cookies and redirect, hashed static files, a secret key required) is
# what ECONDESK_DEBUG=0 says explicitly, as the deployment's environment file does.
PRODUCTION = os.environ.get("ECONDESK_DEBUG") is not None and not DEBUG
SECRET_KEY = os.environ.get("ECONDESK_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("生产环境必须设置 ECONDESK_SECRET_KEY")
    SECRET_KEY = local_secret(VAR_DIR)
ALLOWED_HOSTS = env_list("ECONDESK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("ECONDESK_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # First, so that its createsuperuser / changepassword (recorded in the change record)
    # replace django.contrib.auth's.
    "econdesk.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",  # API tokens stored hashed, expiring (econdesk/accounts/tokens.py)
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "econdesk.audit",
    "econdesk.ledger",
    "econdesk.analysis",
    "econdesk.reporting",
    "econdesk.bulletins",
    "econdesk.projects",
    "econdesk.api",
    "econdesk.web",
    "econdesk.supervision",
    "econdesk.ops",
    "econdesk.notify",
]

MIDDLEWARE = [
    "econdesk.web.dbdown.DatabaseUnavailableMiddleware",  # outermost: 503 while the DB is down
    "django.middleware.security.SecurityMiddleware",
    "econdesk.accounts.middleware.ContentSecurityPolicyMiddleware",
    "econdesk.accounts.middleware.ClientAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "econdesk.accounts.middleware.SessionTimeoutMiddleware",
    "econdesk.audit.context.OriginMiddleware",
    "econdesk.params_middleware.BadParameterMiddleware",  # malformed ?query → 400 in Chinese
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "econdesk.urls"
WSGI_APPLICATION = "econdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dburl.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'econdesk.sqlite3'}"), BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Password rules (econdesk/accounts/validators.py, Chinese messages): at least 10 characters,
# three of upper/lower/digit/symbol, not like the user's name, not common, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "econdesk.accounts.validators.UserAttributeSimilarityValidator"},
    {
        "NAME": "econdesk.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("ECONDESK_PASSWORD_MIN_LENGTH", 10))},
    },
    {
        "NAME": "econdesk.accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": 3},
    },
    {"NAME": "econdesk.accounts.validators.CommonPasswordValidator"},
    {"NAME": "econdesk.accounts.validators.NumericPasswordValidator"},
    {"NAME": "econdesk.accounts.validators.RepeatedCharactersValidator"},
]
# Logins go through the lockout rules (econdesk/accounts/security.py).
AUTHENTICATION_BACKENDS = ["econdesk.accounts.security.LockoutModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = os.environ.get("ECONDESK_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("ECONDESK_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("ECONDESK_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if not PRODUCTION
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: a city bulletin is a few hundred KB; a tidy file of a province some MB.
ECONDESK_MAX_UPLOAD_BYTES = int(os.environ.get("ECONDESK_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
ECONDESK_MAX_IMPORT_ROWS = int(os.environ.get("ECONDESK_MAX_IMPORT_ROWS", 2_000_000))
# The data checks on every import and estimate (econdesk/ledger/checks.py, docs/deploy.md):
# which run (ytd, base, sum, jump), the growth jump in points and the sum tolerance in percent.
ECONDESK_CHECKS = tuple(env_list("ECONDESK_CHECKS", "ytd,base,sum,jump"))
ECONDESK_CHECK_JUMP_PP = os.environ.get("ECONDESK_CHECK_JUMP_PP", "20")
ECONDESK_CHECK_SUM_TOLERANCE_PCT = os.environ.get("ECONDESK_CHECK_SUM_TOLERANCE_PCT", "1")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",  # "Authorization: Token …", as before
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "econdesk.api.pagination.Pagination",  # limit capped
    "PAGE_SIZE": 200,
    # stale edit → 409, Django ValidationError → 400, rule-book refusal → 403, all in Chinese
    "EXCEPTION_HANDLER": "econdesk.api.exceptions.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "econdesk 经济运行调度平台 API",
    "DESCRIPTION": "指标台账、分析面板与督办的接口。",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- security (econdesk/accounts; docs/deploy.md「安全设置」) ---------------------------------
# Sessions: logged out after ECONDESK_SESSION_IDLE_SECONDS without a request (idle) and, at the
# latest, SESSION_COOKIE_AGE after login (absolute); both checked by SessionTimeoutMiddleware.
SESSION_COOKIE_AGE = int(os.environ.get("ECONDESK_SESSION_SECONDS", 8 * 3600))
ECONDESK_SESSION_IDLE_SECONDS = int(os.environ.get("ECONDESK_SESSION_IDLE_SECONDS", 2 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Login lockout, shared by every process through the database (LoginAttempt).
ECONDESK_LOGIN_FAILURE_LIMIT = int(os.environ.get("ECONDESK_LOGIN_FAILURE_LIMIT", 5))
ECONDESK_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("ECONDESK_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
)
ECONDESK_LOGIN_FAILURE_WINDOW_SECONDS = int(
    os.environ.get("ECONDESK_LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
)
ECONDESK_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("ECONDESK_LOGIN_LOCKOUT_SECONDS", 15 * 60))
# Reverse proxies in front of the app (nginx: 1). The client address is then taken from
# X-Forwarded-For; 0 trusts no header and uses the socket's address.
ECONDESK_PROXY_COUNT = int(os.environ.get("ECONDESK_PROXY_COUNT", 0))
# Headers.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy: scripts, styles and images only from this site. Pages pass chart
# data with json_script (data, not code) and run static files (web/charts.js); no inline code.
ECONDESK_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


# Pages that cannot follow it get their own policy: the printable bulletin is a
# standalone HTML file (its own <style>, the chart as a data: PNG, a javascript: 打印 link
# allowed by its hash; no other script at all); the API docs are third-party pages (Swagger UI,
# Redoc) with inline setup code and styles.
_CSP_DOCUMENT = {
    "default-src": ["'none'"],
    "script-src": [
        "'unsafe-hashes'",
        _csp_hash("javascript:window.print()"),  # the 打印 link
    ],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
_CSP_API_DOCS = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# ECharts writes its tooltips as HTML with style attributes: the chart pages may use style
# attributes (never <style> elements, never inline script).
_CSP_STYLE_ATTRIBUTES = {**ECONDESK_CSP, "style-src-attr": ["'unsafe-inline'"]}
# Keys are URL names, or path prefixes (starting with "/"); URL names win.
ECONDESK_CSP_PAGES = {
    "bulletins:detail": _CSP_DOCUMENT,
    "bulletins:generate": _CSP_DOCUMENT,
    "api-docs": _CSP_API_DOCS,
    "api-redoc": _CSP_API_DOCS,
    "indicator": _CSP_STYLE_ATTRIBUTES,
    "gdp": _CSP_STYLE_ATTRIBUTES,
    # The browsable API also highlights JSON with a <style> block: styles only, never scripts.
    "/api/": {**ECONDESK_CSP, "style-src": ["'self'", "'unsafe-inline'"]},
}
ECONDESK_CSP_REPORT_ONLY = env_bool("ECONDESK_CSP_REPORT_ONLY", False)
if PRODUCTION:
    # Production runs behind HTTPS (nginx terminates TLS and sets X-Forwarded-Proto).
    SESSION_COOKIE_SECURE = env_bool("ECONDESK_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("ECONDESK_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("ECONDESK_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HSTS is remembered by browsers for its whole max-age: turn it on (31536000) once HTTPS
    # works for the host. Preload only if the domain is to be submitted to the preload list.
    SECURE_HSTS_SECONDS = int(os.environ.get("ECONDESK_HSTS_SECONDS", 0))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ECONDESK_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("ECONDESK_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # check --deploy asks for preload whenever HSTS is on; an intranet host is not on
        # the browsers' preload list, so not asking for it is a decision, not an oversight.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# API tokens (django-rest-knox): only a digest is stored; they expire after this many days and
# die with a password change or deactivation.
ECONDESK_API_TOKEN_DAYS = int(os.environ.get("ECONDESK_API_TOKEN_DAYS", 90))
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=ECONDESK_API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

# --- the change record's key (econdesk/audit/chain.py; docs/reliability.md「审计密钥」) ---------
# Entries are signed with HMAC-SHA256 under a key kept outside the database: the environment
# (ECONDESK_AUDIT_KEY, at least 32 characters) or a file the database user cannot read
# (ECONDESK_AUDIT_KEY_FILE). With neither, var/audit.key (mode 0600, made by `econdesk setup`).
ECONDESK_AUDIT_KEY = os.environ.get("ECONDESK_AUDIT_KEY", "")
ECONDESK_AUDIT_KEY_FILE = os.environ.get("ECONDESK_AUDIT_KEY_FILE", "")

# --- backup (econdesk backup / restore; econdesk/ops/backup.py) ------------------------------
ECONDESK_BACKUP_DIR = Path(os.environ.get("ECONDESK_BACKUP_DIR", VAR_DIR / "backups"))
# Where pg_dump / pg_restore are, when not the ones on PATH (they must not be older than the
# server), e.g. /usr/lib/postgresql/16/bin.
ECONDESK_PG_BIN_DIR = os.environ.get("ECONDESK_PG_BIN_DIR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ECONDESK_LOG_LEVEL", "WARNING")},
}

# Serve static files straight from the apps as well, so a fresh checkout works before (or
# without) collectstatic; production still runs collectstatic for hashed, compressed files.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
