#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    # The console speaks one language, English, whatever the site's default (Arabic): command
    # output, help and the messages of the apps they call. Pages choose theirs per request.
    django.setup()
    translation.activate("en")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
