"""The project's settings with the benchmark's floor view added to the URLs."""

from iop.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LOGGING = {"version": 1, "disable_existing_loggers": True}
# The benchmark measures the render: no rate limit on its anonymous requests.
IOP_PUBLIC_RATE_PER_MINUTE = 0
