"""The request body size limit: bodies over it are refused with 413 before they are read
whole, whether the client says their length (``Content-Length``) or streams them."""
from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Dict

from starlette.exceptions import HTTPException

Scope = Dict[str, Any]
Receive = Callable[[], Awaitable[Dict[str, Any]]]
Send = Callable[[Dict[str, Any]], Awaitable[None]]


class TooLarge(HTTPException):
    """The body ran past the limit while being read: a 413 for the application's
    error handlers (the route reading the body passes HTTP errors on)."""

    def __init__(self, max_body: int):
        super().__init__(413, too_large(max_body))


def too_large(max_body: int) -> str:
    """The reason a body over ``max_body`` bytes is refused."""
    return f"the request body is over the limit of {max_body:,} bytes"


class BodyLimit:
    """ASGI middleware answering 413 to a request whose body is over ``max_body`` bytes."""

    def __init__(self, app: Callable, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Dict[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise TooLarge(self.max_body)
            return message

        async def watched(message: Dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        """Answer 413 with the limit in the reason."""
        body = json.dumps({"error": too_large(self.max_body)}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
