"""A canned query runs unchanged in Neo4j Browser: headless Chromium opens the test server's
Browser, connects (with the password when the server has one), pastes the header's `:params`
line and one `:param` override, then the whole .cypher file, and finds the expected rows.

Needs Debian's `chromium` and `chromium-driver` and PyPI's `selenium`; nothing is downloaded at
run time. Outside CI a missing piece skips the test; with CI=true it fails it. The screenshot is
kept as `browser.png` in the test's tmp folder.
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlencode, urlsplit

import pytest

from graphbuilder.queries import cypher_dir, get_query

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000")
WAIT_S = 60


def _require(ok: bool, why: str) -> None:
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail(why)
        pytest.skip(why)


@pytest.fixture
def chromium(tmp_path, monkeypatch):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _require(False, "selenium is not installed (pip install -e '.[dev]')")
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    _require(not missing, f"not installed: {', '.join(missing)} (apt-get install -y chromium chromium-driver)")
    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must not look for a driver to download
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.save_screenshot(str(tmp_path / "browser.png"))
    driver.quit()


def _connect(driver, settings) -> None:
    """Open Browser on the test server: no auth on a dev server, the password on CI's."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    bolt = urlsplit(settings.neo4j_uri)
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    query = urlencode({
        "dbms": f"neo4j://{bolt.hostname}:{bolt.port}",
        "preselectAuthMethod": "NATIVE" if password else "NO_AUTH",
    })
    driver.get(f"http://{bolt.hostname}:{settings.neo4j_http_port}/browser/?{query}")
    wait = WebDriverWait(driver, WAIT_S)
    if password:
        user = wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid=username]")))
        user.clear()
        user.send_keys(settings.neo4j_user)
        driver.find_element(By.CSS_SELECTOR, "[data-testid=password]").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "[data-testid=connect]").click()
    wait.until(lambda d: "Connected to Neo4j" in d.find_element(By.TAG_NAME, "body").text)


def _run_in_editor(driver, text: str, done) -> str:
    """Paste `text` into Browser's editor, run it, and return what the new result frame shows once `done(it)`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    frames = len(driver.find_elements(By.CSS_SELECTOR, "[data-testid=frame]"))
    driver.find_element(By.CSS_SELECTOR, "[data-testid=activeEditor] textarea").click()
    # inserted as one paste: typed keys would trip the editor's bracket auto-closing
    driver.execute_cdp_cmd("Input.insertText", {"text": text})
    driver.find_element(By.CSS_SELECTOR, "[data-testid=editor-Run]").click()

    def result(d):
        found = d.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")
        if len(found) == frames:
            return False
        contents = found[0].find_element(By.CSS_SELECTOR, "[data-testid=frameContents]").text
        return done(contents) and contents

    return WebDriverWait(driver, WAIT_S).until(result)


def test_a_canned_query_runs_as_shipped_in_neo4j_browser(canned_graph, neo4j_settings, chromium):
    query = get_query("attacks_on_country")
    _connect(chromium, neo4j_settings)
    _run_in_editor(chromium, query.browser, lambda text: '"country": "India"' in text)
    # the header's country is India; name it by an alias, in lower case, and close the window
    _run_in_editor(chromium, ':param country => "new delhi"', lambda text: "new delhi" in text)
    _run_in_editor(chromium, ':param date_to => "2024-03-05"', lambda text: "2024-03-05" in text)
    source = (cypher_dir() / "attacks_on_country.cypher").read_text(encoding="utf-8")
    table = _run_in_editor(chromium, source, lambda text: "attacker_type" in text or "Error" in text)
    assert '"Northern Front"' in table and '"ATTACKS"' in table and '"2024-03-03"' in table, table
    assert "THREATENS" not in table  # 2024-03-10, after date_to
