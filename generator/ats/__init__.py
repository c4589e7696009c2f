"""``community import``: job previews from an applicant tracking system's public job board.

One job per module, one way through: ``fetch`` (HTTPS, or a saved file) -> ``boards`` (each
ATS's JSON -> plain ``Role`` data) -> ``markdown`` (the description's HTML, sanitised, as
Markdown) -> ``sync`` (roles -> planned file changes in ``content/jobs/``, checked against
the content contract before anything is written).
"""
