"""Vietnam's province-level units for ``pledge init``: the 34 since 1 July 2025 and the
63 before (Resolution 202/2025/QH15; facts in shared/reference/provinces-2025.md).

A new unit that kept an old unit's name is the same id (``can-tho`` before and after),
so the registry has 63 entries: the 34 current units and the 29 former units that
merged into one of them, each with ``merged_into`` and ``merged_on``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

MERGED_ON = date(2025, 7, 1)


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    merged_into: str | None = None
    note: str | None = None


def _city(id_: str, name: str, *more: str) -> Unit:
    return Unit(id_, name, (f"TP {name}", f"Thành phố {name}", *more))


CURRENT: tuple[Unit, ...] = (
    _city("ha-noi", "Hà Nội"),
    Unit("cao-bang", "Cao Bằng"),
    Unit("tuyen-quang", "Tuyên Quang"),
    Unit("dien-bien", "Điện Biên"),
    Unit("lai-chau", "Lai Châu"),
    Unit("son-la", "Sơn La"),
    Unit("lao-cai", "Lào Cai"),
    Unit("thai-nguyen", "Thái Nguyên"),
    Unit("lang-son", "Lạng Sơn"),
    Unit("quang-ninh", "Quảng Ninh"),
    Unit("bac-ninh", "Bắc Ninh"),
    Unit("phu-tho", "Phú Thọ"),
    _city("hai-phong", "Hải Phòng"),
    Unit("hung-yen", "Hưng Yên"),
    Unit("ninh-binh", "Ninh Bình"),
    Unit("thanh-hoa", "Thanh Hóa"),
    Unit("nghe-an", "Nghệ An"),
    Unit("ha-tinh", "Hà Tĩnh"),
    Unit("quang-tri", "Quảng Trị"),
    Unit(
        "hue",
        "Huế",
        ("Thừa Thiên Huế", "TP Huế", "Thành phố Huế"),
        note="Thừa Thiên Huế until it became a centrally-run city on 1 January 2025",
    ),
    _city("da-nang", "Đà Nẵng"),
    Unit("quang-ngai", "Quảng Ngãi"),
    Unit("gia-lai", "Gia Lai"),
    Unit("khanh-hoa", "Khánh Hòa"),
    Unit("lam-dong", "Lâm Đồng"),
    Unit("dak-lak", "Đắk Lắk", ("Đắc Lắc", "Daklak")),
    Unit(
        "ho-chi-minh",
        "TP Hồ Chí Minh",
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh", "TP.HCM", "TPHCM"),
    ),
    Unit("dong-nai", "Đồng Nai"),
    Unit("tay-ninh", "Tây Ninh"),
    _city("can-tho", "Cần Thơ"),
    Unit("vinh-long", "Vĩnh Long"),
    Unit("dong-thap", "Đồng Tháp"),
    Unit("ca-mau", "Cà Mau"),
    Unit("an-giang", "An Giang"),
)


def _merged(into: str, *units: tuple[str, str] | tuple[str, str, tuple[str, ...]]) -> list[Unit]:
    out = []
    for entry in units:
        aliases = entry[2] if len(entry) == 3 else ()
        out.append(Unit(entry[0], entry[1], aliases, merged_into=into))
    return out


FORMER: tuple[Unit, ...] = (
    *_merged("tuyen-quang", ("ha-giang", "Hà Giang")),
    *_merged("lao-cai", ("yen-bai", "Yên Bái")),
    *_merged("thai-nguyen", ("bac-kan", "Bắc Kạn", ("Bắc Cạn",))),
    *_merged("phu-tho", ("vinh-phuc", "Vĩnh Phúc"), ("hoa-binh", "Hòa Bình")),
    *_merged("bac-ninh", ("bac-giang", "Bắc Giang")),
    *_merged("hung-yen", ("thai-binh", "Thái Bình")),
    *_merged("hai-phong", ("hai-duong", "Hải Dương")),
    *_merged("ninh-binh", ("ha-nam", "Hà Nam"), ("nam-dinh", "Nam Định")),
    *_merged("quang-tri", ("quang-binh", "Quảng Bình")),
    *_merged("da-nang", ("quang-nam", "Quảng Nam")),
    *_merged("quang-ngai", ("kon-tum", "Kon Tum")),
    *_merged("gia-lai", ("binh-dinh", "Bình Định")),
    *_merged("khanh-hoa", ("ninh-thuan", "Ninh Thuận")),
    *_merged(
        "lam-dong", ("dak-nong", "Đắk Nông", ("Đắc Nông", "Daknong")), ("binh-thuan", "Bình Thuận")
    ),
    *_merged("dak-lak", ("phu-yen", "Phú Yên")),
    *_merged(
        "ho-chi-minh",
        ("binh-duong", "Bình Dương"),
        ("ba-ria-vung-tau", "Bà Rịa – Vũng Tàu", ("BR-VT",)),
    ),
    *_merged("dong-nai", ("binh-phuoc", "Bình Phước")),
    *_merged("tay-ninh", ("long-an", "Long An")),
    *_merged("can-tho", ("soc-trang", "Sóc Trăng"), ("hau-giang", "Hậu Giang")),
    *_merged("vinh-long", ("ben-tre", "Bến Tre"), ("tra-vinh", "Trà Vinh")),
    *_merged("dong-thap", ("tien-giang", "Tiền Giang")),
    *_merged("ca-mau", ("bac-lieu", "Bạc Liêu")),
    *_merged("an-giang", ("kien-giang", "Kiên Giang")),
)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _entry(unit: Unit) -> list[str]:
    lines = [f"[{unit.id}]", f"name = {_string(unit.name)}"]
    if unit.aliases:
        lines.append(f"aliases = [{', '.join(_string(a) for a in unit.aliases)}]")
    if unit.merged_into is not None:
        lines += [f"merged_into = {_string(unit.merged_into)}", f"merged_on = {MERGED_ON}"]
    return lines


def provinces_toml() -> str:
    """The text of a complete ``provinces.toml``."""
    names = {unit.id: unit.name for unit in CURRENT}
    lines = [
        "# Province registry: id -> name, aliases, and where a former province went.",
        "# Written by `pledge init`. Ids are ASCII kebab-case without diacritics; on the",
        "# command line a province may be typed by id, name or alias, with or without",
        "# diacritics.",
        "#",
        "# Since 1 July 2025 Vietnam has 34 province-level units (Resolution",
        "# 202/2025/QH15). The 29 former units that merged into one of them are listed",
        "# after them with merged_into and merged_on, so reports from before the merger",
        "# still load; a new unit that kept an old name keeps that unit's id.",
        "",
        "# -- The 34 units since 1 July 2025 ---------------------------------------",
    ]
    for unit in CURRENT:
        lines.append("")
        absorbed = [f.name for f in FORMER if f.merged_into == unit.id]
        if absorbed:
            lines.append(f"# Since {MERGED_ON}: {unit.name} + {' + '.join(absorbed)}")
        if unit.note:
            lines.append(f"# {unit.note}")
        lines += _entry(unit)
    lines += ["", "# -- Former units, merged into another on 1 July 2025 ---------------------"]
    for unit in FORMER:
        assert unit.merged_into is not None
        lines += ["", f"# now part of {names[unit.merged_into]}", *_entry(unit)]
    return "\n".join(lines) + "\n"
