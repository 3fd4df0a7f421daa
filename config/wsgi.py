import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# The web process's garbage collector (GC_THRESHOLD, GC_FREEZE): gunicorn and runserver both
# load this module; the benchmarks call the same function.
from search.gc_tuning import configure_gc  # noqa: E402  (needs the apps loaded)

configure_gc()
