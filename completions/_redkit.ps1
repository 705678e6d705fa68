
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'redkit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'redkit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'redkit' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (each command lists the ones it supports)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate-env', 'validate-env', [CompletionResultType]::ParameterValue, 'Check the environment and .env against a spec (required/recommended/optional, typed)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Validate the environment (optionally wait for its services), then exec CMD with it')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check every node''s health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Flush or size cache keys by prefix or pattern (SCAN + UNLINK, never FLUSHDB)')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Generate load and measure latency percentiles; save and compare baselines')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Inspect and operate the application''s Redis Streams: list, read, tail, jobs, groups, claim, trim')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Block until Redis and the database are ready (exit 3 naming what is not, after --max-wait)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Database migrations of the application''s tables (message_recipients)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from, secrets masked')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter redkit.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Live view of every node: ops/s, p99, memory, hit %, clients, evictions, lag (q quits)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;validate-env' {
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply or statement [default: 5s]')
            [CompletionResult]::new('--spec', '--spec', [CompletionResultType]::ParameterName, 'Spec file (YAML with required/recommended/optional, or an env: section)')
            [CompletionResult]::new('--dotenv', '--dotenv', [CompletionResultType]::ParameterName, 'How the application reads .env: python (python-dotenv, the default), shell (bash''s `set -a; . ./.env`), compose (docker compose env_file), dotenvy [config: env.dotenv_dialect]')
            [CompletionResult]::new('--secrets-dir', '--secrets-dir', [CompletionResultType]::ParameterName, 'A variable that is not set is read from the file of its name in DIR (Docker and Kubernetes secrets; VAR_FILE=PATH works without it) [config: env.secrets_dir]')
            [CompletionResult]::new('--example', '--example', [CompletionResultType]::ParameterName, 'Also report keys of this .env.example that are not set, and (with a spec) the drift both ways: spec keys the example lacks, example keys the spec lacks')
            [CompletionResult]::new('--write-example', '--write-example', [CompletionResultType]::ParameterName, 'Write a .env.example from the spec (levels as sections, descriptions as comments, defaults shown, secrets empty) and exit')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'With --connect: retry connections that are not there yet (refused, unreachable, LOADING, a missing SQLite file) for up to DUR; an answer that says no is not retried')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--require-spec', '--require-spec', [CompletionResultType]::ParameterName, 'Exit 2 when no spec is found (no --spec, no levels in the config''s env: section) [config: env.require_spec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on missing recommended variables, missing --example keys, and warnings (.env lint findings: duplicate keys, spaces around ''='', lowercase names, unquoted trailing whitespace; secret files readable by group or others)')
            [CompletionResult]::new('--deny-unknown', '--deny-unknown', [CompletionResultType]::ParameterName, 'Fail on variables set in .env that the spec does not know')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Once the spec passes, connect to every Redis and database the variables name (authenticate, PING / SELECT 1; ACL DRYRUN of a spec''s `commands`)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;run' {
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply or statement [default: 5s]')
            [CompletionResult]::new('--spec', '--spec', [CompletionResultType]::ParameterName, 'Spec file (YAML with required/recommended/optional, or an env: section)')
            [CompletionResult]::new('--dotenv', '--dotenv', [CompletionResultType]::ParameterName, 'How the application reads .env: python (python-dotenv, the default), shell (bash''s `set -a; . ./.env`), compose (docker compose env_file), dotenvy [config: env.dotenv_dialect]')
            [CompletionResult]::new('--secrets-dir', '--secrets-dir', [CompletionResultType]::ParameterName, 'A variable that is not set is read from the file of its name in DIR (Docker and Kubernetes secrets; VAR_FILE=PATH works without it) [config: env.secrets_dir]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait up to DUR for the Redis servers and databases the variables name to be ready (as `wait` does; implies --connect)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--require-spec', '--require-spec', [CompletionResultType]::ParameterName, 'Exit 2 when no spec is found (no --spec, no levels in the config''s env: section) [config: env.require_spec]')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on missing recommended variables, missing --example keys, and warnings (.env lint findings: duplicate keys, spaces around ''='', lowercase names, unquoted trailing whitespace; secret files readable by group or others)')
            [CompletionResult]::new('--deny-unknown', '--deny-unknown', [CompletionResultType]::ParameterName, 'Fail on variables set in .env that the spec does not know')
            [CompletionResult]::new('--connect', '--connect', [CompletionResultType]::ParameterName, 'Before starting, connect to every Redis and database the variables name')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;health' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Only these checks (repeat or comma-separate)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave these checks out (repeat or comma-separate)')
            [CompletionResult]::new('--samples', '--samples', [CompletionResultType]::ParameterName, 'PINGs per node for the latency figures [default: 5]')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Streams whose consumer groups are checked: keys or glob patterns (repeat or comma-separate); turns the streams and jobs checks on')
            [CompletionResult]::new('--warn-latency', '--warn-latency', [CompletionResultType]::ParameterName, 'Median PING round trip for WARNING [default: 100ms]')
            [CompletionResult]::new('--crit-latency', '--crit-latency', [CompletionResultType]::ParameterName, 'Median PING round trip for CRITICAL [default: 500ms]')
            [CompletionResult]::new('--warn-command-p99', '--warn-command-p99', [CompletionResultType]::ParameterName, 'A command''s p99 (INFO LATENCYSTATS, Redis 7) for WARNING; the worst are named [default: 100ms]')
            [CompletionResult]::new('--crit-command-p99', '--crit-command-p99', [CompletionResultType]::ParameterName, 'A command''s p99 for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-latency-event', '--warn-latency-event', [CompletionResultType]::ParameterName, 'A LATENCY LATEST spike since the previous run for WARNING [default: 100ms]')
            [CompletionResult]::new('--crit-latency-event', '--crit-latency-event', [CompletionResultType]::ParameterName, 'A latency spike since the previous run for CRITICAL [default: none]')
            [CompletionResult]::new('--min-uptime', '--min-uptime', [CompletionResultType]::ParameterName, 'A restart more recent than this is a WARNING [default: 5m]')
            [CompletionResult]::new('--warn-memory', '--warn-memory', [CompletionResultType]::ParameterName, 'Memory used, percent of maxmemory (of system memory when unlimited) [default: 80]')
            [CompletionResult]::new('--crit-memory', '--crit-memory', [CompletionResultType]::ParameterName, 'Memory used for CRITICAL [default: 90]')
            [CompletionResult]::new('--warn-fragmentation', '--warn-fragmentation', [CompletionResultType]::ParameterName, 'Fragmentation ratio for WARNING, judged past 32 MB wasted [default: 1.5]')
            [CompletionResult]::new('--crit-fragmentation', '--crit-fragmentation', [CompletionResultType]::ParameterName, 'Fragmentation ratio for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-clients', '--warn-clients', [CompletionResultType]::ParameterName, 'Connected clients, percent of maxclients [default: 80]')
            [CompletionResult]::new('--crit-clients', '--crit-clients', [CompletionResultType]::ParameterName, 'Connected clients for CRITICAL [default: 95]')
            [CompletionResult]::new('--warn-save-age', '--warn-save-age', [CompletionResultType]::ParameterName, 'Age of the last RDB save (with writes since, saving on) for WARNING [default: 2h]')
            [CompletionResult]::new('--warn-lag', '--warn-lag', [CompletionResultType]::ParameterName, 'Replication lag (seconds since last I/O or ACK) for WARNING [default: 30s]')
            [CompletionResult]::new('--crit-lag', '--crit-lag', [CompletionResultType]::ParameterName, 'Replication lag for CRITICAL [default: 2m]')
            [CompletionResult]::new('--warn-hit-ratio', '--warn-hit-ratio', [CompletionResultType]::ParameterName, 'Keyspace hit ratio in percent for WARNING, e.g. 90: (below 90) [default: none]')
            [CompletionResult]::new('--crit-hit-ratio', '--crit-hit-ratio', [CompletionResultType]::ParameterName, 'Keyspace hit ratio for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-slowlog', '--warn-slowlog', [CompletionResultType]::ParameterName, 'Slowest recent slow-log entry for WARNING [default: none]')
            [CompletionResult]::new('--warn-evictions', '--warn-evictions', [CompletionResultType]::ParameterName, 'Keys evicted per second since the previous run, for WARNING [default: 0]')
            [CompletionResult]::new('--crit-evictions', '--crit-evictions', [CompletionResultType]::ParameterName, 'Evictions per second for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-rejected-connections', '--warn-rejected-connections', [CompletionResultType]::ParameterName, 'Connections rejected (maxclients) per second since the previous run, for WARNING [default: 0]')
            [CompletionResult]::new('--crit-rejected-connections', '--crit-rejected-connections', [CompletionResultType]::ParameterName, 'Rejected connections per second for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-expired', '--warn-expired', [CompletionResultType]::ParameterName, 'Keys expired per second since the previous run, for WARNING (informative by default) [default: none]')
            [CompletionResult]::new('--warn-error-replies', '--warn-error-replies', [CompletionResultType]::ParameterName, 'Error replies per second since the previous run, for WARNING, e.g. 1 [default: none]')
            [CompletionResult]::new('--crit-error-replies', '--crit-error-replies', [CompletionResultType]::ParameterName, 'Error replies per second for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-full-syncs', '--warn-full-syncs', [CompletionResultType]::ParameterName, 'Full resyncs a master served since the previous run, for WARNING [default: none]')
            [CompletionResult]::new('--crit-full-syncs', '--crit-full-syncs', [CompletionResultType]::ParameterName, 'Full resyncs since the previous run for CRITICAL [default: 0]')
            [CompletionResult]::new('--warn-output-buffer', '--warn-output-buffer', [CompletionResultType]::ParameterName, 'Fullest replica/pub-sub output buffer, percent of the limit that drops it first (soft or hard), for WARNING [default: 50]')
            [CompletionResult]::new('--crit-output-buffer', '--crit-output-buffer', [CompletionResultType]::ParameterName, 'Fullest output buffer for CRITICAL [default: 90]')
            [CompletionResult]::new('--min-backlog', '--min-backlog', [CompletionResultType]::ParameterName, 'Seconds of writes the replication backlog must hold; less is a WARNING [default: 1m]')
            [CompletionResult]::new('--warn-skew', '--warn-skew', [CompletionResultType]::ParameterName, 'The busiest master''s keys or memory above the cluster mean, in percent, for WARNING [default: 50]')
            [CompletionResult]::new('--warn-stream-lag', '--warn-stream-lag', [CompletionResultType]::ParameterName, 'Entries a consumer group has not been delivered yet, for WARNING [default: none]')
            [CompletionResult]::new('--crit-stream-lag', '--crit-stream-lag', [CompletionResultType]::ParameterName, 'Undelivered entries of a group for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-stream-pending', '--warn-stream-pending', [CompletionResultType]::ParameterName, 'Entries delivered to a group and not acknowledged, for WARNING [default: none]')
            [CompletionResult]::new('--crit-stream-pending', '--crit-stream-pending', [CompletionResultType]::ParameterName, 'Pending entries of a group for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-stream-idle', '--warn-stream-idle', [CompletionResultType]::ParameterName, 'Idle time of a group''s oldest pending entry for WARNING [default: 5m]')
            [CompletionResult]::new('--crit-stream-idle', '--crit-stream-idle', [CompletionResultType]::ParameterName, 'Idle time of the oldest pending entry for CRITICAL [default: 30m]')
            [CompletionResult]::new('--warn-consumer-idle', '--warn-consumer-idle', [CompletionResultType]::ParameterName, 'A consumer (with pending entries) idle longer than this is a WARNING [default: none]')
            [CompletionResult]::new('--warn-stream-age', '--warn-stream-age', [CompletionResultType]::ParameterName, 'Age of a stream''s last entry for WARNING [default: none]')
            [CompletionResult]::new('--crit-stream-age', '--crit-stream-age', [CompletionResultType]::ParameterName, 'Age of a stream''s last entry for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-group-lag', '--warn-group-lag', [CompletionResultType]::ParameterName, 'Lag of a group in time (age of its oldest undelivered entry), for WARNING [default: none]')
            [CompletionResult]::new('--crit-group-lag', '--crit-group-lag', [CompletionResultType]::ParameterName, 'Lag of a group in time, for CRITICAL [default: none]')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'A job without task_completed/task_failed whose last event is older is stuck [default: 15m]')
            [CompletionResult]::new('--warn-stuck-jobs', '--warn-stuck-jobs', [CompletionResultType]::ParameterName, 'Stuck jobs for WARNING [default: 0]')
            [CompletionResult]::new('--crit-stuck-jobs', '--crit-stuck-jobs', [CompletionResultType]::ParameterName, 'Stuck jobs for CRITICAL [default: none]')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Re-check every DUR (redraws on a terminal; one report per round otherwise) until Ctrl-C')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE atomically (temporary file, then rename) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE atomically (temporary file, then rename) instead of stdout')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep each node''s counters here for rates between runs [default: /var/lib/redkit/health.json when writable, else $XDG_STATE_HOME/redkit/health.json, ~/.local/state/redkit/health.json]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Take two samples DUR apart in this run and judge the rates between them (instead of the state file)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-replicas', '--no-replicas', [CompletionResultType]::ParameterName, 'Standalone: do not also check the replicas the master lists')
            [CompletionResult]::new('--no-state', '--no-state', [CompletionResultType]::ParameterName, 'Neither read nor write a state file (rate checks then need --interval or --watch)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;ping' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;cache' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (each command lists the ones it supports)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;cache;flush' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Literal key prefix (glob characters are escaped) [default: cache prefix from config, agent:cache:]')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'SCAN MATCH glob, e.g. ''user:*:unread'' (bytes: a glob need not be UTF-8)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only keys of this type')
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'Only keys idle at least this long (OBJECT IDLETIME)')
            [CompletionResult]::new('--scan-count', '--scan-count', [CompletionResultType]::ParameterName, 'SCAN COUNT hint per call')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Keys per UNLINK batch')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most N deletions per second (keeps a busy server responsive)')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Sample keys to show per node')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--all-keys', '--all-keys', [CompletionResultType]::ParameterName, 'Allow a selection that matches every key')
            [CompletionResult]::new('--no-ttl', '--no-ttl', [CompletionResultType]::ParameterName, 'Only keys without an expiry')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Count what would be deleted, per node, with a sample; delete nothing')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;cache;stats' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Literal key prefix (glob characters are escaped) [default: cache prefix from config, agent:cache:]')
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'SCAN MATCH glob, e.g. ''user:*:unread'' (bytes: a glob need not be UTF-8)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only keys of this type')
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'Only keys idle at least this long (OBJECT IDLETIME)')
            [CompletionResult]::new('--scan-count', '--scan-count', [CompletionResultType]::ParameterName, 'SCAN COUNT hint per call')
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Measure MEMORY USAGE on this many keys per node')
            [CompletionResult]::new('--biggest', '--biggest', [CompletionResultType]::ParameterName, 'How many of the biggest keys to list')
            [CompletionResult]::new('--top-prefixes', '--top-prefixes', [CompletionResultType]::ParameterName, 'Group the whole keyspace (or the selection) by key shape and show the N largest groups: numbers, UUIDs and hex ids become * (user:*:unread)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Separator of prefix segments for --top-prefixes')
            [CompletionResult]::new('--depth', '--depth', [CompletionResultType]::ParameterName, 'Named segments per group for --top-prefixes (the * of an id does not count)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--all-keys', '--all-keys', [CompletionResultType]::ParameterName, 'Allow a selection that matches every key')
            [CompletionResult]::new('--no-ttl', '--no-ttl', [CompletionResultType]::ParameterName, 'Only keys without an expiry')
            [CompletionResult]::new('--exact', '--exact', [CompletionResultType]::ParameterName, 'Measure every key (slower, exact)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;cache;analyze' {
            [CompletionResult]::new('--rdb', '--rdb', [CompletionResultType]::ParameterName, 'The RDB file to read (`-` for stdin)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Fetch a snapshot from this server over the replication protocol (as `redis-cli --rdb` does) and read it as it arrives, with no temporary file. With --cluster: a snapshot of every master (this URL, or --url, as the seed), added up into one report')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'With --from: also write the snapshot to FILE (one server: not with --cluster)')
            [CompletionResult]::new('--separator', '--separator', [CompletionResultType]::ParameterName, 'Separator of key segments')
            [CompletionResult]::new('--depth', '--depth', [CompletionResultType]::ParameterName, 'Named segments per group (the * of an id does not count)')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Groups shown in the table (JSON has every group)')
            [CompletionResult]::new('--biggest', '--biggest', [CompletionResultType]::ParameterName, 'How many of the biggest keys to list')
            [CompletionResult]::new('--svg', '--svg', [CompletionResultType]::ParameterName, 'Also write a flame graph of memory by prefix segment to FILE (SVG)')
            [CompletionResult]::new('--list-compress-depth', '--list-compress-depth', [CompletionResultType]::ParameterName, 'The `list-compress-depth` of the server that wrote the dump (the dump does not say): quicklist nodes it keeps compressed count at their compressed size. Default: asked of the server with --from, else 0 (Redis''s default)')
            [CompletionResult]::new('--diff', '--diff', [CompletionResultType]::ParameterName, 'Show growth per group since an earlier analysis (its --format json output)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--from-replica', '--from-replica', [CompletionResultType]::ParameterName, 'With --from (or --cluster): fetch the snapshot from a replica of that server (of each master with --cluster), found by INFO replication, sparing the primary')
            [CompletionResult]::new('--keys', '--keys', [CompletionResultType]::ParameterName, 'Print one JSON line per key (ndjson, for scripts) instead of the report')
            [CompletionResult]::new('--folded', '--folded', [CompletionResultType]::ParameterName, 'Print memory by prefix segment as folded stacks (`a;b;c bytes`) instead of the report')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;cache;help' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;cache;help;flush' {
            break
        }
        'redkit;cache;help;stats' {
            break
        }
        'redkit;cache;help;analyze' {
            break
        }
        'redkit;cache;help;help' {
            break
        }
        'redkit;bench' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workload to run (repeat for several, run one after another) [default: set, get]')
            [CompletionResult]::new('--workload', '--workload', [CompletionResultType]::ParameterName, 'Workload to run (repeat for several, run one after another) [default: set, get]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Connections')
            [CompletionResult]::new('--clients', '--clients', [CompletionResultType]::ParameterName, 'Connections')
            [CompletionResult]::new('-P', '-P ', [CompletionResultType]::ParameterName, 'Commands per round trip on each connection')
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Commands per round trip on each connection')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Requests per workload [default: 100000 unless --duration]')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Requests per workload [default: 100000 unless --duration]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Run each workload this long instead of a number of requests')
            [CompletionResult]::new('--keyspace', '--keyspace', [CompletionResultType]::ParameterName, 'Number of distinct keys')
            [CompletionResult]::new('--key-prefix', '--key-prefix', [CompletionResultType]::ParameterName, 'Prefix of every key written')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'OS threads driving the clients [default: number of cores]')
            [CompletionResult]::new('--warmup', '--warmup', [CompletionResultType]::ParameterName, 'Run this long before measuring')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Open loop: send OPS requests per second on a schedule; latency counts from the schedule')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Keys per MSET/MGET (at most 100000)')
            [CompletionResult]::new('--ratio', '--ratio', [CompletionResultType]::ParameterName, 'SET:GET proportion for the mixed workload')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Write the report to FILE (atomically) as a baseline')
            [CompletionResult]::new('--compare', '--compare', [CompletionResultType]::ParameterName, 'Run the parameters saved in FILE and compare; exit 1 on a regression. The load''s shape (workloads, clients, threads, sizes, keys, rate) is the baseline''s: giving one of those flags too is a usage error, not silently ignored')
            [CompletionResult]::new('--max-regression', '--max-regression', [CompletionResultType]::ParameterName, 'Allowed drop in ops/s or rise in p99, in percent (a change within the measured noise of the runs is never a regression); with --compare [default: 10]')
            [CompletionResult]::new('--runs', '--runs', [CompletionResultType]::ParameterName, 'Run each workload N times and report the median and spread [default: 1; with --compare the baseline''s, at least 3]')
            [CompletionResult]::new('--slo', '--slo', [CompletionResultType]::ParameterName, 'Absolute goals every workload must meet, e.g. ''p99<2ms,ops>50000'' (exit 1 when missed)')
            [CompletionResult]::new('--key-index', '--key-index', [CompletionResultType]::ParameterName, 'Which word of the custom command is its key, routed to the key''s master on a cluster (0 is the command''s name) [default: the first key, as the server names it]')
            [CompletionResult]::new('--max-errors', '--max-errors', [CompletionResultType]::ParameterName, 'Error replies allowed per workload, in percent of its requests; above it the run exits 1 naming the error codes')
            [CompletionResult]::new('--key-pattern', '--key-pattern', [CompletionResultType]::ParameterName, 'How keys are picked from the key space: random, sequential, gaussian, zipf[:S] (rank k with probability ∝ 1/k^S, S 0.99 by default) or hotspot:P%:Q% (Q% of the requests on the first P% of the keys)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Value size in bytes (at most 64 MiB): N, a range A..B (uniform), or weighted sizes SIZE:WEIGHT,... (64:70,1024:25,65536:5); k and m suffixes')
            [CompletionResult]::new('--data-size', '--data-size', [CompletionResultType]::ParameterName, 'Value size in bytes (at most 64 MiB): N, a range A..B (uniform), or weighted sizes SIZE:WEIGHT,... (64:70,1024:25,65536:5); k and m suffixes')
            [CompletionResult]::new('--value', '--value', [CompletionResultType]::ParameterName, 'What values hold: raw bytes, or JSON objects of the size asked (like the cache''s)')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Expiry of every SET (set, mixed): a duration (60s) or a range (10s..1h)')
            [CompletionResult]::new('--min-run', '--min-run', [CompletionResultType]::ParameterName, 'Each run''s measured part lasts at least this long: -n is raised (the clients keep sending) and a shorter --duration lengthened. [default: 2s with --save or --compare, where a verdict needs samples; none otherwise]')
            [CompletionResult]::new('--hdr-out', '--hdr-out', [CompletionResultType]::ParameterName, 'Write each workload''s latency histogram as PREFIX<workload>.hgrm (HdrHistogram percentile distribution, ms) and its 100 ms interval log as PREFIX<workload>.hlog')
            [CompletionResult]::new('--timeline-out', '--timeline-out', [CompletionResultType]::ParameterName, 'Write every 100 ms sample (ops/s, p50, p99 per workload) to FILE as ndjson')
            [CompletionResult]::new('--suite', '--suite', [CompletionResultType]::ParameterName, 'Run a suite instead of workloads (repeat for several): batching (MSET/MGET of 1 to 1000 keys against the same keys one by one), pool (1 to 256 connections, the knee named), values (64 B to 1 MiB), app (the cache and jobs workloads at the application''s shapes). Each step lasts --duration (500ms by default) or -n requests')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'With --suite: also write one self-contained HTML page with SVG charts to FILE')
            [CompletionResult]::new('--ramp', '--ramp', [CompletionResultType]::ParameterName, 'Open loop at rising rates, START, START+STEP, ... up to MAX ops/s, each step --duration long (1s by default): the highest rate that meets --slo. Stops after two missed steps in a row')
            [CompletionResult]::new('--replica', '--replica', [CompletionResultType]::ParameterName, 'Standalone: reads go to the replica at URL, writes to the primary (the primary''s credentials, database and TLS are used; no password in the URL)')
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'Weighted commands and sequences on one key from a YAML file (see the README); each entry may set its own key_pattern, keyspace, data_size, value and ttl')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--timeline', '--timeline', [CompletionResultType]::ParameterName, 'Include a per-second timeline in the report: commands measured in each second (under the table, and `timeline` in JSON)')
            [CompletionResult]::new('--keep-keys', '--keep-keys', [CompletionResultType]::ParameterName, 'Leave the keys the run wrote (by default every key under --key-prefix is removed at the end of a run that writes)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Write even into a database that holds keys the run did not write, outside --key-prefix or already under it (no question asked; the cleanup removes every key under the prefix)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Write even into a database that holds keys the run did not write, outside --key-prefix or already under it (no question asked; the cleanup removes every key under the prefix)')
            [CompletionResult]::new('--cleanup', '--cleanup', [CompletionResultType]::ParameterName, 'Remove the keys under --key-prefix afterwards (the default now; kept for old scripts)')
            [CompletionResult]::new('--read-from-replicas', '--read-from-replicas', [CompletionResultType]::ParameterName, 'Reads (GET, MGET, HGETALL, XREAD, the reads of mixed, cache, custom and scenario commands) go to a replica of each master of the cluster; writes to the masters')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (each command lists the ones it supports)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every stream key (on every master of a cluster) with length, times and groups')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'One stream''s details: groups with lag and pending, consumers with idle time')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'A consumer group''s pending entries, oldest first, to find stuck work')
            [CompletionResult]::new('trim', 'trim', [CompletionResultType]::ParameterValue, 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Entries in order, by id or time range, paged so memory stays flat')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'A job''s events as a timeline with its outcome and duration')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Move entries pending with a dead consumer to a live one (idle longer than --min-idle)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge entries of a consumer group (by id, or a consumer''s idle entries)')
            [CompletionResult]::new('dlq', 'dlq', [CompletionResultType]::ParameterValue, 'Move entries delivered too often and idle too long to a dead-letter stream (acked)')
            [CompletionResult]::new('requeue', 'requeue', [CompletionResultType]::ParameterValue, 'Put dead letters back into their stream as new entries')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy (replay) entries into another stream, on this server or another one')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Consumer groups: create, move the last-delivered id (replay or skip), delete consumers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;stream;list' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Key glob [default: streams.match from the config, job_events:*]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show only the N most recently active streams')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;info' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Also include XINFO STREAM FULL (every group''s PEL and consumers, as JSON)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;pending' {
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'Only entries idle at least this long')
            [CompletionResult]::new('--consumer', '--consumer', [CompletionResultType]::ParameterName, 'Only this consumer''s entries')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;trim' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Every stream whose key matches GLOB (on every master of a cluster)')
            [CompletionResult]::new('--maxlen', '--maxlen', [CompletionResultType]::ParameterName, 'Keep the newest N entries')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Drop entries older than DUR (by their id''s time)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--approximate', '--approximate', [CompletionResultType]::ParameterName, 'Let Redis trim whole nodes only (~): faster, may keep a few more entries')
            [CompletionResult]::new('--include-unprocessed', '--include-unprocessed', [CompletionResultType]::ParameterName, 'Also remove entries a consumer group has not been delivered or has pending (lost work for that group; asks, or --yes)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;jobs' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Key glob [default: streams.match from the config, job_events:*]')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'A job whose last event is older than DUR and that has not finished is stuck [default: streams.stuck_after from the config, 15m]')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only jobs in these states (repeat or separate with commas)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only jobs with an event in the last DUR (30s, 10m, 2h, 7d)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show only the N most recently active jobs (counts still cover every listed job)')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order of the jobs: state (stuck, failed, running, completed), age (oldest last event first) or length (most events first) [default: most recent first; on a terminal, stuck jobs first]')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'With --delete-finished or --expire: only jobs whose last event is older than DUR')
            [CompletionResult]::new('--expire', '--expire', [CompletionResultType]::ParameterName, 'Instead of deleting, set this TTL on the finished jobs'' streams (those without one)')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'With --delete-finished/--expire: at most N streams per second (keeps a busy server responsive)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--delete-finished', '--delete-finished', [CompletionResultType]::ParameterName, 'Delete the streams of finished jobs (completed or failed) whose last event is older than --older-than; running and stuck jobs, and jobs with dead letters, are never touched')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;read' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First entry: id, RFC 3339 time or duration ago [default: the first]')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last entry: id, RFC 3339 time or duration ago [default: the last]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries of the last DUR: 30s, 10m, 2h, 7d (same as --from DUR; a bare number is refused)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Print at most N entries (after filters)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Print at most N entries (after filters)')
            [CompletionResult]::new('--event-type', '--event-type', [CompletionResultType]::ParameterName, 'Only entries of this event type (repeat for several)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only entries with TEXT in a field name or value (bytes, as the shell passes them)')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Only entries where PATH OP VALUE holds (repeat: all must): data.status=failed, data.progress>=50, data.error~timeout (a regex), event_type!=task_progress. PATH is a field, then keys into its JSON; numbers compare as numbers; a missing path matches only !=')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Entries fetched per XRANGE call')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Newest first')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;tail' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where to start: $, 0, an id, an RFC 3339 time or a duration ago')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Read through this consumer group')
            [CompletionResult]::new('--consumer', '--consumer', [CompletionResultType]::ParameterName, 'Consumer name within --group')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Exit after N entries')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after N entries')
            [CompletionResult]::new('--event-type', '--event-type', [CompletionResultType]::ParameterName, 'Only print entries of this event type (repeat for several)')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Only entries where PATH OP VALUE holds (repeat: all must): data.status=failed, data.progress>=50, data.error~timeout (a regex), event_type!=task_progress. PATH is a field, then keys into its JSON; numbers compare as numbers; a missing path matches only !=')
            [CompletionResult]::new('--until-event', '--until-event', [CompletionResultType]::ParameterName, 'Exit when one of these event types arrives: 0 for the first listed, 1 for the others')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Give up (exit 3) when a key that does not exist yet has no entry after DUR')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--ack', '--ack', [CompletionResultType]::ParameterName, 'Acknowledge (XACK) each entry once it is printed')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;job' {
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'With --follow: give up after DUR without an outcome (exit 3), including the wait for a stream that does not exist yet')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'A job whose last event is older than DUR and that has not finished is stuck [default: streams.stuck_after from the config, 15m]')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Only show events where PATH OP VALUE holds (repeat: all must), e.g. data.progress>=50; the job''s state still comes from every event. Exit 1 when none does')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Wait for the job to complete or fail (also when its stream does not exist yet)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Wait for the job to complete or fail (also when its stream does not exist yet)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;claim' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The consumer that takes the entries (a name the group does not have is warned about, and refused under -q, unless --new-consumer)')
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'Only entries idle at least this long')
            [CompletionResult]::new('--from-consumer', '--from-consumer', [CompletionResultType]::ParameterName, 'Only entries held by this consumer')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Move at most N entries')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--new-consumer', '--new-consumer', [CompletionResultType]::ParameterName, '--to names a consumer the group does not have yet, on purpose (XCLAIM creates it): no warning, and no refusal under -q')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;ack' {
            [CompletionResult]::new('--from-consumer', '--from-consumer', [CompletionResultType]::ParameterName, 'Acknowledge the entries this consumer holds (with --min-idle: only those idle that long)')
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'With --from-consumer: only entries idle at least this long')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;dlq' {
            [CompletionResult]::new('--min-deliveries', '--min-deliveries', [CompletionResultType]::ParameterName, 'Only entries delivered at least N times')
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'Only entries idle at least this long')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The dead-letter stream [default: KEY:dlq; on a cluster {KEY}:dlq when KEY has no hash tag, so it shares KEY''s slot]')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Move at most N entries')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;requeue' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Requeue into this stream instead of each entry''s dlq_stream')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Only these dead letters (repeat or separate with commas)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every dead letter in the stream')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;copy' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First entry: an id, an RFC 3339 time or a duration ago (10m)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last entry: an id, an RFC 3339 time or a duration ago')
            [CompletionResult]::new('--event-type', '--event-type', [CompletionResultType]::ParameterName, 'Only entries of this event type (repeat or separate with commas)')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Only entries where PATH OP VALUE holds (as stream read --where)')
            [CompletionResult]::new('--to-url', '--to-url', [CompletionResultType]::ParameterName, 'Write DST on this server instead (redis://, rediss://); the password comes from the URL')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--keep-ids', '--keep-ids', [CompletionResultType]::ParameterName, 'Keep the entries'' ids (DST must be empty or end before the first entry copied)')
            [CompletionResult]::new('--to-cluster', '--to-cluster', [CompletionResultType]::ParameterName, 'With --to-url: the URL is a seed of a Redis Cluster')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Count what would be copied and copy nothing')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;group' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (each command lists the ones it supports)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a consumer group starting after an id or a time ($ = only new entries)')
            [CompletionResult]::new('setid', 'setid', [CompletionResultType]::ParameterValue, 'Move a group''s last-delivered id: replay entries or skip them')
            [CompletionResult]::new('delconsumer', 'delconsumer', [CompletionResultType]::ParameterValue, 'Delete consumers (one, or every consumer idle longer than --idle-over)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;stream;group;create' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Deliver entries after this point: $ (only new), 0 (everything), an id, an RFC 3339 time or a duration ago (10m)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--mkstream', '--mkstream', [CompletionResultType]::ParameterName, 'Create the stream when it does not exist')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;group;setid' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;group;delconsumer' {
            [CompletionResult]::new('--idle-over', '--idle-over', [CompletionResultType]::ParameterName, 'Delete every consumer idle longer than DUR')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also delete consumers that hold pending entries (those entries are dropped from the group: nobody will be given them again)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;stream;group;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a consumer group starting after an id or a time ($ = only new entries)')
            [CompletionResult]::new('setid', 'setid', [CompletionResultType]::ParameterValue, 'Move a group''s last-delivered id: replay entries or skip them')
            [CompletionResult]::new('delconsumer', 'delconsumer', [CompletionResultType]::ParameterValue, 'Delete consumers (one, or every consumer idle longer than --idle-over)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;stream;group;help;create' {
            break
        }
        'redkit;stream;group;help;setid' {
            break
        }
        'redkit;stream;group;help;delconsumer' {
            break
        }
        'redkit;stream;group;help;help' {
            break
        }
        'redkit;stream;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every stream key (on every master of a cluster) with length, times and groups')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'One stream''s details: groups with lag and pending, consumers with idle time')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'A consumer group''s pending entries, oldest first, to find stuck work')
            [CompletionResult]::new('trim', 'trim', [CompletionResultType]::ParameterValue, 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Entries in order, by id or time range, paged so memory stays flat')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'A job''s events as a timeline with its outcome and duration')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Move entries pending with a dead consumer to a live one (idle longer than --min-idle)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge entries of a consumer group (by id, or a consumer''s idle entries)')
            [CompletionResult]::new('dlq', 'dlq', [CompletionResultType]::ParameterValue, 'Move entries delivered too often and idle too long to a dead-letter stream (acked)')
            [CompletionResult]::new('requeue', 'requeue', [CompletionResultType]::ParameterValue, 'Put dead letters back into their stream as new entries')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy (replay) entries into another stream, on this server or another one')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Consumer groups: create, move the last-delivered id (replay or skip), delete consumers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;stream;help;list' {
            break
        }
        'redkit;stream;help;info' {
            break
        }
        'redkit;stream;help;pending' {
            break
        }
        'redkit;stream;help;trim' {
            break
        }
        'redkit;stream;help;jobs' {
            break
        }
        'redkit;stream;help;read' {
            break
        }
        'redkit;stream;help;tail' {
            break
        }
        'redkit;stream;help;job' {
            break
        }
        'redkit;stream;help;claim' {
            break
        }
        'redkit;stream;help;ack' {
            break
        }
        'redkit;stream;help;dlq' {
            break
        }
        'redkit;stream;help;requeue' {
            break
        }
        'redkit;stream;help;copy' {
            break
        }
        'redkit;stream;help;group' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a consumer group starting after an id or a time ($ = only new entries)')
            [CompletionResult]::new('setid', 'setid', [CompletionResultType]::ParameterValue, 'Move a group''s last-delivered id: replay entries or skip them')
            [CompletionResult]::new('delconsumer', 'delconsumer', [CompletionResultType]::ParameterValue, 'Delete consumers (one, or every consumer idle longer than --idle-over)')
            break
        }
        'redkit;stream;help;group;create' {
            break
        }
        'redkit;stream;help;group;setid' {
            break
        }
        'redkit;stream;help;group;delconsumer' {
            break
        }
        'redkit;stream;help;help' {
            break
        }
        'redkit;wait' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--max-wait', '--max-wait', [CompletionResultType]::ParameterName, 'Give up after this long and exit 3 naming what is not ready (0: check once)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between attempts')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--redis', '--redis', [CompletionResultType]::ParameterName, 'Wait for Redis (with --database: both) [default: each that is configured]')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'Wait for the database of DATABASE_URL or migrate.database_url')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;migrate' {
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply or statement [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (each command lists the ones it supports)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('recipients', 'recipients', [CompletionResultType]::ParameterValue, 'Move single-recipient messages into message_recipients (chunked, resumable, verified)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the runs in the state table and the work remaining (exit 1 when unfinished)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;migrate;recipients' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]')
            [CompletionResult]::new('--created-at-out-of-range', '--created-at-out-of-range', [CompletionResultType]::ParameterName, 'What the copy writes for a created_at the target column cannot hold (a MySQL TIMESTAMP holds 1970-01-01 00:00:01 .. 2038-01-19 03:14:07 UTC; an existing PostgreSQL date or timestamp(0) keeps less): refuse (exit 2, naming the ids), clamp to the nearest value the column holds, or null')
            [CompletionResult]::new('--defer-indexes', '--defer-indexes', [CompletionResultType]::ParameterName, 'Build the secondary indexes after the copy (faster) or keep them during it')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Rows per chunk to start with (the size then adapts to --chunk-time)')
            [CompletionResult]::new('--chunk-time', '--chunk-time', [CompletionResultType]::ParameterName, 'Target time per chunk; 0 keeps --batch-size fixed')
            [CompletionResult]::new('--sleep', '--sleep', [CompletionResultType]::ParameterName, 'Pause between chunks, to leave room for the application')
            [CompletionResult]::new('--max-rows', '--max-rows', [CompletionResultType]::ParameterName, 'Stop (resumably) once this many rows were copied in this run')
            [CompletionResult]::new('--log-every', '--log-every', [CompletionResultType]::ParameterName, 'At most this often, a progress line on stderr when no progress bar is shown (cron), and a reminder while the copy is paused (a pause is logged when it begins or its cause changes); 0 for neither')
            [CompletionResult]::new('--replica', '--replica', [CompletionResultType]::ParameterName, 'A replica to watch: the copy pauses while its lag is over --max-lag (repeatable)')
            [CompletionResult]::new('--max-lag', '--max-lag', [CompletionResultType]::ParameterName, 'The most replica lag the copy lets build up [default: 1s with a --replica]')
            [CompletionResult]::new('--max-load', '--max-load', [CompletionResultType]::ParameterName, 'Pause while a status value of the primary is above a limit: Threads_running=25 on MySQL/MariaDB, active_sessions=20 on PostgreSQL (repeatable)')
            [CompletionResult]::new('--pause-file', '--pause-file', [CompletionResultType]::ParameterName, 'Pause while this file exists (hold a running copy from another shell)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply or statement [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed when there is no terminal)')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Only verify: every eligible message has its recipient row, no read lost, no orphans')
            [CompletionResult]::new('--rollback', '--rollback', [CompletionResultType]::ParameterName, 'Remove the rows migration runs created, after copying reads done on them back into messages (a read only: a message read in messages stays read)')
            [CompletionResult]::new('--repair-reads', '--repair-reads', [CompletionResultType]::ParameterName, 'Mark read in message_recipients the rows --verify counts as "read lost" (read in messages, unread in their row), in chunks recorded as a run')
            [CompletionResult]::new('--create-table', '--create-table', [CompletionResultType]::ParameterName, 'Create the recipients table (the seed''s schema, in this database''s dialect) if missing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the preflight counts and the plan (batches, SQL); change nothing. With --rollback or --repair-reads: the rows and read states they would change')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;migrate;status' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply or statement [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;migrate;help' {
            [CompletionResult]::new('recipients', 'recipients', [CompletionResultType]::ParameterValue, 'Move single-recipient messages into message_recipients (chunked, resumable, verified)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the runs in the state table and the work remaining (exit 1 when unfinished)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;migrate;help;recipients' {
            break
        }
        'redkit;migrate;help;status' {
            break
        }
        'redkit;migrate;help;help' {
            break
        }
        'redkit;config' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (the default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;config;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'redkit;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (the default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;config;help;show' {
            break
        }
        'redkit;config;help;help' {
            break
        }
        'redkit;init' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write the file')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'redkit;completions' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'redkit;top' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Redis host [env: REDIS_HOST] [default: localhost]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Redis port [env: REDIS_PORT] [default: 6379]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database number [env: REDIS_DB] [default: 0]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'ACL user name [env: REDIS_USERNAME]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the password from FILE (first line) instead of REDIS_PASSWORD')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'Find the master through this Sentinel (host:port or redis:// URL)')
            [CompletionResult]::new('--master-name', '--master-name', [CompletionResultType]::ParameterName, 'Master name known to Sentinel')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'CA certificate (PEM) to verify the server with')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'Client certificate (PEM) for mutual TLS')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Client private key (PEM) for mutual TLS')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout, e.g. 500ms, 5s [default: 5s]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each reply [default: 5s]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Refresh every DUR: one INFO per node per refresh')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Write every frame to FILE as one JSON object per line (a new file: an existing one is refused, see --append)')
            [CompletionResult]::new('--replay', '--replay', [CompletionResultType]::ParameterName, 'Play a recording made with --record instead of asking any server')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort by this column at start')
            [CompletionResult]::new('--stream', '--stream', [CompletionResultType]::ParameterName, 'Streams whose consumer groups the streams pane shows (repeat or comma-separate)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N frames (recording without a terminal; at least 1)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named profile of the config file [env: REDKIT_PROFILE]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, '.env file to read (never overrides the real environment) [default: ./.env when present]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (NO_COLOR is honoured)')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate at all (tests and labs only)')
            [CompletionResult]::new('--append', '--append', [CompletionResultType]::ParameterName, 'With --record: add the frames to the end of an existing recording (never to a file that is not one)')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Quiet: nothing at all when the run succeeds and finds nothing wrong (the exit code says so; queries too, as `grep -q`); on a problem, the summary and the failing rows')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables show every cell whole instead of fitting the terminal''s width')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'redkit;help' {
            [CompletionResult]::new('validate-env', 'validate-env', [CompletionResultType]::ParameterValue, 'Check the environment and .env against a spec (required/recommended/optional, typed)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Validate the environment (optionally wait for its services), then exec CMD with it')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check every node''s health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Flush or size cache keys by prefix or pattern (SCAN + UNLINK, never FLUSHDB)')
            [CompletionResult]::new('bench', 'bench', [CompletionResultType]::ParameterValue, 'Generate load and measure latency percentiles; save and compare baselines')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Inspect and operate the application''s Redis Streams: list, read, tail, jobs, groups, claim, trim')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Block until Redis and the database are ready (exit 3 naming what is not, after --max-wait)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Database migrations of the application''s tables (message_recipients)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from, secrets masked')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter redkit.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Live view of every node: ops/s, p99, memory, hit %, clients, evictions, lag (q quits)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;help;validate-env' {
            break
        }
        'redkit;help;run' {
            break
        }
        'redkit;help;health' {
            break
        }
        'redkit;help;ping' {
            break
        }
        'redkit;help;cache' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Delete keys by prefix or pattern (SCAN + UNLINK), asking first unless --yes')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Count and size keys by prefix or pattern: types, TTLs, memory, biggest keys')
            [CompletionResult]::new('analyze', 'analyze', [CompletionResultType]::ParameterValue, 'Where the memory goes, from an RDB snapshot: per key-shape group, biggest keys, TTLs')
            break
        }
        'redkit;help;cache;flush' {
            break
        }
        'redkit;help;cache;stats' {
            break
        }
        'redkit;help;cache;analyze' {
            break
        }
        'redkit;help;bench' {
            break
        }
        'redkit;help;stream' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every stream key (on every master of a cluster) with length, times and groups')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'One stream''s details: groups with lag and pending, consumers with idle time')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'A consumer group''s pending entries, oldest first, to find stuck work')
            [CompletionResult]::new('trim', 'trim', [CompletionResultType]::ParameterValue, 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Every job stream with its state (running, completed, failed, stuck); exit 1 when stuck')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Entries in order, by id or time range, paged so memory stays flat')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'A job''s events as a timeline with its outcome and duration')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Move entries pending with a dead consumer to a live one (idle longer than --min-idle)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Acknowledge entries of a consumer group (by id, or a consumer''s idle entries)')
            [CompletionResult]::new('dlq', 'dlq', [CompletionResultType]::ParameterValue, 'Move entries delivered too often and idle too long to a dead-letter stream (acked)')
            [CompletionResult]::new('requeue', 'requeue', [CompletionResultType]::ParameterValue, 'Put dead letters back into their stream as new entries')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy (replay) entries into another stream, on this server or another one')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Consumer groups: create, move the last-delivered id (replay or skip), delete consumers')
            break
        }
        'redkit;help;stream;list' {
            break
        }
        'redkit;help;stream;info' {
            break
        }
        'redkit;help;stream;pending' {
            break
        }
        'redkit;help;stream;trim' {
            break
        }
        'redkit;help;stream;jobs' {
            break
        }
        'redkit;help;stream;read' {
            break
        }
        'redkit;help;stream;tail' {
            break
        }
        'redkit;help;stream;job' {
            break
        }
        'redkit;help;stream;claim' {
            break
        }
        'redkit;help;stream;ack' {
            break
        }
        'redkit;help;stream;dlq' {
            break
        }
        'redkit;help;stream;requeue' {
            break
        }
        'redkit;help;stream;copy' {
            break
        }
        'redkit;help;stream;group' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a consumer group starting after an id or a time ($ = only new entries)')
            [CompletionResult]::new('setid', 'setid', [CompletionResultType]::ParameterValue, 'Move a group''s last-delivered id: replay entries or skip them')
            [CompletionResult]::new('delconsumer', 'delconsumer', [CompletionResultType]::ParameterValue, 'Delete consumers (one, or every consumer idle longer than --idle-over)')
            break
        }
        'redkit;help;stream;group;create' {
            break
        }
        'redkit;help;stream;group;setid' {
            break
        }
        'redkit;help;stream;group;delconsumer' {
            break
        }
        'redkit;help;wait' {
            break
        }
        'redkit;help;migrate' {
            [CompletionResult]::new('recipients', 'recipients', [CompletionResultType]::ParameterValue, 'Move single-recipient messages into message_recipients (chunked, resumable, verified)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the runs in the state table and the work remaining (exit 1 when unfinished)')
            break
        }
        'redkit;help;migrate;recipients' {
            break
        }
        'redkit;help;migrate;status' {
            break
        }
        'redkit;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (the default)')
            break
        }
        'redkit;help;config;show' {
            break
        }
        'redkit;help;init' {
            break
        }
        'redkit;help;completions' {
            break
        }
        'redkit;help;top' {
            break
        }
        'redkit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
