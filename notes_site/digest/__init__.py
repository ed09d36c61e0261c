"""Reading pasted digests: the model (documents → topic sections → dated entries → paper
mentions, and papers merged across them), the parser that reads it off markdown-it tokens,
arXiv ids and link kinds, and the merge of mentions into one paper per arXiv id.

Every record is frozen and carries its ``file:line``; records link by key, never by
back-pointer.

May import: ``notes_site.markup``, ``notes_site.hugo``, ``notes_site.base``.
"""
