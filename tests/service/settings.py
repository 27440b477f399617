"""`make run`'s settings for the service tests, with static files from the source folders.

Spares each run a collectstatic of Wagtail's admin files; pages, cache and middleware are those
of regionportal.settings.local.
"""

from regionportal.settings.local import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
