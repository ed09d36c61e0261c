"""View objects: the small, read-only things templates see instead of the model.

Every URL in a view is a finished href (base path added, percent-encoded), so templates
never build URLs and never reach into the model. Views are built per language.
"""
