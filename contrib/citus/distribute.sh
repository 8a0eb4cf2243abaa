#!/usr/bin/env bash
# contrib/citus/distribute.sh: turn an installed greenattr registry on a Citus
# cluster into a distributed one.  Arguments: psql connection options for the
# coordinator (e.g. -h /path/to/sock -p 54430 -U postgres -d greenattr).
# Runs prepare.sql on every node listed in pg_dist_node (connecting with the
# node's name and port, the same user and database), then distribute.sql on the
# coordinator.  Needs Citus and greenattr 0.2 installed on every node.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PSQL=${PSQL:-psql}
coord=("$@")
user=$($PSQL -X -Atq "${coord[@]}" -c 'SELECT current_user')
db=$($PSQL -X -Atq "${coord[@]}" -c 'SELECT current_database()')
$PSQL -X -Atq "${coord[@]}" -c "SELECT nodename || ' ' || nodeport FROM pg_catalog.pg_dist_node WHERE isactive AND noderole = 'primary' ORDER BY groupid" |
while read -r host port; do
	echo "== prepare.sql on $host:$port"
	$PSQL -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" -d "$db" -f "$here/prepare.sql"
done
echo "== distribute.sql on the coordinator"
$PSQL -X -q -v ON_ERROR_STOP=1 "${coord[@]}" -f "$here/distribute.sql"
