"""Events lost on their way to a page (the message broker reconnecting, say): the page's
handlers of the queue's events are swapped for a counter, so the page hears nothing of
what happens next while its socket stays connected."""

from __future__ import annotations

from playwright.sync_api import Page

QUEUE_EVENTS = ("ticket.called", "ticket.updated", "queue.changed")


def lose_events(page: Page, socket: str) -> None:
    """From now on the queue's events reaching `socket` (a JS expression, e.g.
    "window.antrianBoard.socket") are lost; `window.lost` counts them."""
    page.evaluate("""([expression, names]) => {
        const socket = eval(expression);
        window.lost = 0;
        names.forEach((name) => {
            socket.off(name);
            socket.on(name, () => { window.lost += 1; });
        });
    }""", [socket, list(QUEUE_EVENTS)])
