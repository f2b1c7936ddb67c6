"""Which config may send a draft off the machine.

A ``.appeal-lint.yaml`` is picked up from a draft's folder (or any folder above it), and
an editor's language server picks it up the moment a draft is opened: a repository or
a shared folder can carry one. Such a config may choose rules, thresholds and words,
but it may not, on its own, send the confidential draft to a server elsewhere (a
remote ``languagetool-url``), nor have LanguageTool downloaded and started
(``languagetool-local``). Those come only from places the user controls:

* the command line: ``--languagetool-url URL``, or a config named with ``--config FILE``;
* the user's own config, ``$XDG_CONFIG_HOME/appeal-lint/config.yaml`` (by default
  ``~/.config/appeal-lint/config.yaml``), used when no project config is found.

A server on this machine (localhost, 127.0.0.1, ::1) is fine from any config: nothing
leaves it.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "appeal-lint" / "config.yaml"


def user_config() -> Path | None:
    path = user_config_path()
    return path if path.is_file() else None


def is_trusted(config_path: str | os.PathLike | None, named: bool = False) -> bool:
    """A config named on the command line, or the user's own, may choose a grammar server."""
    if config_path is None or named:
        return True
    try:
        return Path(config_path).resolve() == user_config_path().resolve()
    except OSError:
        return False


def remote_host(url: str | None) -> str | None:
    """The host a URL sends drafts to, or None when it is this machine."""
    if not url:
        return None
    from urllib.parse import urlparse

    from .grammar.languagetool_backend import is_local

    return None if is_local(url) else (urlparse(url).hostname or url)


def guard(settings, named: bool = False) -> str | None:
    """Undo what an untrusted config asked for that would use the network; the warning
    to show (None when nothing was undone). Grammar then stays with Harper, offline."""
    if is_trusted(settings.config_path, named):
        return None
    host = remote_host(settings.languagetool_url)
    if not host and not settings.languagetool_local:
        return None
    what = f"sends drafts to {host}" if host else "downloads and starts LanguageTool (languagetool-local)"
    settings.languagetool_url = None
    settings.languagetool_local = False
    settings.grammar_backend = "harper"
    return (
        f"{settings.config_path}: this config {what}; a config found next to a draft may not do that on its own, "
        f"so grammar is checked offline with Harper. To use that server, pass --languagetool-url, "
        f"or name it in your own config ({user_config_path()}) or with --config"
    )


def sent_to(settings) -> str | None:
    """Where drafts go for grammar checking, when that is off this machine."""
    if not settings.grammar:
        return None
    return remote_host(settings.languagetool_url)
