"""``$…$`` and ``$$…$$`` rendered to MathML at build time (latex2mathml): no script or CDN on the page.

latex2mathml writes the text of ``\\text{…}`` into its output as markup (it un-escapes the
whole document at the end, so that its own ``&#x0003C;`` entities survive), which would let
``$\\text{<script>…</script>}$`` run; :func:`_escaped_mathml` escapes every text node first and
drops ``href`` attributes that are not safe URLs. Formulas longer than
:attr:`~notes_site.base.limits.Limits.math_chars` are shown as their source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree.ElementTree import Element, tostring
from xml.sax.saxutils import unescape

from latex2mathml.converter import Converter
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

from notes_site.base.limits import LIMITS
from notes_site.base.urlsafety import is_dangerous_url
from notes_site.markup.renderer import MarkupRenderer, diagnose

_BARE_AMPERSAND_RE = re.compile(r"&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def _escape_text(text: str | None) -> str | None:
    """Text as latex2mathml will un-escape it: its own entities kept, ``<``, ``>`` and ``&`` escaped."""
    if not text:
        return text
    return _BARE_AMPERSAND_RE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _escaped_mathml(latex: str, display: str) -> str:
    """latex2mathml's ``convert``, with the text of every element escaped and unsafe links dropped."""
    tree: Element = Converter(display=display).convert_to_element(latex)
    for element in tree.iter():
        element.text = _escape_text(element.text)
        element.tail = _escape_text(element.tail)
        for name in [key for key in element.attrib if key.rpartition("}")[2].endswith("href")]:
            if is_dangerous_url(element.attrib[name]):
                del element.attrib[name]
    return unescape(tostring(tree, encoding="unicode"))


def _mathml(env: EnvType, token: Token, display: bool) -> Markup:
    """The token's LaTeX as MathML, or the source in ``<code class="math-error">`` if it fails."""
    latex = token.content.strip()
    if len(latex) > LIMITS.math_chars:
        diagnose(
            env,
            token,
            f"formula of {len(latex):,} characters is longer than {LIMITS.math_chars:,}; shown as its source",
            "split it into several formulas",
            "math-error",
        )
        return Markup('<code class="math-error">{}</code>').format(latex)
    try:
        return Markup(_escaped_mathml(latex, "block" if display else "inline"))
    except Exception as exc:  # latex2mathml raises bare Exception subclasses on bad input
        diagnose(
            env,
            token,
            f"cannot convert formula to MathML: {latex!r} ({type(exc).__name__})",
            "check the LaTeX, or escape the dollar signs (\\$) if it is not math",
            "math-error",
        )
        return Markup('<code class="math-error">{}</code>').format(latex)


def render_math_inline(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<span class="math inline">{}</span>').format(_mathml(env, tokens[idx], False))


def render_math_inline_double(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # $$…$$ inside a paragraph: display math, in a span so the paragraph stays valid HTML.
    return Markup('<span class="math display">{}</span>').format(_mathml(env, tokens[idx], True))


def render_math_block(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return Markup('<div class="math block">\n{}\n</div>\n').format(_mathml(env, tokens[idx], True))


def render_math_block_label(
    self: MarkupRenderer, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    label = tokens[idx].info
    return Markup(
        '<div id="{0}" class="math block">\n'
        '<a href="#{0}" class="mathlabel" title="Permalink to this equation">¶</a>\n{1}\n</div>\n'
    ).format(label, _mathml(env, tokens[idx], True))
