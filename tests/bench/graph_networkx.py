#!/usr/bin/env python3
"""The graph benchmark's networkx side.

Reads what `cargo run --release -p mingjing-engine --example graph_bench -- OUT_DIR`
wrote into OUT_DIR (nodes.tsv, edges.tsv, transfers.tsv, rust.json), loads the same
graph into networkx, runs the same queries from the same starts, checks that the
answers agree, and prints both sets of figures side by side. Needs `pip install networkx`.

Queries, as in the Rust engine:
- neighbours: everything within 2 links, links taken either way;
- shortest paths: all shortest paths (at most 100) of at most 6 links, either way;
- money trace: transfer by transfer, each no earlier than the one before and within
  the window, at most 3 hops, no account twice, forward and backward, at most `limit`
  paths each way (the same depth-first order as the engine, so truncation agrees).
"""

import bisect
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import networkx as nx


def load(out):
    t = time.perf_counter()
    g = nx.MultiGraph()
    with open(out / "nodes.tsv", encoding="utf-8") as f:
        keys = {}
        for line in f:
            idx, ty, key, _name = line.rstrip("\n").split("\t")
            g.add_node(int(idx), type=ty)
            keys[key] = int(idx)
    with open(out / "edges.tsv", encoding="utf-8") as f:
        for line in f:
            a, b, ty, _label = line.rstrip("\n").split("\t")
            g.add_edge(int(a), int(b), type=ty)
    outgoing, incoming = defaultdict(list), defaultdict(list)
    with open(out / "transfers.tsv", encoding="utf-8") as f:
        for i, line in enumerate(f):
            a, b, at, fen, _cur = line.rstrip("\n").split("\t")
            tr = (int(at), i, int(a), int(b), int(fen))
            outgoing[tr[2]].append(tr)
            incoming[tr[3]].append(tr)
    for lists in (outgoing, incoming):
        for v in lists.values():
            v.sort()
    return g, keys, outgoing, incoming, time.perf_counter() - t


def neighbours(g, start, hops):
    near = nx.single_source_shortest_path_length(g, start, cutoff=hops)
    links = g.subgraph(near).number_of_edges()
    return len(near) - 1, links


def shortest(g, a, b, max_hops, limit):
    try:
        paths = []
        for p in nx.all_shortest_paths(g, a, b):
            if len(p) - 1 > max_hops:
                break
            paths.append(p)
            if len(paths) >= limit:
                break
        return (len(paths[0]) - 1 if paths else -1), len(paths)
    except nx.NetworkXNoPath:
        return -1, 0


def trace(lists, start, forward, hops, window, min_fen, limit):
    found, state = [], {"truncated": False}
    path, nodes = [], [start]

    def candidates(at, last):
        lo, hi = -(2**63), 2**63 - 1
        if last is not None:
            if forward:
                lo, hi = last, (hi if window is None else last + window)
            else:
                lo, hi = (lo if window is None else last - window), last
        lst = lists.get(at, [])
        i = bisect.bisect_left(lst, (lo, -1))
        out = []
        while i < len(lst) and lst[i][0] <= hi:
            tr = lst[i]
            other = tr[3] if forward else tr[2]
            if tr[4] >= min_fen and other not in nodes:
                out.append(tr)
            i += 1
        return out

    def walk(at, last):
        if len(found) >= limit:
            state["truncated"] = True
            return
        nxt = candidates(at, last)
        if not nxt or len(path) >= hops:
            if path:
                found.append(list(path))
            return
        for tr in nxt:
            other = tr[3] if forward else tr[2]
            path.append(tr)
            nodes.append(other)
            walk(other, tr[0])
            nodes.pop()
            path.pop()

    walk(start, None)
    return len(found), state["truncated"]


def stats(ms):
    ms = sorted(ms)
    at = lambda q: ms[round((len(ms) - 1) * q)] if ms else 0.0
    return {"median_ms": at(0.5), "p99_ms": at(0.99), "runs": len(ms)}


def timed(f, *args):
    t = time.perf_counter()
    r = f(*args)
    return r, (time.perf_counter() - t) * 1000


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "target/graph-bench")
    rust = json.loads((out / "rust.json").read_text(encoding="utf-8"))
    g, keys, outgoing, incoming, load_s = load(out)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.setrecursionlimit(10000)

    ms, mismatches = [], 0
    for r in rust["neighbors"]["results"]:
        (count, _links), t = timed(neighbours, g, keys[r["start"]], rust["neighbors"]["hops"])
        ms.append(t)
        mismatches += count != r["entities"]
    py = {"neighbors": (stats(ms), mismatches)}

    ms, mismatches = [], 0
    p = rust["paths"]
    for r in p["results"]:
        (hops, _n), t = timed(shortest, g, keys[r["from"]], keys[r["to"]], p["max_hops"], p["limit"])
        ms.append(t)
        mismatches += hops != r["hops"]
    py["paths"] = (stats(ms), mismatches)

    ms, mismatches = [], 0
    tq = rust["trace"]
    min_fen = round(tq["min_amount"] * 100)
    for r in tq["results"]:
        s = keys[r["start"]]
        t0 = time.perf_counter()
        fwd, ft = trace(outgoing, s, True, tq["hops"], tq["window_s"], min_fen, tq["limit"])
        bwd, bt = trace(incoming, s, False, tq["hops"], tq["window_s"], min_fen, tq["limit"])
        ms.append((time.perf_counter() - t0) * 1000)
        mismatches += (fwd, bwd) != (r["forward"], r["backward"])
    py["trace"] = (stats(ms), mismatches)

    print()
    print(f"graph: {rust['entities']} entities, {rust['links']} links, {rust['transfers']} transfers ({rust['source']})")
    print(f"{'':24}{'Rust (mingjing)':>22}{'Python (networkx ' + nx.__version__ + ')':>30}{'Python/Rust':>14}")
    print(f"{'build / load':24}{rust['load_s']:>19.2f} s{load_s:>27.2f} s   (Rust rebuild of entities: {rust['rebuild_s']:.2f} s)")
    print(f"{'memory':24}{rust['graph_mb']:>16.0f} MB (graph){peak_mb:>19.0f} MB (peak)   (Rust peak {rust['peak_mb']:.0f} MB)")
    for name, key in [("neighbours, 2 hops", "neighbors"), ("shortest paths", "paths"), ("money trace, 3 hops", "trace")]:
        rl, (pl, mis) = rust[key]["latency"], py[key]
        ratio = lambda k: f"{pl[k] / rl[k]:>13.0f}×" if rl[k] else f"{'–':>14}"
        print(f"{name + ' median':24}{rl['median_ms']:>18.4f} ms{pl['median_ms']:>26.4f} ms{ratio('median_ms')}")
        print(f"{'  p99':24}{rl['p99_ms']:>18.4f} ms{pl['p99_ms']:>26.4f} ms{ratio('p99_ms')}   answers differing: {mis} of {pl['runs']}")


if __name__ == "__main__":
    main()
