# SPDX-License-Identifier: GPL-3.0-or-later
"""cdp - headless Chromium driven through the DevTools protocol, with
Debian's python3-websocket: phones as separate browser contexts (each its
own cookies), a page each, at a phone's size, with what their consoles
said kept."""
import json
import os
import shutil
import subprocess
import tempfile
import time

import websocket


class Browser:
    def __init__(self, work):
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            raise RuntimeError("Chromium is not installed (make check-browser installs it)")
        self.profile = tempfile.mkdtemp(dir=work)
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update",
             "--disable-default-apps", "--disable-sync", "--disable-extensions",
             "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ, HOME=self.profile))
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        end = time.monotonic() + 60
        while not os.path.exists(port_file) or len(open(port_file).read().split()) < 2:
            if time.monotonic() > end or self.proc.poll() is not None:
                raise RuntimeError("Chromium did not start its DevTools server")
            time.sleep(0.1)
        port, path = open(port_file).read().split()[:2]
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=60,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        end = time.monotonic() + timeout
        while True:
            self.ws.settimeout(max(0.1, end - time.monotonic()))
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)
            if time.monotonic() > end:
                raise TimeoutError(method)

    def pump(self, seconds):
        """reads events for a while"""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.ws.settimeout(max(0.05, end - time.monotonic()))
            try:
                reply = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                return
            if "method" in reply:
                self.events.append(reply)

    def phone(self, name):
        return Phone(self, name)

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Phone:
    """a phone: a browser context of its own (its own cookies), one page
    360 by 740 CSS pixels"""

    def __init__(self, browser, name):
        self.b, self.name = browser, name
        ctx = browser.call("Target.createBrowserContext")["browserContextId"]
        target = browser.call("Target.createTarget", {"url": "about:blank",
                                                      "browserContextId": ctx})["targetId"]
        self.session = browser.call("Target.attachToTarget",
                                    {"targetId": target, "flatten": True})["sessionId"]
        for m in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.call(m)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": True})

    def call(self, method, params=None):
        return self.b.call(method, params, self.session)

    def go(self, url):
        self.call("Page.navigate", {"url": url})

    def js(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        return r.get("result", {}).get("value")

    def text(self):
        return self.js("document.body ? document.body.innerText : ''") or ""

    def wait_text(self, want, timeout=20):
        """waits for the page to show want; true when it did"""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if want in self.text():
                    return True
            except RuntimeError:
                pass  # the page is between documents
            self.b.pump(0.2)
        return False

    def submit(self, fields, button="button[type=submit]"):
        """fills the page's form (name: value; a radio by its value) and
        presses its button, as a thumb would"""
        script = []
        for name, value in fields.items():
            script.append(
                f"(function(){{var e=document.querySelectorAll('[name={name}]');"
                f"for(var i=0;i<e.length;i++){{if(e[i].type==='radio'){{"
                f"if(e[i].value==={json.dumps(value)})e[i].click();}}"
                f"else e[i].value={json.dumps(value)};}}}})();")
        script.append(f"document.querySelector({json.dumps(button)}).click();")
        self.js("".join(script))

    def screenshot(self, path):
        import base64
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def console(self):
        """what the console and the page's log said, as text"""
        out = []
        for e in self.b.events:
            if e.get("sessionId") != self.session:
                continue
            if e["method"] == "Log.entryAdded":
                out.append(e["params"]["entry"].get("text", ""))
            elif e["method"] == "Runtime.consoleAPICalled":
                out.append(" ".join(str(a.get("value", "")) for a in e["params"]["args"]))
            elif e["method"] == "Runtime.exceptionThrown":
                out.append(e["params"]["exceptionDetails"].get("text", ""))
        return out
