"""gunicorn settings: `gunicorn -c python:kokybe.gunicorn_conf kokybe.wsgi`.

The access log carries no client address, user agent or query string: survey respondents are
promised anonymity, and logs never hold personal data.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# An XLSX export of a survey with 200,000 responses takes about 50 s (benchmarks/surveys.py);
# the default 30 s would kill the worker mid-download.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
