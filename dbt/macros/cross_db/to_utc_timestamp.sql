{#-
    Convert a timestamp without time zone that holds local wall-clock time in `tz`
    (an IANA name such as 'Europe/Brussels') into the same instant as a UTC timestamp
    without time zone, so that it can be compared with UTC timestamps such as received_at.
    Daylight saving time is handled by the database's time zone database.
-#}
{% macro to_utc_timestamp(local_timestamp, tz) -%}
    {{ return(adapter.dispatch('to_utc_timestamp', 'spf_warehouse')(local_timestamp, tz)) }}
{%- endmacro %}

{#- DuckDB (ICU): timezone(tz, timestamp) reads local time -> timestamptz; timezone('UTC', …)
    turns it back into a naive UTC timestamp. -#}
{% macro default__to_utc_timestamp(local_timestamp, tz) -%}
    timezone('UTC', timezone('{{ tz }}', {{ local_timestamp }}))
{%- endmacro %}

{% macro duckdb__to_utc_timestamp(local_timestamp, tz) -%}
    timezone('UTC', timezone('{{ tz }}', {{ local_timestamp }}))
{%- endmacro %}

{#- PostgreSQL: timestamp AT TIME ZONE tz -> timestamptz; timestamptz AT TIME ZONE 'UTC' ->
    naive UTC timestamp. -#}
{% macro postgres__to_utc_timestamp(local_timestamp, tz) -%}
    (({{ local_timestamp }}) at time zone '{{ tz }}') at time zone 'UTC'
{%- endmacro %}

{% macro spark__to_utc_timestamp(local_timestamp, tz) -%}
    to_utc_timestamp({{ local_timestamp }}, '{{ tz }}')
{%- endmacro %}
