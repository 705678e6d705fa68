
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
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Database migrations of the application''s tables (message_recipients)')
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
        'redkit;migrate' {
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
            [CompletionResult]::new('recipients', 'recipients', [CompletionResultType]::ParameterValue, 'Move single-recipient messages into message_recipients (chunked, resumable, verified)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;migrate;recipients' {
            [CompletionResult]::new('--database-url', '--database-url', [CompletionResultType]::ParameterName, 'sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Ids per chunk to start with (the size then adapts to --chunk-time)')
            [CompletionResult]::new('--chunk-time', '--chunk-time', [CompletionResultType]::ParameterName, 'Target time per chunk; 0 keeps --batch-size fixed')
            [CompletionResult]::new('--sleep', '--sleep', [CompletionResultType]::ParameterName, 'Pause between chunks, to leave room for the application')
            [CompletionResult]::new('--max-rows', '--max-rows', [CompletionResultType]::ParameterName, 'Stop (resumably) once this many rows were copied in this run')
            [CompletionResult]::new('--log-every', '--log-every', [CompletionResultType]::ParameterName, 'A log line on stderr every N chunks when no progress bar is shown (cron)')
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
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the preflight counts and the plan (batches, SQL); change nothing')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Only verify: every eligible message has its recipient row, same is_read, no orphans')
            [CompletionResult]::new('--rollback', '--rollback', [CompletionResultType]::ParameterName, 'Remove the rows the migration created, after copying read state back into messages')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before changing the database')
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
        'redkit;migrate;help' {
            [CompletionResult]::new('recipients', 'recipients', [CompletionResultType]::ParameterValue, 'Move single-recipient messages into message_recipients (chunked, resumable, verified)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'redkit;migrate;help;recipients' {
            break
        }
        'redkit;migrate;help;help' {
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
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Database migrations of the application''s tables (message_recipients)')
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
        'redkit;help;migrate' {
            [CompletionResult]::new('recipients', 'recipients', [CompletionResultType]::ParameterValue, 'Move single-recipient messages into message_recipients (chunked, resumable, verified)')
            break
        }
        'redkit;help;migrate;recipients' {
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
