"""The ground floor: diagnostics and error types, text helpers for mixed Chinese/English, the theme's folder.

May import: nothing of notes-site (the standard library only).
"""
