"""The networkx oracle for tests/oracle.rs.

Reads a JSON list of graphs on standard input, each {"n": nodes, "edges":
[[prerequisite, dependent, hard], ...], "goals": [...]}, and prints a JSON list
with, per graph: whether all edges together are acyclic, the strongly
connected components of two or more nodes, and, over the hard edges alone
when they are acyclic, the ancestors of the goals and the edges a transitive
reduction removes.
"""

import json
import sys

import networkx as nx


def answer(graph):
    every = nx.DiGraph()
    every.add_nodes_from(range(graph["n"]))
    hard = nx.DiGraph()
    hard.add_nodes_from(range(graph["n"]))
    for source, target, is_hard in graph["edges"]:
        every.add_edge(source, target)
        if is_hard:
            hard.add_edge(source, target)
    sccs = sorted(sorted(c) for c in nx.strongly_connected_components(every) if len(c) > 1)
    out = {"acyclic": nx.is_directed_acyclic_graph(every), "sccs": sccs}
    if nx.is_directed_acyclic_graph(hard):
        wanted = set(graph["goals"])
        for goal in graph["goals"]:
            wanted |= nx.ancestors(hard, goal)
        reduced = nx.transitive_reduction(hard)
        removed = sorted([u, v] for u, v in hard.edges() if not reduced.has_edge(u, v))
        out["path"] = sorted(wanted)
        out["redundant"] = removed
    return out


def main():
    graphs = json.load(sys.stdin)
    json.dump([answer(g) for g in graphs], sys.stdout)


if __name__ == "__main__":
    main()
