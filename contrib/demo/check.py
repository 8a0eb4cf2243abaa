#!/usr/bin/env python3
"""Independent check of the demo's key figures.

Recomputes, with Python's exact decimals and none of greenattr's functions:
  - the residual mix of every province of the demo (and of China), from the grid
    data file (data/grid_2024.sql) and the registry's raw rows (instruments,
    claims, as exported by test/run-demo.sh);
  - the location- and market-based Scope 2 of every consumer for 2024;
  - the hourly matched energy of the data centre's week, from data/week_2024_06.sql.
and compares each with what greenattr's functions returned (residual.csv,
scope2.csv, hourly.csv).  Formulas: DOMAIN.md §3 and the comments of
src/sql/52_residual_mix.sql and 53_residual_scope2.sql; every emission derived
from a ratio is rounded once to the gram, factors to 1 g/MWh, half away from zero.
Usage: check.py DATA_DIR OUT_DIR.  Exit status 1 if any figure differs.
"""
import csv
import sys
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

data, out = Path(sys.argv[1]), Path(sys.argv[2])
YEAR = ("2024-01-01 00:00:00+00", "2025-01-01 00:00:00+00")   # as psql prints them (TimeZone UTC)
G6 = Decimal("0.000001")


def r6(x):
    return x.quantize(G6, rounding=ROUND_HALF_UP)


def copy_blocks(path):
    """The CSV blocks of a file of COPY ... FROM STDIN statements, by table."""
    blocks, table, rows = {}, None, None
    for line in path.read_text().splitlines():
        if line.startswith("COPY "):
            table, rows = line.split()[1], []
        elif line == "\\." and table:
            blocks[table] = list(csv.DictReader(rows))
            table = None
        elif table:
            rows.append(line)
    return blocks


def qty(text):          # '260000000 MWh' -> Decimal('260000000'), '0.853 t/MWh' -> 0.853
    return Decimal(text.split()[0])


def in_tree(code, root):
    return code == root or code.startswith(root + "-")


def read_csv(name):
    with open(out / name, newline="") as f:
        return list(csv.DictReader(f))


grid = copy_blocks(data / "grid_2024.sql")
gen = [(g["region"], g["source"], qty(g["energy"]), r6(qty(g["energy"]) * qty(g["emission_factor"])))
       for g in grid["greenattr.grid_generation"]]
exch = [(x["from_region"], x["to_region"], qty(x["energy"])) for x in grid["greenattr.grid_exchange"]]
instruments = read_csv("raw_instruments.csv")
claims = read_csv("raw_claims.csv")
consumption = read_csv("raw_consumption.csv")


def overlaps_year(lo, hi):
    return lo < YEAR[1] and hi > YEAR[0]


def residual(region):
    """(basis_co2e, basis_energy, residual factor) of a region for 2024."""
    G = E = T = TC = Decimal(0)
    for s in sorted({src for reg, src, _, _ in gen if in_tree(reg, region)}):
        g = sum(e for reg, src, e, _ in gen if in_tree(reg, region) and src == s)
        c = sum(c for reg, src, _, c in gen if in_tree(reg, region) and src == s)
        t = sum(Decimal(i["claim_mwh"]) - Decimal(i["released_units"]) for i in instruments
                if in_tree(i["region"], region) and i["technology"] == s and i["activity_kind"] == "generation"
                and overlaps_year(i["vintage_from"], i["vintage_to"]))
        assert t <= g, f"tracked {s} above generation in {region}"
        G, E, T = G + g, E + c, T + t
        if t > 0:
            TC += r6(c * t / g)
    imports = sum(e for f, to, e in exch if in_tree(to, region) and not in_tree(f, region))
    exports = sum(e for f, to, e in exch if in_tree(f, region) and not in_tree(to, region))
    K = sum(Decimal(k["mwh"]) for k in claims if in_tree(k["region"], region))
    U = max(G + imports - exports - K, Decimal(0))
    Gr, Er = G - T, E - TC
    D = max(U - Gr, Decimal(0))
    if D == 0:
        return Er, Gr, r6(Er / Gr)
    if "-" not in region:
        raise SystemExit(f"{region} has a deficit and no parent region")
    parent = region.rsplit("-", 1)[0]
    wc, we, _ = residual(parent)
    bc = Er + r6(wc * D / we)
    return bc, U, r6(bc / U)


def grid_totals(region):
    return (sum(e for reg, _, e, _ in gen if in_tree(reg, region)),
            sum(c for reg, _, _, c in gen if in_tree(reg, region)))


rows = []  # (figure, greenattr, python)
for r in read_csv("residual.csv"):
    bc, be, f = residual(r["region"])
    rows.append((f"residual mix {r['region']} (t/MWh)", Decimal(r["residual_factor"]), f))
    rows.append((f"  residual basis {r['region']} (tCO2e)", Decimal(r["basis_co2e"]), bc))
    g, e = grid_totals(r["region"])
    rows.append((f"  grid average {r['region']} (t/MWh)", Decimal(r["grid_factor"]), r6(e / g)))

for s in read_csv("scope2.csv"):
    ent, reg = s["entity_id"], s["region"]
    C = sum(Decimal(c["mwh"]) for c in consumption if c["entity_id"] == ent and c["region"] == reg)
    K = sum(Decimal(k["mwh"]) for k in claims if k["entity_id"] == ent and k["region"] == reg)
    KC = sum(r6(Decimal(k["mwh"]) * Decimal(k["national_factor"])) for k in claims
             if k["entity_id"] == ent and k["region"] == reg)
    covered = min(C, K)
    g, e = grid_totals(reg)
    location = r6(e * C / g)
    instrument = KC if K <= C else r6(KC * covered / K)
    bc, be, _ = residual(reg)
    market = instrument + (r6(bc * (C - covered) / be) if covered < C else 0)
    rows.append((f"Scope 2 location-based, {s['entity']} (t)", Decimal(s["location_co2e"]), location))
    rows.append((f"Scope 2 market-based, {s['entity']} (t)", Decimal(s["market_co2e"]), market))

week = copy_blocks(data / "week_2024_06.sql")["demo.week"]
matched = sum(min(Decimal(w["consumption_mwh"]), Decimal(w["wind_mwh"]) + Decimal(w["solar_mwh"])) for w in week)
rows.append(("hourly matched energy, 3-9 June (MWh)", sum(Decimal(h["matched_mwh"]) for h in read_csv("hourly.csv")), matched))

bad = 0
w = max(len(r[0]) for r in rows)
print(f"{'figure':<{w}}  {'greenattr':>18}  {'python':>18}  equal")
for name, ga, py in rows:
    ok = ga == py
    bad += not ok
    print(f"{name:<{w}}  {ga.normalize():>18f}  {py.normalize():>18f}  {'yes' if ok else 'NO'}")
print(f"{len(rows) - bad} of {len(rows)} figures equal")
sys.exit(1 if bad else 0)
