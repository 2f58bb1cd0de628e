"""WSGI entry point for gunicorn: econdesk.wsgi:application."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "econdesk.settings")
application = get_wsgi_application()
