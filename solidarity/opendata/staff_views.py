"""Staff pages for bringing lists in and taking the private export out."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from solidarity.accounts import sudo
from solidarity.accounts.permissions import Perm, require

from . import dump, lists, sealing
from .importing import ORDER, ImportFailed, parse_mapping, read_bytes, run


def import_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.REGISTRY_EDIT)
    context: dict[str, object] = {"tables": ORDER, "dry_run": True,
                                  "profiles": lists.shipped_profiles()}  # fmt: skip
    if request.method == "POST":
        upload = request.FILES.get("file")
        dry_run = bool(request.POST.get("dry_run"))
        context["dry_run"] = dry_run
        mapping_text = request.POST.get("mapping", "")
        context["mapping"] = mapping_text
        mapping, ignore = parse_mapping(mapping_text.splitlines())
        table = request.POST.get("table") or None
        decisions_text = request.POST.get("decisions", "")
        context["decisions"] = decisions_text
        same, allow_new = lists.parse_decisions(decisions_text.splitlines())
        profile_name = request.POST.get("profile", "")
        context["profile"] = profile_name
        if upload is None:
            context["problems"] = [_("Choose a file.")]
        elif upload.size is not None and upload.size > settings.IMPORT_MAX_BYTES:
            context["problems"] = [
                _("%(name)s: %(size)s bytes is over the limit of %(limit)s.")
                % {"name": upload.name, "size": f"{upload.size:,}",
                   "limit": f"{settings.IMPORT_MAX_BYTES:,}"}
            ]  # fmt: skip
        else:
            try:
                chosen = table if table in ORDER else None
                name = upload.name or "upload.csv"
                if profile_name in context["profiles"]:  # type: ignore[operator]
                    profile = lists.Profile.load(profile_name)
                    rows = lists.read_rows(upload.read(), name)
                    report: object = lists.run_list(request.user, profile, rows, where=name,
                                                    dry_run=dry_run, same=same,
                                                    allow_new=allow_new)  # fmt: skip
                else:
                    tables = read_bytes(upload.read(), name, table=chosen, mapping=mapping,
                                        ignore=ignore)  # fmt: skip
                    report = run(request.user, tables, dry_run=dry_run, source=name,
                                 same=same, allow_new=allow_new)  # fmt: skip
                context["report"] = str(report)
            except ImportFailed as failed:
                context["problems"] = [str(p) for p in failed.problems]
    return render(request, "opendata/import.html", context)


@sudo.sudo_required
def export_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.PRIVATE_EXPORT)
    if request.method != "POST":
        return render(request, "opendata/export.html")
    passphrase = request.POST.get("passphrase", "")
    if len(passphrase) < sealing.MIN_PASSPHRASE:
        error = _("Choose a passphrase of at least %(n)s characters to encrypt the file.") % {
            "n": sealing.MIN_PASSPHRASE
        }
        return render(request, "opendata/export.html", {"error": error}, status=400)
    fmt = "json" if request.POST.get("format") == "json" else "csv"
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        files = dump.export(request.user, Path(folder), fmt, private=True)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, path.name)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    # Encrypted before it leaves: a seized laptop's downloads folder gives nothing away.
    sealed = sealing.seal(buffer.getvalue(), passphrase)
    response = HttpResponse(sealed, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="solidarity-private-{stamp}.zip.enc"'
    return response
