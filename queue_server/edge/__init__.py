"""What every entry point (the API, the pages, the sockets) shares at the app's edge: the
input screening, the request limits' store, and the guards against guessed codes and
tokens. It imports nothing from `mobile_api`: the API builds on it, not the reverse."""
