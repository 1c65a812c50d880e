"""The administrative frame of the Word review (Decree 30/2020/NĐ-CP): the header block
(the issuing body over the cluster and the number line; the national name over the
motto), the place and date line, and the signature block of the cluster leader."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pledgecli.i18n import _
from pledgecli.render.docx_xml import (
    append_xml,
    text_width,
    xml_cell,
    xml_paragraph,
    xml_run,
    xml_table,
)
from pledgecli.review import PledgeReview

if TYPE_CHECKING:
    from docx.document import Document


@dataclass(frozen=True)
class Header:
    """The administrative header of one pledge's report, defaults filled in."""

    issuer: str
    cluster: str
    number: str
    place: str
    day: date | None


def header_of(review: PledgeReview, names: Mapping[str, str]) -> Header:
    pledge = review.pledge
    document = pledge.document
    place = document.place
    if place is None:
        place = names.get(pledge.leader, pledge.leader) if pledge.leader else "……"
    return Header(
        issuer=document.issuer or _("VIET NAM CO-OPERATIVE ALLIANCE"),
        cluster=pledge.name,
        number=document.number or "…/BC-CTĐ",
        place=place,
        day=document.date,
    )


def place_and_date(header: Header) -> str:
    """``Cần Thơ, ngày 05 tháng 12 năm 2025`` (day and month below 3 with a leading zero,
    as Decree 30 writes them); dots for the clerk to fill in when no date is given."""
    if header.day is None:
        day, month, year = "……", "……", "……"
    else:
        day = f"{header.day.day:02d}" if header.day.day < 10 else str(header.day.day)
        month = f"{header.day.month:02d}" if header.day.month < 3 else str(header.day.month)
        year = str(header.day.year)
    return _("{place}, {day}/{month}/{year}").format(
        place=header.place, day=day, month=month, year=year
    )


def add_header_block(document: Document, header: Header) -> None:
    left = int(text_width(False) * 0.45)
    right = text_width(False) - left
    first = xml_cell(
        left,
        xml_paragraph(xml_run(header.issuer.upper(), size=12), align="center")
        + xml_paragraph(xml_run(header.cluster.upper(), bold=True, size=12), align="center")
        + xml_paragraph(xml_run("―――――――", size=8), align="center"),
    ) + xml_cell(
        right,
        xml_paragraph(
            xml_run(_("SOCIALIST REPUBLIC OF VIET NAM"), bold=True, size=12), align="center"
        )
        + xml_paragraph(
            xml_run(_("Independence - Freedom - Happiness"), bold=True, underline=True, size=13.5),
            align="center",
        ),
    )
    second = xml_cell(
        left,
        xml_paragraph(xml_run(_("No.: {number}").format(number=header.number), size=13), "center"),
    ) + xml_cell(
        right, xml_paragraph(xml_run(place_and_date(header), italic=True, size=13), "center")
    )
    rows = [f"<w:tr>{first}</w:tr>", f"<w:tr>{second}</w:tr>"]
    append_xml(document, xml_table([left, right], rows, borders=False))


def add_signature(document: Document, review: PledgeReview, names: Mapping[str, str]) -> None:
    leader = review.pledge.leader
    width = text_width(False)
    left = int(width * 0.45)
    recipients = "".join(
        xml_paragraph(xml_run(line, size=11))
        for line in (
            _("- Viet Nam Co-operative Alliance;"),
            _("- The members of the cluster;"),
            _("- Archived: office."),
        )
    )
    signer = (
        xml_paragraph(
            xml_run(_("ON BEHALF OF THE EMULATION CLUSTER"), bold=True, size=13), "center"
        )
        + xml_paragraph(xml_run(_("CLUSTER LEADER"), bold=True, size=13), "center")
        + (
            xml_paragraph(
                xml_run(
                    _("Co-operative Alliance of {province}").format(
                        province=names.get(leader, leader)
                    ),
                    italic=True,
                    size=13,
                ),
                "center",
            )
            if leader
            else ""
        )
        + xml_paragraph(
            xml_run(_("(signature, full name and seal)"), italic=True, size=11), "center"
        )
        + "".join(xml_paragraph("") for _blank in range(4))
        + xml_paragraph(xml_run("……………………………", size=13), "center")
    )
    first = xml_cell(
        left, xml_paragraph(xml_run(_("Recipients:"), bold=True, italic=True, size=12)) + recipients
    )
    row = f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{first}{xml_cell(width - left, signer)}</w:tr>"
    spacer = document.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    append_xml(document, xml_table([left, width - left], [row], borders=False))
