"""Background work asked for by a change happens if, and only if, the change is kept."""

from __future__ import annotations

import functools
from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


def after_commit(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    if isinstance(task.get_backend(), DatabaseBackend):
        # The task's row is written in the caller's transaction: it commits with the change
        # that asked for it and disappears with a rollback, and no crash can fall between.
        task.enqueue(*args, **kwargs)
        return
    # Redis is outside the transaction: a fast worker must not read the database before
    # the change is in it.
    transaction.on_commit(functools.partial(task.enqueue, *args, **kwargs))
