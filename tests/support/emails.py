"""The newsletter as it arrives by email, built with the standard library from a corpus issue, with the
number, subject and date the corpus's SOURCES.md records for it."""
from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import re
from email.message import EmailMessage

import markdown

from .show import CORPUS

SOURCES = {row[0]: row for row in (
    [cell.strip() for cell in line.strip().strip("|").split("|")]
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines() if line.startswith("| an-"))
    if row[1].startswith("AN #")}
"""The corpus's own record of each issue: file, issue, date published, title (as its subject line)."""
AN99 = {"number": 99, "title": "AN #99: Doubling times for the efficiency of AI algorithms", "date": "2020-05-13"}
"""SOURCES.md: AN #99's text names neither; from its neighbours."""


def known(name: str) -> dict:
    """Number, subject line and date of a corpus file, from SOURCES.md."""
    if name == "an-099.txt":
        return {**AN99, "subject": "[AN #99]: Doubling times for the efficiency of AI algorithms",
                "sent": dt.datetime(2020, 5, 13, 17, 0, tzinfo=dt.timezone.utc)}
    _, issue, published, subject = SOURCES[name][:4]
    sent = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    title = re.sub(r"^\[AN #\d+\]:?\s*", "", subject)
    number = int(issue.removeprefix("AN #"))
    return {"number": number, "title": f"AN #{number}: {title}", "date": sent.date().isoformat(), "subject": subject,
            "sent": sent}


def newsletter_html(name: str) -> str:
    """The issue as the email's HTML part: the Markdown rendered by the markdown library in a mail layout."""
    body = markdown.markdown((CORPUS / name).read_text(encoding="utf-8"))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{known(name)['subject']}</title></head>"
            f"<body><table width=\"100%\"><tr><td>{body}</td></tr></table></body></html>")


def newsletter_email(name: str, subject: str | None = None, html: bool = True) -> bytes:
    """A saved email of the issue, built with the standard library as a mail client would save it: headers,
    multipart/alternative with a plain-text and (quoted-printable) HTML part; non-ASCII subjects encoded."""
    info = known(name)
    message = EmailMessage()
    message["Subject"] = subject or info["subject"]
    message["From"] = "Rohin Shah <rohinmshah@example.org>"
    message["To"] = "producer@example.org"
    message["Date"] = email.utils.format_datetime(info["sent"])
    message["Message-ID"] = email.utils.make_msgid(domain="example.org")
    text = (CORPUS / name).read_text(encoding="utf-8")
    message.set_content(text, cte="quoted-printable")
    if html:
        message.add_alternative(newsletter_html(name), subtype="html", cte="quoted-printable")
    return message.as_bytes(policy=email.policy.SMTP)
