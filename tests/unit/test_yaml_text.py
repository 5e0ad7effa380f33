"""YAML read by libyaml's parser: the same data as yaml.safe_load, the same refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from queue_server.services import yaml_text
from queue_server.services.yaml_text import load_yaml, read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([ROOT / "config" / "demo.yaml", *(ROOT / "queue_server").rglob("*.yaml")])


def test_the_c_parser_is_there() -> None:
    assert yaml_text._FAST is yaml.CSafeLoader  # else every start reads YAML 10x slower


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_as_safe_load_reads_it(path: Path) -> None:
    assert read_yaml(path) == yaml.safe_load(path.read_text("utf-8"))


def test_a_broken_file_is_told_in_the_pure_parser_s_words() -> None:
    text = "facilities:\n  - code: pkm-a\n    name: [unclosed\nusers: []\n"
    with pytest.raises(yaml.YAMLError) as caught:
        load_yaml(text)
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.safe_load(text)
    assert str(caught.value) == str(pure.value)
    assert "line" in str(caught.value) and "^" in str(caught.value)


def test_python_objects_are_refused() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_a_lone_surrogate_is_a_yaml_error_as_before() -> None:
    """libyaml raises UnicodeEncodeError for it; a file's reader catches YAMLError."""
    with pytest.raises(yaml.YAMLError):
        load_yaml("name: \udcff\n")
