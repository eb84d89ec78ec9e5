"""Headless chromium driven over the DevTools protocol (websocket-client), for
tests/test_browser.py.

Only a browser already installed is used (Debian's `chromium`, or ZHFACTS_CHROMIUM): nothing
downloads one.
"""
from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--remote-debugging-port=0", "--window-size=1400,1000"]


def find_chromium() -> str | None:
    env = os.environ.get("ZHFACTS_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class BrowserError(RuntimeError):
    pass


class Chromium:
    """One browser process with one page; `send` runs a DevTools command on the page."""

    def __init__(self, executable: str, download_dir: str | None = None):
        import websocket  # websocket-client
        self.profile = tempfile.mkdtemp(prefix="zhfacts-chromium-")
        self.proc = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}",
                                      "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or len(port_file.read_text().split()) < 2:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise BrowserError(f"{executable} did not start its DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=120,
                                              suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=None)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=None)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        if download_dir:
            self.send("Browser.setDownloadBehavior",
                      {"behavior": "allow", "downloadPath": download_dir,
                                                       "eventsEnabled": True}, session=None)

    def send(self, method: str, params: dict | None = None,
             session: str | bool | None = True) -> dict:
        msg = {"id": next(self.ids), "method": method, "params": params or {}}
        if session is True:
            msg["sessionId"] = self.session
        elif session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == msg["id"]:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def js(self, expression: str):
        """The value of a JavaScript expression (promises awaited); a thrown error is raised
        here."""
        r = self.send("Runtime.evaluate",
                      {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            details = r["exceptionDetails"]
            raise BrowserError(
                f"{expression[:80]}: {details.get('exception', {}).get('description') or details}")
        return r["result"].get("value")

    def open(self, url: str, ready: str = "document.documentElement.dataset.ready === '1'",
             timeout: float = 120):
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.js(ready):
                    return
            except BrowserError:
                pass  # the new document is not there yet
            if time.monotonic() > deadline:
                raise BrowserError(f"{url} not ready after {timeout} s; console: {self.console()}")
            time.sleep(0.05)

    def reload(self, ready: str = "document.documentElement.dataset.ready === '1'",
               timeout: float = 120):
        """A real reload (a new document), then wait until `ready` holds."""
        self.js("document.documentElement.dataset.ready = 'reloading'")
        self.send("Page.reload", {"ignoreCache": True})
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.js(ready):
                    return
            except BrowserError:
                pass
            if time.monotonic() > deadline:
                raise BrowserError(f"not ready {timeout} s after reload; console: {self.console()}")
            time.sleep(0.05)

    def key(self, key: str):
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent",
                      {"type": kind, "key": key, "text": key if kind == "keyDown" else "",
                                                  "windowsVirtualKeyCode": ord(key.upper())
                                                  if len(key) == 1 else 0})

    def console(self) -> list[str]:
        """Console messages and uncaught exceptions seen so far."""
        out = []
        for e in self.events:
            if e.get("method") == "Runtime.exceptionThrown":
                d = e["params"]["exceptionDetails"]
                out.append("exception: " + str(d.get("exception", {}).get("description")
                                               or d.get("text")))
            elif e.get("method") == "Runtime.consoleAPICalled":
                out.append(" ".join(str(a.get("value", a.get("description")))
                                    for a in e["params"]["args"]))
            elif e.get("method") == "Log.entryAdded":
                out.append(e["params"]["entry"].get("text", ""))
        return out

    def screenshot(self, png: str | Path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        Path(png).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            if getattr(self, "ws", None):
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
