"""Generate the scanner benchmark dataset: a customer/order CSV whose truth is known per column.

Why: the scanner's quality bar (column-level personal/non-personal F1 >= 0.97, exact entity >= 0.95) and
its speed bar (ratio to presidio-structured and to ``pyarrow.csv.read_csv``) must be measured on data
that looks like a real Chinese e-commerce export, decoys included, and whose answer is written down
before any scanner sees it. Every personal value is synthetic but structurally valid (resident IDs with
real region codes, birth dates and MOD 11-2 check; Luhn-valid UnionPay cards; GB 32100 USCCs), because a
benchmark of invalid values would reward a scanner that skips validation.

Output of ``generate(rows, seed, out_dir)``: ``customers.csv`` (UTF-8, header row, columns in a
shuffled but seed-determined order) and ``truth.json``::

    {column: {"entity": ENTITY or null, "personal": bool, ...}}

Extra keys: ``"sporadic": true`` on free-text columns where only a few cells hold the entity (score
them in ``--full`` mode only), ``"rows_with_entity"`` on those, ``"minors_under_14"`` on the resident
ID column (as of ``REFERENCE_DATE``), ``"empty_ratio"`` on columns with blank cells.

``generate_big(gb, seed, out_dir)`` writes ``customers_big.csv`` (+ ``truth_big.json``) of at least
``gb`` GiB for the sampled-scan speed/RSS benchmark: one ~50 MB block generated once and repeated with
a distinct leading ``row_id``.

Determinism: every column draws from its own ``random.Random`` (and, where Faker is used, its own
seeded Faker instance) keyed by seed and column name, so a seed always yields the same bytes and adding
a column does not change the others. Faker's name lists feed the *test data*; the scanner must never
use them for detection (design.md).

CLI::

    python benchmarks/generate_dataset.py --rows 100000 --seed 7 --out DIR [--big 2]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import ipaddress
import json
import random
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from pathlib import Path

from faker import Faker
from faker.providers.address.en_US import Provider as EnAddress
from faker.providers.person.en_US import Provider as EnPerson
from faker.providers.person.zh_CN import Provider as ZhPerson
from stdnum import luhn
from stdnum.cn import uscc
from stdnum.iso7064 import mod_11_2

#: "minor under 14" is judged on this date (the benchmark's fixed "today").
REFERENCE_DATE = dt.date(2026, 1, 1)
MINOR_SHARE = 0.03
SPORADIC_SHARE = 0.01
CSV_NAME, TRUTH_NAME = "customers.csv", "truth.json"
BIG_CSV_NAME, BIG_TRUTH_NAME = "customers_big.csv", "truth_big.json"

# Real county-level codes with the first birth year stdnum's region table accepts them for, so every
# generated ID also passes ``stdnum.cn.ric.validate`` (region valid in the birth year).
ID_REGIONS: tuple[tuple[str, int], ...] = (
    ("110101", 0), ("110105", 0), ("110108", 0), ("120101", 0), ("310104", 0), ("310107", 0),
    ("440104", 1983), ("440303", 1990), ("440304", 1990), ("330102", 1983), ("510104", 1990),
    ("420102", 1983), ("320106", 1983), ("610103", 1983), ("370102", 1983), ("350102", 1983),
)  # fmt: skip
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150", "151",
    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "198", "199",
)  # fmt: skip
# (UnionPay BIN, card length): debit cards are mostly 19 digits, credit cards 16.
BANK_BINS = (
    ("622202", 19), ("622848", 19), ("621700", 19), ("621661", 19), ("623668", 19), ("621226", 19),
    ("622588", 16), ("625906", 16), ("622155", 16), ("628288", 16), ("621483", 17), ("622823", 18),
)  # fmt: skip
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O on Chinese plates
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100 alphabet (no I O Z S V)
CITIES = (
    "北京市", "上海市", "广州市", "深圳市", "杭州市", "成都市", "武汉市", "南京市", "西安市", "重庆市",
    "天津市", "苏州市", "郑州市", "长沙市", "青岛市", "沈阳市", "大连市", "厦门市", "宁波市", "合肥市",
    "昆明市", "济南市", "哈尔滨市", "福州市", "南昌市", "贵阳市", "南宁市", "石家庄市", "太原市",
    "东莞市",
)  # fmt: skip
EMAIL_DOMAINS_ZH = ("qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "aliyun.com", "139.com")
EMAIL_DOMAINS_EN = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me")
# first octets of public IPv4 space allocated to Chinese and US networks (no private/reserved ranges)
IPV4_FIRST_OCTETS = (
    36, 39, 42, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 119, 120, 121, 122,
    123, 124, 125, 180, 182, 183, 202, 210, 211, 218, 219, 220, 221, 222, 223,
)  # fmt: skip
US_AREA_CODES = (
    "212", "213", "312", "415", "404", "206", "303", "512", "617", "702", "713", "305", "602", "215",
    "503", "619", "612", "919", "615", "720",
)  # fmt: skip
PRODUCT_NOUNS = (
    "无线蓝牙耳机", "不锈钢保温杯", "纯棉T恤", "机械键盘", "电动牙刷", "空气炸锅", "瑜伽垫", "双肩背包",
    "Type-C数据线", "保湿面霜", "智能手环", "陶瓷餐具套装", "儿童绘本", "咖啡豆", "LED台灯",
)  # fmt: skip
PRODUCT_VARIANTS = ("", " Pro", " Max", " 经典款", " 升级版", " 礼盒装", " 2025新款")
PRODUCT_SPECS = ("", " 500ml", " 黑色", " 白色", " L码", " 1kg", " 套装")
REMARK_PHRASES = (
    "客户要求周末送货", "已电话确认地址", "发票抬头为个人", "请放门卫室", "货到付款", "包装破损已补发",
    "加急处理", "赠品已随单发出", "用户申请七天无理由退货", "老客户，优先发货", "需开具增值税专用发票",
    "下单后修改了规格", "物流延迟已致歉", "送货前请先联系", "工作日白天收货", "已核对库存",
    "商品缺货等待补货", "优惠券已抵扣",
)  # fmt: skip
STATUSES = ("PAID", "SHIPPED", "DELIVERED", "COMPLETED", "REFUNDED", "CANCELLED", "PENDING")
STATUS_WEIGHTS = (20, 25, 25, 20, 4, 3, 3)


@dataclass
class _Context:
    """Per-run state shared by the column makers: the seed, row count and derived random streams."""

    rows: int
    seed: int
    stats: dict[str, dict[str, object]] = field(default_factory=dict)

    def rng(self, stream: str) -> random.Random:
        # A str seed is hashed with SHA-512 by random.seed: stable across runs and PYTHONHASHSEED.
        return random.Random(f"{self.seed}/{stream}")

    def faker(self, locale: str, stream: str) -> Faker:
        fake = Faker(locale)
        fake.seed_instance(self.rng(f"faker/{stream}").getrandbits(64))
        return fake

    @cached_property
    def order_times(self) -> list[dt.datetime]:
        """Order timestamps shared by ``created_at`` and ``order_no`` (an order number embeds its time)."""
        rng = self.rng("order-times")
        start, span = dt.datetime(2024, 1, 1), 2 * 365 * 86400
        return sorted(start + dt.timedelta(seconds=rng.randrange(span)) for _ in range(self.rows))


@dataclass(frozen=True)
class ColumnSpec:
    """One benchmark column: its header, the truth about it, and how to make its values."""

    name: str
    entity: str | None
    personal: bool
    make: Callable[[_Context, random.Random], list[str]]
    sporadic: bool = False

    def truth(self) -> dict[str, object]:
        entry: dict[str, object] = {"entity": self.entity, "personal": self.personal}
        if self.sporadic:
            entry["sporadic"] = True
        return entry


# --- value makers: each returns ``ctx.rows`` strings ------------------------------------------------


def _blank(rng: random.Random, values: list[str], share: float) -> list[str]:
    """Blank out about ``share`` of the cells (optional fields are often empty in real exports)."""
    return [v if rng.random() >= share else "" for v in values]


def _digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10**count):0{count}d}"


def cn_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + _digits(rng, 8)


def _format_mobile(rng: random.Random, number: str) -> str:
    roll = rng.random()
    if roll < 0.75:
        return number
    if roll < 0.83:
        return f"+86 {number}"
    if roll < 0.88:
        return f"+86{number}"
    if roll < 0.95:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    return f"{number[:3]} {number[3:7]} {number[7:]}"


def resident_id(rng: random.Random, minor: bool) -> str:
    """A valid 18-digit resident ID: real region code, real birth date, sequence, MOD 11-2 check."""
    if minor:  # born after REFERENCE_DATE minus 14 years, so under 14 on REFERENCE_DATE
        low, high = dt.date(2012, 3, 1), dt.date(2025, 10, 31)
    else:
        low, high = dt.date(1950, 1, 1), dt.date(2007, 12, 31)
    birth = low + dt.timedelta(days=rng.randrange((high - low).days + 1))
    region = rng.choice([code for code, since in ID_REGIONS if birth.year >= since])
    body = f"{region}{birth:%Y%m%d}{rng.randrange(1, 1000):03d}"
    return body + mod_11_2.calc_check_digit(body)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _make_resident_ids(ctx: _Context, rng: random.Random) -> list[str]:
    values = [resident_id(rng, rng.random() < MINOR_SHARE) for _ in range(ctx.rows)]
    births = (dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14])) for v in values)
    minors = sum(age_on(b, REFERENCE_DATE) < 14 for b in births)
    ctx.stats["身份证号"] = {"minors_under_14": minors, "reference_date": REFERENCE_DATE.isoformat()}
    return values


def bank_card(rng: random.Random) -> str:
    bin_, length = rng.choice(BANK_BINS)
    body = bin_ + _digits(rng, length - len(bin_) - 1)
    number = body + luhn.calc_check_digit(body)
    if rng.random() < 0.1:  # some systems store cards in groups of four
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def org_code_check(code8: str) -> str:
    """GB 11714 organisation-code check character for the 8-character body."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c, 36) * w for c, w in zip(code8, weights, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def uscc_code(rng: random.Random) -> str:
    """A valid USCC: authority 9, entity type, region, GB 11714 org code, GB 32100 check char."""
    region = rng.choice(ID_REGIONS)[0] if rng.random() < 0.7 else rng.choice(("110000", "310000", "440300"))
    # half post-2015 style ("MA" + 6 alphanumerics), half legacy all-digit organisation codes
    body8 = "MA" + "".join(rng.choice(USCC_CHARS) for _ in range(6)) if rng.random() < 0.5 else _digits(rng, 8)
    first17 = "9" + rng.choice("1112") + region + body8 + org_code_check(body8)
    return first17 + uscc.calc_check_digit(first17)


def plate(rng: random.Random) -> str:
    head = rng.choice(PLATE_PROVINCES) + rng.choice(PLATE_LETTERS)
    if rng.random() < 0.15:  # new-energy plates: D/F + 5 digits
        return head + rng.choice("DF") + _digits(rng, 5)
    tail = [rng.choice(PLATE_LETTERS) if rng.random() < 0.25 else str(rng.randrange(10)) for _ in range(5)]
    return head + "".join(tail)


def tracking_number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return "SF" + _digits(rng, rng.choice((12, 13)))
    if roll < 0.7:
        return "YT" + _digits(rng, 13)
    return rng.choice(("73", "75", "78")) + _digits(rng, 10)  # ZTO: 12 digits


def _cumulative(weights: dict[str, float]) -> tuple[list[str], list[float]]:
    """Names and cumulative weights, so ``rng.choices`` does not re-add the weights on every draw."""
    return list(weights), list(accumulate(weights.values()))


EN_MALE = _cumulative(EnPerson.first_names_male)
EN_FEMALE = _cumulative(EnPerson.first_names_female)
EN_FIRST = _cumulative(EnPerson.first_names)
EN_LAST = _cumulative(EnPerson.last_names)
ZH_LAST = _cumulative(ZhPerson.last_names)


def _en_names(rng: random.Random, n: int) -> list[str]:
    """Full names drawn from Faker's en_US name frequency tables (fast: one weighted draw per part)."""
    males = rng.choices(EN_MALE[0], cum_weights=EN_MALE[1], k=n)
    females = rng.choices(EN_FEMALE[0], cum_weights=EN_FEMALE[1], k=n)
    surnames = rng.choices(EN_LAST[0], cum_weights=EN_LAST[1], k=n)
    names = []
    for male, female, last in zip(males, females, surnames, strict=True):
        first = male if rng.random() < 0.5 else female
        roll = rng.random()
        if roll < 0.02:
            names.append(f"{rng.choice(('Dr.', 'Mr.', 'Ms.', 'Mrs.'))} {first} {last}")
        elif roll < 0.04:
            names.append(f"{first} {last} {rng.choice(('Jr.', 'II', 'MD', 'PhD'))}")
        else:
            names.append(f"{first} {last}")
    return names


def _make_zh_names(ctx: _Context, rng: random.Random) -> list[str]:
    surnames = rng.choices(ZH_LAST[0], cum_weights=ZH_LAST[1], k=ctx.rows)
    return [s + rng.choice(ZhPerson.first_names) for s in surnames]


def _make_en_names(ctx: _Context, rng: random.Random) -> list[str]:
    return _en_names(rng, ctx.rows)


def _make_mobiles(ctx: _Context, rng: random.Random) -> list[str]:
    return [_format_mobile(rng, cn_mobile(rng)) for _ in range(ctx.rows)]


def _make_plain_mobiles(ctx: _Context, rng: random.Random) -> list[str]:
    return [cn_mobile(rng) for _ in range(ctx.rows)]


def _make_emails(ctx: _Context, rng: random.Random) -> list[str]:
    fake = ctx.faker("zh_CN", "email")
    firsts = rng.choices(EN_FIRST[0], cum_weights=EN_FIRST[1], k=ctx.rows)
    common_lasts = EN_LAST[0][:400]
    values = []
    for first in firsts:
        roll = rng.random()
        if roll < 0.45:
            values.append(f"{fake.user_name()}@{rng.choice(EMAIL_DOMAINS_ZH)}")
        elif roll < 0.55:
            values.append(f"{rng.randrange(10000, 3_000_000_000)}@qq.com")
        else:
            last = rng.choice(common_lasts).lower()
            sep = rng.choice((".", "_", ""))
            suffix = str(rng.randrange(100)) if rng.random() < 0.4 else ""
            values.append(f"{first.lower()}{sep}{last}{suffix}@{rng.choice(EMAIL_DOMAINS_EN)}")
    return _blank(rng, values, 0.03)


def _make_us_phones(ctx: _Context, rng: random.Random) -> list[str]:
    values = []
    for _ in range(ctx.rows):
        area, exchange, line = rng.choice(US_AREA_CODES), rng.randrange(201, 1000), _digits(rng, 4)
        if exchange % 100 == 11 or exchange == 555:
            exchange = 472
        fmt = rng.randrange(4)
        values.append(
            (
                f"({area}) {exchange}-{line}",
                f"{area}-{exchange}-{line}",
                f"+1 {area} {exchange} {line}",
                f"+1-{area}-{exchange}-{line}",
            )[fmt]
        )
    return values


def _make_bank_cards(ctx: _Context, rng: random.Random) -> list[str]:
    return [bank_card(rng) for _ in range(ctx.rows)]


def _make_zh_addresses(ctx: _Context, rng: random.Random) -> list[str]:
    fake = ctx.faker("zh_CN", "address")
    return _blank(rng, [fake.address() for _ in range(ctx.rows)], 0.02)


def _make_en_addresses(ctx: _Context, rng: random.Random) -> list[str]:
    fake = ctx.faker("en_US", "address")
    streets = [fake.street_name() for _ in range(4000)]
    cities = [fake.city() for _ in range(1500)]
    values = []
    for _ in range(ctx.rows):
        unit = f" Apt. {rng.randrange(1, 999)}" if rng.random() < 0.2 else ""
        values.append(
            f"{rng.randrange(1, 99999)} {rng.choice(streets)}{unit}, {rng.choice(cities)}, "
            f"{rng.choice(EnAddress.states_abbr)} {_digits(rng, 5)}"
        )
    return _blank(rng, values, 0.02)


def _make_passports(ctx: _Context, rng: random.Random) -> list[str]:
    values = [
        "E" + _digits(rng, 8) if rng.random() < 0.85 else "E" + rng.choice("ABCDEFGH") + _digits(rng, 7)
        for _ in range(ctx.rows)
    ]
    return _blank(rng, values, 0.4)


def _make_hmt_permits(ctx: _Context, rng: random.Random) -> list[str]:
    values = [
        "C" + _digits(rng, 8) if rng.random() < 0.9 else "C" + rng.choice(PLATE_LETTERS) + _digits(rng, 7)
        for _ in range(ctx.rows)
    ]
    return _blank(rng, values, 0.5)


def _make_plates(ctx: _Context, rng: random.Random) -> list[str]:
    return _blank(rng, [plate(rng) for _ in range(ctx.rows)], 0.3)


def _make_ips(ctx: _Context, rng: random.Random) -> list[str]:
    values = []
    for _ in range(ctx.rows):
        if rng.random() < 0.9:
            first = rng.choice(IPV4_FIRST_OCTETS)
            values.append(f"{first}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}")
        else:
            values.append(str(ipaddress.IPv6Address((0x2400 << 112) | rng.getrandbits(112))))
    return values


def _make_uuids(ctx: _Context, rng: random.Random) -> list[str]:
    return [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(ctx.rows)]


def _make_remarks(ctx: _Context, rng: random.Random) -> list[str]:
    """Free-text remarks; about ``SPORADIC_SHARE`` of the rows mention a mobile number."""
    values, hits = [], 0
    for _ in range(ctx.rows):
        roll = rng.random()
        if SPORADIC_SHARE <= roll < SPORADIC_SHARE + 0.3:
            values.append("")
            continue
        text = "，".join(rng.sample(REMARK_PHRASES, rng.choice((1, 1, 2, 3))))
        if roll < SPORADIC_SHARE:
            hits += 1
            lead = rng.choice(("联系电话", "收件人电话：", "请拨打", "备用手机 "))
            text = f"{text}，{lead}{_format_mobile(rng, cn_mobile(rng))}"
        values.append(text)
    ctx.stats["备注"] = {"rows_with_entity": hits}
    return values


def _make_order_numbers(ctx: _Context, rng: random.Random) -> list[str]:
    # yyyymmddHHMMSS + 4-digit sequence: 18 digits, but positions 7-14 never form a valid birth date
    return [f"{t:%Y%m%d%H%M%S}{rng.randrange(10000):04d}" for t in ctx.order_times]


def _make_created_at(ctx: _Context, rng: random.Random) -> list[str]:
    return [f"{t:%Y-%m-%d %H:%M:%S}" for t in ctx.order_times]


def _make_skus(ctx: _Context, rng: random.Random) -> list[str]:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return [
        f"SKU-{rng.choice(letters)}{rng.choice(letters)}{_digits(rng, 2)}-{_digits(rng, 4)}" for _ in range(ctx.rows)
    ]


def _make_amounts(ctx: _Context, rng: random.Random) -> list[str]:
    return [f"{min(rng.lognormvariate(4.5, 1.1), 99999.99):.2f}" for _ in range(ctx.rows)]


def _make_tracking(ctx: _Context, rng: random.Random) -> list[str]:
    return [tracking_number(rng) for _ in range(ctx.rows)]


def _make_usccs(ctx: _Context, rng: random.Random) -> list[str]:
    return [uscc_code(rng) for _ in range(ctx.rows)]


def _make_products(ctx: _Context, rng: random.Random) -> list[str]:
    return [
        rng.choice(PRODUCT_NOUNS) + rng.choice(PRODUCT_VARIANTS) + rng.choice(PRODUCT_SPECS) for _ in range(ctx.rows)
    ]


def _make_cities(ctx: _Context, rng: random.Random) -> list[str]:
    return rng.choices(CITIES, k=ctx.rows)


def _make_statuses(ctx: _Context, rng: random.Random) -> list[str]:
    return rng.choices(STATUSES, STATUS_WEIGHTS, k=ctx.rows)


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("姓名", "PERSON", True, _make_zh_names),
    ColumnSpec("full_name", "PERSON", True, _make_en_names),
    ColumnSpec("contact", "PERSON", True, _make_en_names),
    ColumnSpec("身份证号", "CN_RESIDENT_ID", True, _make_resident_ids),
    ColumnSpec("手机号", "CN_MOBILE", True, _make_mobiles),
    ColumnSpec("email", "EMAIL_ADDRESS", True, _make_emails),
    ColumnSpec("phone", "PHONE_NUMBER", True, _make_us_phones),
    ColumnSpec("银行卡号", "CN_BANK_CARD", True, _make_bank_cards),
    ColumnSpec("住址", "LOCATION", True, _make_zh_addresses),
    ColumnSpec("address", "LOCATION", True, _make_en_addresses),
    ColumnSpec("passport_no", "CN_PASSPORT", True, _make_passports),
    ColumnSpec("港澳通行证号", "CN_HMT_PERMIT", True, _make_hmt_permits),
    ColumnSpec("车牌号", "CN_LICENSE_PLATE", True, _make_plates),
    ColumnSpec("ip_address", "IP_ADDRESS", True, _make_ips),
    ColumnSpec("c3", "CN_MOBILE", True, _make_plain_mobiles),
    ColumnSpec("c7", None, False, _make_uuids),
    ColumnSpec("备注", "CN_MOBILE", True, _make_remarks, sporadic=True),
    ColumnSpec("order_no", None, False, _make_order_numbers),
    ColumnSpec("sku", None, False, _make_skus),
    ColumnSpec("created_at", "DATE_TIME", False, _make_created_at),
    ColumnSpec("amount", None, False, _make_amounts),
    ColumnSpec("tracking_no", None, False, _make_tracking),
    ColumnSpec("统一社会信用代码", "CN_USCC", False, _make_usccs),
    ColumnSpec("uuid", None, False, _make_uuids),
    ColumnSpec("product_name", None, False, _make_products),
    ColumnSpec("city", "LOCATION", False, _make_cities),
    ColumnSpec("status", None, False, _make_statuses),
)


def column_order(seed: int) -> list[ColumnSpec]:
    """The columns in their seed-determined shuffled order."""
    specs = list(COLUMNS)
    random.Random(f"{seed}/column-order").shuffle(specs)
    return specs


def generate_columns(rows: int, seed: int) -> tuple[dict[str, list[str]], dict[str, dict[str, object]]]:
    """Build the table in memory: ``({column: values}, truth)``, columns in file order."""
    if rows < 1:
        raise ValueError("rows must be at least 1")
    ctx = _Context(rows=rows, seed=seed)
    data: dict[str, list[str]] = {}
    truth: dict[str, dict[str, object]] = {}
    for spec in column_order(seed):
        values = spec.make(ctx, ctx.rng(f"column/{spec.name}"))
        data[spec.name] = values
        entry = spec.truth()
        entry.update(ctx.stats.get(spec.name, {}))
        empty = sum(not v for v in values)
        if empty:
            entry["empty_ratio"] = round(empty / rows, 4)
        truth[spec.name] = entry
    return data, truth


def _csv_text(data: dict[str, list[str]], header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(data)
    writer.writerows(zip(*data.values(), strict=True))
    return buffer.getvalue()


def _write_truth(path: Path, truth: dict[str, dict[str, object]]) -> None:
    path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def generate(rows: int, seed: int, out_dir: str | Path) -> tuple[Path, dict[str, dict[str, object]]]:
    """Write ``customers.csv`` and ``truth.json`` into ``out_dir``; return the CSV path and the truth."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data, truth = generate_columns(rows, seed)
    csv_path = out / CSV_NAME
    csv_path.write_text(_csv_text(data), encoding="utf-8")
    _write_truth(out / TRUTH_NAME, truth)
    return csv_path, truth


def generate_big(
    gb: float, seed: int, out_dir: str | Path, block_mb: float = 50.0
) -> tuple[Path, dict[str, dict[str, object]]]:
    """Write ``customers_big.csv`` of at least ``gb`` GiB (plus ``truth_big.json``) quickly.

    One block of about ``block_mb`` MB is generated once and written again and again; a leading
    ``row_id`` column keeps every row distinct. Counts in the truth are scaled to the whole file.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pilot, _ = generate_columns(1000, seed)
    bytes_per_row = len(_csv_text(pilot, header=False).encode("utf-8")) / 1000
    block_rows = max(1000, int(block_mb * 1e6 / bytes_per_row))
    data, truth = generate_columns(block_rows, seed)
    lines = _csv_text(data, header=False).splitlines()
    if len(lines) != block_rows:  # a value with a newline would break the row-id prefixing
        raise RuntimeError("generated block has embedded newlines")
    target = int(gb * 1024**3)
    csv_path = out / BIG_CSV_NAME
    written, blocks = 0, 0
    with csv_path.open("wb") as fh:
        written += fh.write(_csv_text({"row_id": [], **{k: [] for k in data}}).encode("utf-8"))
        while written < target:
            base = blocks * block_rows
            chunk = "".join(f"{base + i},{line}\n" for i, line in enumerate(lines))
            written += fh.write(chunk.encode("utf-8"))
            blocks += 1
    big_truth: dict[str, dict[str, object]] = {"row_id": {"entity": None, "personal": False}}
    for name, entry in truth.items():
        scaled = dict(entry)
        for key in ("minors_under_14", "rows_with_entity"):
            if key in scaled:
                scaled[key] = int(scaled[key]) * blocks  # type: ignore[call-overload]
        big_truth[name] = scaled
    _write_truth(out / BIG_TRUTH_NAME, big_truth)
    return csv_path, big_truth


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in customers.csv (0: skip it)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--big", type=float, metavar="GB", help="also write customers_big.csv of >= GB GiB")
    parser.add_argument("--block-mb", type=float, default=50.0, help="size of the repeated block for --big")
    args = parser.parse_args(argv)
    if args.rows:
        started = time.perf_counter()
        path, truth = generate(args.rows, args.seed, args.out)
        print(
            f"{path}: {args.rows} rows x {len(truth)} columns, {path.stat().st_size / 1e6:.1f} MB "
            f"in {time.perf_counter() - started:.1f} s"
        )
    if args.big:
        started = time.perf_counter()
        path, truth = generate_big(args.big, args.seed, args.out, args.block_mb)
        print(
            f"{path}: {len(truth)} columns, {path.stat().st_size / 1024**3:.2f} GiB "
            f"in {time.perf_counter() - started:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
