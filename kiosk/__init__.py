"""The walk-in kiosk agent: a touch page, the queue server's API, and a thermal printer.

It runs on the kiosk box, holds the device token and the printer, and imports nothing
from queue_server: it talks to the server over /api/v1 only.
"""
