"""Address check: street-level Chinese and US addresses versus places, roads in sentences, other text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.detect.lexicon import is_address

ADDRESSES = [
    "北京市朝阳区建国路88号",
    "浙江省杭州市西湖区文三路 478 号 3 单元",
    "建国路88号",
    "杭州西湖区文三路478号",
    "中国北京市海淀区中关村大街27号",
    "四川省成都市武侯区人民南路四段",
    "广东省深圳市南山区科技园南区深南大道10000号",
    "上海市黄浦区南京东路300弄5号1201室",
    "幸福小区3栋2单元501室",
    "江苏省南京市中山路幸福小区",
    "某某县某某镇某某村3组",
    "北京市东城区东直门南大街 5 号 100007",
    "北京市朝阳区建国路88号附近",
    "１６号楼，北京市朝阳区光华路５号",  # full-width digits and comma
    "1600 Pennsylvania Avenue NW, Washington, DC 20500",
    "123 Main St",
    "123 Main St Apt 4B",
    "123 Main Street, Springfield, IL 62704",
    "350 5th Ave, New York, NY 10118",
    "1 Infinite Loop, Cupertino, CA 95014",
    "1600 Amphitheatre Parkway\nMountain View, CA 94043",
    "7631 Johnson Village Suite 690\nAdamsbury, OR 13900",
    "221B Baker Street, London",
    "10 Downing St.",
    "123 main st",
    "PO Box 123, Austin, TX 78701",
    "No. 88 Jianguo Road, Chaoyang District, Beijing 100020",
    "P.O. Box 42",
    "PSC 1234, Box 5678\nAPO AE 12345",
    "USNS Smith\nFPO AA 12345",
]


@pytest.mark.parametrize("value", ADDRESSES)
def test_addresses(value):
    assert is_address(value) is True


NON_ADDRESSES = [
    "北京",
    "北京市",
    "北京市朝阳区",  # a district: a coarse place, not an address
    "浙江省杭州市西湖区",
    "湖南省长沙县星沙镇",
    "张江高科技园区",
    "北京大学",
    "江苏省南京市玄武区人民政府",
    "北京市朝阳区建国路发生交通事故",
    "我住在北京市朝阳区建国路88号",
    "沿着长安街一直走",
    "建国路",
    "88号",
    "王伟",
    "华为技术有限公司",
    "手机号码",
    "510000",
    "New York",
    "Main Street",
    "Washington, DC 20500",
    "I live at 123 Main St",
    "3 people went to Main Street",
    "123 Main",
    "Acme Inc",
    "Michael Miller",
    "12345",
    "+1 (555) 123-4567",
    "",
]


@pytest.mark.parametrize("value", NON_ADDRESSES)
def test_non_addresses(value):
    assert is_address(value) is False


@given(st.text(max_size=120))
def test_address_check_never_raises(value):
    assert isinstance(is_address(value), bool)


@pytest.mark.parametrize(
    "value",
    [
        "1 " + "Aa " * 60 + "Street",
        "1 " + "A, " * 60,
        "路" * 190,
        "北京市" * 60,
        "1" * 199,
        "1 Main Street, " + "New " * 45,
    ],
)
def test_adversarial_inputs_are_fast(value):
    start = time.perf_counter()
    for _ in range(20):
        is_address(value)
    assert time.perf_counter() - start < 1.0
