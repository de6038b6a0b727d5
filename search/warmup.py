"""Work a server process does once at start, so the first reader does not wait for it."""

import logging
import time

from search import dictionary
from textkit.analysis import segmenter

logger = logging.getLogger(__name__)


def warm_up() -> float:
    """Load jieba's dictionary (about 1.5 s) and the site's own words; returns the seconds taken.

    Called by gunicorn's ``post_worker_init`` hook (config/gunicorn.conf.py) in each worker.
    """
    start = time.perf_counter()
    segmenter.words("民族团结")  # builds the tokenizer: jieba reads its dictionary on first use
    dictionary.refresh()
    seconds = time.perf_counter() - start
    logger.info("Search warmed up in %.2f s", seconds)
    return seconds
