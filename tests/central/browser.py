"""Debian's chromium driven by chromium-driver (Selenium), headless, for the central's pages.

Root needs ``--no-sandbox``. The browser reaches only 127.0.0.1: no proxy, every other host name
resolves to nothing, background networking off. ``stop()`` quits the session and then ends the
driver and the browser by their process ids (never by name: other jobs share this machine).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def available() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for task in tasks:
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            out += [child, *_descendants(child)]
    return out


class Browser:
    def __init__(self, width: int, height: int, *, mobile: bool = False) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--proxy-server=direct://",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--autoplay-policy=no-user-gesture-required",  # as the hall TV is started
            f"--window-size={width},{height}",
        ):
            options.add_argument(arg)
        if mobile:
            options.add_experimental_option(
                "mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}}
            )
        self.service = Service(executable_path=CHROMEDRIVER, port=0)
        self.driver = webdriver.Chrome(options=options, service=self.service)
        self.driver_pid = self.service.process.pid

    def stop(self) -> None:
        pids = _descendants(self.driver_pid)
        try:
            self.driver.quit()
        finally:
            for pid in [self.driver_pid, *pids]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in pids):
                time.sleep(0.05)


def wait_for(driver, script: str, within_s: float = 3.0):
    """The first truthy value of ``script`` in the page, polled every 20 ms; fails after ``within_s``."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"not true within {within_s} s: {script}")
