"""Reading pasted digests: the model (documents → topic sections → entries → paper mentions,
and papers merged across them), the parser that reads it off markdown-it tokens with one reader
per pasted format (``formats/``), paper identity (arXiv, OpenReview, ACL Anthology, DOI), entries
tied to papers by name, and the merge of mentions into one paper per work.

Every record is frozen and carries its ``file:line``; records link by key, never by
back-pointer.

May import: ``notes_site.markup``, ``notes_site.hugo``, ``notes_site.base``.
"""
