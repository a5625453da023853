"""--nlp-model: an installed spaCy pipeline's NER decides text columns the lexicons cannot."""

from __future__ import annotations

import json

import spacy

from .conftest import run_cli

INVENTED = ["Zorblax Quint", "Mirela Vantow", "Oskin Prael", "Tavi Lunmark", "Quenna Drost", "Ilvo Serrat"]


def _model(path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": name} for name in INVENTED])
    nlp.to_disk(path)
    return str(path)


def test_ner_model_finds_names_outside_the_lexicons(tmp_path):
    data = tmp_path / "people.csv"
    data.write_text("col1,col2\n" + "\n".join(f"{n},{i}" for i, n in enumerate(INVENTED * 5)) + "\n", encoding="utf-8")
    plain = json.loads(run_cli("scan", str(data), "--format", "json", "--no-timestamp").stdout)
    assert plain["assets"][0]["columns"][0]["entities"] == []
    model = _model(tmp_path / "model")
    for extra in ([], ["--full"]):
        result = run_cli("scan", str(data), "--format", "json", "--no-timestamp", "--nlp-model", model, *extra)
        assert result.exit_code == 0, result.output
        column = json.loads(result.stdout)["assets"][0]["columns"][0]
        assert column["entities"][0]["type"] == "PERSON" and column["category"] == "personal"


def test_missing_model_is_one_clear_line(tmp_path):
    data = tmp_path / "a.csv"
    data.write_text("a\nb\n", encoding="utf-8")
    result = run_cli("scan", str(data), "--nlp-model", "xx_no_such_model")
    assert result.exit_code == 2
    assert "spaCy model 'xx_no_such_model' is not installed" in result.stderr
