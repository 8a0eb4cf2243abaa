-- A small grid and registry shared by the residual-mix tests (included with \i).
\i sql/include/fresh_registry.sql
-- Guangdong (CN-GD) and Yunnan (CN-YN), both in CN; a French wind farm for the
-- market boundary.
INSERT INTO greenattr.entity (id, name, region) VALUES
	(1, 'Windco', 'CN-GD'), (2, 'Buyer A', 'CN-GD'), (3, 'Buyer B', 'CN-GD'),
	(4, 'Hydroco', 'CN-YN'), (5, 'Buyer C', 'CN-YN'), (6, 'Eolien SA', 'FR');
INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id) VALUES
	(1, 'Wind farm GD', 'generator', 'wind', 'CN-GD', 1),
	(2, 'Hydro plant YN', 'generator', 'hydro', 'CN-YN', 4),
	(3, 'Parc eolien', 'generator', 'wind', 'FR', 6),
	(4, 'Forest GD', 'project', 'forestry', 'CN-GD', 1);
INSERT INTO greenattr.account (id, holder_id, kind, name) VALUES
	(1, 1, 'holding', 'Windco'), (2, 2, 'holding', 'Buyer A'), (3, 3, 'holding', 'Buyer B'),
	(4, 4, 'holding', 'Hydroco'), (5, 5, 'holding', 'Buyer C'), (6, 6, 'holding', 'Eolien SA');
