"""Reference data (statuses, tags, codes and articles) kept in data/reference.json.

Loaded after every migrate, so a new database has it and an edited file updates it;
rows a group added itself are left alone.
"""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

REFERENCE_FILE = Path(__file__).parent / "data" / "reference.json"


def load_reference(**_kwargs: Any) -> None:
    from .models import Article, CriminalCode, PersonStatus, Tag

    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    with transaction.atomic():
        for order, status in enumerate(data["statuses"]):
            PersonStatus.objects.update_or_create(
                code=status["code"], defaults={**status, "order": order}
            )
        for tag in data["tags"]:
            Tag.objects.update_or_create(slug=tag["slug"], defaults=tag)
        for raw in data["codes"]:
            # stages, stage_parts and source are read by the parsers (registry/codes.py).
            fields = {
                k: v for k, v in raw.items()
                if k not in ("articles", "stages", "stage_parts", "source")
            }  # fmt: skip
            code, _created = CriminalCode.objects.update_or_create(
                code=fields.pop("code"), defaults=fields
            )
            for number, title_en, title_ru, *title_be in raw["articles"]:
                article = Article.objects.filter(code=code, number=number).first() or Article(
                    code=code, number=number
                )
                article.title_en, article.title_ru = title_en, title_ru
                article.title_be = title_be[0] if title_be else ""
                article.save()
