"""The agencies' draft API: an organisation's working copies, read and written with a personal
token through the register's services, field schema and workflow table."""
