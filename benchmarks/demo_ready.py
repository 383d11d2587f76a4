"""`make demo` from a clean clone, warm package cache: seconds until the sign-in page answers.

    .venv/bin/python benchmarks/demo_ready.py [--repeat 3] [--rerun]

Clones the committed HEAD into a temporary folder, runs `make demo` there on a free port, and
times until `GET /sign-in/` returns 200; then stops the server. `--rerun` also times a second
`make demo` in the same clone (the "a rerun is safe and fast" promise). Writes `demo_ready_s`
(median) and `demo_rerun_s` to benchmarks/results/foundation.json.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TIMEOUT_S = 900


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_make_demo(clone: Path) -> float:
    """Run `make demo` in the clone; seconds until the sign-in page answers 200."""
    port = free_port()
    env = {**os.environ, "PORT": str(port)}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV"):
        env.pop(name, None)
    log = (clone / "demo.log").open("ab")
    start = time.monotonic()
    process = subprocess.Popen(
        ["/usr/bin/make", "demo"],
        cwd=clone,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        while time.monotonic() - start < TIMEOUT_S:
            if process.poll() is not None:
                raise RuntimeError(f"make demo exited {process.returncode}; see {clone}/demo.log")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - start
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"the demo was not ready within {TIMEOUT_S} s")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rerun", action="store_true", help="also time a second make demo")
    args = parser.parse_args()
    from benchmarks.results_file import merge

    firsts, reruns = [], []
    for attempt in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="hub-demo-") as folder:
            clone = Path(folder) / "hub"
            subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)  # noqa: S603,S607
            firsts.append(time_make_demo(clone))
            print(f"run {attempt + 1}: demo ready in {firsts[-1]:.1f} s", flush=True)
            if args.rerun:
                reruns.append(time_make_demo(clone))
                print(f"run {attempt + 1}: rerun ready in {reruns[-1]:.1f} s", flush=True)
    figures: dict[str, object] = {"demo_ready_s": round(statistics.median(firsts), 1)}
    if reruns:
        figures["demo_rerun_s"] = round(statistics.median(reruns), 1)
    print(f"wrote {merge('foundation', figures)}: {figures}")


if __name__ == "__main__":
    main()
