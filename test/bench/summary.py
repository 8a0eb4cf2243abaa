#!/usr/bin/env python3
"""Summary of a test/bench/all.sh run: reads its "figure: ..." lines and prints one
Markdown table of the figures against the goals of issue 9.

    python3 test/bench/summary.py .work/pg15/bench-all.log

Figure lines (written by registry_bench.sh and residual_bench.sh):
    issuance N WAY SECONDS VMHWM_KB PRIVATE_KB     WAY: limit, plain, issue_many, issue
    audit SECONDS VMHWM_KB PRIVATE_KB [BLOCKS] / audit_scan SECONDS VMHWM_KB PRIVATE_KB
    transfers TPS VMHWM_KB PRIVATE_KB / transfers_plain ... / transfers_tpcb ...
    after_transfers VIOLATIONS ISSUED HELD UNCONSERVED
    KEY ROUND SECONDS VMHWM_KB PRIVATE_KB           KEY: residual_mix, residual_plain,
                                                    hourly_match_region, hourly_plain, hourly_match_each,
                                                    residual_issue, residual_claims (round 1 only)
"""
import sys

MEMORY_GOAL_KB = 256 * 1024


# Fields after the key, per key (the rest: KEY ROUND SECONDS VMHWM_KB PRIVATE_KB).
FIELDS = {"issuance": 5, "audit": (3, 4), "audit_scan": 3, "transfers": 3, "transfers_plain": 3,
          "transfers_tpcb": 3, "after_transfers": 4}


def read_figures(path):
    figures = []
    with open(path, encoding="utf-8", errors="replace") as log:
        for number, line in enumerate(log, 1):
            if line.startswith("figure: "):
                f = line.split()[1:]
                want = FIELDS.get(f[0], 4)
                if len(f) - 1 not in (want if isinstance(want, tuple) else (want,)):
                    sys.exit(f"{path}:{number}: figure {f[0]} has {len(f) - 1} fields, not {want}: {line.strip()}")
                figures.append(f)
    return figures


def verdict(ok):
    return "met" if ok else "missed"


def main(path):
    figures = read_figures(path)
    issuance = {}      # (n, way) -> (seconds, vmhwm, private)
    single = {}        # key -> values
    rounds = {}        # (key, round) -> (seconds, vmhwm, private)
    for f in figures:
        if f[0] == "issuance":
            issuance[(int(f[1]), f[2])] = tuple(float(x) for x in f[3:6])
        elif f[0] in ("audit", "audit_scan", "transfers", "transfers_plain", "transfers_tpcb", "after_transfers"):
            single[f[0]] = [float(x) for x in f[1:]]
        else:
            rounds[(f[0], int(f[1]))] = tuple(float(x) for x in f[2:5])

    rows = []          # (workload, greenattr, next to, ratio, goal)
    memory = []        # (what, vmhwm kB, private kB)

    scales = sorted({n for n, _ in issuance})
    rate = {}
    for n in scales:
        t = {way: issuance[(n, way)][0] for way in ("limit", "plain", "issue_many", "issue") if (n, way) in issuance}
        if "issue_many" not in t:
            continue
        rate[n] = n / t["issue_many"]
        vs_plain = t["plain"] / t["issue_many"]
        vs_limit = t["limit"] / t["issue_many"]
        one_by_one = f"; `issue()` one call per block {n / t['issue']:,.0f} rows/s" if "issue" in t else ""
        rows.append((f"1. bulk issuance, {n:,} blocks",
                     f"`issue_many()` {rate[n]:,.0f} rows/s ({t['issue_many']:.1f} s){one_by_one}",
                     f"plain SQL {n / t['plain']:,.0f} rows/s; limit {n / t['limit']:,.0f} rows/s",
                     f"{vs_plain:.2f}× plain, {vs_limit:.3f}× the limit",
                     f"≥ 3× plain: {verdict(vs_plain >= 3)}; ≥ 0.33× limit: {verdict(vs_limit >= 0.33)}"))
        for way in ("limit", "plain", "issue_many", "issue"):
            if (n, way) in issuance:
                memory.append((f"issuance {n:,}, {way}", issuance[(n, way)][1], issuance[(n, way)][2], way in ("issue_many", "issue")))
    if len(rate) >= 2:
        small, large = min(rate), max(rate)
        growth = rate[large] / rate[small]
        rows.append((f"1. rows/s at {large:,} against {small:,}",
                     f"{rate[large]:,.0f} against {rate[small]:,.0f} rows/s", "", f"{growth:.2f}",
                     f"within 20 % (0.8–1.2): {verdict(abs(growth - 1) <= 0.2)}"))

    if "transfers" in single and "transfers_tpcb" in single:
        tps, tpcb = single["transfers"][0], single["transfers_tpcb"][0]
        plain = single.get("transfers_plain", [0])[0]
        after = single.get("after_transfers")
        clean = after is not None and after[0] == 0 and after[1] == after[2] and after[3] == 0
        checked = (f"; afterwards {after[0]:.0f} `audit()` violations, {after[1]:,.0f} units issued, "
                   f"{after[2]:,.0f} held, {after[3]:.0f} issuances not adding up") if after else ""
        rows.append(("2. transfers of random sub-blocks, pgbench",
                     f"{tps:,.0f} tps{checked}",
                     f"TPC-B-like {tpcb:,.0f} tps; the plain-SQL way {plain:,.0f} tps",
                     f"{tps / tpcb:.2f}× TPC-B ({tps / plain:.2f}× plain; plain {plain / tpcb:.2f}× TPC-B)" if plain else f"{tps / tpcb:.2f}× TPC-B",
                     f"≥ 1×: {verdict(tps / tpcb >= 1)}; zero violations: {verdict(clean)}"))
        for key, what in (("transfers", "transfers"), ("transfers_plain", "transfers, plain SQL"), ("transfers_tpcb", "TPC-B-like")):
            if key in single:
                memory.append((what, single[key][1], single[key][2], key == "transfers"))

    for mine, plain, label in (("residual_mix", "residual_plain", "3. `residual_mix()`, region-year"),
                               ("hourly_match_region", "hourly_plain", "3. `hourly_match_region()`, region-year")):
        pairs = [(rounds[(mine, r)][0], rounds[(plain, r)][0]) for r in (1, 2)
                 if (mine, r) in rounds and (plain, r) in rounds]
        if not pairs:
            continue
        ratios = [a / b for a, b in pairs]
        rows.append((label,
                     ", then ".join(f"{a:.2f} s" for a, _ in pairs),
                     "plain `GROUP BY` over numeric " + ", then ".join(f"{b:.2f} s" for _, b in pairs),
                     ", then ".join(f"{x:.2f}×" for x in ratios),
                     f"≤ 1.2×: {', '.join(verdict(x <= 1.2) for x in ratios)}"))
    each = [rounds[("hourly_match_each", r)][0] for r in (1, 2) if ("hourly_match_each", r) in rounds]
    hourly_plain = [rounds[("hourly_plain", r)][0] for r in (1, 2) if ("hourly_plain", r) in rounds]
    if each and hourly_plain:
        rows.append(("3. `hourly_match()` once per consumer (not the goal's query)",
                     ", then ".join(f"{x:.2f} s" for x in each),
                     "the plain `GROUP BY` above" + (", round 1" if len(each) == 1 else ""),
                     ", then ".join(f"{a / b:.2f}×" for a, b in zip(each, hourly_plain)), ""))
    for key, what in (("residual_issue", "`issue_many()` of the year, calls of 100,000"),
                      ("residual_claims", "`claim_consumption_many()` of the year, calls of 100,000"),
                      ("residual_mix", "`residual_mix()`"), ("residual_plain", "residual, plain SQL"),
                      ("hourly_match_region", "`hourly_match_region()`"), ("hourly_match_each", "`hourly_match()` per consumer"),
                      ("hourly_plain", "hourly, plain SQL")):
        got = [rounds[(key, r)] for r in (1, 2) if (key, r) in rounds]
        if got:
            memory.append((what, max(g[1] for g in got), max(g[2] for g in got), not key.endswith("plain")))

    if "audit" in single and "audit_scan" in single:
        audit, scan = single["audit"][0], single["audit_scan"][0]
        # Logs before the audited registry's size was a field: the last scale's registry.
        size = f"{single['audit'][3]:,.0f} blocks" if len(single["audit"]) > 3 else "the last scale"
        rows.append((f"4. `audit()` over the registry of {size}",
                     f"{audit:.2f} s", f"`count(*)` of the tables it reads {scan:.3f} s",
                     f"{audit / scan:.1f}×", f"≤ 2×: {verdict(audit / scan <= 2)}"))
        memory.append(("audit()", single["audit"][1], single["audit"][2], True))
        memory.append(("scan of the audited tables", single["audit_scan"][1], single["audit_scan"][2], False))

    if memory:
        ours = [m for m in memory if m[3]]
        worst_private = max(ours, key=lambda m: m[2]) if ours else None
        worst_vmhwm = max(ours, key=lambda m: m[1]) if ours else None
        listing = "; ".join(f"{what} {vm / 1024:.0f} / {priv / 1024:.0f}" for what, vm, priv, _ in memory)
        rows.append(("5. peak backend memory, MB (VmHWM, shared buffers included / private, RssAnon)",
                     listing, "", "",
                     (f"< 256 MB private: {verdict(worst_private[2] < MEMORY_GOAL_KB)} (highest: {worst_private[0]}, "
                      f"{worst_private[2] / 1024:.0f} MB); VmHWM < 256 MB: {verdict(worst_vmhwm[1] < MEMORY_GOAL_KB)} "
                      f"(highest: {worst_vmhwm[0]}, {worst_vmhwm[1] / 1024:.0f} MB)") if ours else ""))

    print("| workload | greenattr | next to | ratio | goal |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if not rows:
        print("(no figures found in %s)" % path)


if __name__ == "__main__":
    main(sys.argv[1])
