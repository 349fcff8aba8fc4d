"""Start the letter assistant (until the web UI lands: the terminal chat)."""

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["chat"]))
