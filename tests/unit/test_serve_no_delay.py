"""`serve --workers N` binds the shared socket itself: its connections must not wait on Nagle."""

from __future__ import annotations

import socket

import uvicorn

from kennisgraaf.cli.serving import APP_FACTORY, no_delay


def accepted_no_delay(listener: socket.socket) -> int:
    listener.listen()
    with socket.create_connection(listener.getsockname()[:2], timeout=5):
        conn, _ = listener.accept()
        with conn:
            return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_connections_on_the_workers_socket_send_at_once() -> None:
    config = uvicorn.Config(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2)
    with no_delay(config.bind_socket()) as listener:
        assert accepted_no_delay(listener) != 0


def test_uvicorns_own_socket_would_leave_nagle_on() -> None:
    """Why no_delay exists: without it the accepted connections keep Nagle's algorithm."""
    config = uvicorn.Config(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2)
    with config.bind_socket() as listener:
        assert accepted_no_delay(listener) == 0
