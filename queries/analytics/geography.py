"""Coverage on real geography: per province and per municipality, the school locations of the
DUO register (the denominator) and how many are in a network, in one that shares research, and
in one serving each function of the knowledge cycle.

A school is a location of the register (kg:School with kg:inRegion its municipality); the
register's institutions (BRIN) and boards are not counted, but a network that names either as a
member (org:hasMember) takes in all their locations. A member described by another source (the
seed's, the sample's, a loader's organisation) counts through the link that linking writes to
its register entry (`<organisation> schema:sameAs <entry>`, loaders/register_links.py), and so
does a member whose part is so linked (a board whose school is); such a linked school is counted
once, as its entry. Queries `geography.province_coverage`, `geography.municipality_coverage`
and `geography.unplaced_schools`.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver
from pydantic import Field, computed_field

from kennisgraaf.queries.analytics.common import Result, result_config
from kennisgraaf.queries.runner import read

SHARING = "sharing"  # the notation of the function "kennisdeling"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class FunctionCoverage(Result):
    function: str = Field(description="notation of the function concept")
    schools: int = Field(description="schools in a network serving the function")
    share: float | None = Field(description="of the schools in the region; null without schools")


class RegionCoverage(Result):
    """Counts for one province or municipality; shares are of `schools` (null when it is 0)."""

    code: str = Field(description="CBS code (PV29, GM0687)")
    iri: str
    name: dict[str, str] = Field(description="by language tag")
    schools: int = Field(description="school locations of the register in the region")
    in_network: int = Field(description="schools in at least one network")
    sharing: int = Field(description="schools in a network that shares research")
    functions: tuple[FunctionCoverage, ...] = Field(description="the five, in cycle order")

    @computed_field(description="in_network / schools")  # type: ignore[prop-decorator]
    @property
    def in_network_share(self) -> float | None:
        return _share(self.in_network, self.schools)

    @computed_field(description="sharing / schools")  # type: ignore[prop-decorator]
    @property
    def sharing_share(self) -> float | None:
        return _share(self.sharing, self.schools)


class ProvinceDetail(Result):
    model_config = result_config(
        {"province": {"code": "PV29", "iri": "https://w3id.org/kennisgraaf/def/region/PV29",
                      "name": {"nl": "Zeeland", "en": "Zeeland"}, "schools": 2, "in_network": 1,
                      "sharing": 1, "functions": [], "in_network_share": 0.5,
                      "sharing_share": 0.5},
         "municipalities": []}
    )  # fmt: skip
    province: RegionCoverage
    municipalities: tuple[RegionCoverage, ...] = Field(
        description="every municipality the region register places in the province, by name"
    )


class Unplaced(Result):
    region: str = Field(description="IRI of the region the schools name")
    code: str | None
    schools: int


def _coverage(row: dict[str, Any], name: dict[str, str]) -> RegionCoverage:
    schools = row["schools"]
    return RegionCoverage(
        code=row["code"],
        iri=row["iri"],
        name=name,
        schools=schools,
        in_network=row["in_network"],
        sharing=row["sharing"],
        functions=tuple(
            FunctionCoverage(
                function=f["function"], schools=f["schools"], share=_share(f["schools"], schools)
            )
            for f in row["functions"]
        ),
    )


def _province(row: dict[str, Any]) -> RegionCoverage:
    names = {"nl": row["name_nl"], "en": row["name_en"]}
    return _coverage(row, {lang: text for lang, text in names.items() if text})


def provinces(driver: Driver, database: str, province: str | None = None) -> list[RegionCoverage]:
    """The twelve provinces in code order, or the one `province` names (a CBS code or a name;
    an empty list when none does)."""
    rows = read(driver, database, "geography.province_coverage", province=province)
    return [_province(r) for r in rows]


def province_detail(driver: Driver, database: str, province: str) -> ProvinceDetail | None:
    """One province with its municipalities; None when no province bears that code or name."""
    found = provinces(driver, database, province)
    if not found:
        return None
    rows = read(driver, database, "geography.municipality_coverage", province=province)
    return ProvinceDetail(
        province=found[0],
        municipalities=tuple(_coverage(r, {"nl": r["name"]} if r["name"] else {}) for r in rows),
    )


def unplaced(driver: Driver, database: str) -> list[Unplaced]:
    """School locations in a region that no province holds, per region."""
    return [Unplaced(**r) for r in read(driver, database, "geography.unplaced_schools")]
