# Local development settings, sourced by the run and test scripts. Only local defaults here.
export MASSTRANSIT_USAGE_TELEMETRY=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
# PostgreSQL on loopback, so without TLS: Npgsql's default (SSL Mode=Prefer) encrypts every round trip
# to a server with ssl=on, as Debian's is (docs/performance.md). A remote database keeps TLS.
export ConnectionStrings__ProcessBatching="${ConnectionStrings__ProcessBatching:-Host=127.0.0.1;Port=5432;Database=processbatching;Username=processbatching;Password=processbatching;SSL Mode=Disable}"
export RabbitMq__Host="${RabbitMq__Host:-127.0.0.1}"
export RabbitMq__Port="${RabbitMq__Port:-5672}"
export RabbitMq__VirtualHost="${RabbitMq__VirtualHost:-/}"
export RabbitMq__Username="${RabbitMq__Username:-guest}"
export RabbitMq__Password="${RabbitMq__Password:-guest}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
