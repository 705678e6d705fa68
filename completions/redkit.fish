function __redkit_check_names
    printf '%s\n' reachability latency server memory clients persistence replication keyspace slowlog evictions rejected_connections expired error_replies full_syncs maxmemory output_buffers backlog cluster cluster_state cluster_slots cluster_nodes cluster_replicas skew sentinel sentinel_master sentinel_quorum streams jobs
end

# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_redkit_global_optspecs
    string join \n config= profile= env-file= no-env-file u/url= host= port= db= user= password-file= askpass cluster sentinel= master-name= tls cacert= cert= key= insecure connect-timeout= timeout= format= color= q/quiet v/verbose wide h/help V/version
end

function __fish_redkit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_redkit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_redkit_using_subcommand
    set -l cmd (__fish_redkit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c redkit -n "__fish_redkit_needs_command" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_needs_command" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_needs_command" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_needs_command" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_needs_command" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_needs_command" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_needs_command" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_needs_command" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_needs_command" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_needs_command" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_needs_command" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_needs_command" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_needs_command" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_needs_command" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_needs_command" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_needs_command" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_needs_command" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_needs_command" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_needs_command" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_needs_command" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "validate-env" -d 'Check the environment and .env against a spec (required/recommended/optional, typed)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "run" -d 'Validate the environment (optionally wait for its services), then exec CMD with it'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "health" -d 'Check every node\'s health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "ping" -d 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "cache" -d 'Flush or size cache keys by prefix or pattern (SCAN + UNLINK, never FLUSHDB)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "bench" -d 'Generate load and measure latency percentiles; save and compare baselines'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "stream" -d 'Inspect and operate the application\'s Redis Streams: list, read, tail, jobs, groups, claim, trim'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "wait" -d 'Block until Redis and the database are ready (exit 3 naming what is not, after --max-wait)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "migrate" -d 'Database migrations of the application\'s tables (message_recipients)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "config" -d 'Show the resolved settings and where each came from, secrets masked'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "init" -d 'Write a commented starter redkit.yaml'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "top" -d 'Live view of every node: ops/s, p99, memory, hit %, clients, evictions, lag (q quits)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l timeout -d 'Timeout for each reply or statement [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l spec -d 'Spec file (YAML with required/recommended/optional, or an env: section)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l dotenv -d 'How the application reads .env: python (python-dotenv, the default), shell (bash\'s `set -a; . ./.env`), compose (docker compose env_file), dotenvy [config: env.dotenv_dialect]' -r -f -a "python\t''
shell\t''
compose\t''
dotenvy\t''"
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l secrets-dir -d 'A variable that is not set is read from the file of its name in DIR (Docker and Kubernetes secrets; VAR_FILE=PATH works without it) [config: env.secrets_dir]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l example -d 'Also report keys of this .env.example that are not set, and (with a spec) the drift both ways: spec keys the example lacks, example keys the spec lacks' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l write-example -d 'Write a .env.example from the spec (levels as sections, descriptions as comments, defaults shown, secrets empty) and exit' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l wait -d 'With --connect: retry connections that are not there yet (refused, unreachable, LOADING, a missing SQLite file) for up to DUR; an answer that says no is not retried' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l require-spec -d 'Exit 2 when no spec is found (no --spec, no levels in the config\'s env: section) [config: env.require_spec]'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l strict -d 'Fail on missing recommended variables, missing --example keys, and warnings (.env lint findings: duplicate keys, spaces around \'=\', lowercase names, unquoted trailing whitespace; secret files readable by group or others)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l deny-unknown -d 'Fail on variables set in .env that the spec does not know'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l connect -d 'Once the spec passes, connect to every Redis and database the variables name (authenticate, PING / SELECT 1; ACL DRYRUN of a spec\'s `commands`)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand run" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand run" -l timeout -d 'Timeout for each reply or statement [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand run" -l spec -d 'Spec file (YAML with required/recommended/optional, or an env: section)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand run" -l dotenv -d 'How the application reads .env: python (python-dotenv, the default), shell (bash\'s `set -a; . ./.env`), compose (docker compose env_file), dotenvy [config: env.dotenv_dialect]' -r -f -a "python\t''
shell\t''
compose\t''
dotenvy\t''"
complete -c redkit -n "__fish_redkit_using_subcommand run" -l secrets-dir -d 'A variable that is not set is read from the file of its name in DIR (Docker and Kubernetes secrets; VAR_FILE=PATH works without it) [config: env.secrets_dir]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand run" -l wait -d 'Wait up to DUR for the Redis servers and databases the variables name to be ready (as `wait` does; implies --connect)' -r
complete -c redkit -n "__fish_redkit_using_subcommand run" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand run" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand run" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand run" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand run" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand run" -l require-spec -d 'Exit 2 when no spec is found (no --spec, no levels in the config\'s env: section) [config: env.require_spec]'
complete -c redkit -n "__fish_redkit_using_subcommand run" -l strict -d 'Fail on missing recommended variables, missing --example keys, and warnings (.env lint findings: duplicate keys, spaces around \'=\', lowercase names, unquoted trailing whitespace; secret files readable by group or others)'
complete -c redkit -n "__fish_redkit_using_subcommand run" -l deny-unknown -d 'Fail on variables set in .env that the spec does not know'
complete -c redkit -n "__fish_redkit_using_subcommand run" -l connect -d 'Before starting, connect to every Redis and database the variables name'
complete -c redkit -n "__fish_redkit_using_subcommand run" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand run" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand run" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand run" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand health" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l check -d 'Only these checks (repeat or comma-separate)' -r -f -a "(__fish_complete_list , __redkit_check_names)"
complete -c redkit -n "__fish_redkit_using_subcommand health" -l skip -d 'Leave these checks out (repeat or comma-separate)' -r -f -a "(__fish_complete_list , __redkit_check_names)"
complete -c redkit -n "__fish_redkit_using_subcommand health" -l samples -d 'PINGs per node for the latency figures [default: 5]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l stream -d 'Streams whose consumer groups are checked: keys or glob patterns (repeat or comma-separate); turns the streams and jobs checks on' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-latency -d 'Median PING round trip for WARNING [default: 100ms]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-latency -d 'Median PING round trip for CRITICAL [default: 500ms]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-command-p99 -d 'A command\'s p99 (INFO LATENCYSTATS, Redis 7) for WARNING; the worst are named [default: 100ms]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-command-p99 -d 'A command\'s p99 for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-latency-event -d 'A LATENCY LATEST spike since the previous run for WARNING [default: 100ms]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-latency-event -d 'A latency spike since the previous run for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l min-uptime -d 'A restart more recent than this is a WARNING [default: 5m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-memory -d 'Memory used, percent of maxmemory (of system memory when unlimited) [default: 80]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-memory -d 'Memory used for CRITICAL [default: 90]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-fragmentation -d 'Fragmentation ratio for WARNING, judged past 32 MB wasted [default: 1.5]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-fragmentation -d 'Fragmentation ratio for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-clients -d 'Connected clients, percent of maxclients [default: 80]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-clients -d 'Connected clients for CRITICAL [default: 95]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-save-age -d 'Age of the last RDB save (with writes since, saving on) for WARNING [default: 2h]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-lag -d 'Replication lag (seconds since last I/O or ACK) for WARNING [default: 30s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-lag -d 'Replication lag for CRITICAL [default: 2m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-hit-ratio -d 'Keyspace hit ratio in percent for WARNING, e.g. 90: (below 90) [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-hit-ratio -d 'Keyspace hit ratio for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-slowlog -d 'Slowest recent slow-log entry for WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-evictions -d 'Keys evicted per second since the previous run, for WARNING [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-evictions -d 'Evictions per second for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-rejected-connections -d 'Connections rejected (maxclients) per second since the previous run, for WARNING [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-rejected-connections -d 'Rejected connections per second for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-expired -d 'Keys expired per second since the previous run, for WARNING (informative by default) [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-error-replies -d 'Error replies per second since the previous run, for WARNING, e.g. 1 [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-error-replies -d 'Error replies per second for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-full-syncs -d 'Full resyncs a master served since the previous run, for WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-full-syncs -d 'Full resyncs since the previous run for CRITICAL [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-output-buffer -d 'Fullest replica/pub-sub output buffer, percent of the limit that drops it first (soft or hard), for WARNING [default: 50]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-output-buffer -d 'Fullest output buffer for CRITICAL [default: 90]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l min-backlog -d 'Seconds of writes the replication backlog must hold; less is a WARNING [default: 1m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-skew -d 'The busiest master\'s keys or memory above the cluster mean, in percent, for WARNING [default: 50]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-stream-lag -d 'Entries a consumer group has not been delivered yet, for WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-stream-lag -d 'Undelivered entries of a group for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-stream-pending -d 'Entries delivered to a group and not acknowledged, for WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-stream-pending -d 'Pending entries of a group for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-stream-idle -d 'Idle time of a group\'s oldest pending entry for WARNING [default: 5m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-stream-idle -d 'Idle time of the oldest pending entry for CRITICAL [default: 30m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-consumer-idle -d 'A consumer (with pending entries) idle longer than this is a WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-stream-age -d 'Age of a stream\'s last entry for WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-stream-age -d 'Age of a stream\'s last entry for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-group-lag -d 'Lag of a group in time (age of its oldest undelivered entry), for WARNING [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-group-lag -d 'Lag of a group in time, for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l stuck-after -d 'A job without task_completed/task_failed whose last event is older is stuck [default: 15m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l warn-stuck-jobs -d 'Stuck jobs for WARNING [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l crit-stuck-jobs -d 'Stuck jobs for CRITICAL [default: none]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l watch -d 'Re-check every DUR (redraws on a terminal; one report per round otherwise) until Ctrl-C' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -s o -l output -d 'Write the output to FILE atomically (temporary file, then rename) instead of stdout' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l state -d 'Keep each node\'s counters here for rates between runs [default: /var/lib/redkit/health.json when writable, else $XDG_STATE_HOME/redkit/health.json, ~/.local/state/redkit/health.json]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l interval -d 'Take two samples DUR apart in this run and judge the rates between them (instead of the state file)' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'"
complete -c redkit -n "__fish_redkit_using_subcommand health" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand health" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand health" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand health" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l no-replicas -d 'Standalone: do not also check the replicas the master lists'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l no-state -d 'Neither read nor write a state file (rate checks then need --interval or --watch)'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand health" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand health" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand health" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand health" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -f -a "flush" -d 'Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -f -a "stats" -d 'Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -f -a "analyze" -d 'Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and not __fish_seen_subcommand_from flush stats analyze help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l prefix -d 'Literal key prefix (glob characters are escaped) [default: cache prefix from config, agent:cache:]' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l pattern -d 'SCAN MATCH glob, e.g. \'user:*:unread\' (bytes: a glob need not be UTF-8)' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l type -d 'Only keys of this type' -r -f -a "string\t''
hash\t''
list\t''
set\t''
zset\t''
stream\t''"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l min-idle -d 'Only keys idle at least this long (OBJECT IDLETIME)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l scan-count -d 'SCAN COUNT hint per call' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l batch -d 'Keys per UNLINK batch' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l rate -d 'At most N deletions per second (keeps a busy server responsive)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l sample -d 'Sample keys to show per node' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l all-keys -d 'Allow a selection that matches every key'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l no-ttl -d 'Only keys without an expiry'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l dry-run -d 'Count what would be deleted, per node, with a sample; delete nothing'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l prefix -d 'Literal key prefix (glob characters are escaped) [default: cache prefix from config, agent:cache:]' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l pattern -d 'SCAN MATCH glob, e.g. \'user:*:unread\' (bytes: a glob need not be UTF-8)' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l type -d 'Only keys of this type' -r -f -a "string\t''
hash\t''
list\t''
set\t''
zset\t''
stream\t''"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l min-idle -d 'Only keys idle at least this long (OBJECT IDLETIME)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l scan-count -d 'SCAN COUNT hint per call' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l sample -d 'Measure MEMORY USAGE on this many keys per node' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l biggest -d 'How many of the biggest keys to list' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l top-prefixes -d 'Group the whole keyspace (or the selection) by key shape and show the N largest groups: numbers, UUIDs and hex ids become * (user:*:unread)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l separator -d 'Separator of prefix segments for --top-prefixes' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l depth -d 'Named segments per group for --top-prefixes (the * of an id does not count)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l all-keys -d 'Allow a selection that matches every key'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l no-ttl -d 'Only keys without an expiry'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l exact -d 'Measure every key (slower, exact)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l rdb -d 'The RDB file to read (`-` for stdin)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l from -d 'Fetch a snapshot from this server over the replication protocol (as `redis-cli --rdb` does) and read it as it arrives, with no temporary file. With --cluster: a snapshot of every master (this URL, or --url, as the seed), added up into one report' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l save -d 'With --from: also write the snapshot to FILE (one server: not with --cluster)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l separator -d 'Separator of key segments' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l depth -d 'Named segments per group (the * of an id does not count)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l top -d 'Groups shown in the table (JSON has every group)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l biggest -d 'How many of the biggest keys to list' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l svg -d 'Also write a flame graph of memory by prefix segment to FILE (SVG)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l list-compress-depth -d 'The `list-compress-depth` of the server that wrote the dump (the dump does not say): quicklist nodes it keeps compressed count at their compressed size. Default: asked of the server with --from, else 0 (Redis\'s default)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l diff -d 'Show growth per group since an earlier analysis (its --format json output)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l from-replica -d 'With --from (or --cluster): fetch the snapshot from a replica of that server (of each master with --cluster), found by INFO replication, sparing the primary'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l keys -d 'Print one JSON line per key (ndjson, for scripts) instead of the report'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l folded -d 'Print memory by prefix segment as folded stacks (`a;b;c bytes`) instead of the report'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from analyze" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "analyze" -d 'Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs'
complete -c redkit -n "__fish_redkit_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s w -l workload -d 'Workload to run (repeat for several, run one after another) [default: set, get]' -r -f -a "ping\t''
set\t''
get\t''
mixed\t'SET and GET in the --ratio proportion'
incr\t''
mset\t'MSET of --batch keys per command'
mget\t'MGET of --batch keys per command'
hset\t''
hgetall\t''
lpush\t''
rpop\t''
xadd\t'XADD of job events shaped like the application\'s'
xread\t'XREAD COUNT 10 from the start of a job stream'
custom\t'The command after `--`, with {key}, {value} and {rand} placeholders'
cache\t'A read-through cache: GET, and on a miss SET with --ttl (1h by default); hit rate'
jobs\t'Job events: XADD to job_events:{id}, workers XREADGROUP/XACK; latency XADD to ack'
scenario\t'The weighted commands and sequences of --scenario FILE'"
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s c -l clients -d 'Connections' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s P -l pipeline -d 'Commands per round trip on each connection' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s n -l requests -d 'Requests per workload [default: 100000 unless --duration]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l duration -d 'Run each workload this long instead of a number of requests' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l keyspace -d 'Number of distinct keys' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l key-prefix -d 'Prefix of every key written' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l threads -d 'OS threads driving the clients [default: number of cores]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l warmup -d 'Run this long before measuring' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l rate -d 'Open loop: send OPS requests per second on a schedule; latency counts from the schedule' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l batch -d 'Keys per MSET/MGET (at most 100000)' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l ratio -d 'SET:GET proportion for the mixed workload' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l save -d 'Write the report to FILE (atomically) as a baseline' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l compare -d 'Run the parameters saved in FILE and compare; exit 1 on a regression. The load\'s shape (workloads, clients, threads, sizes, keys, rate) is the baseline\'s: giving one of those flags too is a usage error, not silently ignored' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l max-regression -d 'Allowed drop in ops/s or rise in p99, in percent (a change within the measured noise of the runs is never a regression); with --compare [default: 10]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l runs -d 'Run each workload N times and report the median and spread [default: 1; with --compare the baseline\'s, at least 3]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l slo -d 'Absolute goals every workload must meet, e.g. \'p99<2ms,ops>50000\' (exit 1 when missed)' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l key-index -d 'Which word of the custom command is its key, routed to the key\'s master on a cluster (0 is the command\'s name) [default: the first key, as the server names it]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l max-errors -d 'Error replies allowed per workload, in percent of its requests; above it the run exits 1 naming the error codes' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l key-pattern -d 'How keys are picked from the key space: random, sequential, gaussian, zipf[:S] (rank k with probability ∝ 1/k^S, S 0.99 by default) or hotspot:P%:Q% (Q% of the requests on the first P% of the keys)' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s d -l data-size -d 'Value size in bytes (at most 64 MiB): N, a range A..B (uniform), or weighted sizes SIZE:WEIGHT,... (64:70,1024:25,65536:5); k and m suffixes' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l value -d 'What values hold: raw bytes, or JSON objects of the size asked (like the cache\'s)' -r -f -a "raw\t'`xxxx…`'
json\t'A JSON object of exactly the size asked, shaped like the application\'s cache entries'"
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l ttl -d 'Expiry of every SET (set, mixed): a duration (60s) or a range (10s..1h)' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l min-run -d 'Each run\'s measured part lasts at least this long: -n is raised (the clients keep sending) and a shorter --duration lengthened. [default: 2s with --save or --compare, where a verdict needs samples; none otherwise]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l hdr-out -d 'Write each workload\'s latency histogram as PREFIX<workload>.hgrm (HdrHistogram percentile distribution, ms) and its 100 ms interval log as PREFIX<workload>.hlog' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l timeline-out -d 'Write every 100 ms sample (ops/s, p50, p99 per workload) to FILE as ndjson' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l suite -d 'Run a suite instead of workloads (repeat for several): batching (MSET/MGET of 1 to 1000 keys against the same keys one by one), pool (1 to 256 connections, the knee named), values (64 B to 1 MiB), app (the cache and jobs workloads at the application\'s shapes). Each step lasts --duration (500ms by default) or -n requests' -r -f -a "batching\t'MSET/MGET of 1, 10, 100, 1000 keys against the same number of keys one by one'
pool\t'1 to 256 connections: throughput and p99 per size, the knee'
values\t'Values of 64 B to 1 MiB: throughput, bytes/s, p99'
app\t'The cache and jobs workloads at the application\'s shapes'"
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l report -d 'With --suite: also write one self-contained HTML page with SVG charts to FILE' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l ramp -d 'Open loop at rising rates, START, START+STEP, ... up to MAX ops/s, each step --duration long (1s by default): the highest rate that meets --slo. Stops after two missed steps in a row' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l replica -d 'Standalone: reads go to the replica at URL, writes to the primary (the primary\'s credentials, database and TLS are used; no password in the URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l scenario -d 'Weighted commands and sequences on one key from a YAML file (see the README); each entry may set its own key_pattern, keyspace, data_size, value and ttl' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l timeline -d 'Include a per-second timeline in the report: commands measured in each second (under the table, and `timeline` in JSON)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l keep-keys -d 'Leave the keys the run wrote (by default every key under --key-prefix is removed at the end of a run that writes)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s y -l yes -d 'Write even into a database that holds keys the run did not write, outside --key-prefix or already under it (no question asked; the cleanup removes every key under the prefix)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l cleanup -d 'Remove the keys under --key-prefix afterwards (the default now; kept for old scripts)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l read-from-replicas -d 'Reads (GET, MGET, HGETALL, XREAD, the reads of mixed, cache, custom and scenario commands) go to a replica of each master of the cluster; writes to the masters'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand bench" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "list" -d 'Every stream key (on every master of a cluster) with length, times and groups'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "info" -d 'One stream\'s details: groups with lag and pending, consumers with idle time'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "pending" -d 'A consumer group\'s pending entries, oldest first, to find stuck work'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "trim" -d 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "jobs" -d 'Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "read" -d 'Entries in order, by id or time range, paged so memory stays flat'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "tail" -d 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "job" -d 'A job\'s events as a timeline with its outcome and duration'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "claim" -d 'Move entries pending with a dead consumer to a live one (idle longer than --min-idle)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "ack" -d 'Acknowledge entries of a consumer group (by id, or a consumer\'s idle entries)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "dlq" -d 'Move entries delivered too often and idle too long to a dead-letter stream (acked)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "requeue" -d 'Put dead letters back into their stream as new entries'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "copy" -d 'Copy (replay) entries into another stream, on this server or another one'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "group" -d 'Consumer groups: create, move the last-delivered id (replay or skip), delete consumers'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and not __fish_seen_subcommand_from list info pending trim jobs read tail job claim ack dlq requeue copy group help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l match -d 'Key glob [default: streams.match from the config, job_events:*]' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l limit -d 'Show only the N most recently active streams' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l full -d 'Also include XINFO STREAM FULL (every group\'s PEL and consumers, as JSON)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l min-idle -d 'Only entries idle at least this long' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l consumer -d 'Only this consumer\'s entries' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -s n -l count -d 'Show at most N entries' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from pending" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l match -d 'Every stream whose key matches GLOB (on every master of a cluster)' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l maxlen -d 'Keep the newest N entries' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l older-than -d 'Drop entries older than DUR (by their id\'s time)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l approximate -d 'Let Redis trim whole nodes only (~): faster, may keep a few more entries'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l include-unprocessed -d 'Also remove entries a consumer group has not been delivered or has pending (lost work for that group; asks, or --yes)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l dry-run -d 'Show what would change and change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from trim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l match -d 'Key glob [default: streams.match from the config, job_events:*]' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l stuck-after -d 'A job whose last event is older than DUR and that has not finished is stuck [default: streams.stuck_after from the config, 15m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l state -d 'Only jobs in these states (repeat or separate with commas)' -r -f -a "running\t''
completed\t''
failed\t''
stuck\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l since -d 'Only jobs with an event in the last DUR (30s, 10m, 2h, 7d)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l limit -d 'Show only the N most recently active jobs (counts still cover every listed job)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l sort -d 'Order of the jobs: state (stuck, failed, running, completed), age (oldest last event first) or length (most events first) [default: most recent first; on a terminal, stuck jobs first]' -r -f -a "state\t''
age\t''
length\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l older-than -d 'With --delete-finished or --expire: only jobs whose last event is older than DUR' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l expire -d 'Instead of deleting, set this TTL on the finished jobs\' streams (those without one)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l rate -d 'With --delete-finished/--expire: at most N streams per second (keeps a busy server responsive)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l delete-finished -d 'Delete the streams of finished jobs (completed or failed) whose last event is older than --older-than; running and stuck jobs, and jobs with dead letters, are never touched'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l dry-run -d 'Show what would change and change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from jobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l from -d 'First entry: id, RFC 3339 time or duration ago [default: the first]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l to -d 'Last entry: id, RFC 3339 time or duration ago [default: the last]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l since -d 'Only entries of the last DUR: 30s, 10m, 2h, 7d (same as --from DUR; a bare number is refused)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -s n -l count -d 'Print at most N entries (after filters)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l event-type -d 'Only entries of this event type (repeat for several)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l grep -d 'Only entries with TEXT in a field name or value (bytes, as the shell passes them)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l where -d 'Only entries where PATH OP VALUE holds (repeat: all must): data.status=failed, data.progress>=50, data.error~timeout (a regex), event_type!=task_progress. PATH is a field, then keys into its JSON; numbers compare as numbers; a missing path matches only !=' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l page-size -d 'Entries fetched per XRANGE call' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l reverse -d 'Newest first'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from read" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l from -d 'Where to start: $, 0, an id, an RFC 3339 time or a duration ago' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l group -d 'Read through this consumer group' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l consumer -d 'Consumer name within --group' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -s n -l count -d 'Exit after N entries' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l event-type -d 'Only print entries of this event type (repeat for several)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l where -d 'Only entries where PATH OP VALUE holds (repeat: all must): data.status=failed, data.progress>=50, data.error~timeout (a regex), event_type!=task_progress. PATH is a field, then keys into its JSON; numbers compare as numbers; a missing path matches only !=' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l until-event -d 'Exit when one of these event types arrives: 0 for the first listed, 1 for the others' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l max-wait -d 'Give up (exit 3) when a key that does not exist yet has no entry after DUR' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
ndjson\t'One JSON object per line'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l ack -d 'Acknowledge (XACK) each entry once it is printed'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l max-wait -d 'With --follow: give up after DUR without an outcome (exit 3), including the wait for a stream that does not exist yet' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l stuck-after -d 'A job whose last event is older than DUR and that has not finished is stuck [default: streams.stuck_after from the config, 15m]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l where -d 'Only show events where PATH OP VALUE holds (repeat: all must), e.g. data.progress>=50; the job\'s state still comes from every event. Exit 1 when none does' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -s f -l follow -d 'Wait for the job to complete or fail (also when its stream does not exist yet)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from job" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l to -d 'The consumer that takes the entries (a name the group does not have is warned about, and refused under -q, unless --new-consumer)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l min-idle -d 'Only entries idle at least this long' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l from-consumer -d 'Only entries held by this consumer' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l count -d 'Move at most N entries' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l new-consumer -d '--to names a consumer the group does not have yet, on purpose (XCLAIM creates it): no warning, and no refusal under -q'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l dry-run -d 'Show what would change and change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from claim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l from-consumer -d 'Acknowledge the entries this consumer holds (with --min-idle: only those idle that long)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l min-idle -d 'With --from-consumer: only entries idle at least this long' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l dry-run -d 'Show what would change and change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from ack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l min-deliveries -d 'Only entries delivered at least N times' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l min-idle -d 'Only entries idle at least this long' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l to -d 'The dead-letter stream [default: KEY:dlq; on a cluster {KEY}:dlq when KEY has no hash tag, so it shares KEY\'s slot]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l count -d 'Move at most N entries' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l dry-run -d 'Show what would change and change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from dlq" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l to -d 'Requeue into this stream instead of each entry\'s dlq_stream' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l id -d 'Only these dead letters (repeat or separate with commas)' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l all -d 'Every dead letter in the stream'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l dry-run -d 'Show what would change and change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from requeue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l from -d 'First entry: an id, an RFC 3339 time or a duration ago (10m)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l to -d 'Last entry: an id, an RFC 3339 time or a duration ago' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l event-type -d 'Only entries of this event type (repeat or separate with commas)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l where -d 'Only entries where PATH OP VALUE holds (as stream read --where)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l to-url -d 'Write DST on this server instead (redis://, rediss://); the password comes from the URL' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l keep-ids -d 'Keep the entries\' ids (DST must be empty or end before the first entry copied)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l to-cluster -d 'With --to-url: the URL is a seed of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l dry-run -d 'Count what would be copied and copy nothing'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -f -a "create" -d 'Create a consumer group starting after an id or a time ($ = only new entries)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -f -a "setid" -d 'Move a group\'s last-delivered id: replay entries or skip them'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -f -a "delconsumer" -d 'Delete consumers (one, or every consumer idle longer than --idle-over)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from group" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every stream key (on every master of a cluster) with length, times and groups'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "info" -d 'One stream\'s details: groups with lag and pending, consumers with idle time'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "pending" -d 'A consumer group\'s pending entries, oldest first, to find stuck work'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "trim" -d 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "jobs" -d 'Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "read" -d 'Entries in order, by id or time range, paged so memory stays flat'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "job" -d 'A job\'s events as a timeline with its outcome and duration'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "claim" -d 'Move entries pending with a dead consumer to a live one (idle longer than --min-idle)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "ack" -d 'Acknowledge entries of a consumer group (by id, or a consumer\'s idle entries)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "dlq" -d 'Move entries delivered too often and idle too long to a dead-letter stream (acked)'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "requeue" -d 'Put dead letters back into their stream as new entries'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy (replay) entries into another stream, on this server or another one'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "group" -d 'Consumer groups: create, move the last-delivered id (replay or skip), delete consumers'
complete -c redkit -n "__fish_redkit_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l max-wait -d 'Give up after this long and exit 3 naming what is not ready (0: check once)' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l interval -d 'Time between attempts' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l redis -d 'Wait for Redis (with --database: both) [default: each that is configured]'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l database -d 'Wait for the database of DATABASE_URL or migrate.database_url'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l timeout -d 'Timeout for each reply or statement [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -f -a "recipients" -d 'Move single-recipient messages into message_recipients (chunked, resumable, verified)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -f -a "status" -d 'Show the runs in the state table and the work remaining (exit 1 when unfinished)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l database-url -d 'sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l created-at-out-of-range -d 'What the copy writes for a created_at the target column cannot hold (a MySQL TIMESTAMP holds 1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC; an existing PostgreSQL date or timestamp(0) keeps less): refuse (exit 2, naming the ids), clamp to the nearest value the column holds, or null' -r -f -a "refuse\t'Refuse to copy (exit 2, naming the ids); the default'
clamp\t'The nearest value the column holds (1965 becomes 1970-01-01 00:00:01 UTC in a MySQL TIMESTAMP; a PostgreSQL timestamp(0) rounds the fraction)'
null\t'NULL: the row is copied without a time'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l defer-indexes -d 'Build the secondary indexes after the copy (faster) or keep them during it' -r -f -a "auto\t'After the copy when this run creates the table or finds it empty'
always\t'Always after the copy (they are dropped first if present)'
never\t'Keep them during the copy (for a table the application already reads)'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l batch-size -d 'Rows per chunk to start with (the size then adapts to --chunk-time)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l chunk-time -d 'Target time per chunk; 0 keeps --batch-size fixed' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l sleep -d 'Pause between chunks, to leave room for the application' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l max-rows -d 'Stop (resumably) once this many rows were copied in this run' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l log-every -d 'At most this often, a progress line on stderr when no progress bar is shown (cron), and a reminder while the copy is paused (a pause is logged when it begins or its cause changes); 0 for neither' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l replica -d 'A replica to watch: the copy pauses while its lag is over --max-lag (repeatable)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l max-lag -d 'The most replica lag the copy lets build up [default: 1s with a --replica]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l max-load -d 'Pause while a status value of the primary is above a limit: Threads_running=25 on MySQL/MariaDB, active_sessions=20 on PostgreSQL (repeatable)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l pause-file -d 'Pause while this file exists (hold a running copy from another shell)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l timeout -d 'Timeout for each reply or statement [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s y -l yes -d 'Do not ask for confirmation (needed when there is no terminal)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l verify -d 'Only verify: every eligible message has its recipient row, no read lost, no orphans'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l rollback -d 'Remove the rows migration runs created, after copying reads done on them back into messages (a read only: a message read in messages stays read)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l repair-reads -d 'Mark read in message_recipients the rows --verify counts as "read lost" (read in messages, unread in their row), in chunks recorded as a run'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l create-table -d 'Create the recipients table (the seed\'s schema, in this database\'s dialect) if missing'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l dry-run -d 'Show the preflight counts and the plan (batches, SQL); change nothing. With --rollback or --repair-reads: the rows and read states they would change'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l database-url -d 'sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l timeout -d 'Timeout for each reply or statement [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "recipients" -d 'Move single-recipient messages into message_recipients (chunked, resumable, verified)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the runs in the state table and the work remaining (exit 1 when unfinished)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the resolved settings (the default)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'"
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the resolved settings (the default)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s o -l output -d 'Where to write the file' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l format -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand init" -l force -d 'Overwrite an existing file'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s h -l help -d 'Print help'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l format -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s h -l help -d 'Print help'
complete -c redkit -n "__fish_redkit_using_subcommand top" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l interval -d 'Refresh every DUR: one INFO per node per refresh' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l record -d 'Write every frame to FILE as one JSON object per line (a new file: an existing one is refused, see --append)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l replay -d 'Play a recording made with --record instead of asking any server' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l sort -d 'Sort by this column at start' -r -f -a "node\t''
role\t''
ops/s\t''
p99\t''
mem\t''
%max\t''
frag\t''
hit%\t''
conns\t''
evict\t''
lag\t''
slots\t''"
complete -c redkit -n "__fish_redkit_using_subcommand top" -l stream -d 'Streams whose consumer groups the streams pane shows (repeat or comma-separate)' -r -f
complete -c redkit -n "__fish_redkit_using_subcommand top" -l count -d 'Stop after N frames (recording without a terminal; at least 1)' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l format -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand top" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand top" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand top" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand top" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand top" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand top" -l insecure -d 'Do not verify the server\'s certificate at all (tests and labs only)'
complete -c redkit -n "__fish_redkit_using_subcommand top" -l append -d 'With --record: add the frames to the end of an existing recording (never to a file that is not one)'
complete -c redkit -n "__fish_redkit_using_subcommand top" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand top" -s q -l quiet -d 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows'
complete -c redkit -n "__fish_redkit_using_subcommand top" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand top" -l wide -d 'Tables show every cell whole instead of fitting the terminal\'s width'
complete -c redkit -n "__fish_redkit_using_subcommand top" -s h -l help -d 'Print help'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "validate-env" -d 'Check the environment and .env against a spec (required/recommended/optional, typed)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "run" -d 'Validate the environment (optionally wait for its services), then exec CMD with it'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "health" -d 'Check every node\'s health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "ping" -d 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "cache" -d 'Flush or size cache keys by prefix or pattern (SCAN + UNLINK, never FLUSHDB)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "bench" -d 'Generate load and measure latency percentiles; save and compare baselines'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "stream" -d 'Inspect and operate the application\'s Redis Streams: list, read, tail, jobs, groups, claim, trim'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "wait" -d 'Block until Redis and the database are ready (exit 3 naming what is not, after --max-wait)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "migrate" -d 'Database migrations of the application\'s tables (message_recipients)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "config" -d 'Show the resolved settings and where each came from, secrets masked'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "init" -d 'Write a commented starter redkit.yaml'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "completions" -d 'Print a shell completion script'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "top" -d 'Live view of every node: ops/s, p99, memory, hit %, clients, evictions, lag (q quits)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env run health ping cache bench stream wait migrate config init completions top help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "flush" -d 'Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "stats" -d 'Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "analyze" -d 'Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "list" -d 'Every stream key (on every master of a cluster) with length, times and groups'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "info" -d 'One stream\'s details: groups with lag and pending, consumers with idle time'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "pending" -d 'A consumer group\'s pending entries, oldest first, to find stuck work'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "trim" -d 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "jobs" -d 'Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "read" -d 'Entries in order, by id or time range, paged so memory stays flat'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "tail" -d 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "job" -d 'A job\'s events as a timeline with its outcome and duration'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "claim" -d 'Move entries pending with a dead consumer to a live one (idle longer than --min-idle)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "ack" -d 'Acknowledge entries of a consumer group (by id, or a consumer\'s idle entries)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "dlq" -d 'Move entries delivered too often and idle too long to a dead-letter stream (acked)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "requeue" -d 'Put dead letters back into their stream as new entries'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "copy" -d 'Copy (replay) entries into another stream, on this server or another one'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "group" -d 'Consumer groups: create, move the last-delivered id (replay or skip), delete consumers'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "recipients" -d 'Move single-recipient messages into message_recipients (chunked, resumable, verified)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "status" -d 'Show the runs in the state table and the work remaining (exit 1 when unfinished)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the resolved settings (the default)'
