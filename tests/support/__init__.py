"""Helpers the tests share: a show to build in (`show`), the files a test compares or copies (`files`), the
MP3 as an independent decoder hears it (`audio`), and headless Chromium (`browser`)."""
