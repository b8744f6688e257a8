"""The form editor's local backend (decap-server), for editing on this machine and for tests.

On the published site the editor saves through GitHub. Locally, decap-server
reads and writes the repository's files instead; it is started on loopback
only (its default is every interface).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

from ..core.problems import WegwijzerError

DECAP_SERVER = Path("decap-server") / "dist" / "index.js"  # under the project's node_modules
DEFAULT_PORT = 8081  # where the generated config looks for it (wegwijzer.cms.LOCAL_BACKEND)


class EditorServerError(WegwijzerError):
    """Said to the user without a traceback."""


def start_backend(repository: Path, node_modules: Path, port: int = DEFAULT_PORT, mode: str = "fs",
                  log=subprocess.DEVNULL, timeout: float = 30, extra_env: Optional[dict] = None) -> subprocess.Popen:
    """decap-server on 127.0.0.1:``port`` over ``repository`` (MODE=fs writes files, git makes branches)."""
    server = node_modules / DECAP_SERVER
    if not server.is_file():
        raise EditorServerError("decap-server ontbreekt: draai eerst `npm ci` (make setup doet dat)")
    env = dict(os.environ, **(extra_env or {}), BIND_HOST="127.0.0.1", PORT=str(port), MODE=mode,
               GIT_REPO_DIRECTORY=str(repository))
    process = subprocess.Popen(["node", str(server)], cwd=repository, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorServerError(f"decap-server stopte meteen (code {process.returncode}); is poort {port} vrij?")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.05)
    process.terminate()
    raise EditorServerError(f"decap-server luisterde na {timeout:.0f} s nog niet op 127.0.0.1:{port}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
