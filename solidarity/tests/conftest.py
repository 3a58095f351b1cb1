"""Fixtures for the tests that run Solidarity in processes of its own."""

from collections.abc import Callable, Iterator

import pytest

from .processes import Cluster, postgres_binaries


@pytest.fixture
def clusters() -> Iterator[Callable[[], Cluster]]:
    """Makes PostgreSQL clusters of the test's own; removes them at the end."""
    binaries = postgres_binaries()
    if binaries is None:
        pytest.skip("needs root, runuser and PostgreSQL's server binaries (CI has them)")
    made: list[Cluster] = []

    def make() -> Cluster:
        made.append(Cluster(binaries))
        return made[-1]

    yield make
    for cluster in reversed(made):
        cluster.remove()
