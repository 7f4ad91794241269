#!/usr/bin/python3
"""A real SMTP server for the tests: keeps every message it receives as a file.

    smtp-sink.py FOLDER [--host 127.0.0.1] [--port 0]

Prints "listening on PORT" once it accepts connections. Each message becomes FOLDER/NNNNNN.eml
(the bytes as received after the DATA command) beside NNNNNN.json with the envelope
({"mail_from": ..., "rcpt_tos": [...]}); both are written under hidden names and renamed, the
.eml last, so a reader never sees half a message. Stops on SIGTERM or SIGINT.

Uses Debian's python3-aiosmtpd (scripts/setup.sh installs it).
"""

import argparse
import asyncio
import itertools
import json
import os
import signal

from aiosmtpd.smtp import SMTP


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    def _write(self, name, data):
        tmp = os.path.join(self.folder, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(self.folder, name))

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos)}
        self._write(f"{n:06d}.json", json.dumps(meta).encode())
        self._write(f"{n:06d}.eml", envelope.original_content)
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)

    handler = SaveToFolder(args.folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink.test", decode_data=False), args.host, args.port
    )
    port = server.sockets[0].getsockname()[1]
    print(f"listening on {port}", flush=True)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
