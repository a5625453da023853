"""Maintainer script: regenerate the lexicon files that are *derived* from third-party packages.

Not imported at run time. The hand-written files (surnames, address words, USPS lists, stop
words) are edited directly; the three files below are extracted from documented upstream data so
that anyone can check or refresh them::

    pip download --no-deps -d /tmp/src names==0.3.0 jieba==0.42.1
    python -m compliance.detect.lexicon._build --names-sdist /tmp/src/names-0.3.0.tar.gz \\
        --jieba-sdist /tmp/src/jieba-0.42.1.tar.gz

* ``en_given_names.txt`` / ``en_surnames.txt``: US Census Bureau 1990 name frequency files
  (public domain) as shipped in the ``names`` sdist (MIT, treyhunner).
* ``cn_common_words.txt``: words of jieba's ``dict.txt`` (MIT) that look like a surname plus a
  given name but are ordinary words (not tagged as person or place names).
* ``cn_divisions.txt``: GB/T 2260 division names from python-stdnum's ``stdnum/cn/loc.dat``
  (the installed dependency).
"""

from __future__ import annotations

import argparse
import re
import tarfile
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
_HAN_2_4 = re.compile(r"[\u4e00-\u9fff]{2,4}")
#: words jieba tags as person names (nr, nrt, nrfg) are plausible names and stay out of the list;
#: place-tagged words (ns) go in only when frequent, since rare ones include mis-tagged full names
#: (梁建国, 高建国) while frequent ones are real places and words (王国, 长江)
_JIEBA_PERSON_TAG = "nr"
_JIEBA_PLACE_TAG = "ns"
_PLACE_MIN_FREQ = 50


def _member(sdist: Path, suffix: str) -> str:
    with tarfile.open(sdist) as tar:
        for info in tar.getmembers():
            if info.name.endswith(suffix):
                handle = tar.extractfile(info)
                if handle is not None:
                    return handle.read().decode("utf-8")
    raise SystemExit(f"{sdist}: no member ending in {suffix}")


def _write(name: str, header: str, entries: Iterable[str]) -> None:
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    body = list(entries)
    (HERE / name).write_text("\n".join([*lines, *body]) + "\n", encoding="utf-8")
    print(f"{name}: {len(body)} entries")


def _census(text: str) -> list[tuple[str, float]]:
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            rows.append((parts[0], float(parts[1])))
    return rows


def build_census(sdist: Path, surnames: int) -> None:
    female = _census(_member(sdist, "names/dist.female.first"))
    male = _census(_member(sdist, "names/dist.male.first"))
    last = _census(_member(sdist, "names/dist.all.last"))
    # each file's percentages are of its own sex; the mean ranks a name used by both sexes fairly
    score: dict[str, float] = {}
    for rows in (female, male):
        for name, pct in rows:
            score[name] = score.get(name, 0.0) + pct / 2
    given = sorted(score, key=lambda n: (-score[n], n))
    common = f"""
Source: US Census Bureau, 1990 Census name frequency files ({{file}}),
  as shipped in the PyPI sdist {sdist.name} (package "names" by Trey Hunner).
Licence: public domain (a work of the US federal government); the "names" package is MIT-licensed
  and its README states that these data files are public domain.
Produced: by compliance/detect/lexicon/_build.py: {{how}}.
  Capitalised for readability; lookups are case-insensitive.
"""
    _write(
        "en_given_names.txt",
        common.format(
            file="dist.female.first + dist.male.first",
            how=f"all {len(given)} given names of both files, by mean female/male frequency",
        ),
        (n.capitalize() for n in given),
    )
    _write(
        "en_surnames.txt",
        common.format(file="dist.all.last", how=f"the {surnames} most frequent surnames, in rank order"),
        (n.capitalize() for n, _ in last[:surnames]),
    )


def build_jieba(sdist: Path, min_freq: int) -> None:
    from .names import surname_of  # the same surname test the detector applies

    words = []
    for line in _member(sdist, "jieba/dict.txt").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2]
        if (
            freq >= min_freq
            and _HAN_2_4.fullmatch(word)
            and not tag.startswith(_JIEBA_PERSON_TAG)
            and (tag != _JIEBA_PLACE_TAG or freq >= _PLACE_MIN_FREQ)
            and surname_of(word) is not None
        ):
            words.append(word)
    _write(
        "cn_common_words.txt",
        f"""
Chinese words that begin with a surname but are ordinary words, so a value equal to one of them is
not taken for a personal name (e.g. 黄金, 方法, 安全, 高级).
Source: dict.txt of the jieba word segmenter ({sdist.name}, github.com/fxsjy/jieba), a general
  dictionary with frequencies and part-of-speech tags.
Licence: MIT (jieba).
Produced: by compliance/detect/lexicon/_build.py: entries of 2-4 Han characters with frequency
  >= {min_freq} (>= {_PLACE_MIN_FREQ} for the place-name tag ns) whose tag is not a person-name tag
  (nr*) and that start with a surname from cn_surnames.txt. Sorted by code point.
""",
        sorted(set(words)),
    )


_DIVISION = re.compile(r'(?:province|county)="([^"]*)"')
_SKIP = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "自治州直辖县级行政区划"}


def build_divisions() -> None:
    text = (resources.files("stdnum.cn") / "loc.dat").read_text(encoding="utf-8")
    names: set[str] = set()
    for match in _DIVISION.finditer(text):
        for item in match.group(1).split(","):
            name = re.sub(r"^\[[^\]]*\]", "", item).strip()
            if name and name not in _SKIP and re.fullmatch(r"[\u4e00-\u9fff]+", name):
                names.add(name)
    version = metadata.version("python-stdnum")
    _write(
        "cn_divisions.txt",
        f"""
Names of Chinese administrative divisions at province, prefecture and county level, current and
former (GB/T 2260 "Codes for the administrative divisions of the People's Republic of China").
Source: python-stdnum {version}, file stdnum/cn/loc.dat (the project's installed dependency), which
  names its own source: the zh.wikipedia tables of GB/T 2260 codes.
Licence: names of divisions are facts, not copyrightable; python-stdnum is LGPL-2.1+.
Produced: by compliance/detect/lexicon/_build.py: every name in the file, historical names
  included, without the year annotations; placeholder rows (市辖区, 县, ...) dropped. Sorted.
""",
        sorted(names),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names-sdist", type=Path)
    parser.add_argument("--jieba-sdist", type=Path)
    parser.add_argument("--surnames", type=int, default=20000)
    parser.add_argument("--min-freq", type=int, default=5)
    args = parser.parse_args(argv)
    if args.names_sdist:
        build_census(args.names_sdist, args.surnames)
    if args.jieba_sdist:
        build_jieba(args.jieba_sdist, args.min_freq)
    build_divisions()


if __name__ == "__main__":
    main()
