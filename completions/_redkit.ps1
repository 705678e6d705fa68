
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
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Inspect the application''s Redis Streams: list, info, read, tail, job, pending, trim')
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
        'redkit;stream' {
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
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every stream key (on every master of a cluster) with length, times and groups')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'One stream''s details: groups with lag and pending, consumers with idle time')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Entries in order, by id or time range, paged so memory stays flat')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'A job''s events as a timeline with its outcome and duration')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'A consumer group''s pending entries, oldest first, to find stuck work')
            [CompletionResult]::new('trim', 'trim', [CompletionResultType]::ParameterValue, 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;stream;list' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Key glob [default: streams.match from the config, job_events:*]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show only the N most recently active streams')
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
        'redkit;stream;info' {
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
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Also include XINFO STREAM FULL (every group''s PEL and consumers, as JSON)')
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
        'redkit;stream;read' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First entry: id, RFC 3339 time or duration ago [default: the first]')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Last entry: id, RFC 3339 time or duration ago [default: the last]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries of the last DUR (same as --from DUR)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Print at most N entries (after filters)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Print at most N entries (after filters)')
            [CompletionResult]::new('--event-type', '--event-type', [CompletionResultType]::ParameterName, 'Only entries of this event type (repeat for several)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only entries with TEXT in a field name or value')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Entries fetched per XRANGE call')
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
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Newest first')
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
        'redkit;stream;tail' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Where to start: $, 0, an id, an RFC 3339 time or a duration ago')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Read through this consumer group')
            [CompletionResult]::new('--consumer', '--consumer', [CompletionResultType]::ParameterName, 'Consumer name within --group')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Exit after N entries')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after N entries')
            [CompletionResult]::new('--event-type', '--event-type', [CompletionResultType]::ParameterName, 'Only print entries of this event type (repeat for several)')
            [CompletionResult]::new('--until-event', '--until-event', [CompletionResultType]::ParameterName, 'Exit when one of these event types arrives: 0 for the first listed, 1 for the others')
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
            [CompletionResult]::new('--ack', '--ack', [CompletionResultType]::ParameterName, 'Acknowledge (XACK) each entry once it is printed')
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
        'redkit;stream;job' {
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
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Wait for the job to complete or fail (also when its stream does not exist yet)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Wait for the job to complete or fail (also when its stream does not exist yet)')
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
        'redkit;stream;pending' {
            [CompletionResult]::new('--min-idle', '--min-idle', [CompletionResultType]::ParameterName, 'Only entries idle at least this long')
            [CompletionResult]::new('--consumer', '--consumer', [CompletionResultType]::ParameterName, 'Only this consumer''s entries')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N entries')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Show at most N entries')
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
        'redkit;stream;trim' {
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Every stream whose key matches GLOB (on every master of a cluster)')
            [CompletionResult]::new('--maxlen', '--maxlen', [CompletionResultType]::ParameterName, 'Keep the newest N entries')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Drop entries older than DUR (by their id''s time)')
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
            [CompletionResult]::new('--approximate', '--approximate', [CompletionResultType]::ParameterName, 'Let Redis trim whole nodes only (~): faster, may keep a few more entries')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Report what would be removed and remove nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
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
        'redkit;stream;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every stream key (on every master of a cluster) with length, times and groups')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'One stream''s details: groups with lag and pending, consumers with idle time')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Entries in order, by id or time range, paged so memory stays flat')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'A job''s events as a timeline with its outcome and duration')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'A consumer group''s pending entries, oldest first, to find stuck work')
            [CompletionResult]::new('trim', 'trim', [CompletionResultType]::ParameterValue, 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;stream;help;list' {
            break
        }
        'redkit;stream;help;info' {
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
        'redkit;stream;help;pending' {
            break
        }
        'redkit;stream;help;trim' {
            break
        }
        'redkit;stream;help;help' {
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
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered')
            [CompletionResult]::new('stream', 'stream', [CompletionResultType]::ParameterValue, 'Inspect the application''s Redis Streams: list, info, read, tail, job, pending, trim')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings and where each came from, secrets masked')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter redkit.yaml')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;help;validate-env' {
            break
        }
        'redkit;help;ping' {
            break
        }
        'redkit;help;stream' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every stream key (on every master of a cluster) with length, times and groups')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'One stream''s details: groups with lag and pending, consumers with idle time')
            [CompletionResult]::new('read', 'read', [CompletionResultType]::ParameterValue, 'Entries in order, by id or time range, paged so memory stays flat')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Follow new entries (XREAD / XREADGROUP BLOCK), reconnecting after a restart')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'A job''s events as a timeline with its outcome and duration')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'A consumer group''s pending entries, oldest first, to find stuck work')
            [CompletionResult]::new('trim', 'trim', [CompletionResultType]::ParameterValue, 'Drop old entries (XTRIM MAXLEN / MINID) from one stream or every matching one')
            break
        }
        'redkit;help;stream;list' {
            break
        }
        'redkit;help;stream;info' {
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
        'redkit;help;stream;pending' {
            break
        }
        'redkit;help;stream;trim' {
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
