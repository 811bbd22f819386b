# shellcheck shell=bash
# A throwaway PostgreSQL cluster for the store's tests (labourlink-store, labourlink-cli).
# Sourced by .ci/run; usable by hand too:
#
#   source .ci/postgres.sh
#   pg_start && pg_env      # exports LABOURLINK_TEST_POSTGRES_URL (and LABOURLINK_REQUIRE_POSTGRES=1)
#   ...                     # cargo test -p labourlink-store -p labourlink-cli
#   pg_stop
#
# pg_start installs Debian's `postgresql` when no server binaries are there, then initdb's a
# cluster in $LABOURLINK_PG_DIR and starts it on 127.0.0.1 and a free port (unix socket in the
# same directory), as the unprivileged user `nobody` when run as root (PostgreSQL refuses to run
# as root), trust authentication for the one local user `labourlink`, database
# `labourlink_test`. Nothing system-wide is configured or started (no pg_ctlcluster, no
# systemd). pg_start may run in a subshell (run_step pipes it through tee): it writes the URL
# to $LABOURLINK_PG_DIR/url and pg_env, run in the calling shell, exports it.
# pg_stop stops the cluster and removes the directory; calling it twice is harmless.
#
# TLS: pg_start makes a throwaway CA and a server certificate for localhost / 127.0.0.1 with
# the `openssl` CLI (EC P-256, valid two days) and starts the cluster with ssl=on (plain
# connections stay allowed). pg_env exports the CA's path as LABOURLINK_TEST_POSTGRES_CA; when
# the certificates cannot be made the cluster runs without TLS, pg_start says so, and the TLS
# tests fail under LABOURLINK_REQUIRE_POSTGRES=1 (SKIP printed otherwise).

: "${LABOURLINK_PG_DIR:=${TMPDIR:-/tmp}/labourlink-pg.$$}"
export LABOURLINK_PG_DIR

_pg_as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The newest installed server's bin directory, or nothing.
_pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

# Runs a command as the cluster's owner: `nobody` when we are root, ourselves otherwise.
_pg_run() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

_pg_free_port() {
  python3 - <<'PY' 2>/dev/null && return 0
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
  # No python3: probe a small range with bash's /dev/tcp.
  local p
  for p in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}

# _pg_tls DIR: a CA and a server certificate in DIR/tls, readable by the cluster's owner only.
_pg_tls() {
  local d=$1/tls
  command -v openssl >/dev/null || { echo "WARNING: no openssl CLI: the cluster runs WITHOUT TLS"; return 1; }
  mkdir -p "$d" || return 1
  if ! (
    cd "$d" \
      && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj "/CN=labourlink throwaway test CA" -keyout ca.key -out ca.crt \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      && openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
        -keyout server.key -out server.csr \
      && printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >server.ext \
      && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
        -extfile server.ext -out server.crt
  ) >"$1/tls.log" 2>&1; then
    cat "$1/tls.log"
    echo "WARNING: the test certificates could not be made: the cluster runs WITHOUT TLS"
    return 1
  fi
  rm -f "$d/ca.key" "$d/server.csr"
  chmod 600 "$d/server.key"
  [ "$(id -u)" = 0 ] && chown -R nobody "$d"
  return 0
}

pg_start() {
  local bin port dir=$LABOURLINK_PG_DIR
  bin=$(_pg_bindir)
  if [ -z "$bin" ]; then
    echo "apt-get install postgresql"
    _pg_as_root apt-get update -qq \
      && _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql \
      || return 1
    bin=$(_pg_bindir) || { echo "postgresql installed but no server binaries found"; return 1; }
    # Debian's package starts its own main cluster; it is not ours and not needed.
    _pg_as_root pg_ctlcluster --help >/dev/null 2>&1 && _pg_as_root service postgresql stop >/dev/null 2>&1
  fi
  "$bin/postgres" --version
  if [ -f "$dir/data/postmaster.pid" ]; then pg_stop; fi
  rm -rf "$dir" && mkdir -p "$dir" || return 1
  [ "$(id -u)" = 0 ] && chown nobody "$dir"
  chmod 700 "$dir"
  port=$(_pg_free_port) || { echo "no free port"; return 1; }
  _pg_run "$bin/initdb" -D "$dir/data" -U labourlink --auth=trust -E UTF8 --no-locale --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; return 1; }
  local tls=""
  if _pg_tls "$dir"; then
    tls="-c ssl=on -c ssl_cert_file=$dir/tls/server.crt -c ssl_key_file=$dir/tls/server.key"
  fi
  # fsync stays on (the default): the durability tests rely on it.
  _pg_run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=100 $tls" start \
    || { cat "$dir/server.log"; return 1; }
  if [ -n "$tls" ]; then
    cp "$dir/tls/ca.crt" "$dir/ca.crt" && echo "$dir/ca.crt" >"$dir/tls_ca"
    echo "PostgreSQL TLS on (ssl=on; test CA $dir/ca.crt)"
  fi
  _pg_run "$bin/createdb" -h 127.0.0.1 -p "$port" -U labourlink labourlink_test || return 1
  echo "postgresql://labourlink@127.0.0.1:$port/labourlink_test" >"$dir/url"
  echo "PostgreSQL up: $(cat "$dir/url") (data in $dir/data, log $dir/server.log)"
}

# Exports the URL of the cluster pg_start started (in this shell). In CI the PostgreSQL tests
# then fail instead of skipping when the URL is missing: the cluster must start there.
pg_env() {
  export LABOURLINK_REQUIRE_POSTGRES=1
  if [ -s "$LABOURLINK_PG_DIR/url" ]; then
    LABOURLINK_TEST_POSTGRES_URL=$(cat "$LABOURLINK_PG_DIR/url")
    export LABOURLINK_TEST_POSTGRES_URL
    if [ -s "$LABOURLINK_PG_DIR/tls_ca" ]; then
      LABOURLINK_TEST_POSTGRES_CA=$(cat "$LABOURLINK_PG_DIR/tls_ca")
      export LABOURLINK_TEST_POSTGRES_CA
    else
      echo "WARNING: the PostgreSQL cluster has no TLS; the TLS store tests will fail"
    fi
  else
    echo "WARNING: no PostgreSQL cluster; the PostgreSQL store tests will fail"
  fi
}

pg_stop() {
  local bin dir=$LABOURLINK_PG_DIR
  bin=$(_pg_bindir)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    _pg_run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop
  fi
  rm -rf "$dir"
}
