"""Typed values from YAML and TOML: booleans only from real booleans, numbers only from numbers.

``bool("no")`` is True and ``isinstance(True, int)`` holds, so a careless ``safe: no``
applied a fix and ``max-bytes: true`` became a limit of one byte. Every setting that
takes a flag or a number is read through these checks instead.
"""

from __future__ import annotations

from typing import Any


def is_flag(value: Any) -> bool:
    return isinstance(value, bool)


def is_whole(value: Any, minimum: int = 0) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def flag_problem(name: str, value: Any) -> str:
    hint = " (YAML 1.2: yes/no/on/off are words; write true or false)" if isinstance(value, str) else ""
    return f"'{name}' must be true or false, not {value!r}{hint}"


def whole_problem(name: str, value: Any, minimum: int = 0) -> str:
    return f"'{name}' must be a whole number of at least {minimum}, not {value!r}"


def flag(options: dict, key: str, default: bool, fail) -> bool:
    """``options[key]`` as a flag; ``fail(message)`` raises for anything but true/false."""
    value = options.get(key, default)
    if not is_flag(value):
        raise fail(flag_problem(key, value))
    return value
