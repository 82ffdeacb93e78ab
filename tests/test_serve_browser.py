"""The web page of ``accountability serve`` in a real headless browser, against the real server.

uvicorn runs in a subprocess on 127.0.0.1 (a free port); Debian's chromium is driven through
Selenium and chromium-driver. A case is filled in as a person would, the report read back.
Screenshots of the form and of the report go to $ACCOUNTABILITY_SCREENSHOTS (default: the test's
tmp folder). Outside CI the test is skipped when chromium, chromedriver or the serve extra is
missing; in CI (CI=true) their absence fails it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    MISSING = "" if CHROMIUM and DRIVER else "chromium or chromedriver not installed"
except ImportError as exc:
    MISSING = f"{exc.name} not installed (the serve and dev extras)"

if MISSING:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{MISSING}: needed in CI (scripts/check installs them)", pytrace=False)
    pytest.skip(MISSING, allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "accountability_cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/regimes", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("the server exited at start")
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer within 30 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(flag)
    options.add_argument("--window-size=1280,1800")
    driver = webdriver.Chrome(service=Service(DRIVER or ""), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("ACCOUNTABILITY_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _field(driver: Any, path: str) -> Any:
    """The field wrapper of a JSON path, as the page computes it."""
    for wrap in driver.find_elements(By.CSS_SELECTOR, ".field"):
        if driver.execute_script(_PATH_OF, wrap) == path:
            return wrap
    raise AssertionError(f"no field for {path}")


_PATH_OF = """
const wrap = arguments[0], rel = wrap.dataset.rel, box = wrap.closest('.entry');
if (box) return '$.' + box.dataset.entry + '[' + Array.from(box.parentNode.children).indexOf(box) + '].' + rel;
const root = wrap.closest('[data-root]');
return root.dataset.root === '' ? '$.' + rel : '$.' + root.dataset.root + '.' + rel;
"""


def _set_date(driver: Any, wrap: Any, value: str, selector: str = "input[type=date]") -> None:
    box = wrap.find_element(By.CSS_SELECTOR, selector)
    driver.execute_script("arguments[0].value = arguments[1]", box, value)


def _type(wrap: Any, text: str) -> None:
    box = wrap.find_element(By.CSS_SELECTOR, "input")
    box.clear()
    box.send_keys(text)


def _choose(wrap: Any, value: str, nth: int = 0) -> None:
    Select(wrap.find_elements(By.CSS_SELECTOR, "select")[nth]).select_by_value(value)


def _report_text(driver: Any) -> str:
    WebDriverWait(driver, 60).until(lambda d: d.find_element(By.ID, "answer").is_displayed())
    frame = driver.find_element(By.ID, "report")
    driver.switch_to.frame(frame)
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.TAG_NAME, "h1"))
    text: str = driver.find_element(By.TAG_NAME, "body").text
    driver.switch_to.default_content()
    return text


def test_a_person_fills_the_form_and_gets_the_report(server: str, browser: Any, shots: Path) -> None:
    d = browser
    d.get(server + "/")
    assert d.title == "安全生产责任追究计算"
    # every choice is labelled: the post drop-down shows the Chinese term, not the code
    post_options = [o.text for o in _field(d, "$.officials[0].post").find_elements(By.TAG_NAME, "option")]
    assert "分管安全生产的负责人" in post_options and "deputy_safety" not in post_options

    # client-side validation: submitting the empty form marks the required fields
    d.find_element(By.ID, "submit").click()
    deaths = _field(d, "$.incident.deaths")
    assert "invalid" in deaths.get_attribute("class")
    assert deaths.find_element(By.CSS_SELECTOR, ".err").text
    d.save_screenshot(str(shots / "form-errors.png"))

    Select(d.find_element(By.NAME, "regime")).select_by_value("xpcc")
    _type(_field(d, "$.incident.id"), "XJ-2024-017")
    _set_date(d, _field(d, "$.incident.occurred_at"), "2024-05-12")
    _set_date(d, _field(d, "$.incident.occurred_at"), "09:30", "input[type=time]")
    _type(_field(d, "$.incident.deaths"), "4")
    _type(_field(d, "$.incident.serious_injuries"), "2")
    _type(_field(d, "$.incident.direct_loss_cny"), "3500000")
    _choose(_field(d, "$.incident.sector"), "coal_mine")
    _choose(_field(d, "$.incident.accident_type"), "gas_explosion")
    _choose(_field(d, "$.incident.jurisdiction.system"), "xpcc")
    _choose(_field(d, "$.incident.jurisdiction.level"), "division")
    _type(_field(d, "$.incident.jurisdiction.name"), "第十师")
    _type(_field(d, "$.incident.unit.name"), "某煤矿")

    official = "$.officials[0]"
    _type(_field(d, official + ".name"), "王某")
    _choose(_field(d, official + ".post"), "deputy_safety")
    # a reversed range is caught by the server; its problem shows next to the field
    _choose(_field(d, official + ".proposed_form"), "suspension", 0)
    _choose(_field(d, official + ".proposed_form"), "admonishment", 1)
    d.find_element(By.ID, "add-history").click()
    _set_date(d, _field(d, "$.history[0].occurred_at"), "2024-04-20")
    _type(_field(d, "$.history[0].deaths"), "1")
    d.find_element(By.ID, "submit").click()
    forms = _field(d, official + ".proposed_form")
    WebDriverWait(d, 30).until(lambda _: "invalid" in forms.get_attribute("class"))
    assert forms.find_element(By.CSS_SELECTOR, ".err").text
    assert "invalid" not in _field(d, "$.incident.deaths").get_attribute("class")

    _choose(forms, "admonishment", 0)
    _choose(forms, "suspension", 1)
    first = d.find_elements(By.CSS_SELECTOR, "#officials > .entry")[0]
    first.find_element(By.CSS_SELECTOR, "fieldset details summary").click()  # 情节: the conduct flags
    cooperated = _field(d, official + ".conduct.cooperated").find_element(By.CSS_SELECTOR, "input")
    cooperated.click()
    assert cooperated.is_selected()
    d.find_element(By.ID, "add-official").click()
    _type(_field(d, "$.officials[1].name"), "李某")
    _choose(_field(d, "$.officials[1].post"), "unit_head")
    conduct = d.find_elements(By.CSS_SELECTOR, "#officials > .entry")[1].find_element(
        By.CSS_SELECTOR, "details summary"
    )
    d.execute_script("arguments[0].scrollIntoView()", conduct)
    d.save_screenshot(str(shots / "form-filled.png"))

    d.find_element(By.ID, "submit").click()
    text = _report_text(d)
    d.set_window_size(1280, 3000)
    d.save_screenshot(str(shots / "report.png"))
    assert "XJ-2024-017" in text
    assert "约谈" in text  # XPCC, 4 deaths: the division's deputy is interviewed by the Bingtuan
    assert "较大事故" in text
    assert "王某" in text

    # English by the switch
    d.get(server + "/?lang=en")
    assert d.title == "Safety accountability calculator"
    labels = [o.text for o in _field(d, "$.officials[0].post").find_elements(By.TAG_NAME, "option")]
    assert "deputy in charge of safety" in labels
