"""Letter work done by the task workers, away from the request that asked for it."""

from __future__ import annotations

from django_tasks import task


@task()
def tell_writer(letter_id: int, news: str) -> bool:
    from .notify import tell_writer as send

    return send(letter_id, news)


@task()
def prepare_post_batch(batch_id: int) -> dict[str, int]:
    from .services.dispatch import build_post_batch

    batch = build_post_batch(batch_id)
    return {"letters": len(batch.letters), "files": len(batch.files)}
