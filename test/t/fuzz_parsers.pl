# Short fuzzing run of greenattr's text parsers (test/fuzz/): the type input
# functions of co2e, energy, emission_factor and certblock, and parse_serial
# (with format_serial), built outside the server with libFuzzer, AddressSanitizer
# and UndefinedBehaviorSanitizer.  Passes if the run ends with no crash, no
# timeout (an input taking over 5 s), no sanitizer report and no accepted
# garbage (see test/fuzz/fuzz_parsers.c for the oracles).
#
# GREENATTR_FUZZ_SECONDS sets the length of the run (default 15).  Skipped
# where no clang with a libFuzzer runtime is installed (Debian:
# libclang-rt-<version>-dev).
use strict;
use warnings;
use File::Temp qw(tempdir);
use Test::More;

my $root = $ENV{GREENATTR_ROOT} or die "GREENATTR_ROOT is not set";
my $pgconfig = defined $ENV{PGBIN} ? "$ENV{PGBIN}/pg_config" : 'pg_config';
my $seconds = $ENV{GREENATTR_FUZZ_SECONDS} // 15;
my $dir = tempdir('greenattr-fuzz-XXXXXX', TMPDIR => 1, CLEANUP => 1);

# Is there a clang that links libFuzzer?
my ($cc) = grep { defined && length } ($ENV{FUZZ_CC},
	map { my $p = `command -v $_ 2>/dev/null`; chomp $p; $p } qw(clang-14 clang));
($cc) = reverse sort glob('/usr/bin/clang-[0-9]*') unless $cc;
plan skip_all => 'no clang on this machine' unless $cc;
open my $probe, '>', "$dir/probe.c" or die;
print $probe "#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n";
close $probe;
plan skip_all => "$cc has no libFuzzer runtime"
	if system("$cc -fsanitize=fuzzer -o $dir/probe $dir/probe.c >/dev/null 2>&1") != 0;

my $build = `FUZZ_CC=$cc bash $root/test/fuzz/build.sh $dir $pgconfig 2>&1`;
ok($? == 0 && -x "$dir/fuzz_parsers", "harness builds with $cc") or diag($build);

# Corpus: the seeds (target byte + text).
mkdir "$dir/corpus" or die;
open my $seeds, '<', "$root/test/fuzz/seeds.txt" or die;
my $n = 0;
while (<$seeds>)
{
	next if /^#/ || !/\S/;
	chomp;
	my ($target, $text) = split /\t/, $_, 2;
	open my $f, '>:raw', "$dir/corpus/seed" . ++$n or die;
	print $f chr($target) . $text;
	close $f;
}
close $seeds;

my $log = `cd $dir && FUZZ_PARSERS_STATS=1 ./fuzz_parsers -dict=$root/test/fuzz/parsers.dict -max_total_time=$seconds -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 corpus 2>&1`;
my $rc = $?;
my ($runs) = $log =~ /Done (\d+) runs in/;
my @crashes = glob("$dir/crash-* $dir/timeout-* $dir/leak-* $dir/oom-*");
ok($rc == 0 && defined $runs && !@crashes, 'fuzz run ends with no crash, timeout, leak or sanitizer report')
	or diag(join("\n", grep { /ERROR|SUMMARY|fuzz_parsers:|input:|crash|Test unit/ } split /\n/, $log));
ok(defined $runs && $runs >= 10000, "fuzz run executed " . ($runs // 0) . " inputs in ${seconds} s");
# Every target saw inputs it accepted and inputs it rejected.
my %seen;
$seen{$1} = [$2, $3] while $log =~ /fuzz_parsers: (\S+)\s+accepted (\d+), rejected (\d+)/g;
for my $t (qw(co2e energy emission_factor certblock parse_serial))
{
	my ($acc, $rej) = @{ $seen{$t} // [0, 0] };
	ok($acc > 0 && $rej > 0, "$t: $acc accepted and round-tripped, $rej rejected with a documented SQLSTATE");
}
note("executions: " . ($runs // 'none') . ", crashes: " . scalar(@crashes));
done_testing();
