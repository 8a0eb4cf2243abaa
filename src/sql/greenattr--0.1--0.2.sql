-- greenattr 0.1 -> 0.2 (ALTER EXTENSION greenattr UPDATE TO '0.2').
-- Every change of 0.2 to the catalog, so that an updated database has the same
-- extension objects as a fresh CREATE EXTENSION (test/t/upgrade.pl compares them).
\echo Use "ALTER EXTENSION greenattr UPDATE TO '0.2'" to load this file. \quit
