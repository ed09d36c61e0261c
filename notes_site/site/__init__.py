"""The HTML site: view objects for templates, a body cut into entry cards, the Jinja
environment, and one module per page kind (``site/pages/``) that yields ``(path, bytes)``.

Templates see views, never the model.

May import: ``notes_site.output``, ``notes_site.digest``, ``notes_site.markup``,
``notes_site.hugo``, ``notes_site.base``.
"""
