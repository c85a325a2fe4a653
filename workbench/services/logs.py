"""The log file: ``<user data folder>/logs/workbench.log``, rotated at 1 MB
(five old files kept). Task failures are written here with their
tracebacks, so an error dialog can say where the details are. No document
text is logged."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from workbench.services.projects import workbench_home

LOG_NAME = "workbench.log"
_handler: RotatingFileHandler | None = None


def log_dir() -> Path:
    return workbench_home() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``workbench`` loggers to the rotating file (once per process).

    Returns the file, or None when the folder cannot be written (logging then
    stays off rather than stopping the app).
    """
    global _handler
    path = log_file()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("workbench")
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler = handler
    return path
