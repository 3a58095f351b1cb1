"""gunicorn for production: `gunicorn -c deploy/gunicorn.conf.py solidarity.wsgi:application`."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Sync workers: the app is CPU-light and its database calls are short; two per core plus one.
workers = int(os.environ.get("WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
# Recycle workers now and then so that no slow leak lives for weeks.
max_requests = 5000
max_requests_jitter = 500
# The proxy logs requests; the app logs nothing about who asked for what.
accesslog = None
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
