"""Trim the vendored KERN build to the rules the portal's markup can match: `make kern-css`.

The full dist/kern.min.css of @kern-ux/native (340 KB, about 2,700 classes) lives in
assets/kern/, outside static/, so collectstatic never ships it. This script collects every
kern-… class the portal can put into its HTML (templates, the apps' Python code, static/js) and
writes static/vendor/kern/kern.min.css with only:

* rules with at least one selector whose classes are all in that set (or that names no class:
  element selectors, :root); the other selectors of a list are dropped. Inside :not() a class
  never prevents a match, so it does not count; :is(), :where() and :has() need one alternative
  that can match, [class^=…] / [class*=…] one used class that fits, and [data-kern-…] an
  attribute the markup sets (KERN's data-kern-theme is not used: the portal follows the
  visitor's colour scheme);
* @media, @supports and other grouping rules, with their inner rules trimmed the same way;
* @keyframes that a kept rule animates, @font-face and any other at-rule as they are;
* of the custom properties (design tokens, e.g. --kern-color-action-default), those that a kept
  declaration reads through var(), directly or through other tokens, or that our own CSS,
  templates or scripts name.

The output is minified (whitespace collapsed) and the same for the same input:
tests/test_assets.py checks that rerunning the script gives the shipped file, which also fails
when a template starts using a class before `make kern-css` was run.
Django-free: `python tools/trim_kern_css.py [--check]`.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from tinycss2 import ast
from tinycss2.serializer import serialize_name

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "assets/kern/kern.min.css"
OUTPUT = ROOT / "static/vendor/kern/kern.min.css"
KERN_VERSION = "2.7.2"
HEADER = (
    f"/*! KERN UX, @kern-ux/native {KERN_VERSION} dist/kern.min.css, EUPL-1.2 (LICENSE.md)."
    " Trimmed to what regionportal uses by tools/trim_kern_css.py: make kern-css */"
)

# A kern-… class name; one ending in "-" is the start of a name built from a variable
# (kern-icon--{{ version.icon }}, "kern-icon--" + name).
CLASS_NAME = re.compile(r"(?<![\w-])kern-[\w-]*")
KERN_ATTRIBUTE = re.compile(r"(?<![\w-])data-kern-[\w-]+")
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
VAR_REFERENCE = re.compile(r"var\(\s*(--[\w-]+)")

# The values of classes the markup builds from variables, by prefix. A new prefix in a template
# stops the script until its values are listed here.
DYNAMIC_CLASSES = {
    # templates/base.html and pages/home_page.html: kern-icon--{{ version.icon }}, the icons of
    # core.models.settings.PortalSettings.accessible_versions.
    "kern-icon--": ("easy-language", "sign-language"),
}

GROUPING_RULES = {"media", "supports", "container", "layer", "document", "-moz-document"}
KEYFRAMES = {"keyframes", "-webkit-keyframes", "-moz-keyframes"}
# Pseudo-classes that match when one selector of their argument matches.
ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
# Properties that name @keyframes: animation and animation-name, also vendor-prefixed.
ANIMATION = re.compile(r"(-[a-z]+-)?animation(-name)?")


@dataclass
class Declaration:
    name: str
    value: str

    @property
    def custom(self):
        return self.name.startswith("--")


@dataclass
class Block:
    """A rule with declarations (style rule, @font-face, keyframe) or a group of rules (@media)."""

    head: str
    declarations: list = field(default_factory=list)
    children: list = field(default_factory=list)
    keyframes: str = ""  # the animation name of an @keyframes rule


# ---------- What the portal uses ----------


def sources(root=ROOT):
    """Every file that can put a class or a custom property into a page: templates, the apps'
    Python code, our scripts and our own stylesheets (not the vendored ones)."""
    apps = sorted(p for p in root.iterdir() if (p / "__init__.py").is_file() and p.name != "tests")
    files = [
        *root.glob("templates/**/*.html"),
        *root.glob("static/js/**/*.js"),
        *root.glob("static/css/**/*.css"),
    ]
    for app in apps:
        files += app.glob("templates/**/*.html")
        files += (p for p in app.rglob("*.py") if "migrations" not in p.relative_to(app).parts)
    return sorted(set(files))


@dataclass(frozen=True)
class Usage:
    """What the portal's pages can contain: kern-… classes and data-kern-… attributes, and the
    custom properties that our own CSS, templates and scripts read or set."""

    classes: frozenset
    attributes: frozenset = frozenset()
    properties: frozenset = frozenset()


def usage(files):
    """The Usage found in files; names built from a variable get the values in DYNAMIC_CLASSES."""
    classes, attributes, properties = set(), set(), set()
    for file in files:
        text = file.read_text(encoding="utf-8")
        properties.update(CUSTOM_PROPERTY.findall(text))
        if file.suffix == ".css":
            continue  # stylesheets style classes, they do not put them into a page
        attributes.update(KERN_ATTRIBUTE.findall(text))
        for name in CLASS_NAME.findall(text):
            if not name.endswith("-"):
                classes.add(name)
            elif name in DYNAMIC_CLASSES:
                classes.update(name + value for value in DYNAMIC_CLASSES[name])
            else:
                raise ValueError(
                    f"{file} builds a class from {name!r} and a variable: "
                    "list its possible values in DYNAMIC_CLASSES of tools/trim_kern_css.py"
                )
    return Usage(frozenset(classes), frozenset(attributes), frozenset(properties))


# ---------- Selectors ----------


def _split_commas(tokens):
    """A selector list's selectors (token lists), split at the top-level commas."""
    parts = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _attribute_can_match(block, used):
    """[class…=value] against the used classes, [data-kern-…] against the used attributes; any
    other attribute selector can match."""
    tokens = [t for t in block.content if t.type not in ("whitespace", "comment")]
    attribute = tokens[0].lower_value if tokens and tokens[0].type == "ident" else ""
    if attribute.startswith("data-kern-"):
        return attribute in used.attributes
    if attribute != "class" or len(tokens) < 3:
        return True
    operator, value = tokens[1].value, tokens[2].value
    tests = {
        "=": lambda name: name in value.split(),
        "~=": lambda name: name == value,
        "^=": lambda name: name.startswith(value),
        "*=": lambda name: value in name,
        "$=": lambda name: name.endswith(value),
    }
    test = tests.get(operator)
    return test is None or any(test(name) for name in used.classes)


def selector_can_match(tokens, used):
    """False when the selector needs a class or data-kern-… attribute that the portal never uses."""
    previous = None
    for token in tokens:
        after = previous.value if previous is not None and previous.type == "literal" else None
        if token.type == "ident" and after == "." and token.value not in used.classes:
            return False
        if token.type == "[] block" and not _attribute_can_match(token, used):
            return False
        # :not(), :nth-child() …: a class in the argument never prevents a match.
        alternatives = token.type == "function" and after == ":" and token.lower_name in ANY_OF
        if alternatives and not any(
            selector_can_match(part, used) for part in _split_commas(token.arguments)
        ):
            return False
        previous = token
    return True


# ---------- Parsing and trimming ----------


def minify(tokens):
    """Tokens serialized with comments removed and whitespace collapsed to single spaces."""
    parts = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if parts and parts[-1] != " ":
                parts.append(" ")
        elif isinstance(token, ast.FunctionBlock):
            parts.append(f"{serialize_name(token.name)}({minify(token.arguments)})")
        elif isinstance(token, ast.ParenthesesBlock):
            parts.append(f"({minify(token.content)})")
        elif isinstance(token, ast.SquareBracketsBlock):
            parts.append(f"[{minify(token.content)}]")
        elif isinstance(token, ast.CurlyBracketsBlock):
            parts.append(f"{{{minify(token.content)}}}")
        else:
            parts.append(token.serialize())
    return "".join(parts).strip()


def _declarations(content):
    items = tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True)
    declarations = []
    for item in items:
        if item.type != "declaration":
            raise ValueError(f"line {item.source_line}: only declarations expected here, not {item.type}")
        important = "!important" if item.important else ""
        declarations.append(Declaration(item.name, minify(item.value) + important))
    return declarations


def _trim(rules, used):
    """The rules that can match, as Blocks (the at-rules without a body as strings)."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [minify(s) for s in _split_commas(rule.prelude) if selector_can_match(s, used)]
            if selectors:
                kept.append(Block(",".join(selectors), _declarations(rule.content)))
            continue
        if rule.type != "at-rule":
            raise ValueError(f"line {rule.source_line}: {rule.message}")
        head = f"@{serialize_name(rule.at_keyword)} {minify(rule.prelude)}".strip()
        name = rule.lower_at_keyword
        if rule.content is None:
            kept.append(f"{head};")
        elif name in GROUPING_RULES:
            kept.append(Block(head, children=_trim(tinycss2.parse_rule_list(rule.content, True, True), used)))
        elif name in KEYFRAMES:
            frames = tinycss2.parse_rule_list(rule.content, True, True)
            steps = [Block(minify(frame.prelude), _declarations(frame.content)) for frame in frames]
            kept.append(Block(head, children=steps, keyframes=minify(rule.prelude)))
        else:  # @font-face, @page, @property …
            kept.append(Block(head, _declarations(rule.content)))
    return kept


def _walk(blocks):
    for block in blocks:
        if isinstance(block, Block):
            yield block
            yield from _walk(block.children)


def _read_properties(blocks, named):
    """Custom properties a kept declaration reads, also through other properties, plus named."""
    values = {}
    for block in _walk(blocks):
        for declaration in block.declarations:
            if declaration.custom:
                values.setdefault(declaration.name, []).append(declaration.value)
    pending = set(named)
    for block in _walk(blocks):
        pending.update(
            name
            for declaration in block.declarations
            if not declaration.custom
            for name in VAR_REFERENCE.findall(declaration.value)
        )
    read = set()
    while pending:
        name = pending.pop()
        read.add(name)
        pending.update(ref for value in values.get(name, ()) for ref in VAR_REFERENCE.findall(value))
        pending -= read
    return read


def _animations(blocks):
    return {
        value
        for block in _walk(blocks)
        for declaration in block.declarations
        if ANIMATION.fullmatch(declaration.name.lower())
        for value in declaration.value.split()
    }


def _serialize(blocks, read, animations):
    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(block)
        elif block.keyframes:
            if block.keyframes in animations:
                steps = "".join(_serialize_declarations(step, read) for step in block.children)
                parts.append(f"{block.head}{{{steps}}}")
        elif block.children:
            inner = _serialize(block.children, read, animations)
            if inner:
                parts.append(f"{block.head}{{{inner}}}")
        else:
            parts.append(_serialize_declarations(block, read))
    return "".join(parts)


def _serialize_declarations(block, read):
    body = ";".join(f"{d.name}:{d.value}" for d in block.declarations if not d.custom or d.name in read)
    return f"{block.head}{{{body}}}" if body else ""


def trim(css, used):
    """The stylesheet css reduced to what pages with the Usage used can match."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    charset = [r for r in rules if r.type == "at-rule" and r.lower_at_keyword == "charset"]
    kept = _trim([r for r in rules if r not in charset], used)
    body = _serialize(kept, _read_properties(kept, used.properties), _animations(kept))
    # @charset must open the file; the licence comment follows it.
    return "".join(f"@charset {minify(r.prelude)};" for r in charset) + f"{HEADER}\n{body}\n"


def build():
    """(Usage, trimmed CSS) for the current templates, code and stylesheets."""
    used = usage(sources())
    return used, trim(SOURCE.read_text(encoding="utf-8"), used)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="report whether the output differs, exit 1 if so"
    )
    args = parser.parse_args(argv)

    used, css = build()
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else None
    name = OUTPUT.relative_to(ROOT)
    if args.check:
        print(f"{name}: {'up to date' if css == current else 'differs'}")
        if css != current:
            print("Run `make kern-css` to regenerate.", file=sys.stderr)
            return 1
        return 0
    source = SOURCE.read_text(encoding="utf-8")
    print(f"{name}: {len(source.encode()):,} → {len(css.encode()):,} bytes for {len(used.classes)} classes")
    missing = sorted(c for c in used.classes if not re.search(rf"\.{re.escape(c)}(?![\w-])", source))
    if missing:
        print(f"  not in KERN: {', '.join(missing)}")
    if css != current:
        OUTPUT.write_text(css, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
