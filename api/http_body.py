"""Ending a response without its body (HEAD, 304): the client gets the headers and an empty
end; the app is told the client left, so a streamed body (a dump) stops being made instead of
being made and thrown away."""

from __future__ import annotations

import anyio
from starlette.types import Message, Receive, Send

DISCONNECT: Message = {"type": "http.disconnect"}


class BodyDrop:
    def __init__(self, receive: Receive, send: Send) -> None:
        self._receive = receive
        self._send = send
        self._dropped = anyio.Event()

    @property
    def dropped(self) -> bool:
        return self._dropped.is_set()

    async def end(self) -> None:
        """Send the empty end of the body (once) and let the app know it may stop."""
        if not self._dropped.is_set():
            self._dropped.set()
            await self._send({"type": "http.response.body", "body": b"", "more_body": False})

    async def receive(self) -> Message:
        """The client's next message, or a disconnect as soon as the body is dropped."""
        if self._dropped.is_set():
            return DISCONNECT
        message = DISCONNECT
        async with anyio.create_task_group() as race:

            async def from_client() -> None:
                nonlocal message
                message = await self._receive()
                race.cancel_scope.cancel()

            async def on_drop() -> None:
                await self._dropped.wait()
                race.cancel_scope.cancel()

            race.start_soon(from_client)
            race.start_soon(on_drop)
        return message
