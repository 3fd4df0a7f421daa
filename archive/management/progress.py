"""A command's progress on stderr: redrawn in place on a terminal, a log line now and then
elsewhere (a log file, a pipe), and nothing for short runs."""

import time

# A progress line for runs longer than this many items.
PROGRESS_MIN_ITEMS = 20
PROGRESS_TTY_SECONDS = 0.2
PROGRESS_LOG_SECONDS = 10.0
BAR_WIDTH = 30


class Progress:
    """Counts done items out of ``total`` and shows a bar with the rate."""

    def __init__(self, stream, total: int, enabled: bool):
        self.stream = stream
        self.total = total
        self.done = 0
        self.enabled = enabled and total >= PROGRESS_MIN_ITEMS
        self.tty = self.enabled and _isatty(stream)
        self.started = self.last = time.monotonic()
        self.shown = False

    def tick(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        interval = PROGRESS_TTY_SECONDS if self.tty else PROGRESS_LOG_SECONDS
        if now - self.last < interval and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.started, 1e-6)
        percent = 100 * self.done / self.total if self.total else 100
        filled = int(BAR_WIDTH * percent / 100)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        text = f"[{bar}] {self.done}/{self.total} {percent:5.1f}% {rate:6.0f}/s"
        if self.tty:
            self.stream.write("\r\033[K" + text, ending="")
            self.stream.flush()
            self.shown = True
        else:
            self.stream.write(text)

    def clear(self) -> None:
        """Take the bar off the terminal before another line is written."""
        if self.tty and self.shown:
            self.stream.write("\r\033[K", ending="")
            self.stream.flush()
            self.shown = False


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
