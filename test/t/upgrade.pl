#!/usr/bin/perl
# ALTER EXTENSION greenattr UPDATE from the previous release.
#
# A registry populated under 0.1 (the install script of that release, kept as
# src/sql/greenattr--0.1.sql) is updated to the current version.  Afterwards:
# - its catalog equals a fresh CREATE EXTENSION of the current version, object by
#   object (members, definitions of functions, tables, constraints, indexes,
#   triggers, views, policies, operators, casts, comments, privileges, dumped
#   tables), so a database's history does not change what it enforces;
# - the shipped reference rows equal those of a fresh install;
# - the registry's own rows are untouched, the journal still verifies, audit()
#   is empty, and the verbs work on the updated registry.
use strict;
use warnings;
use Test::More;
use lib "$ENV{GREENATTR_ROOT}/test/t/lib";
use GreenattrTap;

my $bin = $ENV{PGBIN} or die "PGBIN is not set";
$ENV{PGOPTIONS} = '-c client_min_messages=warning';


my ($old, $new) = ('0.1', psql('postgres', q{SELECT default_version FROM pg_available_extensions WHERE name = 'greenattr'}));
isnt($old, $new, "the current version ($new) is not the previous release ($old)");

# One query per kind of catalog object, each row naming its object and its whole
# definition; object identifiers never appear, so two databases compare as text.
my %catalog = (
	members => q{
		SELECT pg_describe_object(d.classid, d.objid, 0) FROM pg_depend d
		  JOIN pg_extension e ON e.oid = d.refobjid AND d.refclassid = 'pg_extension'::regclass
		 WHERE e.extname = 'greenattr' AND d.deptype = 'e'},
	functions => q{
		SELECT p.oid::regprocedure || ' ' || pg_get_functiondef(p.oid) || ' acl=' || coalesce(p.proacl::text, '-')
		       || ' owner=' || p.proowner::regrole
		       || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
		  FROM pg_proc p WHERE p.pronamespace = 'greenattr'::regnamespace AND p.prokind IN ('f', 'p', 'w')},
	aggregates => q{
		SELECT a.aggfnoid::regprocedure || ' ' || a.aggtransfn::regproc || ' ' || a.aggfinalfn::regproc || ' '
		       || a.aggcombinefn::regproc || ' ' || a.aggserialfn::regproc || ' ' || a.aggdeserialfn::regproc || ' '
		       || a.aggtranstype::regtype || ' ' || coalesce(a.agginitval, '-') || ' ' || a.aggkind::text
		       || ' finalmodify=' || a.aggfinalmodify::text || ' finalextra=' || a.aggfinalextra
		       || ' sortop=' || a.aggsortop::regoperator || ' transspace=' || a.aggtransspace
		       || ' moving=' || a.aggmtransfn::regproc || '/' || a.aggminvtransfn::regproc || '/' || a.aggmfinalfn::regproc
		       || '/' || a.aggmtranstype::regtype || '/' || coalesce(a.aggminitval, '-')
		       || ' acl=' || coalesce(p.proacl::text, '-') || ' owner=' || p.proowner::regrole
		  FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
		 WHERE p.pronamespace = 'greenattr'::regnamespace},
	relations => q{
		SELECT c.oid::regclass || ' kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text
		       || ' rls=' || c.relrowsecurity || '/' || c.relforcerowsecurity
		       || ' options=' || coalesce(c.reloptions::text, '-') || ' acl=' || coalesce(c.relacl::text, '-')
		       || ' bound=' || coalesce(pg_get_expr(c.relpartbound, c.oid), '-')
		       || ' partkey=' || coalesce(pg_get_partkeydef(c.oid), '-') || ' owner=' || c.relowner::regrole
		       || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '-')
		  FROM pg_class c WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind::text <> 'i'},
	columns => q{
		SELECT a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
		       || ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
		       || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
		       || ' acl=' || coalesce(a.attacl::text, '-')
		       || ' comment=' || coalesce(col_description(a.attrelid, a.attnum), '-')
		  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped},
	# Column order matters for SELECT * and COPY: compare it too.
	column_order => q{
		SELECT c.oid::regclass || ' ' || string_agg(a.attname, ',' ORDER BY a.attnum)
		  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind::text IN ('r', 'p', 'v', 'm')
		 GROUP BY c.oid},
	constraints => q{
		SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
		       || ' deferrable=' || condeferrable || '/' || condeferred || ' valid=' || convalidated
		       || ' comment=' || coalesce(obj_description(oid, 'pg_constraint'), '-')
		  FROM pg_constraint WHERE connamespace = 'greenattr'::regnamespace},
	indexes => q{
		SELECT pg_get_indexdef(i.indexrelid) || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '-')
		  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
		 WHERE c.relnamespace = 'greenattr'::regnamespace},
	triggers => q{
		SELECT pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
		       || ' comment=' || coalesce(obj_description(t.oid, 'pg_trigger'), '-') FROM pg_trigger t
		  JOIN pg_class c ON c.oid = t.tgrelid
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND NOT t.tgisinternal},
	views => q{
		SELECT c.oid::regclass || ' ' || pg_get_viewdef(c.oid) FROM pg_class c
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind::text IN ('v', 'm')},
	policies => q{
		SELECT p.polrelid::regclass || ' ' || p.polname || ' ' || p.polcmd::text || ' ' || p.polpermissive
		       || ' roles=' || (SELECT string_agg(CASE r WHEN 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1)
		                          FROM unnest(p.polroles) r)
		       || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-')
		       || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
		  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
		 WHERE c.relnamespace = 'greenattr'::regnamespace},
	types => q{
		SELECT t.oid::regtype || ' ' || t.typtype::text || ' len=' || t.typlen || ' byval=' || t.typbyval
		       || ' align=' || t.typalign::text || ' in=' || t.typinput::regproc || ' out=' || t.typoutput::regproc
		       || ' recv=' || t.typreceive::regproc || ' send=' || t.typsend::regproc
		       || ' category=' || t.typcategory::text || ' acl=' || coalesce(t.typacl::text, '-')
		       || ' base=' || t.typbasetype::regtype || ' notnull=' || t.typnotnull || ' default=' || coalesce(t.typdefault, '-')
		       || ' owner=' || t.typowner::regrole
		       || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '-')
		  FROM pg_type t WHERE t.typnamespace = 'greenattr'::regnamespace AND t.typtype::text <> 'c'},
	operators => q{
		SELECT o.oid::regoperator || ' ' || o.oprcode::regproc || ' com=' || o.oprcom::regoperator
		       || ' neg=' || o.oprnegate::regoperator || ' rest=' || o.oprrest::regproc || ' join=' || o.oprjoin::regproc
		       || ' merge=' || o.oprcanmerge || ' hash=' || o.oprcanhash
		       || ' comment=' || coalesce(obj_description(o.oid, 'pg_operator'), '-')
		  FROM pg_operator o WHERE o.oprnamespace = 'greenattr'::regnamespace},
	opclasses => q{
		SELECT am.amname || ' ' || oc.opcname || ' ' || oc.opcintype::regtype || ' default=' || oc.opcdefault
		       || ' ops=' || coalesce((SELECT string_agg(ao.amopstrategy || ':' || ao.amopopr::regoperator, ',' ORDER BY ao.amopstrategy)
		                                 FROM pg_amop ao WHERE ao.amopfamily = oc.opcfamily), '-')
		       || ' procs=' || coalesce((SELECT string_agg(ap.amprocnum || ':' || ap.amproc::regprocedure, ',' ORDER BY ap.amprocnum)
		                                   FROM pg_amproc ap WHERE ap.amprocfamily = oc.opcfamily), '-')
		  FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod
		 WHERE oc.opcnamespace = 'greenattr'::regnamespace},
	casts => q{
		SELECT c.castsource::regtype || ' -> ' || c.casttarget::regtype || ' ' || coalesce(c.castfunc::regprocedure::text, '-')
		       || ' ' || c.castcontext::text || c.castmethod::text
		  FROM pg_cast c
		 WHERE c.castsource IN (SELECT oid FROM pg_type WHERE typnamespace = 'greenattr'::regnamespace)
		    OR c.casttarget IN (SELECT oid FROM pg_type WHERE typnamespace = 'greenattr'::regnamespace)},
	dumped_tables => q{
		SELECT c::regclass || ' where=' || coalesce(w, '')
		  FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS x(c, w)
		 WHERE e.extname = 'greenattr'},
	sequences => q{
		SELECT q.seqrelid::regclass || ' ' || q.seqtypid::regtype || ' start=' || q.seqstart || ' inc=' || q.seqincrement
		       || ' min=' || q.seqmin || ' max=' || q.seqmax || ' cache=' || q.seqcache || ' cycle=' || q.seqcycle
		       || ' owned_by=' || coalesce((SELECT d.refobjid::regclass || '.' || a.attname FROM pg_depend d
		                                     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
		                                    WHERE d.classid = 'pg_class'::regclass AND d.objid = q.seqrelid
		                                      AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0), '-')
		  FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid
		 WHERE c.relnamespace = 'greenattr'::regnamespace},
	# The privileges pg_dump takes as the extension's own (and so leaves out of a dump).
	init_privs => q{
		SELECT pg_describe_object(i.classoid, i.objoid, i.objsubid) || ' ' || i.privtype::text || ' ' || i.initprivs::text
		  FROM pg_init_privs i
		  JOIN pg_depend d ON d.classid = i.classoid AND d.objid = i.objoid AND d.deptype = 'e'
		  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'greenattr'},
	schema => q{
		SELECT n.nspname || ' owner=' || n.nspowner::regrole || ' acl=' || coalesce(n.nspacl::text, '-')
		  FROM pg_namespace n WHERE n.nspname = 'greenattr'},
);

sub catalog
{
	my ($db) = @_;
	return { map {
		my $q = $catalog{$_};
		($_ => psql($db, "SELECT string_agg(x, E'\\x1e' ORDER BY x) FROM ($q) s(x)"))
	} keys %catalog };
}

# Rows the extension ships in its reference tables (those with a "shipped" flag).
sub shipped_rows
{
	my ($db) = @_;
	my @tables = split /\n/, psql($db, q{
		SELECT a.attrelid::regclass FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		 WHERE c.relnamespace = 'greenattr'::regnamespace AND c.relkind::text = 'r' AND a.attname = 'shipped'
		 ORDER BY 1::text});
	return join("\n", map {
		"$_ " . table_digest($db, $_, 'shipped')
	} @tables);
}

# Every row of the registry's own tables, for "untouched by the update".
sub registry_rows
{
	my ($db) = @_;
	return join("\n", map {
		"$_ " . table_digest($db, "greenattr.$_")
	} qw(entity asset activity account instrument holding numbering journal));
}

psql('postgres', "DROP DATABASE IF EXISTS $_") for qw(ga_upgrade ga_fresh);
psql('postgres', "CREATE DATABASE $_") for qw(ga_upgrade ga_fresh);

psql('ga_upgrade', "CREATE EXTENSION greenattr VERSION '$old' CASCADE");
is(psql('ga_upgrade', q{SELECT extversion FROM pg_extension WHERE extname = 'greenattr'}), $old, "installed $old");

# A small registry under the old release: issue, split by a transfer, retire, cancel.
psql('ga_upgrade', q{
	INSERT INTO greenattr.entity (id, name, region) VALUES (1, 'Windco', 'CN-GD'), (2, 'Buyer', 'CN-BJ');
	INSERT INTO greenattr.asset (id, name, kind, technology, region, owner_id)
	VALUES (1, 'Wind farm A', 'generator', 'wind', 'CN-GD', 1), (2, 'Forest B', 'project', 'forestry', 'CN-FJ', 1);
	INSERT INTO greenattr.activity (id, asset_id, kind, period, energy, co2e) VALUES
		(1, 1, 'generation', '[2024-01-01,2024-02-01)', '1000 MWh', NULL),
		(2, 2, 'reduction', '[2023-01-01,2024-01-01)', NULL, '5000 t');
	INSERT INTO greenattr.account (id, holder_id, name) VALUES (1, 1, 'Windco holding'), (2, 2, 'Buyer holding');
});
my $gec = psql('ga_upgrade', q{SELECT greenattr.issue('GEC', 1, 600, 1)});
my $ccer = psql('ga_upgrade', q{SELECT greenattr.issue('CCER', 2, 2000, 1)});
psql('ga_upgrade', qq{
	SELECT greenattr.transfer(greenattr.certblock(greenattr.scheme('$gec'), greenattr.space('$gec'),
		greenattr.first_unit('$gec') + 100, greenattr.first_unit('$gec') + 299), 2);
	SELECT greenattr.retire(greenattr.certblock(greenattr.scheme('$gec'), greenattr.space('$gec'),
		greenattr.first_unit('$gec') + 100, greenattr.first_unit('$gec') + 149), 'Buyer', 'scope2');
	SELECT greenattr.cancel(greenattr.certblock(greenattr.scheme('$ccer'), greenattr.space('$ccer'),
		greenattr.first_unit('$ccer'), greenattr.first_unit('$ccer') + 9), 'issued in error');
});
my $before = registry_rows('ga_upgrade');
is(psql('ga_upgrade', 'SELECT count(*) FROM greenattr.holding'), '6', "the $old registry has its 6 holdings");

psql('ga_upgrade', "ALTER EXTENSION greenattr UPDATE TO '$new'");
is(psql('ga_upgrade', q{SELECT extversion FROM pg_extension WHERE extname = 'greenattr'}), $new, "updated to $new");

psql('ga_fresh', 'CREATE EXTENSION greenattr CASCADE');
my ($updated, $fresh) = (catalog('ga_upgrade'), catalog('ga_fresh'));
# Objects (records separated by \x1e) on one side only, marked as in diff:
# "-" only in the fresh install, "+" only in the updated database.
sub difference
{
	my ($fresh, $updated) = @_;
	my %f = map { $_ => 1 } split /\x1e/, $fresh;
	my %u = map { $_ => 1 } split /\x1e/, $updated;
	return join("\n", (map { "- $_" } grep { !$u{$_} } sort keys %f), (map { "+ $_" } grep { !$f{$_} } sort keys %u));
}
for my $kind (sort keys %catalog) {
	ok(length $fresh->{$kind} || $kind =~ /^(aggregates|policies|casts)$/, "fresh install has $kind");
	is(difference($fresh->{$kind}, $updated->{$kind}), '', "$kind: the updated catalog equals a fresh install");
}
is(shipped_rows('ga_upgrade'), shipped_rows('ga_fresh'), 'shipped reference rows equal those of a fresh install');
is(registry_rows('ga_upgrade'), $before, "the registry's rows are untouched by the update");
is(psql('ga_upgrade', 'SELECT count(*) FROM greenattr.audit()'), '0', 'audit() is empty after the update');
is(psql('ga_upgrade', 'SELECT valid FROM greenattr.verify_journal()'), 't', 'the journal chain still verifies');

# The verbs go on where the old release left off.
my $next = psql('ga_upgrade', q{SELECT greenattr.issue('GEC', 1, 400, 1)});
is(psql('ga_upgrade', qq{SELECT greenattr.first_unit('$next') = greenattr.last_unit('$gec') + 1}), 't',
	'serial allocation continues after the old issuances');
my $over = system("$bin/psql -X -q -v ON_ERROR_STOP=1 -d ga_upgrade -c \"SELECT greenattr.issue('GEC', 1, 1, 1)\" >/dev/null 2>&1");
ok($over != 0, 'the one-attribute rule still refuses a 1001st MWh of the activity');
is(psql('ga_upgrade', 'SELECT count(*) FROM greenattr.audit()'), '0', 'audit() is empty after new verbs');

psql('postgres', "DROP DATABASE $_") for qw(ga_upgrade ga_fresh);
done_testing();
