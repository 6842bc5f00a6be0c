"""Network analytics with networkx on a projection read from Neo4j.

The projection (queries `networks.projection_nodes` and `networks.projection_edges`) is an
undirected simple graph whose nodes are people, organisations, networks and the activities that
people or organisations are associated with (cycle activities mostly), and whose edges are
person–organisation (an org:Membership, whatever the role), network–member (org:hasMember, people
and organisations), activity–participant (prov:wasAssociatedWith) and organisation–parent
(org:subOrganizationOf). Nodes without any edge are left out. Reading it costs two label scans
and one pass over those relationships: O(V + E).

On the sample with seed and vocabularies loaded: 208 nodes (27 people, 30 organisations,
9 networks, 142 activities) and 262 edges. Measured with `python -m benchmarks.bench_networks`
on a local Neo4j 5.26: reading it 80–150 ms (two queries, warm), boundary crossers ~25 ms
(including their query), communities ~15 ms, sector bridges ~20 ms.

* **Boundary crossers** are derived from roles (`networks.boundary_crossers`: roles on at least
  two of the practice, research and industry sides of the role scheme; SPARQL twin
  `networks.boundary_crossers_sparql`), and
  ranked by subset betweenness — the share of shortest paths between practice-side and
  research-side people that pass through them (Brandes, O(|S|·E) for |S| practice people).
* **Communities**: greedy modularity (Clauset–Newman–Moore, O(E·log V)), nodes added in IRI order
  so the result is reproducible.
* **Sector bridges**: for each pair of sectors A, B, the subset betweenness between the
  organisations/networks of A (not B) and those of B (not A); a node's score is the sum over
  pairs. Cost: one Brandes pass per pair, O(P·|S|·E) for P ≤ 15 pairs.
* **Coverage**: networks by region × sector × function, with the region × sector cells that have
  no werkplaats onderwijsonderzoek; and, per region, the functions that the initiatives and
  networks in it have or lack (`networks.coverage_by_region`). A region follows the hierarchy
  when it names a coded region (a CBS code, or a province's or municipality's name): a network
  counts for it when its kg:inRegion is that region or lies below it (PV25 Gelderland holds
  Nijmegen, GM0268), or when its free-text kg:region is written as asked. No graph algorithm;
  one query for the networks and one per region.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver
from pydantic import Field, computed_field

from kennisgraaf.queries.analytics.common import ID, Result, RoleAt, result_config
from kennisgraaf.queries.runner import read

log = logging.getLogger(__name__)

PRACTICE, RESEARCH = "practice", "research"
WERKPLAATS = "werkplaats"
BRIDGE_KINDS = ("person", "organisation", "network")  # the kinds a sector bridge can be


@dataclass(frozen=True)
class ProjectedNode:
    iri: str
    kind: str  # person | organisation | network | activity
    name: str | None
    sectors: tuple[str, ...]
    sides: tuple[str, ...]  # role sides a person holds


@dataclass
class Projection:
    graph: nx.Graph  # node attributes: kind, name, sectors, sides
    nodes: dict[str, ProjectedNode]
    read_seconds: float

    def of_kind(self, kind: str) -> list[str]:
        return [iri for iri, n in self.nodes.items() if n.kind == kind and iri in self.graph]


def read_projection(driver: Driver, database: str) -> Projection:
    """The collaboration projection as a networkx Graph (see the module docstring)."""
    began = time.perf_counter()
    node_rows = read(driver, database, "networks.projection_nodes")
    edge_rows = read(driver, database, "networks.projection_edges")
    nodes = {
        r["iri"]: ProjectedNode(
            r["iri"], r["kind"], r["name"], tuple(r["sectors"]), tuple(r["sides"])
        )
        for r in node_rows
    }
    graph = nx.Graph()
    edges = sorted((r["source"], r["target"], r["kind"]) for r in edge_rows)
    for iri in sorted({e[0] for e in edges} | {e[1] for e in edges}):
        node = nodes.get(iri)
        if node is not None:  # an edge never names a node outside the projection, but be safe
            graph.add_node(iri, kind=node.kind, name=node.name)
    for source, target, kind in edges:
        if source in graph and target in graph and source != target:
            graph.add_edge(source, target, kind=kind)
    seconds = time.perf_counter() - began
    log.debug(
        "projection: %d nodes, %d edges in %.3f s",
        graph.number_of_nodes(),
        graph.number_of_edges(),
        seconds,
    )
    return Projection(graph, nodes, seconds)


# --- boundary crossers ---------------------------------------------------------------------


class BoundaryCrosser(Result):
    model_config = result_config(
        {"iri": ID + "person/eva-jansen", "key": "eva-jansen", "name": "Eva Jansen",
         "practice_roles": [{"role": "teacher-educator", "organisation":
                             ID + "organisation/pabo-rijnvallei",
                             "organisation_name": "Pabo Rijnvallei"}],
         "research_roles": [], "industry_roles": [], "betweenness": 0.12}
    )  # fmt: skip
    iri: str
    key: str | None = Field(default=None, description="the part of the IRI after {base}id/person/")
    name: str | None
    practice_roles: tuple[RoleAt, ...]
    research_roles: tuple[RoleAt, ...]
    industry_roles: tuple[RoleAt, ...] = Field(
        description="roles in the professional field outside education (e.g. a hybrid teacher's)"
    )
    betweenness: float = Field(description="share of practice–research shortest paths through them")


def side_betweenness(projection: Projection) -> dict[str, float]:
    """Betweenness of every node on shortest paths from practice-side to research-side people,
    normalised by the number of such pairs so values lie in [0, 1]."""
    graph = projection.graph
    practice = [i for i in projection.of_kind("person") if PRACTICE in projection.nodes[i].sides]
    research = [i for i in projection.of_kind("person") if RESEARCH in projection.nodes[i].sides]
    pairs = sum(1 for s in practice for t in research if s != t)
    if not pairs:
        return dict.fromkeys(graph, 0.0)
    raw = nx.betweenness_centrality_subset(graph, practice, research, normalized=False)
    # networkx halves undirected values; undo that so the divisor is the number of pairs
    return {node: 2 * value / pairs for node, value in raw.items()}


def boundary_crossers(
    driver: Driver, database: str, projection: Projection | None = None
) -> list[BoundaryCrosser]:
    """Boundary crossers, ranked by betweenness between the practice and research sides."""
    rows = read(driver, database, "networks.boundary_crossers")
    projection = projection or read_projection(driver, database)
    between = side_betweenness(projection)
    crossers = [
        BoundaryCrosser(
            iri=r["iri"],
            name=r["name"],
            practice_roles=r["practice_roles"],
            research_roles=r["research_roles"],
            industry_roles=r["industry_roles"],
            betweenness=between.get(r["iri"], 0.0),
        )
        for r in rows
    ]
    return sorted(crossers, key=lambda c: (-c.betweenness, c.name or "", c.iri))


# --- communities ---------------------------------------------------------------------------


class Community(Result):
    model_config = result_config(
        {"index": 0, "people": [ID + "person/eva-jansen"],
         "organisations": [ID + "organisation/pabo-rijnvallei"],
         "networks": [ID + "network/werkplaats-rijnvallei"], "activities": [], "size": 3}
    )  # fmt: skip
    index: int = Field(description="0 for the largest community, then by size")
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    networks: tuple[str, ...]
    activities: tuple[str, ...]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size(self) -> int:
        return (
            len(self.people) + len(self.organisations) + len(self.networks) + len(self.activities)
        )


def communities(
    driver: Driver, database: str, projection: Projection | None = None
) -> list[Community]:
    """Communities of the projection by greedy modularity, largest first."""
    projection = projection or read_projection(driver, database)
    found = nx.community.greedy_modularity_communities(projection.graph)
    result: list[Community] = []
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    for index, members in enumerate(ordered):
        by_kind: dict[str, list[str]] = defaultdict(list)
        for iri in members:
            by_kind[projection.nodes[iri].kind].append(iri)
        result.append(
            Community(
                index=index,
                people=tuple(by_kind["person"]),
                organisations=tuple(by_kind["organisation"]),
                networks=tuple(by_kind["network"]),
                activities=tuple(by_kind["activity"]),
            )
        )
    return result


# --- sector bridges ------------------------------------------------------------------------


class SectorBridge(Result):
    model_config = result_config(
        {"iri": ID + "network/werkplaats-rijnvallei",
         "name": "Werkplaats Onderwijsonderzoek Rijnvallei", "kind": "network",
         "sectors": ["HBO", "PO", "WO"], "bridged": [["HBO", "PO"], ["PO", "WO"]], "score": 0.4}
    )  # fmt: skip
    iri: str
    name: str | None
    kind: str
    sectors: tuple[str, ...] = Field(
        description="its own (organisation, network) or its organisations' (person)"
    )
    bridged: tuple[tuple[str, str], ...] = Field(description="sector pairs it lies between")
    score: float = Field(description="summed over pairs, each pair normalised to [0, 1]")


def _person_sectors(projection: Projection, iri: str) -> tuple[str, ...]:
    graph = projection.graph
    sectors = {
        s
        for other in graph.neighbors(iri)
        if graph.edges[iri, other]["kind"] == "membership"
        for s in projection.nodes[other].sectors
    }
    return tuple(sorted(sectors))


def sector_bridges(
    driver: Driver,
    database: str,
    projection: Projection | None = None,
    kinds: tuple[str, ...] = BRIDGE_KINDS,
) -> list[SectorBridge]:
    """Nodes on shortest paths between organisations of different sectors, best first."""
    projection = projection or read_projection(driver, database)
    graph = projection.graph
    holders: dict[str, set[str]] = defaultdict(set)
    for kind in ("organisation", "network"):
        for iri in projection.of_kind(kind):
            for sector in projection.nodes[iri].sectors:
                holders[sector].add(iri)
    score: dict[str, float] = defaultdict(float)
    bridged: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, b in itertools.combinations(sorted(holders), 2):
        sources, targets = sorted(holders[a] - holders[b]), sorted(holders[b] - holders[a])
        if not sources or not targets:
            continue
        raw = nx.betweenness_centrality_subset(graph, sources, targets, normalized=False)
        pairs = len(sources) * len(targets)
        for node, value in raw.items():
            if value > 0:
                score[node] += 2 * value / pairs
                bridged[node].append((a, b))
    bridges = []
    for iri, value in score.items():
        node = projection.nodes[iri]
        if node.kind not in kinds:
            continue
        own = _person_sectors(projection, iri) if node.kind == "person" else node.sectors
        bridges.append(
            SectorBridge(
                iri=iri, name=node.name, kind=node.kind, sectors=own,
                bridged=tuple(bridged[iri]), score=value,
            )
        )  # fmt: skip
    return sorted(bridges, key=lambda b: (-b.score, b.iri))


# --- coverage ------------------------------------------------------------------------------


class CoverageCell(Result):
    model_config = result_config(
        {"region": "Gelderland", "sector": "PO", "function": "sharing",
         "networks": [ID + "network/huisacademie-spo-rijnvallei",
                      ID + "network/werkplaats-rijnvallei"],
         "werkplaatsen": [ID + "network/werkplaats-rijnvallei"]}
    )  # fmt: skip
    region: str
    sector: str = Field(description="notation of the sector concept")
    function: str = Field(description="notation of the function concept")
    networks: tuple[str, ...] = Field(
        description="IRIs of the networks in the region (or a region below it) serving the "
        "sector and the function"
    )
    werkplaatsen: tuple[str, ...] = Field(description="those of kind werkplaats")


class FunctionProviders(Result):
    function: str = Field(description="notation of the function concept")
    providers: tuple[str, ...] = Field(
        description="IRIs of the initiatives and networks serving it in the region or below it"
    )


class RegionFunctions(Result):
    model_config = result_config(
        {"region": "Gelderland", "code": "PV25", "name": "Gelderland",
         "functions": [{"function": "articulation", "providers": []},
                       {"function": "creation", "providers": [
                           ID + "initiative/werkplaats-onderwijsonderzoek-gepersonaliseerd-"
                           "leren-met-ict"]}],
         "served": ["creation"], "missing": ["articulation"]}
    )  # fmt: skip
    region: str = Field(description="the region as asked")
    code: str = Field(description="CBS code of the coded region it names")
    name: str
    functions: tuple[FunctionProviders, ...] = Field(description="the five, in cycle order")

    @computed_field(description="functions some initiative or network in the region serves")  # type: ignore[prop-decorator]
    @property
    def served(self) -> tuple[str, ...]:
        return tuple(f.function for f in self.functions if f.providers)

    @computed_field(description="functions nothing in the region serves")  # type: ignore[prop-decorator]
    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f.function for f in self.functions if not f.providers)


def functions_in_region(driver: Driver, database: str, region: str) -> RegionFunctions | None:
    """Which functions have and which lack an initiative or network in `region` (a CBS code or a
    region's name) or in a region below it; None when no coded region bears that code or name."""
    rows = read(driver, database, "networks.coverage_by_region", region=region)
    if not rows:
        return None
    return RegionFunctions(
        region=region,
        code=rows[0]["code"],
        name=rows[0]["name"],
        functions=tuple(
            FunctionProviders(function=r["function"], providers=r["providers"]) for r in rows
        ),
    )


class Coverage(Result):
    model_config = result_config(
        {"regions": ["Gelderland"], "sectors": ["PO"], "functions": ["creation"],
         "cells": [{"region": "Gelderland", "sector": "PO", "function": "creation",
                    "networks": [ID + "network/werkplaats-rijnvallei"],
                    "werkplaatsen": [ID + "network/werkplaats-rijnvallei"]}],
         "region_functions": [], "without_werkplaats": [], "regions_without_werkplaats": []}
    )  # fmt: skip
    regions: tuple[str, ...]
    sectors: tuple[str, ...] = Field(description="notations of the sector scheme")
    functions: tuple[str, ...] = Field(description="notations of the functions, in cycle order")
    cells: tuple[CoverageCell, ...] = Field(
        description="one per region × sector × function, in that order"
    )
    region_functions: tuple[RegionFunctions, ...] = Field(
        default=(),
        description="for each region that names a coded region, the functions its initiatives "
        "and networks (there or below) have and lack, whatever the sector",
    )

    def cell(self, region: str, sector: str, function: str) -> CoverageCell:
        for c in self.cells:
            if (c.region, c.sector, c.function) == (region, sector, function):
                return c
        raise KeyError((region, sector, function))

    def gaps(self) -> list[tuple[str, str, str]]:
        """(region, sector, function) cells no network serves."""
        return [(c.region, c.sector, c.function) for c in self.cells if not c.networks]

    # The two lists below are in the JSON under the names of the methods that return them.
    @computed_field(  # type: ignore[prop-decorator]
        alias="without_werkplaats",
        description="(region, sector) pairs with no werkplaats onderwijsonderzoek for any function",
    )
    @property
    def pairs_without_werkplaats(self) -> tuple[tuple[str, str], ...]:
        served = {(c.region, c.sector) for c in self.cells if c.werkplaatsen}
        return tuple((r, s) for r in self.regions for s in self.sectors if (r, s) not in served)

    @computed_field(  # type: ignore[prop-decorator]
        alias="regions_without_werkplaats",
        description="regions where no werkplaats serves any sector or function",
    )
    @property
    def werkplaats_free_regions(self) -> tuple[str, ...]:
        served = {c.region for c in self.cells if c.werkplaatsen}
        return tuple(r for r in self.regions if r not in served)

    def without_werkplaats(self) -> list[tuple[str, str]]:
        """(region, sector) pairs with no werkplaats onderwijsonderzoek for any function."""
        return list(self.pairs_without_werkplaats)

    def regions_without_werkplaats(self) -> list[str]:
        """Regions where no werkplaats serves any sector or function."""
        return list(self.werkplaats_free_regions)


def _in_region(row: dict[str, Any], region: str, coded: RegionFunctions | None) -> bool:
    """A network is in a region written as asked, or in the coded region or one below it."""
    return row["region"] == region or (coded is not None and coded.code in row["within"])


def coverage(driver: Driver, database: str, regions: list[str] | None = None) -> Coverage:
    """The coverage map; regions default to every region named in the graph."""
    axes = read(driver, database, "networks.coverage_axes")[0]
    rows = read(driver, database, "networks.coverage_networks")
    chosen = tuple(regions) if regions is not None else tuple(axes["regions"])
    sectors, functions = tuple(axes["sectors"]), tuple(axes["functions"])
    coded = {region: functions_in_region(driver, database, region) for region in chosen}
    cells = []
    for region, sector, function in itertools.product(chosen, sectors, functions):
        serving = [
            r
            for r in rows
            if _in_region(r, region, coded[region])
            and sector in r["sectors"]
            and function in r["functions"]
        ]
        cells.append(
            CoverageCell(
                region=region,
                sector=sector,
                function=function,
                networks=tuple(r["iri"] for r in serving),
                werkplaatsen=tuple(r["iri"] for r in serving if r["kind"] == WERKPLAATS),
            )
        )
    return Coverage(
        regions=chosen,
        sectors=sectors,
        functions=functions,
        cells=tuple(cells),
        region_functions=tuple(found for found in coded.values() if found is not None),
    )
