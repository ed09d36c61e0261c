"""The pipeline, and the only package that calls every stage:
``discover → parse → digest → assemble a frozen Site → render → write``.

May import: ``notes_site.site``, ``notes_site.output``, ``notes_site.digest``,
``notes_site.markup``, ``notes_site.hugo``, ``notes_site.base``.
"""
