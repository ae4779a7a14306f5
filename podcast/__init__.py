"""podcast: turns each issue of the Alignment Newsletter into a finished podcast episode.

The stages, one subpackage each: reading (issue text -> Issue), scripting (Issue -> spoken Segments),
voicing (Segments -> audio), mastering (audio -> MP3 with chapters), publishing (episodes -> site and feed).
`podcast.build` runs them in order.
"""
