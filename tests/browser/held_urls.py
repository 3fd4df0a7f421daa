"""The app's addresses plus one request the test holds: the live-server tests' URLconf.

``/held/`` waits, inside the view, until the test lets it go, then reads the database:
a request still being answered when the browser has given up on it.
"""

import threading
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns

# Bounds the wait of a view the test never lets go (a broken test), not a synchronisation.
RELEASE_TIMEOUT_S = 60


@dataclass
class Hold:
    """The held request: started when the view runs, let go by the test, what it read."""

    started: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    users_read: list[int] = field(default_factory=list)


HOLD = Hold()


def held(request) -> HttpResponse:
    HOLD.started.set()
    HOLD.release.wait(RELEASE_TIMEOUT_S)
    HOLD.users_read.append(User.objects.count())
    return HttpResponse("let go", content_type="text/plain")


urlpatterns = [path("held/", held), *app_urlpatterns]
