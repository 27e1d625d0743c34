"""Importing this module registers every command on the app."""

from storylens.cli import articles, compare, demo, stories, story
from storylens.cli import eval as eval_command
from storylens.cli import export as export_command
from storylens.cli import feeds as feeds_command
from storylens.cli import serve as serve_command
from storylens.cli import watch as watch_command
from storylens.cli.app import app

for command in (eval_command, export_command, feeds_command, serve_command, watch_command):
    command.register(app)

__all__ = ["articles", "compare", "demo", "stories", "story"]
