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

With ``--romanised`` (needs ``pip install pypinyin opencc-python-reimplemented``; build-time only):

* ``cn_surnames_pinyin.txt``: every surname of ``cn_surnames.txt`` in Hanyu Pinyin and Wade-Giles
  (pypinyin, MIT, all readings of each character);
* ``cn_syllables.txt``: the toneless syllables of Hanyu Pinyin and Wade-Giles (pypinyin's
  character dictionary) and of the Hong Kong Government Cantonese romanisation (from the Jyutping
  initials and finals below, with their conventional Hong Kong spellings);
* ``cn_traditional.txt``: traditional → simplified characters (OpenCC ``TSCharacters.txt``,
  Apache-2.0, as shipped in opencc-python-reimplemented).

With ``--nam-dict PATH`` (``nam_dict.txt`` of the ``gender-guesser`` package, GFDL-1.2+):
``world_given_names.txt``; with ``--words PATH`` (SCOWL ``american-english-small`` of Debian's
``wamerican-small``): ``en_common_words.txt``.
"""

from __future__ import annotations

import argparse
import re
import tarfile
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

from . import _data

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


# --- romanised Chinese names ---------------------------------------------------------------------

#: Jyutping initials → Hong Kong Government romanisation spellings (z/c are written ch or ts, s may
#: be sh, j is y; aspiration is not marked: b and p are both p; w may be hw as in Tung Chee-hwa)
_HK_INITIALS = {
    "": ("",),
    "b": ("p",),
    "p": ("p",),
    "m": ("m",),
    "f": ("f",),
    "d": ("t",),
    "t": ("t",),
    "n": ("n",),
    "l": ("l",),
    "g": ("k",),
    "k": ("k",),
    "ng": ("ng",),
    "h": ("h",),
    "gw": ("kw",),
    "kw": ("kw",),
    "w": ("w", "hw"),
    "z": ("ch", "ts"),
    "c": ("ch", "ts"),
    "s": ("s", "sh"),
    "j": ("y",),
}
#: Jyutping finals → their Hong Kong spellings
_HK_FINALS = {
    "aa": ("a", "ah", "ar"),
    "aai": ("ai",),
    "aau": ("au",),
    "aam": ("am",),
    "aan": ("an",),
    "aang": ("ang",),
    "aap": ("ap",),
    "aat": ("at",),
    "aak": ("ak",),
    "ai": ("ai",),
    "au": ("au",),
    "am": ("am",),
    "an": ("an",),
    "ang": ("ang",),
    "ap": ("ap",),
    "at": ("at",),
    "ak": ("ak",),
    "e": ("e",),
    "ei": ("ei", "ay"),
    "eng": ("eng",),
    "ek": ("ek",),
    "i": ("i", "ee", "yi"),
    "iu": ("iu",),
    "im": ("im",),
    "in": ("in",),
    "ing": ("ing",),
    "ip": ("ip",),
    "it": ("it",),
    "ik": ("ik",),
    "o": ("o", "oh", "or"),
    "oi": ("oi", "oy"),
    "ou": ("o", "ou"),
    "on": ("on",),
    "ong": ("ong",),
    "ot": ("ot",),
    "ok": ("ok",),
    "u": ("u", "oo"),
    "ui": ("ui", "ooi"),
    "un": ("un", "oon"),
    "ung": ("ung",),
    "ut": ("ut",),
    "uk": ("uk",),
    "oe": ("oe",),
    "oeng": ("eung",),
    "oek": ("euk",),
    "eoi": ("ui", "eui", "ue"),
    "eon": ("un", "eun"),
    "eot": ("ut", "eut"),
    "yu": ("u", "ue", "yu"),
    "yun": ("uen", "un", "yuen"),
    "yut": ("uet", "ut"),
}
_HK_SYLLABIC = ("m", "ng")
_PINYIN_U_UMLAUT = (("v", "u"), ("v", "yu"), ("v", "u:"))


def _toneless(syllable: str) -> str:
    return syllable.replace("'", "").replace("’", "")


def _pinyin_readings(char: str) -> tuple[list[str], list[str]]:
    from pypinyin import Style, pinyin

    normal = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    wade = pinyin(char, style=Style.WADEGILES, heteronym=True)[0]
    return normal, wade


def _spellings(syllable: str) -> set[str]:
    """A pinyin syllable as written without tone marks: ü as v, u or yu (lü: lv, lu, lyu)."""
    out = {_toneless(syllable)}
    for old, new in _PINYIN_U_UMLAUT:
        if old in syllable:
            out.add(_toneless(syllable.replace(old, new)))
    return {s for s in out if s.isalpha() and s.isascii()}


def build_romanised() -> None:
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    surnames = sorted(_data.words("cn_surnames.txt"))
    rows = []
    for surname in surnames:
        systems: dict[str, set[str]] = {"pinyin": set(), "wade-giles": set()}
        normal = pinyin(surname, style=Style.NORMAL, heteronym=True)
        wade = pinyin(surname, style=Style.WADEGILES, heteronym=True)
        for name, readings in (("pinyin", normal), ("wade-giles", wade)):
            combos = [""]
            for options in readings:
                spelled = sorted({s for o in options for s in _spellings(o)})
                combos = [c + s for c in combos for s in spelled][:8]
            systems[name].update(combos)
        for name, spelled in systems.items():
            rows.extend(f"{surname} {s} {name}" for s in sorted(spelled))
    version = metadata.version("pypinyin")
    _write(
        "cn_surnames_pinyin.txt",
        f"""
Every surname of cn_surnames.txt romanised: Hanyu Pinyin and Wade-Giles, without tone marks.
Format: surname romanisation system. Compound surnames are one word (ouyang).
Source: pypinyin {version} (github.com/mozillazg/python-pinyin), its character dictionary
  (all readings of each character, heteronyms included, so 单 gives dan, shan and chan).
Licence: MIT (pypinyin); the romanisation of a name is a fact.
Produced: by compliance/detect/lexicon/_build.py --romanised; u-umlaut written v, u and yu.
""",
        rows,
    )
    syllables: dict[str, set[str]] = {"pinyin": set(), "wade-giles": set(), "cantonese-hk": set()}
    for code in sorted(pinyin_dict):
        char = chr(code)
        if not _HAN_2_4.fullmatch(char * 2):
            continue
        normal, wade = _pinyin_readings(char)
        for s in normal:
            syllables["pinyin"].update(_spellings(s))
        for s in wade:
            syllables["wade-giles"].update(_spellings(s))
    for initial, heads in _HK_INITIALS.items():
        for final, tails in _HK_FINALS.items():
            heads_here = ("y", "") if initial == "j" and final[0] in "iy" else heads
            syllables["cantonese-hk"].update(h + t for h in heads_here for t in tails)
    syllables["cantonese-hk"].update(_HK_SYLLABIC)
    _write(
        "cn_syllables.txt",
        f"""
Syllables of Chinese given names in Latin letters, without tone marks: Hanyu Pinyin, Wade-Giles
(Taiwan passports) and the Hong Kong Government Cantonese romanisation (HKID cards).
Format: syllable system.
Source: pinyin and Wade-Giles: every reading in the character dictionary of pypinyin {version}
  (MIT); Hong Kong: the Jyutping initials and finals (Linguistic Society of Hong Kong, 1993)
  spelled as the Hong Kong Government romanisation writes them (z/c as ch or ts, j as y,
  oeng as eung, eoi as ui ...), tables in compliance/detect/lexicon/_build.py.
Licence: MIT (pypinyin); syllable inventories are facts.
Produced: by compliance/detect/lexicon/_build.py --romanised (every initial x final pairing of
  the Hong Kong tables: a superset of the syllables in use).
""",
        (f"{s} {name}" for name in syllables for s in sorted(syllables[name]) if s),
    )
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = []
    for line in table.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        single = len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]
        if single and _HAN_2_4.fullmatch(parts[0] * 2) and _HAN_2_4.fullmatch(parts[1] * 2):
            pairs.append(f"{parts[0]} {parts[1]}")
    _write(
        "cn_traditional.txt",
        f"""
Traditional Chinese characters and their simplified form (陳 陈, 張 张, 黃 黄), so that names in
traditional characters (Hong Kong, Taiwan, Macao) meet the same surname and word lists.
Format: traditional simplified.
Source: OpenCC dictionary TSCharacters.txt (github.com/BYVoid/OpenCC), as shipped in the PyPI
  package opencc-python-reimplemented {metadata.version("opencc-python-reimplemented")}.
Licence: Apache-2.0 (OpenCC).
Produced: by compliance/detect/lexicon/_build.py --romanised: single-character entries within
  U+3400-U+9FFF, the first simplified candidate of each.
""",
        pairs,
    )


#: places outside GB/T 2260's county level that are written in Cantonese or Wade-Giles spellings:
#: Hong Kong's 18 districts and main towns, Macao's parishes, Taiwan's cities and counties
_HMT_PLACES = """
Hong Kong; Kowloon; Central; Wan Chai; Eastern; Southern; Yau Tsim Mong; Sham Shui Po; Kowloon City;
Wong Tai Sin; Kwun Tong; Kwai Tsing; Tsuen Wan; Tuen Mun; Yuen Long; North; Tai Po; Sai Kung; Sha Tin;
Islands; Mong Kok; Tsim Sha Tsui; Yau Ma Tei; Causeway Bay; Tseung Kwan O; Tung Chung; Tin Shui Wai;
Fanling; Sheung Shui; Ma On Shan; Tai Wai; Lantau; Aberdeen; Chai Wan; Shau Kei Wan; Quarry Bay;
Sheung Wan; Kwai Chung; Tsing Yi; Lai Chi Kok; Cheung Sha Wan; Ho Man Tin; Kowloon Tong; To Kwa Wan;
Hung Hom; Lok Fu; Diamond Hill; Lam Tin; Yau Tong; Ngau Tau Kok; Tai Koo; Siu Sai Wan; Pok Fu Lam;
Macau; Macao; Taipa; Coloane; Cotai; Sao Lourenco; Se; Sao Lazaro;
Taipei; New Taipei; Taoyuan; Taichung; Tainan; Kaohsiung; Keelung; Hsinchu; Miaoli; Changhua;
Nantou; Yunlin; Chiayi; Pingtung; Yilan; Hualien; Taitung; Penghu; Kinmen; Lienchiang; Matsu; Tamsui
"""
_DIVISION_SUFFIXES = (
    "特别行政区",
    "自治州",
    "自治县",
    "自治区",
    "地区",
    "林区",
    "新区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
)


def build_place_romanisations() -> None:
    from pypinyin import Style, lazy_pinyin

    places: set[str] = set()
    for name in _data.words("cn_divisions.txt") | _data.words("cn_provinces.txt"):
        short = name
        for suffix in _DIVISION_SUFFIXES:
            if short.endswith(suffix) and len(short) > len(suffix) + 1:
                short = short[: -len(suffix)]
                break
        for form in {name, short}:
            places.add("".join(lazy_pinyin(form, style=Style.NORMAL)).replace("v", "u"))
    places.update(p.strip().replace(" ", "").lower() for p in _HMT_PLACES.split(";"))
    _write(
        "cn_places_romanised.txt",
        f"""
Chinese place names in Latin letters, written without spaces (xian, zhangjiakou, wongtaisin), so
that a district in pinyin or Cantonese spelling (Zhang Jiakou, Wong Tai Sin) is not taken for a name.
Source: the names of cn_divisions.txt and cn_provinces.txt (GB/T 2260), in pinyin by pypinyin
  {metadata.version("pypinyin")} (MIT), full and without the division type (杭州市: hangzhoushi,
  hangzhou); Hong Kong's districts and towns, Macao's parishes, Taiwan's cities and counties as
  they are officially romanised (list in compliance/detect/lexicon/_build.py).
Licence: place names are facts; pypinyin is MIT.
Produced: by compliance/detect/lexicon/_build.py --romanised. Sorted.
""",
        sorted(p for p in places if p.isalpha()),
    )


# --- names of many countries and English words ---------------------------------------------------

_NAM_SEX = re.compile(r"^(?:1?[MF?]|\?[MF])$")


def build_world_given(nam_dict: Path) -> None:
    names: set[str] = set()
    for line in nam_dict.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        parts = line[:29].split()
        if len(parts) != 2 or not _NAM_SEX.match(parts[0]):
            continue
        name = parts[1]
        variants = {name.replace("+", sep) for sep in ("", "-")} if "+" in name else {name}
        names.update(v for v in variants if v.replace("-", "").replace("'", "").isalpha())
    _write(
        "world_given_names.txt",
        f"""
Given names of many countries: Europe, the Americas, Russia and the CIS, Turkey, the Arab world,
Israel, India, China, Japan, Korea, Vietnam (romanised).
Source: nam_dict.txt by Joerg Michael (2007-2008, "List of first names and gender", published
  with the magazine c't), as shipped in the PyPI package gender-guesser 0.4.0 ({nam_dict.name}).
Licence: GNU Free Documentation License 1.2 or later, no invariant sections; this list is a
  modified version (names only, without genders and frequencies) under the same licence.
Produced: by compliance/detect/lexicon/_build.py --nam-dict: every name of the list
  (a '+' inside a name, used for Chinese, Korean and Arabic names, written as nothing or '-').
""",
        sorted(names),
    )


def build_english_words(words: Path) -> None:
    out = sorted(
        {w for w in words.read_text(encoding="utf-8").splitlines() if len(w) >= 2 and w.isalpha() and w.islower()}
    )
    _write(
        "en_common_words.txt",
        f"""
Ordinary English words (lower case in the dictionary: it writes proper names capitalised), so that
"Grace Church" or "Rose Garden" is not taken for a given name and an unknown surname.
Source: SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson) size 35, as packaged by Debian
  (wamerican-small, file {words}).
Licence: SCOWL licence (permissive: use, copy, modify and distribute with its copyright notice,
  reproduced in compliance/detect/lexicon/README.md).
Produced: by compliance/detect/lexicon/_build.py --words: all-lower-case alphabetic entries of
  two letters or more.
""",
        out,
    )


def build_countries() -> None:
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
    for sub in pycountry.subdivisions:
        if sub.type in ("State", "Province", "Region", "Land", "Autonomous region", "Country"):
            names.add(sub.name)
    _write(
        "world_places.txt",
        f"""
Names of countries (ISO 3166-1: short, common and official names) and of the first-level
divisions of type state, province, region, land or country (ISO 3166-2), one per line, so that
"Paris, France" or "Lyon, Rhône" is not read as "Surname, Given".
Source: pycountry {metadata.version("pycountry")} (the ISO 3166 tables of Debian's iso-codes).
Licence: names of countries and divisions are facts; pycountry is LGPL-2.1, iso-codes LGPL-2.1+.
Produced: by compliance/detect/lexicon/_build.py --countries. Sorted. (The detector ignores the
  places that are also common given names: "Smith, Mary" is a name, Mary a Turkmen province.)
""",
        sorted(names),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names-sdist", type=Path)
    parser.add_argument("--jieba-sdist", type=Path)
    parser.add_argument("--surnames", type=int, default=20000)
    parser.add_argument("--min-freq", type=int, default=5)
    parser.add_argument("--romanised", action="store_true", help="pinyin, Wade-Giles, HK and traditional files")
    parser.add_argument("--nam-dict", type=Path, help="gender_guesser/data/nam_dict.txt")
    parser.add_argument("--words", type=Path, help="/usr/share/dict/american-english-small")
    parser.add_argument("--countries", action="store_true", help="world_places.txt (needs pycountry)")
    parser.add_argument("--no-divisions", action="store_true")
    args = parser.parse_args(argv)
    if args.names_sdist:
        build_census(args.names_sdist, args.surnames)
    if args.jieba_sdist:
        build_jieba(args.jieba_sdist, args.min_freq)
    if args.romanised:
        build_romanised()
        build_place_romanisations()
    if args.nam_dict:
        build_world_given(args.nam_dict)
    if args.words:
        build_english_words(args.words)
    if args.countries:
        build_countries()
    if not args.no_divisions:
        build_divisions()


if __name__ == "__main__":
    main()
