"""gunicorn settings for `make serve`, `make bench` and production (`gunicorn -c config/gunicorn.conf.py`).

Every value can come from the environment: BIND (default 127.0.0.1:8000), WEB_CONCURRENCY
(worker processes, default 2: one per core of a small server), GUNICORN_THREADS (default 1),
ACCESS_LOG ("-" for standard output; off by default), GUNICORN_MAX_REQUESTS (requests before a
worker is replaced, default 5000; 0 never: `make bench` uses 0, since a replaced worker reloads
the Chinese dictionary in the middle of a measurement).
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
accesslog = os.environ.get("ACCESS_LOG") or None
timeout = 30
graceful_timeout = 20
# Restart workers now and then, so a slow leak never grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10


def post_worker_init(worker) -> None:
    """Load the Chinese segmenter's dictionary before the first request, not during it."""
    from search.warmup import warm_up  # Django is set up only once the worker has loaded the app

    warm_up()
