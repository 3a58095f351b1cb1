"""/favicon.ico exists: browsers ask for it on every first visit, and a 404 there fills
the logs and shows a blank tab icon."""

import pytest

pytestmark = pytest.mark.browser


def test_it_serves_the_favicon(browser, live_server, db):
    page = browser.new_page()
    response = page.goto(f"{live_server.url}/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page.goto(f"{live_server.url}/")
    assert page.locator("link[rel=icon]").get_attribute("href") == "/favicon.ico"
    page.close()
