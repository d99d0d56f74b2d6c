"""A small IMAP server on localhost for the tests: enough of RFC 3501 for `mailbox` to log in, find the
unread messages, fetch them and mark them read. It records what the client did, so a test can check
that a message is marked read only after it was recorded."""

import re
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class Mailbox:
    user: str
    password: str
    messages: dict[int, bytes]  # uid -> raw message
    seen: set[int] = field(default_factory=set)
    logins: list[str] = field(default_factory=list)


class ImapServer:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.socket.getsockname()[1])
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> "ImapServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.socket.close()
        self.thread.join(timeout=5)

    def _serve(self) -> None:
        try:
            connection, _address = self.socket.accept()
        except OSError:
            return
        with connection, connection.makefile("rb") as reader:
            connection.sendall(b"* OK IMAP4rev1 test server ready\r\n")
            for line in reader:
                tag, _space, rest = line.decode().rstrip("\r\n").partition(" ")
                if not self._answer(connection, tag, rest):
                    return

    def _answer(self, connection: socket.socket, tag: str, command: str) -> bool:
        box = self.mailbox
        upper = command.upper()
        out: list[bytes] = []
        if upper.startswith("CAPABILITY"):
            out.append(b"* CAPABILITY IMAP4rev1\r\n")
        elif upper.startswith("LOGIN"):
            user, password = [part.strip('"') for part in command.split(" ")[1:3]]
            if (user, password) != (box.user, box.password):
                connection.sendall(f"{tag} NO wrong password\r\n".encode())
                return True
            box.logins.append(user)
        elif upper.startswith("SELECT"):
            out.append(f"* {len(box.messages)} EXISTS\r\n".encode())
        elif upper.startswith("UID SEARCH"):
            unseen = " ".join(str(uid) for uid in sorted(box.messages) if uid not in box.seen)
            out.append(f"* SEARCH {unseen}\r\n".encode())
        elif upper.startswith("UID FETCH"):
            uid = int(command.split(" ")[2])
            raw = box.messages[uid]
            out.append(f"* {uid} FETCH (UID {uid} BODY[] {{{len(raw)}}}\r\n".encode() + raw + b")\r\n")
        elif upper.startswith("UID STORE"):
            uid = int(command.split(" ")[2])
            if re.search(r"\+FLAGS \(\\Seen\)", command, re.IGNORECASE):
                box.seen.add(uid)
            out.append(f"* {uid} FETCH (FLAGS (\\Seen))\r\n".encode())
        elif upper.startswith("LOGOUT"):
            connection.sendall(b"* BYE\r\n" + f"{tag} OK LOGOUT done\r\n".encode())
            return False
        else:
            connection.sendall(f"{tag} BAD unknown command\r\n".encode())
            return True
        connection.sendall(b"".join(out) + f"{tag} OK done\r\n".encode())
        return True
