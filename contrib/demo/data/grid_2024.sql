-- Grid data of the demo's five provinces for 2024: generation by source with its
-- direct emission factor, and the physical exchanges between provinces.
-- Illustrative figures of the order of magnitude of these provinces' recent
-- generation (MWh), not official statistics.  Coal and gas at the national
-- factors of DOMAIN.md §4 (0.853 and 0.405 t/MWh), other sources at 0.
COPY greenattr.grid_generation (region, period, source, energy, emission_factor) FROM STDIN WITH (FORMAT csv, HEADER true);
region,period,source,energy,emission_factor
CN-GD,"[2024-01-01,2025-01-01)",coal,260000000 MWh,0.853 t/MWh
CN-GD,"[2024-01-01,2025-01-01)",gas,110000000 MWh,0.405 t/MWh
CN-GD,"[2024-01-01,2025-01-01)",nuclear,120000000 MWh,0 t/MWh
CN-GD,"[2024-01-01,2025-01-01)",hydro,30000000 MWh,0 t/MWh
CN-GD,"[2024-01-01,2025-01-01)",wind,40000000 MWh,0 t/MWh
CN-GD,"[2024-01-01,2025-01-01)",solar,25000000 MWh,0 t/MWh
CN-YN,"[2024-01-01,2025-01-01)",hydro,300000000 MWh,0 t/MWh
CN-YN,"[2024-01-01,2025-01-01)",coal,35000000 MWh,0.853 t/MWh
CN-YN,"[2024-01-01,2025-01-01)",wind,40000000 MWh,0 t/MWh
CN-YN,"[2024-01-01,2025-01-01)",solar,20000000 MWh,0 t/MWh
CN-BJ,"[2024-01-01,2025-01-01)",gas,45000000 MWh,0.405 t/MWh
CN-BJ,"[2024-01-01,2025-01-01)",solar,2000000 MWh,0 t/MWh
CN-NM,"[2024-01-01,2025-01-01)",coal,600000000 MWh,0.853 t/MWh
CN-NM,"[2024-01-01,2025-01-01)",wind,150000000 MWh,0 t/MWh
CN-NM,"[2024-01-01,2025-01-01)",solar,40000000 MWh,0 t/MWh
CN-HA,"[2024-01-01,2025-01-01)",coal,230000000 MWh,0.853 t/MWh
CN-HA,"[2024-01-01,2025-01-01)",hydro,15000000 MWh,0 t/MWh
CN-HA,"[2024-01-01,2025-01-01)",wind,45000000 MWh,0 t/MWh
CN-HA,"[2024-01-01,2025-01-01)",solar,35000000 MWh,0 t/MWh
\.
COPY greenattr.grid_exchange (from_region, to_region, period, source, energy) FROM STDIN WITH (FORMAT csv, HEADER true);
from_region,to_region,period,source,energy
CN-YN,CN-GD,"[2024-01-01,2025-01-01)",hydro,110000000 MWh
CN-NM,CN-BJ,"[2024-01-01,2025-01-01)",coal,70000000 MWh
CN-NM,CN-BJ,"[2024-01-01,2025-01-01)",wind,10000000 MWh
\.
