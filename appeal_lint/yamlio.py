"""Safe YAML loading that remembers line numbers, for ``path:line: message`` errors."""

from __future__ import annotations

import re
from typing import Any

import yaml


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~5x faster


class _Loader(_Base):
    """SafeLoader (no Python objects, no code) that records positions.

    Booleans follow YAML 1.2: only true/false. Under YAML 1.1 an unquoted ``on``,
    ``no`` or ``yes`` in a word list silently became a boolean.
    """


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(Exception):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# Values that aliases may add to a file, all aliases together. Anchors and aliases are
# fine for sharing a word list or two; a "billion laughs" file (aliases of aliases of
# lists) expands to gigabytes when its values are copied, so such a file is refused
# before anything is built from it.
MAX_ALIAS_VALUES = 10_000


def check_aliases(text: str) -> None:
    """Raise :class:`YamlError` at the alias that takes the file past :data:`MAX_ALIAS_VALUES`.

    Counts on the event stream, before anything is constructed: each anchored node's
    size (its values, with the aliases inside it expanded), and what every alias adds."""
    if "&" not in text or "*" not in text:
        return
    sizes: dict[str, int] = {}
    stack: list[list] = []  # [values so far, anchor] of each open collection
    added = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.DocumentStartEvent):
            sizes = {}
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([1, event.anchor])
        elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionEndEvent, yaml.AliasEvent)):
            if isinstance(event, yaml.ScalarEvent):
                size, anchor = 1, event.anchor
            elif isinstance(event, yaml.CollectionEndEvent):
                size, anchor = stack.pop()
            else:
                size, anchor = sizes.get(event.anchor, 1), None
                added += size
                if added > MAX_ALIAS_VALUES:
                    raise YamlError(
                        event.start_mark.line + 1,
                        f"alias *{event.anchor} takes the file past {MAX_ALIAS_VALUES:,} values copied through aliases "
                        "(an alias bomb?); write the values out or use fewer aliases",
                    )
            if anchor:
                sizes[anchor] = size
            if stack:
                stack[-1][0] += size


def load_all(text: str) -> list[Any]:
    """All documents of a YAML stream; raises :class:`YamlError` with a line."""
    try:
        check_aliases(text)
        return [doc for doc in yaml.load_all(text, Loader=_Loader) if doc is not None]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise YamlError(line, f"invalid YAML: {message}") from None
    except yaml.YAMLError as exc:
        raise YamlError(None, f"invalid YAML: {exc}") from None


def load_one(text: str) -> Any:
    docs = load_all(text)
    if len(docs) > 1:
        raise YamlError(None, "expected one YAML document")
    return docs[0] if docs else None
