"""``saidwhat serve``: the web service (JSON API and pages) under uvicorn."""
from __future__ import annotations

import argparse
import logging

from ..errors import ServiceError
from ..service.app import DEFAULT_MAX_BODY, ServiceSettings, create_app
from ..service.security import TOKEN_VARIABLE, check_bind, env_token
from .common import EXIT_OK, settings_from_args
from .store_help import DB_HELP

logger = logging.getLogger(__name__)
_RAW = argparse.RawDescriptionHelpFormatter

SERVE_HELP = f"""\
Serve pages to paste an article into and read who said what, pages to browse the
store (articles, speakers, search, where a quote came from), and a JSON API for
programs, documented at /docs. The model is loaded once, at start.

The API: POST /api/extract (text or HTML in, the article out), GET /api/articles,
/api/articles/ID, /api/quotes?q=&speaker=&outlet=&kind=&since=&until=, /api/quotes/ID,
/api/speakers, /api/speakers/ID, and POST /api/ingest, which stores an article.

Security: with ${TOKEN_VARIABLE} set, /api/ingest needs "Authorization: Bearer TOKEN";
without it the server listens on loopback only (a --host beyond it is refused).
Request bodies over --max-body bytes get 413.

examples:
  saidwhat serve                                  http://127.0.0.1:8000/ on ./saidwhat.db
  saidwhat serve --db news.db --port 8080 --model fast
  curl -s localhost:8000/api/extract -H 'content-type: application/json' \\
       -d '{{"text": "\\"We will sign,\\" the mayor said."}}'
  SAIDWHAT_TOKEN=s3cret saidwhat serve --host 0.0.0.0
"""


def add_serve_command(sub, common: argparse.ArgumentParser, positive) -> None:
    """Add ``saidwhat serve`` with the pipeline options of ``common``; ``positive`` parses a count."""
    sv = sub.add_parser("serve", parents=[common], help="serve the pages and the JSON API",
                        description=SERVE_HELP, formatter_class=_RAW)
    sv.add_argument("--db", metavar="URL", help=DB_HELP)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    sv.add_argument("--max-body", type=positive, default=DEFAULT_MAX_BODY, metavar="BYTES",
                    help=f"largest request body accepted (default: {DEFAULT_MAX_BODY}, 5 MB)")
    sv.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """``saidwhat serve``: check where it may listen, load the model and serve until stopped."""
    import uvicorn

    token = env_token()
    check_bind(args.host, token)
    settings = ServiceSettings(db=args.db, pipeline=settings_from_args(args), max_body=args.max_body,
                               token=token, preload=True)
    app = create_app(settings)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="info",
                                           access_log=args.verbose))
    server.run()
    if not server.started:
        raise ServiceError(f"could not serve on {args.host}:{args.port} (is the port in use?)")
    return EXIT_OK
