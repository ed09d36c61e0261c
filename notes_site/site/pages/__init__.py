"""One module per page kind. Each function takes the :class:`~notes_site.site.context.RenderContext`
and yields (or returns) the files of its kind as ``(path relative to the output folder, bytes)``."""
