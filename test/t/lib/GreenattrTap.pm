# Helpers shared by the TAP tests of test/t/ (the runner, test/lib/leg.sh, sets
# PGBIN, PGHOST, PGPORT and PGUSER for the leg's instance).
package GreenattrTap;
use strict;
use warnings;
use Exporter 'import';
our @EXPORT = qw(psql table_digest);

# Run SQL through psql; return its unaligned, tuples-only output without the
# trailing newline.  Dies, naming the statement, if psql fails.
sub psql
{
	my ($db, $sql) = @_;
	my $bin = $ENV{PGBIN} or die "PGBIN is not set";
	open(my $fh, '-|', "$bin/psql", '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', $db, '-c', $sql)
	  or die "psql: $!";
	my $out = do { local $/; <$fh> };
	close($fh) or die "psql failed on: $sql";
	$out =~ s/\s+\z//;
	return $out;
}

# "count md5" of a table's rows (optionally those matching a condition), in a
# stable order: equal digests mean equal contents.
sub table_digest
{
	my ($db, $table, $where) = @_;
	my $filter = defined $where ? " WHERE $where" : '';
	return psql($db, "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM $table t$filter");
}

1;
