import pytest

from solidarity.intake.services.ingest import ingest_text

REPORT = (
    "Students Maria Ivanova and Kirill Belov were arrested in Kazan on 12 March 2024. Both "
    'were charged with spreading "fakes" about the army. In July 2025 Belov was sentenced '
    "to three years and two months in a strict-regime colony.\n"
)


@pytest.fixture
def report(db, coordinator):
    return ingest_text(coordinator, REPORT, name="report.txt").source
