#!/usr/bin/perl
# pg_dump / pg_restore of a populated registry gives an identical registry.
#
# The registry's triggers re-check every row they see, so a restore must not
# replay them: restore with session_replication_role = replica (as a
# superuser), which loads the rows as dumped, then run greenattr.audit().
# This test also shows that a restore without it is refused rather than
# half-loaded silently.
use strict;
use warnings;
use Test::More;
use lib "$ENV{GREENATTR_ROOT}/test/t/lib";
use GreenattrTap;
use File::Temp qw(tempdir);

my $bin  = $ENV{PGBIN} or die "PGBIN is not set";
my $root = $ENV{GREENATTR_ROOT} or die "GREENATTR_ROOT is not set";
my $dir  = tempdir(CLEANUP => 1);
$ENV{PGOPTIONS} = '-c client_min_messages=warning';


sub run_ok
{
	my ($name, @cmd) = @_;
	ok(system(@cmd) == 0, $name);
}

# Content fingerprint of every table of the extension, row by row.
sub fingerprint
{
	my ($db) = @_;
	my @tables = split /\n/, psql($db, q{
		SELECT c.oid::regclass FROM pg_class c
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind = 'r'
		 ORDER BY c.relname});
	return join("\n", map {
		"$_ " . table_digest($db, $_)
	} @tables);
}

psql('postgres', 'DROP DATABASE IF EXISTS ga_dump_src');
psql('postgres', 'DROP DATABASE IF EXISTS ga_dump_dst');
psql('postgres', 'DROP DATABASE IF EXISTS ga_dump_bad');
psql('postgres', 'CREATE DATABASE ga_dump_src');
psql('ga_dump_src', 'SET client_min_messages = warning; CREATE EXTENSION greenattr CASCADE');
run_ok('demo registry loads', "$bin/psql -X -q -v ON_ERROR_STOP=1 -d ga_dump_src -f $root/contrib/demo/demo.sql >/dev/null");
# Rows a DBA adds to reference tables are dumped; shipped rows are not.
psql('ga_dump_src', q{INSERT INTO greenattr.mechanism (code, family, unit, name) VALUES ('MYREC', 'certificate', 'MWh', 'A DBA''s own certificate')});
psql('ga_dump_src', q{INSERT INTO greenattr.region (code, parent, name, level) VALUES ('CN-GD-GZ', 'CN-GD', 'Guangzhou', 'city')});

# A DBA's own table under a guard (38_guard.sql): the mapping and the ledger are
# dumped with the extension's tables, the table and its triggers as the DBA's own.
# (The demo gives its rows explicit ids, so these take the next free ones.)
my $plant = psql('ga_dump_src', q{
	WITH e AS (INSERT INTO greenattr.entity (id, name, region)
	           SELECT max(id) + 1, 'Dump Wind Co', 'CN-GD' FROM greenattr.entity RETURNING id)
	INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id)
	SELECT (SELECT max(id) + 1 FROM greenattr.asset), 'Dump wind farm', 'generator', 'wind', 'CN-GD', e.id FROM e RETURNING id});
psql('ga_dump_src', qq{INSERT INTO greenattr.activity (id, asset_id, kind, period, energy)
	SELECT max(id) + 1, $plant, 'generation', '[2024-01-01 00:00+00,2024-02-01 00:00+00)', '1000 MWh' FROM greenattr.activity});
psql('ga_dump_src', qq{CREATE TABLE public.my_gec (serial text PRIMARY KEY, plant bigint, month daterange, mwh numeric);
	INSERT INTO public.my_gec VALUES ('GEC:DUMP:1-100', $plant, '[2024-01-01,2024-02-01)', 100)});
is(psql('ga_dump_src', q{SELECT greenattr.guard('public.my_gec', block => 'serial', asset => 'plant', period => 'month',
	amount => 'mwh', mechanism => 'GEC')}), '1', 'guard() takes the DBA table\'s row into the ledger');
psql('ga_dump_src', qq{INSERT INTO public.my_gec VALUES ('GEC:DUMP:101-900', $plant, '[2024-01-01,2024-02-01)', 800)});

run_ok('pg_dump -Fc', "$bin/pg_dump -Fc -f $dir/registry.dump ga_dump_src 2>/dev/null");

psql('postgres', 'CREATE DATABASE ga_dump_dst');
{
	local $ENV{PGOPTIONS} = '-c client_min_messages=warning -c session_replication_role=replica';
	run_ok('pg_restore with session_replication_role = replica', "$bin/pg_restore -d ga_dump_dst $dir/registry.dump");
}

my $src = fingerprint('ga_dump_src');
my $dst = fingerprint('ga_dump_dst');
is($dst, $src, 'every table of the restored registry has the same rows');
is(psql('ga_dump_dst', q{SELECT count(*) FROM greenattr.mechanism WHERE code IN ('GEC', 'MYREC')}), '2',
	'shipped and DBA-added mechanisms appear once each');
is(psql('ga_dump_dst', 'SELECT count(*) FROM greenattr.audit()'), '0', 'audit() finds nothing to report after the restore');
is(psql('ga_dump_dst', q{SELECT string_agg(serial || ' ' || mwh, ', ' ORDER BY serial) FROM public.my_gec}),
	'GEC:DUMP:1-100 100, GEC:DUMP:101-900 800', 'the guarded table has its rows');
is(psql('ga_dump_dst', q{SELECT count(*) FROM greenattr.guarded_claim WHERE tbl = 'public.my_gec'::regclass}), '2',
	'... and the ledger its two claims, under the restored table');
is(psql('ga_dump_dst', q{SELECT string_agg(tgname, ', ' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'public.my_gec'::regclass}),
	'greenattr_guard, greenattr_guard_truncate', 'the guard triggers are restored');
# The restored guard works: 900 of the activity's 1000 MWh are claimed.
ok(system("$bin/psql -X -q -v ON_ERROR_STOP=1 -d ga_dump_dst -c \"INSERT INTO public.my_gec VALUES ('GEC:DUMP:901-1001', $plant, '[2024-01-01,2024-02-01)', 101)\" 2>/dev/null") != 0,
	'the restored guard refuses a row that over-claims the activity');
psql('ga_dump_dst', qq{INSERT INTO public.my_gec VALUES ('GEC:DUMP:901-1000', $plant, '[2024-01-01,2024-02-01)', 100)});
is(psql('ga_dump_dst', q{SELECT count(*) FROM greenattr.guarded_claim}), '3', '... and takes the row that fits');
is(psql('ga_dump_dst', q{SELECT greenattr.issue('GEC', 2, 10, 2)}),
	psql('ga_dump_src', q{SELECT greenattr.issue('GEC', 2, 10, 2)}),
	'serial allocation continues where the source left off');
is(psql('ga_dump_dst', q{SELECT count(*) FROM greenattr.journal}), psql('ga_dump_src', q{SELECT count(*) FROM greenattr.journal}),
	'the journal continues in both');

# Without replica mode the registry's triggers refuse to replay the dump.
psql('postgres', 'CREATE DATABASE ga_dump_bad');
my $plain = system("$bin/pg_restore -d ga_dump_bad $dir/registry.dump >$dir/plain.log 2>&1");
ok($plain != 0, 'a restore that replays the triggers is refused');
like(do { local (@ARGV, $/) = ("$dir/plain.log"); <> }, qr/holdings cannot be changed by a direct INSERT/,
	'... by the holding guard, with its message');

psql('postgres', "DROP DATABASE $_") for qw(ga_dump_src ga_dump_dst ga_dump_bad);
done_testing();
