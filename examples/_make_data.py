"""Regenerate the synthetic datasets of the example scenarios (examples/*/data/).

The examples must show real detections without holding anyone's data, so every personal value is
made up here, deterministically (a fixed seed per scenario: rerunning gives byte-identical files):
resident-ID numbers carry a valid ISO 7064 MOD 11-2 check character and a real birth date, bank-card
numbers are Luhn-valid UnionPay numbers, mobiles follow 1[3-9]xxxxxxxxx, and names are drawn from
the short hand-written lists below. None of them belongs to a real person.

    python examples/_make_data.py          # from the repository root (needs python-stdnum)
"""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import json
import math
import random
from pathlib import Path

from stdnum import luhn
from stdnum.cn import ric
from stdnum.iso7064 import mod_11_2

HERE = Path(__file__).resolve().parent

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱郭何罗梁宋郑谢韩唐冯董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏"
    "钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN_NAMES = (
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 艳 勇 杰 娟 涛 超 霞 平 刚 桂英 秀兰 建华 晓东 海燕 志强 婷婷 子涵 "
    "浩然 雨萱 思远 佳怡 俊杰 欣怡 宇轩 梓萱 文博 雅琴 春梅"
).split()
#: GB/T 2260 county-level division codes (the first six digits of a resident-ID number)
AREA_CODES = ["110105", "110108", "310104", "310115", "330106", "440106", "510107", "420106", "320102", "610113"]
CITIES = {"110": "北京市", "310": "上海市", "330": "杭州市", "440": "广州市", "510": "成都市",
          "420": "武汉市", "320": "南京市", "610": "西安市"}  # fmt: skip
#: mobile number segments of the three carriers (1[3-9] + 9 digits in all)
MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 158 159 166 177 180 181 182 185 186 187 188 "
    "189 198 199"
).split()
#: UnionPay issuer prefixes (BINs) and card lengths
CARD_BINS = [("622848", 19), ("621700", 19), ("622202", 19), ("622588", 16), ("621483", 16), ("622262", 19)]


def resident_id(rng: random.Random, born_from: int = 1962, born_to: int = 2001) -> str:
    """An 18-character resident-ID number of an adult born between the two years. A division code
    is only used for people born after it was created (python-stdnum checks that too)."""
    span = (datetime.date(born_to, 12, 31) - datetime.date(born_from, 1, 1)).days
    while True:
        birth = datetime.date(born_from, 1, 1) + datetime.timedelta(days=rng.randrange(span))
        body = f"{rng.choice(AREA_CODES)}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = body + mod_11_2.calc_check_digit(body)
        if ric.is_valid(number):
            return number


def bank_card(rng: random.Random) -> str:
    prefix, length = rng.choice(CARD_BINS)
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    number = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(number), number
    return number


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def district_orders(rng: random.Random) -> None:
    """Scenario aggregate-export-pass: monthly order statistics per district, no record of a person.
    Cells with fewer than 10 distinct buyers would be suppressed (none are, at this volume)."""
    districts = [("北京市", "朝阳区"), ("北京市", "海淀区"), ("上海市", "浦东新区"), ("上海市", "徐汇区"),
                 ("广东省", "天河区"), ("浙江省", "西湖区"), ("四川省", "武侯区"), ("湖北省", "武昌区")]  # fmt: skip
    rows = []
    for month in range(1, 13):
        season = 1.25 if month in (6, 11) else 1.0  # 618 and Double 11 promotions
        for province, district in districts:
            orders = int(rng.randint(6000, 21000) * season)
            buyers = int(orders * rng.uniform(0.42, 0.61))
            gmv = round(orders * rng.uniform(108, 152), 2)
            rows.append([f"2025-{month:02d}", province, district, orders, buyers, f"{gmv:.2f}", f"{gmv / orders:.2f}"])
    header = ["stat_month", "province", "district", "order_count", "buyer_count", "gmv_cny", "avg_order_value_cny"]
    write_csv(HERE / "aggregate-export-pass" / "data" / "district_orders_2025.csv", header, rows)


def members(rng: random.Random) -> None:
    """Scenario third-party-no-separate-consent: a loyalty-programme member list with bank cards."""
    levels = ["普通会员", "银卡会员", "金卡会员", "钻石会员"]
    rows = []
    for index in range(60):
        rid = resident_id(rng)
        city = CITIES[rid[:3]]
        joined = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2200))
        spend = round(rng.uniform(80, 9800), 2)
        rows.append([f"M{joined:%Y}{index + 1:05d}", person_name(rng), mobile(rng), rid, bank_card(rng), city,
                     rng.choice(levels), joined.isoformat(), f"{spend:.2f}"])  # fmt: skip
    header = ["会员编号", "姓名", "手机号", "身份证号", "银行卡号", "城市", "会员等级", "入会日期", "累计消费"]
    write_csv(HERE / "third-party-no-separate-consent" / "data" / "members.csv", header, rows)


def panel(rng: random.Random) -> None:
    """Scenario claimed-anonymised-with-identifiers: a consumer panel whose quasi-identifiers were
    generalised (age bands, city) but whose mobile and ID-number columns were kept as join keys."""
    categories = ["母婴", "数码", "美妆", "生鲜", "家居", "运动户外", "图书"]
    spend_bands = ["<500", "500-1000", "1000-3000", ">3000"]
    rows = []
    for _ in range(80):
        rid = resident_id(rng, 1966, 2000)
        age = 2025 - int(rid[6:10])
        band = f"{age // 10 * 10}-{age // 10 * 10 + 9}"
        gender = "男" if int(rid[16]) % 2 else "女"
        rows.append([mobile(rng), rid, band, gender, CITIES[rid[:3]], rng.choice(spend_bands), rng.choice(categories)])
    header = ["手机号", "身份证号", "年龄段", "性别", "城市", "月均消费", "偏好品类"]
    write_csv(HERE / "claimed-anonymised-with-identifiers" / "data" / "consumer_panel.csv", header, rows)


def trajectories(rng: random.Random) -> None:
    """Scenario important-data-raw-cross-border: GPS traces of a connected-car fleet in Shanghai,
    one fix every 30 seconds, as a telematics platform exports them (JSON Lines)."""
    path = HERE / "important-data-raw-cross-border" / "data" / "vehicle_trajectories.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    letters = "ABCDEFGHJK"
    start = datetime.datetime(2025, 3, 14, 7, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    lines = []
    for vehicle in range(8):
        plate = f"沪A{rng.choice(letters)}{rng.randrange(10)}{rng.randrange(10000):04d}"
        lat, lng = 31.10 + rng.random() * 0.25, 121.30 + rng.random() * 0.35
        heading = rng.uniform(0, 360)
        when = start + datetime.timedelta(minutes=rng.randrange(90))
        trip = f"T20250314-{vehicle + 1:04d}"
        for _ in range(40):
            speed = max(0.0, rng.gauss(38, 14))
            heading = (heading + rng.gauss(0, 20)) % 360
            step = speed / 3.6 * 30 / 111_000  # degrees travelled in 30 s
            lat += step * math.cos(math.radians(heading))
            lng += step * math.sin(math.radians(heading)) / math.cos(math.radians(lat))
            record = {
                "trip_id": trip,
                "vehicle_id": f"VEH-{100231 + vehicle * 17}",
                "plate_no": plate,
                "ts": when.isoformat(),
                "lat": round(lat, 6),
                "lng": round(lng, 6),
                "speed_kmh": round(speed, 1),
                "heading_deg": round(heading),
            }
            lines.append(json.dumps(record, ensure_ascii=False))
            when += datetime.timedelta(seconds=30)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def exports(rng: random.Random) -> None:
    """Example exports (no manifest): a system export as it arrives, gzip-compressed, with a title line
    and an export date above the header and total rows (小计, 合计) below the records."""
    header = ["客户编号", "姓名", "手机号", "身份证号", "城市", "消费金额"]
    lines = ["2026年3月客户导出", "导出时间：2026-04-01 08:00"]
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    total = 0.0
    for index in range(40):
        rid = resident_id(rng)
        spend = round(rng.uniform(50, 3000), 2)
        total += spend
        writer.writerow([f"C{index + 1:05d}", person_name(rng), mobile(rng), rid, CITIES[rid[:3]], f"{spend:.2f}"])
        if index == 19:
            writer.writerow(["小计", "", "", "", "", f"{total:.2f}"])
    writer.writerow(["合计", "", "", "", "", f"{total:.2f}"])
    text = "\n".join(lines) + "\n" + stream.getvalue()
    path = HERE / "exports" / "customers_2026-03.csv.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))  # mtime 0: the same bytes every run


def main() -> None:
    district_orders(random.Random(2025_01))
    members(random.Random(2025_02))
    panel(random.Random(2025_03))
    trajectories(random.Random(2025_04))
    exports(random.Random(2025_05))


if __name__ == "__main__":
    main()
