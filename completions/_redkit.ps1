
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
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('validate-env', 'validate-env', [CompletionResultType]::ParameterValue, 'Check the environment and .env against a spec (required/recommended/optional, typed)')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check every node''s health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from, secrets masked')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter redkit.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;validate-env' {
            [CompletionResult]::new('--spec', '--spec', [CompletionResultType]::ParameterName, 'Spec file (YAML with required/recommended/optional, or an env: section)')
            [CompletionResult]::new('--example', '--example', [CompletionResultType]::ParameterName, 'Also report keys of this .env.example that are not set')
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
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail on missing recommended variables (and missing --example keys)')
            [CompletionResult]::new('--deny-unknown', '--deny-unknown', [CompletionResultType]::ParameterName, 'Fail on variables set in .env that the spec does not know')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'redkit;health' {
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Only these checks (repeat or comma-separate)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Leave these checks out (repeat or comma-separate)')
            [CompletionResult]::new('--samples', '--samples', [CompletionResultType]::ParameterName, 'PINGs per node for the latency figures [default: 5]')
            [CompletionResult]::new('--min-uptime', '--min-uptime', [CompletionResultType]::ParameterName, 'A restart more recent than this is a WARNING [default: 5m]')
            [CompletionResult]::new('--warn-latency', '--warn-latency', [CompletionResultType]::ParameterName, 'Median PING round trip for WARNING [default: 100ms]')
            [CompletionResult]::new('--crit-latency', '--crit-latency', [CompletionResultType]::ParameterName, 'Median PING round trip for CRITICAL [default: 500ms]')
            [CompletionResult]::new('--warn-memory', '--warn-memory', [CompletionResultType]::ParameterName, 'Memory used, percent of maxmemory (of system memory when unlimited) [default: 80]')
            [CompletionResult]::new('--crit-memory', '--crit-memory', [CompletionResultType]::ParameterName, 'Memory used for CRITICAL [default: 90]')
            [CompletionResult]::new('--warn-clients', '--warn-clients', [CompletionResultType]::ParameterName, 'Connected clients, percent of maxclients [default: 80]')
            [CompletionResult]::new('--crit-clients', '--crit-clients', [CompletionResultType]::ParameterName, 'Connected clients for CRITICAL [default: 95]')
            [CompletionResult]::new('--warn-lag', '--warn-lag', [CompletionResultType]::ParameterName, 'Replication lag (seconds since last I/O or ACK) for WARNING [default: 30s]')
            [CompletionResult]::new('--crit-lag', '--crit-lag', [CompletionResultType]::ParameterName, 'Replication lag for CRITICAL [default: 2m]')
            [CompletionResult]::new('--warn-fragmentation', '--warn-fragmentation', [CompletionResultType]::ParameterName, 'Fragmentation ratio for WARNING, judged past 32 MB wasted [default: 1.5]')
            [CompletionResult]::new('--crit-fragmentation', '--crit-fragmentation', [CompletionResultType]::ParameterName, 'Fragmentation ratio for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-hit-ratio', '--warn-hit-ratio', [CompletionResultType]::ParameterName, 'Keyspace hit ratio in percent for WARNING, e.g. 90: (below 90) [default: none]')
            [CompletionResult]::new('--crit-hit-ratio', '--crit-hit-ratio', [CompletionResultType]::ParameterName, 'Keyspace hit ratio for CRITICAL [default: none]')
            [CompletionResult]::new('--warn-save-age', '--warn-save-age', [CompletionResultType]::ParameterName, 'Age of the last RDB save (with writes since, saving on) for WARNING [default: 2h]')
            [CompletionResult]::new('--warn-slowlog', '--warn-slowlog', [CompletionResultType]::ParameterName, 'Slowest recent slow-log entry for WARNING [default: none]')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Re-check every DUR (redraws on a terminal; one report per round otherwise) until Ctrl-C')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE atomically (temporary file, then rename) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE atomically (temporary file, then rename) instead of stdout')
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
            [CompletionResult]::new('--no-replicas', '--no-replicas', [CompletionResultType]::ParameterName, 'Standalone: do not also check the replicas the master lists')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'redkit;ping' {
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
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'redkit;config' {
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
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the resolved settings (the default)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;config;show' {
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
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
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
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--no-env-file', '--no-env-file', [CompletionResultType]::ParameterName, 'Do not read any .env file')
            [CompletionResult]::new('--askpass', '--askpass', [CompletionResultType]::ParameterName, 'Prompt for the password on the terminal')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The URL(s) are seed nodes of a Redis Cluster')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'Use TLS (implied by rediss://)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'redkit;completions' {
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
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Do not verify the server''s certificate host name')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the result: no notes, no progress')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'redkit;help' {
            [CompletionResult]::new('validate-env', 'validate-env', [CompletionResultType]::ParameterValue, 'Check the environment and .env against a spec (required/recommended/optional, typed)')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check every node''s health against thresholds (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from, secrets masked')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter redkit.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;help;validate-env' {
            break
        }
        'redkit;help;health' {
            break
        }
        'redkit;help;ping' {
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
        'redkit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
