# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_redkit_global_optspecs
    string join \n config= profile= env-file= no-env-file u/url= host= port= db= user= password-file= askpass cluster sentinel= master-name= tls cacert= cert= key= insecure connect-timeout= timeout= format= color= q/quiet v/verbose h/help V/version
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
complete -c redkit -n "__fish_redkit_needs_command" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_needs_command" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_needs_command" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_needs_command" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "validate-env" -d 'Check the environment and .env against a spec (required/recommended/optional, typed)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "ping" -d 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "migrate" -d 'Database migrations of the application\'s tables (message_recipients)'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "config" -d 'Show the resolved settings and where each came from, secrets masked'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "init" -d 'Write a commented starter redkit.yaml'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c redkit -n "__fish_redkit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l spec -d 'Spec file (YAML with required/recommended/optional, or an env: section)' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l example -d 'Also report keys of this .env.example that are not set' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l strict -d 'Fail on missing recommended variables (and missing --example keys)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l deny-unknown -d 'Fail on variables set in .env that the spec does not know'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand validate-env" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
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
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand ping" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -f -a "recipients" -d 'Move single-recipient messages into message_recipients (chunked, resumable, verified)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and not __fish_seen_subcommand_from recipients help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l database-url -d 'sqlite://PATH, mysql:// (or mariadb://), postgres:// [env: DATABASE_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l batch-size -d 'Ids per chunk to start with (the size then adapts to --chunk-time)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l chunk-time -d 'Target time per chunk; 0 keeps --batch-size fixed' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l sleep -d 'Pause between chunks, to leave room for the application' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l max-rows -d 'Stop (resumably) once this many rows were copied in this run' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l log-every -d 'A log line on stderr every N chunks when no progress bar is shown (cron)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l dry-run -d 'Show the preflight counts and the plan (batches, SQL); change nothing'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l verify -d 'Only verify: every eligible message has its recipient row, same is_read, no orphans'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l rollback -d 'Remove the rows the migration created, after copying read state back into messages'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l yes -d 'Do not ask before changing the database'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from recipients" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "recipients" -d 'Move single-recipient messages into message_recipients (chunked, resumable, verified)'
complete -c redkit -n "__fish_redkit_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
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
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Print the resolved settings (the default)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
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
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the resolved settings (the default)'
complete -c redkit -n "__fish_redkit_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s o -l output -d 'Where to write the file' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand init" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand init" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand init" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand init" -l force -d 'Overwrite an existing file'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand init" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand init" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l config -d 'YAML config file [env: REDKIT_CONFIG] [default: ./redkit.yaml when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l profile -d 'Named profile of the config file [env: REDKIT_PROFILE]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l env-file -d '.env file to read (never overrides the real environment) [default: ./.env when present]' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s u -l url -d 'Redis URL: redis://, rediss://, redis+unix:// (repeat for cluster seeds) [env: REDIS_URL]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l host -d 'Redis host [env: REDIS_HOST] [default: localhost]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l port -d 'Redis port [env: REDIS_PORT] [default: 6379]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l db -d 'Database number [env: REDIS_DB] [default: 0]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l user -d 'ACL user name [env: REDIS_USERNAME]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l password-file -d 'Read the password from FILE (first line) instead of REDIS_PASSWORD' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l sentinel -d 'Find the master through this Sentinel (host:port or redis:// URL)' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l master-name -d 'Master name known to Sentinel' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l cacert -d 'CA certificate (PEM) to verify the server with' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l cert -d 'Client certificate (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l key -d 'Client private key (PEM) for mutual TLS' -r -F
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l connect-timeout -d 'Connect timeout, e.g. 500ms, 5s [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l timeout -d 'Timeout for each reply [default: 5s]' -r
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l format -d 'Output format (each command lists the ones it supports)' -r -f -a "table\t'Aligned table for people (default)'
json\t'One JSON document'
ndjson\t'One JSON object per line'
prometheus\t'Prometheus text exposition format'
nagios\t'Monitoring-plugin line with perfdata'
raw\t'Values as stored'"
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l color -d 'When to use colors (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l no-env-file -d 'Do not read any .env file'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l askpass -d 'Prompt for the password on the terminal'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l cluster -d 'The URL(s) are seed nodes of a Redis Cluster'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l tls -d 'Use TLS (implied by rediss://)'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -l insecure -d 'Do not verify the server\'s certificate host name'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s q -l quiet -d 'Print only the result: no notes, no progress'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (repeat for more)'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c redkit -n "__fish_redkit_using_subcommand completions" -s V -l version -d 'Print version'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "validate-env" -d 'Check the environment and .env against a spec (required/recommended/optional, typed)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "ping" -d 'Connect to Redis (standalone, cluster or through Sentinel) and report who answered'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "migrate" -d 'Database migrations of the application\'s tables (message_recipients)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "config" -d 'Show the resolved settings and where each came from, secrets masked'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "init" -d 'Write a commented starter redkit.yaml'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c redkit -n "__fish_redkit_using_subcommand help; and not __fish_seen_subcommand_from validate-env ping migrate config init completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "recipients" -d 'Move single-recipient messages into message_recipients (chunked, resumable, verified)'
complete -c redkit -n "__fish_redkit_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the resolved settings (the default)'
