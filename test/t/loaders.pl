#!/usr/bin/perl
# contrib/loaders: the registry-export loaders on the fixtures of
# test/fixtures/loaders (small files in the layouts of the Verra, Gold
# Standard, ACR and CAR public exports, with bad rows).  Checks what each load
# places in the registry, that every record not placed is reported with its
# reason, that loading everything again changes nothing, and that audit() is
# empty afterwards.
use strict;
use warnings;
use Test::More;
use lib "$ENV{GREENATTR_ROOT}/test/t/lib";
use GreenattrTap;
use File::Temp qw(tempdir);

my $bin  = $ENV{PGBIN} or die "PGBIN is not set";
my $root = $ENV{GREENATTR_ROOT} or die "GREENATTR_ROOT is not set";
my $dir  = tempdir(CLEANUP => 1);
my $fx   = "$root/test/fixtures/loaders";
my $db   = 'ga_loaders';
$ENV{PGOPTIONS} = '-c client_min_messages=warning';
$ENV{PSQL} = "$bin/psql";


# Run load.sh; return (exit status, stdout + stderr).
sub load
{
	my ($registry, $kind, $file, %env) = @_;
	local @ENV{keys %env} = values %env;
	my $out = `bash $root/contrib/loaders/load.sh $registry $kind $file -d $db 2>&1`;
	return ($? >> 8, $out);
}

sub last_load
{
	return psql($db, q{SELECT concat_ws(' ', rows, placed, already_loaded, skipped, rejected)
	                     FROM greenattr_load.load ORDER BY id DESC LIMIT 1});
}

sub last_report
{
	return psql($db, q{SELECT string_agg(concat_ws('|', row_no, outcome, coalesce(rule, '-'), coalesce(sqlstate, '-')), E'\n' ORDER BY row_no)
	                     FROM greenattr_load.report WHERE load_id = (SELECT max(id) FROM greenattr_load.load)});
}

# Content fingerprint of the registry tables (greenattr schema).
sub fingerprint
{
	my @tables = split /\n/, psql($db, q{
		SELECT c.oid::regclass FROM pg_class c
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind = 'r' AND c.relname <> 'journal'
		 ORDER BY c.relname});
	return join("\n", map {
		"$_ " . table_digest($db, $_)
	} @tables) . "\njournal " . psql($db, 'SELECT count(*) FROM greenattr.journal');
}

psql('postgres', "DROP DATABASE IF EXISTS $db");
psql('postgres', "CREATE DATABASE $db");
psql($db, 'SET client_min_messages = warning; CREATE EXTENSION greenattr CASCADE');

# Each load: file, counts "rows placed already_loaded skipped rejected", and
# the report "row|outcome|rule|sqlstate" of every record not placed.
my @loads = (
	[ 'verra', 'issuances', 'verra_vcus.csv', '8 4 0 0 4',
	  "5|rejected|-|22P02\n6|rejected|loader_quantity_matches_serial|22023\n7|rejected|loader_columns|22P04\n8|rejected|loader_serial_project|22023",
	  'Verra VCUs as issuances: unparseable serial, quantity not matching the serial, short record, serial of another project' ],
	[ 'verra', 'retirements', 'verra_vcus.csv', '8 3 0 4 1',
	  "1|skipped|-|-\n5|skipped|-|-\n6|skipped|-|-\n7|rejected|loader_columns|22P04\n8|skipped|-|-",
	  'Verra VCUs as retirements: blocks without retirement date skipped, each reported' ],
	[ 'verra', 'retirements', 'verra_retirements_bad.csv', '3 1 0 0 2',
	  "2|rejected|loader_units_issued|23514\n3|rejected|retired_and_cancelled_are_final|23514",
	  'Verra retirements: part of an issued block retired; units never issued and units already retired rejected' ],
	[ 'gs', 'issuances', 'gs_issuances.csv', '6 3 0 0 3',
	  "4|rejected|loader_vintage|22023\n5|rejected|-|22P02\n6|rejected|loader_quantity|22023",
	  'Gold Standard issuances: bad vintage, unparseable serial, negative quantity' ],
	[ 'gs', 'retirements', 'gs_retirements.csv', '5 3 0 0 2',
	  "3|rejected|loader_units_issued|23514\n4|rejected|retired_and_cancelled_are_final|23514",
	  'Gold Standard retirements: never issued and already retired rejected' ],
	[ 'acr', 'issuances', 'acr_issuances.csv', '5 4 0 0 1',
	  "5|rejected|loader_vintage|22023",
	  'ACR issuances (no serials): vintage totals counted, bad vintage rejected' ],
	[ 'acr', 'retirements', 'acr_retirements.csv', '8 5 0 0 3',
	  "6|rejected|loader_units_issued|23514\n7|rejected|one_attribute_one_instrument|23514\n8|rejected|retired_and_cancelled_are_final|23514",
	  'ACR retirements: never issued, more than the vintage issued, already retired rejected' ],
	[ 'car', 'issuances', 'car_issuances.csv', '5 3 0 0 2',
	  "4|rejected|loader_quantity|22023\n5|rejected|loader_country|22023",
	  'CAR issuances: bad quantity and unknown country rejected' ],
	[ 'car', 'retirements', 'car_retirements.csv', '7 3 1 0 3',
	  "4|rejected|-|22P02\n5|rejected|loader_serial_project|22023\n6|already loaded|-|-\n7|rejected|loader_quantity_matches_serial|22023",
	  'CAR retirements: bad serial, serial of another project, a repeated row, quantity not matching' ],
);

for my $l (@loads)
{
	my ($reg, $kind, $file, $counts, $report, $name) = @$l;
	my ($rc, $out) = load($reg, $kind, "$fx/$file");
	is($rc, 1, "$name: exit status 1 (records rejected)");
	is(last_load(), $counts, "$name: counts");
	is(last_report(), $report, "$name: report");
}

# Reasons name the units and the rule's numbers.
is(psql($db, q{SELECT reason FROM greenattr_load.report r JOIN greenattr_load.load l ON l.id = r.load_id
                WHERE l.registry = 'verra' AND l.kind = 'issuances' AND r.row_no = 6}),
	'project 2498: quantity 4999 does not match serial 14121-556418249-556423248-VCS-VCU-576-VER-PY-14-2498-01012017-31122017-0 (5000 units)',
	'quantity mismatch reason');
is(psql($db, q{SELECT reason FROM greenattr_load.report r JOIN greenattr_load.load l ON l.id = r.load_id
                WHERE l.registry = 'gs' AND l.kind = 'retirements' AND r.row_no = 3}),
	'retirement of units never issued: no loaded issuance covers block GS:GS1-1-KE-GS11603-16-2025-30256:110-5463',
	'never issued reason');
is(psql($db, q{SELECT reason FROM greenattr_load.report r JOIN greenattr_load.load l ON l.id = r.load_id
                WHERE l.registry = 'acr' AND l.kind = 'retirements' AND r.row_no = 8}),
	'units ACR:ACR-FR-1129-2025-2917:30932-35143 of block ACR:ACR-FR-1129-2025-2917:30000-31000 are retired',
	'already retired reason');
is(psql($db, q{SELECT reason FROM greenattr_load.report r JOIN greenattr_load.load l ON l.id = r.load_id
                WHERE l.registry = 'verra' AND l.kind = 'issuances' AND r.row_no = 7}),
	'the record has 6 columns, the header 17: missing columns', 'short record reason');
is(psql($db, q{SELECT record FROM greenattr_load.report r JOIN greenattr_load.load l ON l.id = r.load_id
                WHERE l.registry = 'verra' AND l.kind = 'issuances' AND r.row_no = 5}),
	'2022-11-29,,2017-01-01,2017-12-31,2498,Afforestation of degraded grasslands in Caazapa and Guairá,Paraguay,Agriculture Forestry and Other Land Use,AR-ACM0003,"82,455",10,VCU-BROKEN-123,,,,,',
	'the report keeps the record as written');

# Assets: one per project, region from the country column (code or name) or the serial.
is(psql($db, q{SELECT string_agg(concat_ws('|', p.registry, p.project_id, a.region, a.name, e.name), E'\n' ORDER BY p.registry, p.project_id)
                FROM greenattr_load.project p JOIN greenattr.asset a ON a.id = p.asset_id JOIN greenattr.entity e ON e.id = a.owner_id}),
	join("\n",
		'acr|ACR1129|FR|Tradewater - Middle East 1|Tradewater, LLC',
		'acr|ACR681|US|Anew - Sylvania Forestry Project|Anew Environmental, LLC',
		'car|CAR1335|US|Coffeyville NAP2|ClimeCo Corp MCK NAP2, LLC.',
		'car|CAR1513|US|AgriCapture US Rice Methane Project|AgriCapture',
		'gs|10718|TZ|Zaidi Bomba Maji Arusha|Anthesis B.V.',
		'gs|11043|UG|GS5658 VPA 36: "Access to energy for local development and resilience building in Uganda"|Carbonsink (Carbonsink Group S.r.l.)',
		'gs|751|KH|National Biodigester Programme Cambodia|MAFF/National Biodigester Programme',
		'verra|101|IN|Bagasse based Co-generation Power Project at Khatauli|VCS project 101 proponent (not named in the export)',
		'verra|2498|PY|Afforestation of degraded grasslands in Caazapa and Guairá|VCS project 2498 proponent (not named in the export)'),
	'one asset per project, with proponent and region');

# Activities: one reduction per project and vintage, co2e = the vintage's issuances.
is(psql($db, q{SELECT string_agg(concat_ws('|', p.project_id, lower(v.period)::date, upper(v.period)::date, v.co2e), E'\n' ORDER BY p.registry, p.project_id, v.period)
                FROM greenattr.activity v JOIN greenattr_load.project p ON p.asset_id = v.asset_id}),
	join("\n",
		'ACR1129|2025-01-01|2026-01-01|35143 tCO2e',
		'ACR681|2022-01-01|2023-01-01|25245 tCO2e',
		'ACR681|2023-01-01|2024-01-01|7955 tCO2e',         # 7000 + 955
		'CAR1335|2025-01-01|2026-01-01|172206 tCO2e',      # 43873 + 128333
		'CAR1513|2024-01-01|2025-01-01|2187 tCO2e',
		'10718|2023-01-01|2024-01-01|4016 tCO2e',
		'11043|2023-01-01|2024-01-01|5300 tCO2e',
		'751|2024-01-01|2025-01-01|29396 tCO2e',
		'101|2006-04-01|2007-03-19|25433 tCO2e',
		'2498|2020-01-01|2020-11-20|94444 tCO2e'),         # 84773 + 725 + 8946
	'one activity per project and vintage');

# Holdings: what is retired, for whom, and what stays active.
is(psql($db, q{SELECT string_agg(concat_ws('|', h.block, h.status, coalesce(h.beneficiary, '-'), coalesce(h.purpose, '-')), E'\n' ORDER BY h.block)
                FROM greenattr.holding h}),
	join("\n",
		'ACR:ACR-FR-1129-2025-2917:4751-23327|retired|AWS|Environmental Benefit',
		'ACR:ACR-FR-1129-2025-2917:30932-35143|retired|AWS|Environmental Benefit',
		'ACR:ACR-US-681-2022-3337:1-25245|retired|Plansee Holding AG|On Behalf of Third Party',
		'ACR:ACR-US-681-2023-3338:1-669|retired|Plansee Holding AG|On Behalf of Third Party',
		'ACR:ACR-US-681-2023-3338:670-7955|retired|Plansee Holding AG|On Behalf of Third Party',
		'CAR:CAR-1-US-1335-31-983-KS-2025-9205:1-5000|retired|ClimeCo Corp MCK NAP2, LLC.|On Behalf of Third Party',
		'CAR:CAR-1-US-1335-31-983-KS-2025-9659:1-7275|retired|Maple Leaf Foods|Environmental Benefit',
		'CAR:CAR-1-US-1513-47-1212-AR-2024-8963:1-1837|retired|Artemeter, LLC|Retirement for Person or Organization',
		'GS:GS1-1-KH-GS751-4-2024-30297:1-1000|retired|(not disclosed in the export)|(not stated in the export)',
		'GS:GS1-1-KH-GS751-4-2024-30297:1001-29396|active|-|-',
		'GS:GS1-1-TZ-GS10718-16-2023-30276:1-4016|active|-|-',
		'GS:GS1-1-UG-GS11043-16-2023-30039:1-5000|retired|Groenbalans BV|Voluntary',
		'GS:GS1-1-UG-GS11043-16-2023-30039:5001-5300|retired|Groenbalans BV|Voluntary',
		'VCS::7863589-7889021|retired|(not disclosed in the export)|(not stated in the export)',
		'VCS::421604735-421605734|retired|DNV AS|Environmental Benefit',
		'VCS::421605735-421689507|active|-|-',
		'VCS::505972385-505973109|retired|Jebsen & Jessen (GmbH & Co.) KG|Environmental Benefit',
		'VCS::505973110-505982055|retired|(not disclosed in the export)|(not stated in the export)'),
	'holdings after the loads');
is(psql($db, q{SELECT count(*) || ' ' || sum(greenattr.units(block)) FROM greenattr.credit}),
	'15 228690', 'credit rows: 4 Verra, 3 GS, 5 ACR, 3 CAR');
	# Verra 84773 + 725 + 8946 + 25433 = 119877; GS 29396 + 5300 + 4016 = 38712;
	# ACR 4212 + 18577 + 25245 + 7286 + 669 = 55989; CAR 5000 + 7275 + 1837 = 14112.
is(psql($db, 'SELECT count(*) FROM greenattr.audit()'), '0', 'audit() is empty after the loads');

# Idempotence: every file again changes nothing; placed 0 everywhere.
my $before = fingerprint();
my $loads_before = psql($db, 'SELECT max(id) FROM greenattr_load.load');
for my $l (@loads)
{
	my ($reg, $kind, $file) = @$l;
	load($reg, $kind, "$fx/$file");
}
is(fingerprint(), $before, 'loading every file again leaves the registry unchanged');
is(psql($db, "SELECT sum(placed) || ' ' || sum(already_loaded) || ' ' || sum(rejected) FROM greenattr_load.load WHERE id > $loads_before"),
	'0 30 21', 'the second pass places nothing: the 29 placed and the 1 repeated record already loaded, the 21 bad ones rejected again');
is(psql($db, "SELECT count(*) FROM greenattr_load.report r WHERE r.load_id > $loads_before AND r.outcome = 'already loaded' AND r.reason !~ '^(block .* is already (issued|retired for .*)|issuance of [0-9]+ credits of project .* is already counted)\$'"),
	'0', 'already loaded rows say so');
is(psql($db, 'SELECT count(*) FROM greenattr.audit()'), '0', 'audit() is empty after the second pass');

# A file where nothing is rejected exits 0.
{
	open(my $in, '<', "$fx/gs_issuances.csv") or die;
	my @lines = <$in>;
	open(my $out, '>', "$dir/gs_one.csv") or die;
	print $out @lines[0, 1];
	close $out;
	my ($rc, $text) = load('gs', 'issuances', "$dir/gs_one.csv");
	is($rc, 0, 'a load with nothing rejected exits 0');
	like($text, qr/already loaded/, '... and its summary lists the record already loaded');
}

# A file lacking a required column is rejected as a whole.
{
	open(my $in, '<', "$fx/acr_retirements.csv") or die;
	my @lines = <$in>;
	$lines[0] =~ s/Credit Serial Numbers/Serials/;
	open(my $out, '>', "$dir/acr_renamed.csv") or die;
	print $out @lines;
	close $out;
	my $n = psql($db, 'SELECT count(*) FROM greenattr_load.load');
	my ($rc, $text) = load('acr', 'retirements', "$dir/acr_renamed.csv");
	is($rc, 2, 'a file without a required column: exit status 2');
	like($text, qr/lacks columns of a American Carbon Registry retirements export: "Credit Serial Numbers" \(serial\)/,
		'... naming the missing column');
	is(psql($db, 'SELECT count(*) FROM greenattr_load.load'), $n, '... and nothing of it is recorded');
	my ($rc2) = load('acr', 'issuances', "$fx/acr_retirements.csv");
	is($rc2, 2, 'a retirements file loaded as issuances is rejected as a whole');
}

# The remaining record checks, on a Verra file written here.
{
	my $h = 'Issuance Date,Sustainable Development Goals,Vintage Start,Vintage End,ID,Name,Country/Area,Project Type,Methodology,Total Vintage Quantity,Quantity Issued,Serial Number,Additional Certifications,Retirement/Cancellation Date,Retirement Beneficiary,Retirement Reason,Retirement Details';
	my $s = '-VCS-VCU-576-VER-PY-14-2498-01012019-31122019-0';
	open(my $out, '>', "$dir/verra_more.csv") or die;
	print $out join("\n", $h,
		",,2019-01-01,2019-12-31,,Project,Paraguay,AFOLU,AR-ACM0003,,100,1-900000001-900000100$s,,,,,",
		",,2019-01-01,2019-12-31,2498,Project,Paraguay,AFOLU,AR-ACM0003,,100,,,,,,",
		",,2019-01-01,2019-12-31,2498,Project,Paraguay,AFOLU,AR-ACM0003,,100,GS1-1-PY-GS2498-14-2019-1-1-100,,,,,",
		",,31/02/2019,2019-12-31,2498,Project,Paraguay,AFOLU,AR-ACM0003,,100,1-900000001-900000100$s,,,,,",
		",,2019-12-31,2019-01-01,2498,Project,Paraguay,AFOLU,AR-ACM0003,,100,1-900000001-900000100$s,,,,,",
		",,2019-01-01,2019-12-31,2498,Pro\"je\"ct,Paraguay,AFOLU,AR-ACM0003,,100,1-900000001-900000100$s,,,,,",
		",,2019-01-01,2019-12-31,2498,Project,Paraguay,AFOLU,AR-ACM0003,,0,1-900000001-900000100$s,,,,,",
		",,2019-01-01,2019-12-31,2498,\"Project never closed,Paraguay\n"), "\n";
	close $out;
	my ($rc) = load('verra', 'issuances', "$dir/verra_more.csv");
	is($rc, 1, 'more bad records: exit status 1');
	is(last_load(), '8 0 0 0 8', '... all rejected');
	is(psql($db, q{SELECT string_agg(concat_ws('|', row_no, coalesce(rule, '-'), sqlstate, reason), E'\n' ORDER BY row_no)
	                FROM greenattr_load.report WHERE load_id = (SELECT max(id) FROM greenattr_load.load)}),
		join("\n",
			'1|loader_project_id|22023|the record has no project id',
			'2|loader_serial|22023|project 2498: the record has no serial number',
			'3|loader_serial_registry|22023|serial GS1-1-PY-GS2498-14-2019-1-1-100 is a GS serial, not a VCS one',
			'4|-|22007|invalid date "31/02/2019"',
			'5|loader_vintage|22023|vintage "2019-12-31" to "2019-01-01" is not a period',
			'6|loader_csv|22P04|the record is not valid CSV (stray or unbalanced quote)',
			'7|loader_quantity|22023|project 2498: quantity 0 is not positive',
			'8|loader_csv|22P04|the file ends inside a quoted field'),
		'... each with its reason');

	open($out, '>', "$dir/empty.csv") or die;
	close $out;
	my $text;
	($rc, $text) = load('verra', 'issuances', "$dir/empty.csv");
	is($rc, 2, 'an empty file: exit status 2');
	like($text, qr/ERROR:  file \S+ is empty/, '... saying so');
	open($out, '>', "$dir/badheader.csv") or die;
	print $out "ID,Na\"m\"e\n1,2\n";
	close $out;
	($rc, $text) = load('verra', 'issuances', "$dir/badheader.csv");
	is($rc, 2, 'a header that is not CSV: exit status 2');
	like($text, qr/ERROR:  the header of \S+ is not a CSV record/, '... saying so');
	open($out, '>', "$dir/openheader.csv") or die;
	print $out "ID,\"Name\n1,2\n";
	close $out;
	($rc, $text) = load('verra', 'issuances', "$dir/openheader.csv");
	is($rc, 2, 'a header with an open quote: exit status 2');
	like($text, qr/ERROR:  the header of \S+ is not a CSV record/, '... saying so');
	open($out, '>', "$dir/header_only.csv") or die;
	print $out "$h\r\n";
	close $out;
	($rc) = load('verra', 'issuances', "$dir/header_only.csv");
	is($rc, 0, 'a file with a header (CRLF) and no records: exit status 0');
	is(last_load(), '0 0 0 0 0', '... and nothing read');
}

# Progress for large files: every N records.
{
	my ($rc, $text) = load('verra', 'issuances', "$fx/verra_vcus.csv", GREENATTR_LOAD_PROGRESS => 3, GREENATTR_LOAD_BATCH => 2);
	my @p = $text =~ /NOTICE:  load \d+: (\d+) records read/g;
	is("@p", '3 6', 'progress every 3 records');
	is(last_load(), '8 0 4 0 4', '... committing every 2 records gives the same counts');
}

# Usage errors.
{
	my ($rc) = load('nasa', 'issuances', "$fx/verra_vcus.csv");
	is($rc, 2, 'unknown registry: exit status 2');
	($rc) = load('verra', 'issuances', "$fx/verra_vcus.csv", GREENATTR_LOAD_BATCH => 0);
	is($rc, 2, 'batch size 0: exit status 2');
}

psql('postgres', "DROP DATABASE $db");
done_testing();
