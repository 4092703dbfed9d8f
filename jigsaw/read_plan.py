"""The plan operators and procedures a free query may use: an analyst's read, nothing more.

Names are Neo4j 5.26's operator names without the "(All)"/"(Into)" variant or the
"@database" suffix. Anything else (SHOW..., TERMINATE..., AdministrationCommand,
TransactionApply, LoadCSV, every write operator, and operators a later Neo4j adds) is
refused by jigsaw/free_cypher.py. Adding a name here is a decision about what analysts
may do to the server: add a test to tests/test_free_cypher.py with it.
"""

from __future__ import annotations

ALLOWED_PROCEDURES = frozenset({"db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization"})

_SCANS_AND_SEEKS = {
    "AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
    "SubtractionNodeByLabelsScan", "NodeByIdSeek", "NodeByElementIdSeek", "NodeIndexSeek", "NodeUniqueIndexSeek",
    "NodeIndexSeekByRange", "NodeUniqueIndexSeekByRange", "NodeIndexScan", "NodeIndexContainsScan",
    "NodeIndexEndsWithScan", "MultiNodeIndexSeek", "AssertingMultiNodeIndexSeek", "NodeCountFromCountStore",
    "RelationshipCountFromCountStore", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
    "DirectedUnionRelationshipTypesScan", "UndirectedUnionRelationshipTypesScan", "DirectedAllRelationshipsScan",
    "UndirectedAllRelationshipsScan", "DirectedRelationshipByIdSeek", "UndirectedRelationshipByIdSeek",
    "DirectedRelationshipByElementIdSeek", "UndirectedRelationshipByElementIdSeek", "DirectedRelationshipIndexSeek",
    "UndirectedRelationshipIndexSeek", "DirectedRelationshipUniqueIndexSeek", "UndirectedRelationshipUniqueIndexSeek",
    "DirectedRelationshipIndexSeekByRange", "UndirectedRelationshipIndexSeekByRange",
    "DirectedRelationshipUniqueIndexSeekByRange", "UndirectedRelationshipUniqueIndexSeekByRange",
    "DirectedRelationshipIndexScan", "UndirectedRelationshipIndexScan", "DirectedRelationshipIndexContainsScan",
    "UndirectedRelationshipIndexContainsScan", "DirectedRelationshipIndexEndsWithScan",
    "UndirectedRelationshipIndexEndsWithScan", "Argument",
}  # fmt: skip
_TRAVERSALS = {
    "Expand", "OptionalExpand", "VarLengthExpand", "PruningVarExpand", "BFSPruningVarExpand", "ShortestPath",
    "StatefulShortestPath", "Trail", "Repeat", "NullifyMetadata", "ProjectEndpoints", "TriadicSelection",
    "TriadicBuild", "TriadicFilter",
}  # fmt: skip
_ROWS = {
    "ProduceResults", "Projection", "Filter", "CacheProperties", "Unwind", "Limit", "ExhaustiveLimit", "Skip", "Sort",
    "PartialSort", "Top", "Top1WithTies", "PartialTop", "Distinct", "OrderedDistinct", "Aggregation",
    "EagerAggregation", "OrderedAggregation", "Eager", "EmptyResult", "Optional",
}  # fmt: skip
_COMBINATIONS = {
    "Apply", "SemiApply", "AntiSemiApply", "LetSemiApply", "LetAntiSemiApply", "SelectOrSemiApply",
    "SelectOrAntiSemiApply", "LetSelectOrSemiApply", "LetSelectOrAntiSemiApply", "RollUpApply", "ConditionalApply",
    "AntiConditionalApply", "CartesianProduct", "NodeHashJoin", "ValueHashJoin", "NodeLeftOuterHashJoin",
    "NodeRightOuterHashJoin", "Union", "OrderedUnion", "Anti",
}  # fmt: skip
ALLOWED_OPERATORS = frozenset(_SCANS_AND_SEEKS | _TRAVERSALS | _ROWS | _COMBINATIONS)
