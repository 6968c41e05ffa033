"""The top layer: CLI, config composition, stage registry, runner, output phase, publishing, audit commands."""
