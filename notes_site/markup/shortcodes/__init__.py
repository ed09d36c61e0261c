"""Hugo shortcodes: their syntax, the markdown-it rules that find them, and their Jinja templates.

Syntax (as Hugo's page lexer reads it):

- ``{{< name arg key="value" >}}`` — output inserted as HTML; paired with ``{{< /name >}}``
  its inner text is passed raw (``inner``), with nested shortcodes already rendered;
- ``{{% name %}}…{{% /name %}}`` — the inner text is markdown, rendered with the page;
- ``{{< name />}}`` — self-closing: never looks for a closing tag;
- arguments are positional (``arg``) or named (``key=value``); values are bare words,
  ``"quoted strings"`` with ``\\"`` escapes, or ```raw strings``` taken literally; bare
  ``true``/``false`` and numbers are typed, as Hugo types them;
- ``{{</* name */>}}`` and ``{{%/* name */%}}`` are escapes that print ``{{< name >}}`` and
  ``{{% name %}}``.

May import: the rest of ``notes_site.markup`` below it (``highlight``), ``notes_site.hugo``,
``notes_site.base``.
"""
