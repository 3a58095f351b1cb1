"""Settings for `bench/ratios.py` only: the product's settings, with the benchmark's limit
views (bench/ratios_limits.py) mounted beside the product's URLs. Never used outside it."""

from solidarity.settings import *  # noqa: F403

ROOT_URLCONF = "ratios_urls"
