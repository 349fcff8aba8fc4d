"""Start the letter assistant: one FastAPI server with the chat UI at /, the JSON API at /api, docs at /docs."""

from __future__ import annotations

import argparse
import logging
import time

import assistant  # noqa: F401  (sets the offline environment before anything else is imported)
from assistant.cli import _configure_logging, _known_errors

log = logging.getLogger("app")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the VNG letter assistant (UI, API and docs).")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, local only)")
    parser.add_argument("--port", type=int, default=7860, help="port (default: 7860)")
    args = parser.parse_args(argv)
    _configure_logging()

    import uvicorn

    from assistant.api import create_app
    from assistant.config import get_settings
    from assistant.pipeline import Assistant
    from assistant.ui import mount_ui

    start = time.perf_counter()
    try:
        bot = Assistant.load(get_settings())  # model and index, once, before the server accepts requests
    except _known_errors() as exc:
        log.error("%s", exc)  # one clear line (missing model package, unwritable data dir, ...), no traceback
        return 1
    app = mount_ui(create_app(bot), bot)
    log.info("loaded in %.1f s; serving on http://%s:%d/ (API docs at /docs)", time.perf_counter() - start,
             args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, workers=1, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
