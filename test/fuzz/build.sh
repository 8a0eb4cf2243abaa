#!/usr/bin/env bash
# Build the libFuzzer harness of greenattr's parsers outside the server:
#   bash test/fuzz/build.sh OUTDIR [PG_CONFIG]
# Compiles the unmodified parser sources (quantity_parse.c, quantity_units.c,
# certblock_ops.c for the numbering-space comparison format_serial uses,
# certblock_io.c, serial.c) with the server's headers, the shim for the few
# server functions they call (pg_shim.c) and the harness, with clang's
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer.  Prints the
# binary's path.  Needs clang (clang-14 or newer) with its libFuzzer runtime
# (Debian: libclang-rt-14-dev).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:?usage: build.sh OUTDIR [PG_CONFIG]}
pgconfig=${2:-pg_config}
cc=${FUZZ_CC:-$(command -v clang-14 || command -v clang || ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -n1 || true)}
[ -n "$cc" ] || { echo "build.sh: no clang found (set FUZZ_CC)" >&2; exit 3; }
inc=$("$pgconfig" --includedir-server)
if [ ! -e "$inc/postgres.h" ]; then
	# a relocated copy of the binaries (test/lib/instance.sh) has no headers:
	# use the system's for the same major version
	major=$("$pgconfig" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	inc=/usr/include/postgresql/$major/server
fi
mkdir -p "$out"
"$cc" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-Wall -Wno-unused-parameter -Wno-unused-command-line-argument -Wno-compound-token-split-by-macro -Wno-ignored-attributes \
	-I"$root/src" -I"$here" -I"$inc" \
	"$here/fuzz_parsers.c" "$here/pg_shim.c" \
	"$root/src/quantity_parse.c" "$root/src/quantity_units.c" \
	"$root/src/certblock_io.c" "$root/src/certblock_ops.c" "$root/src/serial.c" \
	-o "$out/fuzz_parsers"
echo "$out/fuzz_parsers"
