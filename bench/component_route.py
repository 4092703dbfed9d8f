"""The interactive network's route, with figures: a v1 bidirectional component (its own frame, the
route explorer/graph_component.py takes) against a Streamlit v2 component (st.components.v2,
mounted in Streamlit's own page), in headless Chromium.

    .venv/bin/python -m bench.component_route [--draws 15] [--people 300] [--port 8545]

One small app (written to a temporary folder) mounts either route with the same data as the
explorer sends (a network of `--people` nodes as vis-network JSON) and a button inside the
component that sends one event back, as a click on a person does. Python answers with a "card"
line; the time measured is click to card on screen, the round trip every click on the network
pays (a card, an expansion). The reference in the same run is Streamlit's own st.button doing the
same round trip. For each route it also records what matters for safety: whether the component
runs in a frame of its own, whether a Content-Security-Policy of `default-src 'none'` applies to
its code, and whether its code could fetch from another port on this machine (a local server
counts the requests that reach it).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench.output import print_figures
from explorer.graph_html import CSP

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# The component's own page (v1): our policy, a button, the event sent back as graph_component.html sends it.
V1_HTML = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="__CSP__"></head><body>
<button id="send">Send a click</button><span id="probe"></span>
<script>
let seq = 0;
function post(type, extra) {
  window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra), "*");
}
document.getElementById("send").addEventListener("click", () => {
  seq += 1; post("streamlit:setComponentValue", {value: {event: "card", seq: String(seq)}, dataType: "json"});
});
window.addEventListener("message", (e) => {
  if (e.data && e.data.type === "streamlit:render" && !window.probed) {
    window.probed = true;
    document.body.dataset.people = String(e.data.args.graph.nodes.length);
    fetch(e.data.args.probe).then(() => { document.getElementById("probe").textContent = "fetched"; },
                                  () => { document.getElementById("probe").textContent = "blocked"; });
  }
});
post("streamlit:componentReady", {apiVersion: 1});
post("streamlit:setFrameHeight", {height: 60});
</script></body></html>"""

# The v2 component: the same button and event, mounted in Streamlit's page.
V2_JS = """
export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  let button = parentElement.querySelector("#send-v2");
  if (!button) {
    button = document.createElement("button"); button.id = "send-v2"; button.textContent = "Send a click (v2)";
    const probe = document.createElement("span"); probe.id = "probe-v2";
    parentElement.appendChild(button); parentElement.appendChild(probe);
    let seq = 0;
    button.addEventListener("click", () => {
      seq += 1; setTriggerValue("clicked", {event: "card", seq: String(seq)});
    });
    probe.dataset.top = String(window.top === window);
    probe.dataset.policy = String(!!document.querySelector('meta[http-equiv="Content-Security-Policy"]'));
    fetch(data.probe).then(() => { probe.textContent = "fetched"; }, () => { probe.textContent = "blocked"; });
  }
}
"""

APP = """
import os
from pathlib import Path
import streamlit as st
import streamlit.components.v1 as v1

route = st.query_params.get("route", "v1")
people = int(os.environ["ROUTE_PEOPLE"])
graph = {"nodes": [{"id": f"P-{i:012x}", "label": f"Person {i}", "x": i, "y": -i, "shape": "dot"}
                   for i in range(people)],
         "edges": [{"from": f"P-{i:012x}", "to": f"P-{(i + 1) % people:012x}", "label": "MASH"} for i in range(people)]}
probe = os.environ["ROUTE_PROBE"]
if route == "v1":
    component = v1.declare_component("route_v1", path=os.environ["ROUTE_V1_DIR"])
    value = component(graph=graph, probe=probe, version=1, key="net", default=None)
elif route == "v2":
    js = Path(os.environ["ROUTE_V2_JS"]).read_text()
    component = st.components.v2.component("route_v2", html="<div></div>", js=js)
    result = component(data={"graph": graph, "probe": probe}, key="net", on_clicked_change=lambda: None)
    value = result.clicked
else:  # the reference: Streamlit's own button, the same round trip
    value = None
    if st.button("Send a click"):
        st.session_state["n"] = st.session_state.get("n", 0) + 1
        value = {"seq": str(st.session_state["n"])}
if value:
    st.write(f"card {value['seq']}")
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Counter(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def measure(draws: int, people: int, port: int) -> dict:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="jigsaw-route-"))
    (folder / "v1").mkdir()
    (folder / "v1" / "index.html").write_text(V1_HTML.replace("__CSP__", CSP))
    (folder / "v2.js").write_text(V2_JS)
    (folder / "app.py").write_text(APP)
    probe_port = _free_port()
    probe = http.server.ThreadingHTTPServer(("127.0.0.1", probe_port), _Counter)
    threading.Thread(target=probe.serve_forever, daemon=True).start()
    env = dict(os.environ) | {
        "ROUTE_PEOPLE": str(people),
        "ROUTE_PROBE": f"http://127.0.0.1:{probe_port}/probe",
        "ROUTE_V1_DIR": str(folder / "v1"),
        "ROUTE_V2_JS": str(folder / "v2.js"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(folder / "app.py"), "--server.port", str(port)]
        + ["--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    figures: dict = {"people_in_payload": people, "draws": draws}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("streamlit did not start") from None
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            pages, buttons, times = {}, {}, {"v1": [], "v2": [], "reference": []}
            for route in times:
                page = browser.new_page()
                page.set_default_timeout(60_000)
                page.goto(f"{url}/?route={route}")
                if route == "v1":
                    frame = page.frame_locator('iframe[title$="route_v1"]').first
                    frame.locator("#probe:not(:empty)").wait_for()
                    figures["v1_own_frame"] = True
                    figures["v1_fetch_from_another_port"] = frame.locator("#probe").inner_text()
                    buttons[route] = frame.locator("#send")
                elif route == "v2":
                    page.locator("#probe-v2:not(:empty)").wait_for()
                    probe_text = page.locator("#probe-v2")
                    figures["v2_own_frame"] = probe_text.get_attribute("data-top") != "true"
                    figures["v2_policy_in_its_page"] = probe_text.get_attribute("data-policy") == "true"
                    figures["v2_fetch_from_another_port"] = probe_text.inner_text()
                    buttons[route] = page.locator("#send-v2")
                else:
                    buttons[route] = page.get_by_role("button", name="Send a click")
                pages[route] = page
            for draw in range(1, draws + 1):  # the routes take turns, so contention falls on each alike
                for route, page in pages.items():
                    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
                    began = time.perf_counter()
                    buttons[route].click()
                    page.get_by_text(f"card {draw}", exact=True).wait_for()
                    times[route].append(time.perf_counter() - began)
            browser.close()
    finally:
        app.terminate()
        app.wait(timeout=20)
        probe.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    figures["probe_requests_that_reached_the_local_server"] = _Counter.hits
    for route, values in times.items():
        figures[f"{route}_click_to_card_median_s"] = round(statistics.median(values), 3)
        figures[f"{route}_click_to_card_p95_s"] = round(_p95(values), 3)
    for route in ("v1", "v2"):
        figures[f"{route}_ratio_to_reference"] = round(
            figures[f"{route}_click_to_card_median_s"] / figures["reference_click_to_card_median_s"], 2
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--draws", type=int, default=15)
    parser.add_argument("--people", type=int, default=300, help="Nodes in the data each rerun sends.")
    parser.add_argument("--port", type=int, default=8545)
    args = parser.parse_args()
    print_figures(measure(args.draws, args.people, args.port))
    print(json.dumps({"command": " ".join(sys.argv)}))


if __name__ == "__main__":
    main()
